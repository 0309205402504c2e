#include "CGLPKGuard.h"

#include <glpk.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

// Per-thread state: GLPK's environment is thread-local in Debian's build, and so is ours.
static _Thread_local jmp_buf *active_jump = NULL;
static _Thread_local char *log_text = NULL;
static _Thread_local size_t log_length = 0;
static _Thread_local size_t log_capacity = 0;

static void append_log(const char *s) {
    size_t n = strlen(s);
    if (log_length + n + 1 > log_capacity) {
        size_t capacity = log_capacity ? log_capacity : 4096;
        while (capacity < log_length + n + 1) capacity *= 2;
        char *grown = realloc(log_text, capacity);
        if (!grown) return;
        log_text = grown;
        log_capacity = capacity;
    }
    memcpy(log_text + log_length, s, n + 1);
    log_length += n;
}

static int capture_terminal(void *info, const char *s) {
    (void)info;
    append_log(s);
    return 1; // suppress GLPK's own printing
}

static void on_error(void *info) {
    (void)info;
    if (active_jump) longjmp(*active_jump, 1);
    // No jump point: nothing safe to do but let GLPK abort as it would anyway.
}

static void install_hooks(void) {
    glp_term_hook(capture_terminal, NULL);
    glp_error_hook(on_error, NULL);
}

const char *llg_log(void) { return log_text ? log_text : ""; }

void llg_clear_log(void) {
    log_length = 0;
    if (log_text) log_text[0] = '\0';
}

int llg_thread_local_environment(void) { return glp_config("TLS") != NULL; }

const char *llg_version(void) { return glp_version(); }

