#ifndef CFILESWAP_H
#define CFILESWAP_H

/// Exchanges two paths atomically (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success,
/// -1 with errno set otherwise (also where the call does not exist).
int liveline_exchange_paths(const char *a, const char *b);

#endif
