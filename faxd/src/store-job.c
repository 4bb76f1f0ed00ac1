// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Jobs, messages and their attempts in the store; the SQL is built from
 * job_fields[] so a field is named once. See store.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "store-internal.h"

enum { COL_NAMES, COL_MARKS, COL_ASSIGN };

/* job_in_folder() for folder ?1, in SQL. */
_Static_assert(JOB_OUTGOING_QUEUE == 0 && JOB_OUTGOING_ARCHIVE == 2 && FAX_JOB_COMPLETED == 256,
	       "the folder conditions spell these values");

/* When a record entered its folder, as far as the row tells: a message
 * when its transmission ended, anything else when it was submitted. */
#define FOLDER_TIME "(CASE WHEN transmission_end > 0 THEN transmission_end ELSE submission_time END)"

/* The column list of job_fields[] as names, "?" marks or "name = ?". */
static char *columns(int mode)
{
	size_t size = 0;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	for (size_t i = 0; i < n_job_fields; i++)
		fprintf(f, "%s%s%s", i ? ", " : "", mode == COL_MARKS ? "?" : job_fields[i].column,
			mode == COL_ASSIGN ? " = ?" : "");
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Prepare SQL put together at run time (NULL: it could not be), and free it. */
static int prepare_built(struct store *s, char *sql, sqlite3_stmt **st)
{
	int r;

	if (!sql)
		return -ENOMEM;
	r = store_prepare(s, sql, st);
	free(sql);
	return r;
}

static int bind_job(sqlite3_stmt *st, const struct job *j)
{
	for (size_t i = 0; i < n_job_fields; i++) {
		const struct job_field *f = &job_fields[i];
		const char *p = (const char *)j + f->offset;
		int rc;

		switch (f->type) {
		case JF_STR: {
			const char *v = *(char *const *)p;

			rc = sqlite3_bind_text(st, (int)i + 1, v ? v : "", -1, SQLITE_STATIC);
			break;
		}
		case JF_U32:
			rc = sqlite3_bind_int64(st, (int)i + 1, *(const uint32_t *)p);
			break;
		case JF_I64:
			rc = sqlite3_bind_int64(st, (int)i + 1, *(const int64_t *)p);
			break;
		default:
			rc = sqlite3_bind_int(st, (int)i + 1, *(const bool *)p);
			break;
		}
		if (rc != SQLITE_OK)
			return -ENOMEM;
	}
	return 0;
}

static int read_job(sqlite3_stmt *st, struct job *j)
{
	memset(j, 0, sizeof(*j));
	for (size_t i = 0; i < n_job_fields; i++) {
		const struct job_field *f = &job_fields[i];
		char *p = (char *)j + f->offset;

		switch (f->type) {
		case JF_STR: {
			const unsigned char *t = sqlite3_column_text(st, (int)i);

			*(char **)p = strdup(t ? (const char *)t : "");
			if (!*(char **)p) {
				job_clear(j);
				return -ENOMEM;
			}
			break;
		}
		case JF_U32:
			*(uint32_t *)p = (uint32_t)sqlite3_column_int64(st, (int)i);
			break;
		case JF_I64:
			*(int64_t *)p = sqlite3_column_int64(st, (int)i);
			break;
		default:
			*(bool *)p = sqlite3_column_int(st, (int)i) != 0;
			break;
		}
	}
	j->rowid = sqlite3_column_int64(st, (int)n_job_fields);
	return 0;
}

int store_job_insert(struct store *s, struct job *const *v, size_t n)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	char *cols = columns(COL_NAMES), *marks = columns(COL_MARKS), *sql = NULL;
	int r;

	if (!cols || !marks || asprintf(&sql, "INSERT INTO job (%s) VALUES (%s)", cols, marks) < 0)
		sql = NULL;
	free(cols);
	free(marks);
	r = prepare_built(s, sql, &st);
	if (r < 0)
		return r;
	r = store_begin(s);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n && r >= 0; i++) {
		sqlite3_reset(st);
		r = bind_job(st, v[i]);
		if (r >= 0 && sqlite3_step(st) != SQLITE_DONE)
			r = store_err(s, sqlite3_errcode(s->db), "insert job");
	}
	if (r < 0) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

