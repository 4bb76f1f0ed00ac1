// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Opening faxd.db: WAL with synchronous=FULL (a commit that returned is on
 * disk), foreign keys on, defensive mode, and the schema migrated in one
 * transaction before anything else touches it. One connection, owned by
 * the event loop's thread; writes start with BEGIN IMMEDIATE.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "store-internal.h"

int store_err(struct store *s, int rc, const char *what)
{
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
			return -EEXIST;
		return log_error_errno(EINVAL, "store: %s: %s", what, sqlite3_errmsg(s->db));
	case SQLITE_NOMEM:
		return -ENOMEM;
	case SQLITE_FULL:
		return log_error_errno(ENOSPC, "store: %s: disk full", what);
	default:
		return log_error_errno(EIO, "store: %s: %s", what, sqlite3_errmsg(s->db));
	}
}

int store_prepare(struct store *s, const char *sql, sqlite3_stmt **ret)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, ret, NULL);

	return rc == SQLITE_OK ? 0 : store_err(s, rc, "prepare");
}

int store_exec(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_err(s, rc, sql);
}

int store_begin(struct store *s)
{
	return store_exec(s, "BEGIN IMMEDIATE");
}

int store_commit(struct store *s)
{
	int r = store_exec(s, "COMMIT");

	if (r < 0)
		store_rollback(s);
	return r;
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	return rc == SQLITE_DONE ? 0 : store_err(s, rc, what);
}

static int user_version(struct store *s, unsigned int *ret)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r = store_prepare(s, "PRAGMA user_version", &st);

	if (r < 0)
		return r;
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_err(s, sqlite3_errcode(s->db), "user_version");
	*ret = (unsigned int)sqlite3_column_int(st, 0);
	return 0;
}

static int migrate(struct store *s)
{
	unsigned int v = 0;
	char sql[64];
	int r;

	r = store_begin(s);
	if (r < 0)
		return r;
	r = user_version(s, &v);
	if (r < 0)
		goto fail;
	if (v > STORE_SCHEMA_VERSION) {
		r = log_error_errno(EPROTONOSUPPORT,
				    "store: %s has schema version %u, newer than this faxd (%u); refusing to touch it",
				    s->path, v, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (v == STORE_SCHEMA_VERSION) {
		store_rollback(s);
		return 0;
	}
	for (unsigned int n = v + 1; n <= STORE_SCHEMA_VERSION; n++) {
		r = store_exec(s, store_migration(n));
		if (r < 0)
			goto fail;
	}
	/* Pragmas take no parameters; the number is ours, not input. */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %u", STORE_SCHEMA_VERSION);
	r = store_exec(s, sql);
	if (r < 0)
		goto fail;
	r = store_commit(s);
	if (r < 0)
		return r;
	log_info("store: %s migrated from schema %u to %u", s->path, v, STORE_SCHEMA_VERSION);
	return 0;
fail:
	store_rollback(s);
	return r;
}

static int configure(struct store *s)
{
	int r;

	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_busy_timeout(s->db, 5000);
	r = store_exec(s, "PRAGMA journal_mode = WAL");
	if (r >= 0)
		r = store_exec(s, "PRAGMA synchronous = FULL");
	if (r >= 0)
		r = store_exec(s, "PRAGMA foreign_keys = ON");
	if (r >= 0)
		r = store_exec(s, "PRAGMA trusted_schema = OFF");
	return r;
}

int store_open(const char *dir, struct store **ret)
{
	struct store *s;
	int rc, r;

	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	if (asprintf(&s->path, "%s/faxd.db", dir) < 0) {
		free(s);
		return -ENOMEM;
	}
	rc = sqlite3_open_v2(s->path, &s->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			     SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK) {
		r = log_error_errno(EIO, "store: cannot open %s: %s", s->path,
				    s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		goto fail;
	}
	r = configure(s);
	if (r < 0)
		goto fail;
	r = migrate(s);
	if (r < 0)
		goto fail;
	*ret = s;
	return 0;
fail:
	store_close(s);
	return r;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}