static glp_prob *build(const llg_model *m) {
    glp_prob *P = glp_create_prob();
    if (m->name) glp_set_prob_name(P, m->name);
    glp_set_obj_dir(P, m->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(P, 0, m->objective_constant);
    if (m->rows > 0) glp_add_rows(P, m->rows);
    if (m->cols > 0) glp_add_cols(P, m->cols);
    for (int i = 0; i < m->rows; i++) {
        if (m->row_names) glp_set_row_name(P, i + 1, m->row_names[i]);
        glp_set_row_bnds(P, i + 1, m->row_bound_type[i], m->row_lower[i], m->row_upper[i]);
    }
    for (int j = 0; j < m->cols; j++) {
        if (m->col_names) glp_set_col_name(P, j + 1, m->col_names[j]);
        int kind = m->col_kind[j] == LLG_BINARY ? GLP_BV : (m->col_kind[j] == LLG_INTEGER ? GLP_IV : GLP_CV);
        glp_set_col_kind(P, j + 1, kind);
        if (kind != GLP_BV) glp_set_col_bnds(P, j + 1, m->col_bound_type[j], m->col_lower[j], m->col_upper[j]);
        glp_set_obj_coef(P, j + 1, m->objective[j]);
    }
    if (m->entries > 0) {
        int *ia = malloc(sizeof(int) * (size_t)(m->entries + 1));
        int *ja = malloc(sizeof(int) * (size_t)(m->entries + 1));
        double *ar = malloc(sizeof(double) * (size_t)(m->entries + 1));
        if (!ia || !ja || !ar) {
            free(ia); free(ja); free(ar);
            glp_error("liveline: out of memory loading %d matrix entries\n", m->entries);
        }
        for (int k = 0; k < m->entries; k++) {
            ia[k + 1] = m->entry_row[k] + 1;
            ja[k + 1] = m->entry_col[k] + 1;
            ar[k + 1] = m->entry_value[k];
        }
        glp_load_matrix(P, m->entries, ia, ja, ar);
        free(ia); free(ja); free(ar);
    }
    return P;
}

typedef struct {
    const llg_options *options;
    llg_result *result;
    int cols;
    int warm_start_tried;
} callback_state;

static void tree_callback(glp_tree *T, void *info) {
    callback_state *state = info;
    int reason = glp_ios_reason(T);
    llg_progress progress;
    memset(&progress, 0, sizeof progress);
    progress.reason = reason;
    if (reason == GLP_IHEUR && state->options->warm_start && !state->warm_start_tried) {
        state->warm_start_tried = 1;
        double *x = malloc(sizeof(double) * (size_t)(state->cols + 1));
        if (x) {
            x[0] = 0;
            memcpy(x + 1, state->options->warm_start, sizeof(double) * (size_t)state->cols);
            if (glp_ios_heur_sol(T, x) == 0) state->result->warm_start_accepted = 1;
            free(x);
        }
    }
    glp_prob *P = glp_ios_get_prob(T);
    int active = 0, total = 0;
    glp_ios_tree_size(T, &active, NULL, &total);
    progress.nodes = total;
    state->result->nodes = total;
    int best = glp_ios_best_node(T);
    if (best != 0) {
        progress.has_bound = 1;
        progress.bound = glp_ios_node_bound(T, best);
        state->result->has_bound = 1;
        state->result->bound = progress.bound;
    }
    if (glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT) {
        progress.has_incumbent = 1;
        progress.incumbent = glp_mip_obj_val(P);
    }
    progress.gap = (progress.has_incumbent && best != 0) ? glp_ios_mip_gap(T) : -1;
    if (state->options->progress && state->options->progress(state->options->context, &progress)) {
        glp_ios_terminate(T);
    }
}

int llg_solve(const llg_model *m, const llg_options *o, llg_result *r) {
    jmp_buf jump;
    jmp_buf *saved = active_jump;
    llg_clear_log();
    double *values = r->values;
    memset(r, 0, sizeof *r);
    r->values = values;
    if (setjmp(jump)) {
        // GLPK raised an error: its environment is unusable. Freeing it frees every problem of this
        // thread, so the problem built here must not be deleted again.
        active_jump = saved;
        glp_free_env();
        r->failed = 1;
        return 1;
    }
    active_jump = &jump;
    install_hooks();
    glp_prob *P = build(m);

    callback_state state = {o, r, m->cols, 0};
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = o->message_level;
    iocp.mip_gap = o->mip_gap;
    iocp.presolve = (o->presolve && !o->warm_start) ? GLP_ON : GLP_OFF;
    iocp.cb_func = tree_callback;
    iocp.cb_info = &state;
    if (o->time_limit_seconds > 0) {
        double ms = o->time_limit_seconds * 1000.0;
        iocp.tm_lim = ms > 2.0e9 ? 2000000000 : (int)ms;
    }
    if (iocp.presolve == GLP_OFF) {
        glp_smcp smcp;
        glp_init_smcp(&smcp);
        smcp.msg_lev = o->message_level;
        smcp.presolve = GLP_OFF;
        if (iocp.tm_lim < 2000000000) smcp.tm_lim = iocp.tm_lim;
        r->simplex_return = glp_simplex(P, &smcp);
        int status = glp_get_status(P);
        if (r->simplex_return != 0 || status != GLP_OPT) {
            // No optimal LP relaxation: report as GLPK's intopt would.
            if (status == GLP_NOFEAS) r->intopt_return = GLP_ENOPFS;
            else if (status == GLP_UNBND) r->intopt_return = GLP_ENODFS;
            else r->intopt_return = r->simplex_return ? r->simplex_return : GLP_EFAIL;
            r->mip_status = GLP_UNDEF;
            glp_delete_prob(P);
            active_jump = saved;
            return 0;
        }
    }
    r->intopt_return = glp_intopt(P, &iocp);
    r->mip_status = glp_mip_status(P);
    if (r->mip_status == GLP_OPT || r->mip_status == GLP_FEAS) {
        r->objective = glp_mip_obj_val(P);
        if (r->values) {
            for (int j = 0; j < m->cols; j++) r->values[j] = glp_mip_col_val(P, j + 1);
        }
    }
    glp_delete_prob(P);
    active_jump = saved;
    return 0;
}

int llg_write(const llg_model *m, int format, const char *path) {
    jmp_buf jump;
    jmp_buf *saved = active_jump;
    llg_clear_log();
    if (setjmp(jump)) {
        active_jump = saved;
        glp_free_env();
        return -1;
    }
    active_jump = &jump;
    install_hooks();
    glp_prob *P = build(m);
    int code = format == 0 ? glp_write_lp(P, NULL, path) : glp_write_mps(P, GLP_MPS_FILE, NULL, path);
    glp_delete_prob(P);
    active_jump = saved;
    return code;
}

int llg_debug_force_error(void) {
    jmp_buf jump;
    jmp_buf *saved = active_jump;
    llg_clear_log();
    if (setjmp(jump)) {
        active_jump = saved;
        glp_free_env();
        return 1;
    }
    active_jump = &jump;
    install_hooks();
    glp_prob *P = glp_create_prob();
    glp_add_rows(P, 1);
    glp_set_row_name(P, 5, "out_of_range"); // row 5 of 1: GLPK raises an error
    glp_delete_prob(P);
    active_jump = saved;
    return 0;
}