int store_job_update(struct store *s, const struct job *j, const char *reason, int64_t start)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL, *at = NULL;
	char *cols = columns(COL_ASSIGN), *sql = NULL;
	int r;

	if (!cols || asprintf(&sql, "UPDATE job SET %s WHERE id = ?%zu", cols,
			      n_job_fields + 1) < 0)
		sql = NULL;
	free(cols);
	r = prepare_built(s, sql, &st);
	if (r < 0)
		return r;
	r = bind_job(st, j);
	if (r >= 0 && sqlite3_bind_text(st, (int)n_job_fields + 1, j->id, -1, SQLITE_STATIC))
		r = -ENOMEM;
	if (r >= 0 && reason) {
		r = store_prepare(s, "INSERT OR REPLACE INTO job_attempt VALUES (?, ?, ?, ?, ?, ?, ?)",
				  &at);
		if (r >= 0 &&
		    (sqlite3_bind_text(at, 1, j->id, -1, SQLITE_STATIC) ||
		     sqlite3_bind_int64(at, 2, j->retries) ||
		     sqlite3_bind_int64(at, 3, j->device_id) || sqlite3_bind_int64(at, 4, start) ||
		     sqlite3_bind_int64(at, 5, job_now()) || sqlite3_bind_int64(at, 6, j->ext_status) ||
		     sqlite3_bind_text(at, 7, reason, -1, SQLITE_STATIC)))
			r = -ENOMEM;
	}
	if (r < 0)
		return r;
	r = store_begin(s);
	if (r < 0)
		return r;
	r = store_step_done(s, st, "update job");
	if (r >= 0 && sqlite3_changes(s->db) == 0)
		r = -ENOENT;
	if (r >= 0 && at)
		r = store_step_done(s, at, "job attempt");
	if (r < 0) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

/*
 * A SELECT of whole records: the rows matching any of the conditions in
 * @where (one arm of a UNION ALL each, so each keeps its own index), in
 * @order. In the conditions ?1 is @a[0] .. ?5 @a[4], ?6 @key.
 */
struct select {
	const char *from;	/* NULL: job */
	const char *where[4], *order;
	int64_t a[5];
	const char *key;
	size_t limit;
};

static int select_jobs(struct store *s, const struct select *q, struct job **ret, size_t *n)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	char *cols = columns(COL_NAMES), *sql = NULL;
	size_t size = 0;
	struct job *v = NULL;
	size_t count = 0;
	FILE *f;
	int r, rc;

	f = cols ? open_memstream(&sql, &size) : NULL;
	if (f) {
		for (size_t i = 0; i < 4 && q->where[i]; i++)
			fprintf(f, "%sSELECT %s, rowid AS rid FROM %s WHERE %s", i ? " UNION ALL " : "",
				cols, q->from ? q->from : "job", q->where[i]);
		fprintf(f, " %s LIMIT %lld", q->order ? q->order : "",
			q->limit ? (long long)q->limit : -1LL);
		if (fclose(f) != 0) {
			free(sql);
			sql = NULL;
		}
	}
	free(cols);
	r = prepare_built(s, sql, &st);
	if (r < 0)
		return r;
	for (int i = 0; i < 5; i++)
		sqlite3_bind_int64(st, i + 1, q->a[i]);
	sqlite3_bind_text(st, 6, q->key, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct job *nv = realloc(v, (count + 1) * sizeof(*v));

		if (!nv) {
			r = -ENOMEM;
			break;
		}
		v = nv;
		r = read_job(st, &v[count]);
		if (r < 0)
			break;
		count++;
	}
	if (r >= 0 && rc != SQLITE_DONE)
		r = store_err(s, rc, "select jobs");
	if (r < 0) {
		store_job_list_free(v, count);
		return r;
	}
	*ret = v;
	*n = count;
	return 0;
}

