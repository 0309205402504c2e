// A guard around GLPK: every call that can fail runs inside a C function that sets a jump point,
// so GLPK's error hook can longjmp back here instead of aborting the process. Swift never sees a
// glp_prob: each entry point builds, uses and frees it in one call, on one thread.
#ifndef CGLPKGUARD_H
#define CGLPKGUARD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Column kinds.
enum { LLG_CONTINUOUS = 1, LLG_INTEGER = 2, LLG_BINARY = 3 };

/// Bound types, as GLPK's GLP_FR / GLP_LO / GLP_UP / GLP_DB / GLP_FX.
enum { LLG_FREE = 1, LLG_LOWER = 2, LLG_UPPER = 3, LLG_DOUBLE = 4, LLG_FIXED = 5 };

/// A validated model. Arrays are 0-based; the matrix entries are (row, col) 0-based indices.
typedef struct {
    int rows;
    int cols;
    int maximize;
    double objective_constant;
    const double *objective;      // cols
    const int *col_kind;          // cols
    const int *col_bound_type;    // cols
    const double *col_lower;      // cols
    const double *col_upper;      // cols
    const int *row_bound_type;    // rows
    const double *row_lower;      // rows
    const double *row_upper;      // rows
    int entries;
    const int *entry_row;         // entries
    const int *entry_col;         // entries
    const double *entry_value;    // entries
    const char *const *col_names; // cols
    const char *const *row_names; // rows
    const char *name;
} llg_model;

/// What the progress callback sees.
typedef struct {
    int has_incumbent;
    double incumbent;
    int has_bound;
    double bound;
    double gap;       // relative gap as GLPK computes it; negative when unknown
    int nodes;        // nodes generated so far
    int reason;       // GLPK's callback reason
} llg_progress;

typedef struct {
    double time_limit_seconds;    // <= 0: none
    double mip_gap;               // relative gap tolerance, >= 0
    int presolve;                 // MIP presolver on/off (off when a warm start is given)
    int message_level;            // GLP_MSG_OFF .. GLP_MSG_ALL
    const double *warm_start;     // cols values, or NULL
    void *context;                // passed back to progress
    int (*progress)(void *context, const llg_progress *progress); // return non-zero to stop
} llg_options;

typedef struct {
    int failed;                   // 1 when GLPK reported an error (the environment was freed)
    int intopt_return;            // glp_intopt's return code
    int simplex_return;           // glp_simplex's return code (when run)
    int mip_status;               // glp_mip_status after the search
    double objective;
    int has_bound;
    double bound;
    int nodes;
    int warm_start_accepted;
    double *values;               // cols, filled when a solution exists (caller allocates)
} llg_result;

/// Builds the model, solves it with glp_intopt, reads the solution, frees everything.
/// Returns 0 when GLPK ran (see result), non-zero when it raised an error (result->failed = 1).
int llg_solve(const llg_model *model, const llg_options *options, llg_result *result);

/// Writes the model as CPLEX LP (format 0) or free MPS (format 1). Returns 0 on success.
int llg_write(const llg_model *model, int format, const char *path);

/// For tests: makes GLPK raise an error on purpose (an out-of-range row index).
/// Returns non-zero when the error was caught and the environment recovered.
int llg_debug_force_error(void);

/// GLPK's terminal output captured on this thread since the last call to llg_take_log
/// (error messages included). The pointer stays valid until the next GLPK call on this thread.
const char *llg_log(void);
void llg_clear_log(void);

/// glp_config("TLS") != NULL: environments are per thread.
int llg_thread_local_environment(void);

/// GLPK version string.
const char *llg_version(void);

#ifdef __cplusplus
}
#endif

#endif
