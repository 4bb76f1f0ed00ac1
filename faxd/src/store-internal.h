/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Inside the SQLite store: shared by store*.c only. */
#ifndef FAXD_STORE_INTERNAL_H
#define FAXD_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

struct store {
	sqlite3 *db;
	char *path;
};

/* store_migration() - the SQL taking the schema from @version - 1 to @version. */
const char *store_migration(unsigned int version);

/* Helpers of store.c for the other files. */
int store_err(struct store *s, int rc, const char *what);
int store_prepare(struct store *s, const char *sql, sqlite3_stmt **ret);
int store_exec(struct store *s, const char *sql);
int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);
/* store_step_done() - step a statement that returns no rows, finalize it. */
int store_step_done(struct store *s, sqlite3_stmt *st, const char *what);

static inline void sqlite3_finalizep(sqlite3_stmt **st)
{
	sqlite3_finalize(*st);
}
#define _cleanup_stmt_ __attribute__((cleanup(sqlite3_finalizep)))

#endif /* FAXD_STORE_INTERNAL_H */