/* One integer from @sql with ?1 = @a, ?2 = @b; @def when it is NULL. */
static int select_int(struct store *s, const char *sql, int64_t a, int64_t b, int64_t def,
		      int64_t *ret)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r = store_prepare(s, sql, &st);

	if (r < 0)
		return r;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_err(s, sqlite3_errcode(s->db), sql);
	*ret = sqlite3_column_type(st, 0) == SQLITE_NULL ? def : sqlite3_column_int64(st, 0);
	return 0;
}

int store_job_get(struct store *s, const char *id, struct job *j)
{
	struct job *v;
	size_t n;
	int r;

	r = select_jobs(s, &(struct select){ .where = { "id = ?6" }, .key = id, .limit = 1 }, &v, &n);
	if (r < 0)
		return r;
	if (n == 0) {
		free(v);
		return -ENOENT;
	}
	*j = v[0];
	free(v);
	return 0;
}

/* The owner condition, ?2 the uid or -1 for everyone. */
#define OWNER "(?2 = -1 OR owner_uid = ?2)"

/*
 * An archive in rowid order after row ?3. The outgoing archive is its
 * messages and the sent jobs of unfinished broadcasts, two indexed
 * ranges merged (an OR of the two would scan the table): the second
 * condition is the one of the partial index job_sent_queued.
 */
static int list_archive(struct store *s, uint32_t folder, int64_t owner, int64_t after,
			size_t limit, struct job **ret, size_t *n)
{
	struct select q = {
		.where = { "folder = ?1 AND rowid > ?3 AND " OWNER,
			   folder == JOB_OUTGOING_ARCHIVE ?
			   "folder = 0 AND (status & 256) != 0 AND rowid > ?3 AND " OWNER : NULL },
		.order = "ORDER BY rid", .a = { folder, owner, after }, .limit = limit,
	};

	return select_jobs(s, &q, ret, n);
}

int store_job_list(struct store *s, uint32_t folder, int64_t owner, const char *after,
		   size_t limit, struct job **ret, size_t *n)
{
	struct store_cursor c = { 0 };
	int64_t rowid = 0;
	int r;

	if (folder == JOB_OUTGOING_QUEUE || folder == JOB_INCOMING_QUEUE) {
		if (after)
			return -EINVAL;
		return store_job_page(s, folder, owner, &c, limit, ret, n);
	}
	/* The cursor of an archive is the rowid of the last message seen:
	 * messages archived meanwhile come after it. One that was deleted
	 * ends the listing. */
	if (after) {
		_cleanup_stmt_ sqlite3_stmt *st = NULL;

		r = store_prepare(s, "SELECT rowid FROM job WHERE id = ?", &st);
		if (r < 0)
			return r;
		sqlite3_bind_text(st, 1, after, -1, SQLITE_STATIC);
		rowid = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MAX;
	}
	return list_archive(s, folder, owner, rowid, limit, ret, n);
}

/*
 * A queue in sending order: priority (high first), submission time,
 * rowid. One indexed range per priority (job_folder), from the cursor's
 * place on, so a page costs its own rows whatever the queue's length.
 */
int store_job_page(struct store *s, uint32_t folder, int64_t owner, struct store_cursor *c,
		   size_t limit, struct job **ret, size_t *n)
{
	struct job *v = NULL;
	size_t count = 0;
	int r = 0;

	for (int p = c->started ? (int)c->priority : FAX_PRIORITY_HIGH; p >= 0 && r >= 0; p--) {
		bool within = c->started && p == (int)c->priority;
		struct select q = {
			.where = { within ? "folder = ?1 AND priority = ?4 AND "
					    "(submission_time, rowid) > (?3, ?5) AND " OWNER :
					    "folder = ?1 AND priority = ?4 AND " OWNER },
			.order = "ORDER BY submission_time, rid",
			.a = { folder, owner, c->submission_time, p, c->rowid },
			.limit = limit ? limit - count : 0,
		};
		struct job *pv, *nv;
		size_t pn;

		if (limit && count == limit)
			break;
		r = select_jobs(s, &q, &pv, &pn);
		if (r < 0)
			break;
		if (!pn) {
			free(pv);
			continue;
		}
		nv = realloc(v, (count + pn) * sizeof(*v));
		if (!nv) {
			store_job_list_free(pv, pn);
			r = -ENOMEM;
			break;
		}
		v = nv;
		memcpy(v + count, pv, pn * sizeof(*v));
		count += pn;
		free(pv);
	}
	if (r < 0) {
		store_job_list_free(v, count);
		return r;
	}
	if (count) {
		c->started = true;
		c->priority = v[count - 1].priority;
		c->submission_time = v[count - 1].submission_time;
		c->rowid = v[count - 1].rowid;
	}
	*ret = v;
	*n = count;
	return 0;
}

int store_job_list_submission(struct store *s, const char *submission_id, struct job **ret,
			      size_t *n)
{
	/* By job_submission, whose condition is "folder = 0". */
	return select_jobs(s, &(struct select){ .where = { "folder = 0 AND submission_id = ?6" },
						.order = "ORDER BY rid", .key = submission_id },
			   ret, n);
}

int store_job_older(struct store *s, uint32_t folder, uint32_t statuses, int64_t before,
		    size_t limit, struct job **ret, size_t *n)
{
	struct select q = {
		.where = { "folder = ?1 AND " FOLDER_TIME " < ?2 AND (?3 = 0 OR status & ?3)" },
		.order = "ORDER BY rid", .a = { folder, before, statuses }, .limit = limit,
	};

	return select_jobs(s, &q, ret, n);
}

/*
 * The outgoing jobs that wait for a line: pending or retrying, perhaps
 * marked no-line, not paused. Exact status values, one indexed arm each
 * (job_waiting), merged in sending order.
 */
#define WAITING_ARM(st) "folder = 0 AND status = " #st " AND scheduled_time <= ?1"
_Static_assert(FAX_JOB_PENDING == 1 && FAX_JOB_RETRYING == 64 && FAX_JOB_NOLINE == 32,
	       "the waiting arms spell these values");

int store_job_due(struct store *s, int64_t now, bool noline_too, size_t limit, struct job **ret,
		  size_t *n)
{
	/* With a line free, the first few in sending order are wanted from
	 * a backlog that may be the whole queue: read in that order, not
	 * found by time and sorted. Without, only the few not yet marked. */
	struct select q = {
		.from = noline_too ? "job INDEXED BY job_waiting" : NULL,
		.where = { WAITING_ARM(1), WAITING_ARM(64), noline_too ? WAITING_ARM(33) : NULL,
			   noline_too ? WAITING_ARM(96) : NULL },
		.order = "ORDER BY priority DESC, submission_time, rid", .a = { now },
		.limit = limit,
	};

	return select_jobs(s, &q, ret, n);
}

int store_job_discount_waiting(struct store *s, struct job **ret, size_t *n)
{
	return select_jobs(s, &(struct select){
		.where = { "folder = 0 AND status IN (1, 33, 64, 96) AND schedule_type = 2" },
		.order = "ORDER BY rid" }, ret, n);
}

int store_job_next_due(struct store *s, int64_t now, int64_t *ret)
{
	/* One min() per status: each is a single seek in job_waiting_time. */
	return select_int(s, "SELECT min(t) FROM ("
			  "SELECT min(scheduled_time) AS t FROM job WHERE folder = 0 AND status = 1"
			  " AND scheduled_time > ?1 UNION ALL "
			  "SELECT min(scheduled_time) FROM job WHERE folder = 0 AND status = 33"
			  " AND scheduled_time > ?1 UNION ALL "
			  "SELECT min(scheduled_time) FROM job WHERE folder = 0 AND status = 64"
			  " AND scheduled_time > ?1 UNION ALL "
			  "SELECT min(scheduled_time) FROM job WHERE folder = 0 AND status = 96"
			  " AND scheduled_time > ?1) WHERE ?2 = 0", now, 0, INT64_MAX, ret);
}

int store_job_waiting(struct store *s, bool recount, int64_t *ret)
{
	/* The triggers of schema 4 keep the count; a recount (at start)
	 * repairs whatever a hand-edited database did to it. */
	if (recount) {
		int r = store_exec(s, "UPDATE job_count SET waiting = (SELECT count(*) FROM job "
				   "WHERE folder = 0 AND (status & 65) != 0)");

		if (r < 0)
			return r;
	}
	return select_int(s, "SELECT waiting FROM job_count WHERE ?1 = ?2", 0, 0, 0, ret);
}

void store_job_list_free(struct job *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		job_clear(&v[i]);
	free(v);
}

int store_job_delete(struct store *s, const char *id)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r = store_prepare(s, "DELETE FROM job WHERE id = ?", &st);

	if (r < 0)
		return r;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	r = store_step_done(s, st, "delete job");
	if (r >= 0 && sqlite3_changes(s->db) == 0)
		r = -ENOENT;
	return r;
}

static int strv_query(struct store *s, const char *sql, const char *arg, char ***ret)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	char **v = calloc(1, sizeof(char *));
	size_t n = 0;
	int r, rc;

	if (!v)
		return -ENOMEM;
	r = store_prepare(s, sql, &st);
	if (r >= 0 && arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	while (r >= 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **nv = realloc(v, (n + 2) * sizeof(char *));
		const unsigned char *t = sqlite3_column_text(st, 0);

		if (!nv) {
			r = -ENOMEM;
			break;
		}
		v = nv;
		v[n] = strdup(t ? (const char *)t : "");
		v[n + 1] = NULL;
		if (!v[n++])
			r = -ENOMEM;
	}
	if (r >= 0 && rc != SQLITE_DONE)
		r = store_err(s, rc, sql);
	if (r < 0) {
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return r;
	}
	*ret = v;
	return 0;
}

int store_job_tiffs(struct store *s, char ***ret)
{
	return strv_query(s, "SELECT tiff FROM job", NULL, ret);
}

int store_job_attempts(struct store *s, const char *id, char ***ret)
{
	return strv_query(s, "SELECT reason FROM job_attempt WHERE job_id = ? ORDER BY n", id, ret);
}

int store_folder_size(struct store *s, uint32_t folder, uint64_t *ret)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r = store_prepare(s, "SELECT (SELECT total(size) FROM job WHERE folder = ?1) + "
			      "(CASE WHEN ?1 = 2 THEN (SELECT total(size) FROM job WHERE folder = 0 "
			      "AND (status & 256) != 0) ELSE 0 END)", &st);

	if (r < 0)
		return r;
	sqlite3_bind_int64(st, 1, folder);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_err(s, sqlite3_errcode(s->db), "folder size");
	*ret = (uint64_t)sqlite3_column_double(st, 0);
	return 0;
}

int store_setting_get(struct store *s, const char *key, char **ret)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r = store_prepare(s, "SELECT value FROM server_setting WHERE key = ?", &st);

	if (r < 0)
		return r;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_DONE)
		return -ENOENT;
	if (r != SQLITE_ROW)
		return store_err(s, r, "setting");
	*ret = strdup((const char *)sqlite3_column_text(st, 0));
	return *ret ? 0 : -ENOMEM;
}

int store_setting_set(struct store *s, const char *key, const char *value)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r = store_prepare(s, "INSERT OR REPLACE INTO server_setting VALUES (?, ?)", &st);

	if (r < 0)
		return r;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return store_step_done(s, st, "setting");
}
