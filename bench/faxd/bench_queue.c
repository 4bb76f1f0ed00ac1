// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench_faxd_queue [--no-e2e] [JOBS [SUBMISSIONS]]: faxd's queue and archive at scale,
 * each figure beside a baseline measured in the same run.
 *
 *  1. Submissions per second through the bus (fax_server_submit, one
 *     recipient, a 1-page TIFF passed as a descriptor) into an empty
 *     outgoing queue (the baseline), then into a queue that holds JOBS
 *     jobs (default 100 000). The queue is paused, so nothing is sent.
 *  2. The fill: JOBS queued jobs and JOBS messages of the outgoing archive
 *     cannot come from real faxes; they are written with faxd stopped,
 *     through faxd's own store code (store_job_insert(), 1000 rows per
 *     transaction, the rows a submission would write, without TIFFs:
 *     nothing reads them while the queue is paused). Baseline: the same
 *     rows through bare SQLite with the same pragmas.
 *  3. Listing the queue (GetJobs through fax_server_get_jobs(), which
 *     pages 1000 jobs a request) and iterating the archive
 *     (GetMessages through the client's iterator, 100 and 10000 per
 *     request) through the bus, against reading the same rows in-process
 *     with store_job_list() (the baseline: no bus, no marshalling).
 *  4. End to end, with the ITU charts ($FAX_TESTDATA): a 1-page (chart 1)
 *     and the demo's 3-page fax (charts 1-3, fine, MMR) submitted to a
 *     fresh faxd whose loopback line runs in real time, timed from the
 *     archive (TransmissionStart to TransmissionEnd), against the protocol
 *     bound of peers.md 7.5: 13.3 s + per page 8 * bytes / 14400 * 1.043
 *     + 3.0 s (e2e.c). Skipped without the charts, or with --no-e2e.
 *
 * Figures only: nothing is asserted. Read the ratios.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tiffio.h>

#include "../../faxd/src/job.h"
#include "../../faxd/src/store.h"
#include "../../tests/faxd/env.h"
#include "../../tests/libfax/helpers.h"
#include "bench.h"

#define BATCH 1000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, int r)
{
	fprintf(stderr, "bench_faxd_queue: %s: %s\n", what, strerror(r < 0 ? -r : r));
	exit(1);
}

/* A 1-page fax-shaped TIFF (a few black bars) at @path. */
static void small_body(const char *path)
{
	struct bitmap bm = { .width = 1728, .length = 200, .stride = 216 };
	struct test_page page = { &bm, 204, 98 };

	bm.bits = calloc(bm.length, bm.stride);
	if (!bm.bits)
		die("calloc", -ENOMEM);
	for (uint32_t y = 0; y < bm.length; y += 8)
		memset(bm.bits + y * bm.stride + 20, 0xff, 50);
	if (write_pages_tiff(path, &page, 1, CODING_MMR) < 0)
		die("cannot write the test document", -EIO);
	free(bm.bits);
}

/* Up to @n single-recipient submissions of @fd, for at most 30 s (at
 * least 3): submissions per second. */
static double submit_rate(fax_server_t *s, int fd, int n)
{
	const char *to[] = { "101" };
	struct fax_document doc = {
		.size = sizeof(doc), .body_fd = fd, .recipients = to, .n_recipients = 1,
		.subject = "bench", .priority = FAX_PRIORITY_NORMAL,
	};
	fax_error_t err = { 0 };
	double t0 = now();
	int i;

	for (i = 0; i < n && (i < 3 || now() - t0 < 30); i++) {
		char *sub = NULL, **ids = NULL;

		lseek(fd, 0, SEEK_SET);
		if (fax_server_submit(s, &doc, &sub, &ids, &err) < 0) {
			fprintf(stderr, "bench_faxd_queue: submit: %s\n", err.message);
			exit(1);
		}
		free(sub);
		fax_strv_free(ids);
	}
	return i / (now() - t0);
}

static void pause_queue(fax_server_t *s)
{
	struct fax_folder_config c;
	fax_error_t err = { 0 };

	if (fax_server_get_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, &err) < 0)
		die(err.message, err.code);
	c.paused = true;
	if (fax_server_set_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, &err) < 0)
		die(err.message, err.code);
}

/* Record @i as a submission would write it: queued, or sent and archived. */
static void fake_job(struct job *j, uint32_t folder, size_t i, int64_t t)
{
	static char empty[] = "";
	char buf[64];

	memset(j, 0, sizeof(*j));
	for (size_t k = 0; k < n_job_fields; k++)
		if (job_fields[k].type == JF_STR)
			*job_field_str(j, &job_fields[k]) = empty;
	snprintf(buf, sizeof(buf), "%c%015zx", folder ? 'a' : 'q', i);
	j->id = strdup(buf);
	j->submission_id = strdup(buf);
	snprintf(buf, sizeof(buf), "%zu", 5550000 + i % 10000);
	j->recipient_number = strdup(buf);
	j->tiff = malloc(strlen(j->id) + 5);
	if (j->tiff)
		sprintf(j->tiff, "%s.tif", j->id);
	j->subject = strdup("a fax of the benchmark's fill");
	j->folder = folder;
	j->job_type = FAX_JOB_TYPE_SEND;
	j->priority = FAX_PRIORITY_NORMAL;
	j->pages = 1;
	j->size = 4096;
	j->submission_time = j->scheduled_time = j->original_scheduled_time = t + (int64_t)i;
	if (folder == JOB_OUTGOING_ARCHIVE) {
		j->status = FAX_JOB_COMPLETED;
		j->ext_status = FAX_JOBX_CALL_COMPLETED;
		j->current_page = 1;
		j->transmission_start = t + (int64_t)i;
		j->transmission_end = t + (int64_t)i + 30000000;
	} else {
		j->status = FAX_JOB_PENDING;
	}
}

static void fake_free(struct job *j)
{
	free(j->id);
	free(j->submission_id);
	free(j->recipient_number);
	free(j->tiff);
	free(j->subject);
}

/* @n records of @folder through faxd's store: rows per second. */
static double fill(struct store *st, uint32_t folder, size_t n)
{
	struct job v[BATCH], *p[BATCH];
	int64_t t = job_now() - 86400LL * 1000000;
	double t0 = now();

	for (size_t done = 0; done < n;) {
		size_t k = n - done < BATCH ? n - done : BATCH;
		int r;

		for (size_t i = 0; i < k; i++) {
			fake_job(&v[i], folder, done + i, t);
			p[i] = &v[i];
		}
		r = store_job_insert(st, p, k);
		for (size_t i = 0; i < k; i++)
			fake_free(&v[i]);
		if (r < 0)
			die("store_job_insert", r);
		done += k;
	}
	return n / (now() - t0);
}

/* The baseline of fill(): the same rows into a bare table, same pragmas. */
static double raw_fill(const char *dir, size_t n)
{
	char path[256], *sql = NULL, *cols = NULL, *marks = NULL;
	size_t sc = 0, sm = 0;
	FILE *fc = open_memstream(&cols, &sc), *fm = open_memstream(&marks, &sm);
	int64_t t = job_now();
	sqlite3_stmt *ins;
	sqlite3 *db;
	double t0;

	for (size_t i = 0; i < n_job_fields; i++) {
		fprintf(fc, "%s%s", i ? ", " : "", job_fields[i].column);
		fprintf(fm, "%s?", i ? ", " : "");
	}
	fclose(fc);
	fclose(fm);
	snprintf(path, sizeof(path), "%s/raw.db", dir);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL, NULL,
			 NULL) != SQLITE_OK)
		die("sqlite3_open", -EIO);
	/* The keys and the index of faxd's table, untyped columns. */
	if (asprintf(&sql, "CREATE TABLE job (%s, PRIMARY KEY (id), UNIQUE (tiff));"
		     "CREATE INDEX job_folder ON job (folder, priority, submission_time);",
		     cols) < 0 ||
	    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die("create table", -EIO);
	free(sql);
	if (asprintf(&sql, "INSERT INTO job (%s) VALUES (%s)", cols, marks) < 0 ||
	    sqlite3_prepare_v2(db, sql, -1, &ins, NULL) != SQLITE_OK)
		die("prepare", -EIO);
	free(sql);
	t0 = now();
	for (size_t i = 0; i < n; i++) {
		struct job j;

		if (i % BATCH == 0)
			sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		fake_job(&j, JOB_OUTGOING_QUEUE, i, t);
		sqlite3_reset(ins);
		for (size_t k = 0; k < n_job_fields; k++) {
			const char *p = (const char *)&j + job_fields[k].offset;

			if (job_fields[k].type == JF_STR)
				sqlite3_bind_text(ins, (int)k + 1, *(char *const *)p, -1, SQLITE_STATIC);
			else if (job_fields[k].type == JF_I64)
				sqlite3_bind_int64(ins, (int)k + 1, *(const int64_t *)p);
			else if (job_fields[k].type == JF_U32)
				sqlite3_bind_int64(ins, (int)k + 1, *(const uint32_t *)p);
			else
				sqlite3_bind_int(ins, (int)k + 1, *(const bool *)p);
		}
		if (sqlite3_step(ins) != SQLITE_DONE)
			die("insert", -EIO);
		fake_free(&j);
		if (i % BATCH == BATCH - 1 || i == n - 1)
			sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	t0 = now() - t0;
	sqlite3_finalize(ins);
	sqlite3_close(db);
	free(cols);
	free(marks);
	unlink(path);
	return n / t0;
}

/* In-process read of a whole folder: seconds, and the count in *@n. */
static double store_read(struct store *st, uint32_t folder, size_t *n)
{
	double t0 = now();
	struct job *v;
	int r = store_job_list(st, folder, -1, NULL, 0, &v, n);

	if (r < 0)
		die("store_job_list", r);
	store_job_list_free(v, *n);
	return now() - t0;
}

/* GetJobs of the outgoing queue: seconds (negative on failure, with why). */
static double list_queue(fax_server_t *s, size_t *n, fax_error_t *err)
{
	double t0 = now();
	fax_jobs_t *c;

	*n = 0;
	if (fax_server_get_jobs(s, FAX_FOLDER_OUTGOING_QUEUE, &c, err) < 0)
		return -(now() - t0);
	*n = fax_jobs_count(c);
	fax_jobs_free(c);
	return now() - t0;
}

/* Every message of the outgoing archive through the iterator. */
static double iterate_archive(fax_server_t *s, uint32_t prefetch, size_t *n)
{
	fax_error_t err = { 0 };
	fax_message_iterator_t *it;
	double t0 = now();

	*n = 0;
	if (fax_server_get_messages(s, FAX_FOLDER_OUTGOING_ARCHIVE, prefetch, &it, &err) < 0)
		die(err.message, err.code);
	while (!fax_message_iterator_at_eof(it)) {
		(*n)++;
		if (fax_message_iterator_move_next(it, &err) < 0)
			die(err.message, err.code);
	}
	fax_message_iterator_free(it);
	return now() - t0;
}

static void scale(size_t jobs, int subs)
{
	char body[128], state[128];
	struct faxd_env e = { 0 };
	double empty_rate, full_rate, ins, raw, t_start, t_list, t_it100, t_it10k, t_rq, t_ra;
	size_t n_list, n_it, n_rq, n_ra;
	fax_error_t err = { 0 };
	struct store *st;
	fax_server_t *s;
	int fd, r, status = 0;
	bool alive;

	if (env_start(&e, NULL) < 0)
		die("cannot start dbus-daemon and faxd", -EIO);
	snprintf(body, sizeof(body), "%s/body.tif", e.dir);
	snprintf(state, sizeof(state), "%s/state", e.dir);
	small_body(body);
	fd = open(body, O_RDONLY | O_CLOEXEC);
	s = env_connect(&e);
	if (fd < 0 || !s)
		die("cannot connect", -EIO);
	pause_queue(s);
	empty_rate = submit_rate(s, fd, subs);
	fax_server_free(s);

	/* faxd stopped: the fill goes straight into its store. */
	if (env_stop_faxd(&e) != 0)
		die("faxd did not stop cleanly", -EIO);
	r = store_open(state, &st);
	if (r < 0)
		die("store_open", r);
	ins = fill(st, JOB_OUTGOING_QUEUE, jobs);
	fill(st, JOB_OUTGOING_ARCHIVE, jobs);
	t_rq = store_read(st, JOB_OUTGOING_QUEUE, &n_rq);
	t_ra = store_read(st, JOB_OUTGOING_ARCHIVE, &n_ra);
	store_close(st);
	raw = raw_fill(e.dir, jobs);

	t_start = now();
	if (env_start_faxd(&e) < 0)
		die("faxd did not restart over the filled store", -EIO);
	t_start = now() - t_start;
	s = env_connect(&e);
	if (!s)
		die("cannot connect", -EIO);
	full_rate = submit_rate(s, fd, subs);
	t_it100 = iterate_archive(s, 0, &n_it);
	t_it10k = iterate_archive(s, 10000, &n_it);
	/* Last: before GetJobs paged, the whole queue in one reply cut faxd off. */
	t_list = list_queue(s, &n_list, &err);
	/* Did faxd survive it? Give it a moment to notice a lost bus. */
	for (int i = 0; i < 20 && (alive = waitpid(e.faxd_pid, &status, WNOHANG) == 0); i++)
		usleep(100000);

	printf("bench_faxd_queue: %zu queued jobs, %zu archived messages, private dbus-daemon\n",
	       n_rq, n_ra);
	printf("%-44s %12s %14s %8s\n", "measure", "figure", "baseline", "ratio");
	printf("%-44s %10.1f/s %12.1f/s %8.3f   (baseline: into an empty queue)\n",
	       "Submit through the bus, 1 recipient", full_rate, empty_rate, full_rate / empty_rate);
	printf("%-44s %10.0f/s %12.0f/s %8.2f   (baseline: bare SQLite, same rows)\n",
	       "fill through faxd's store, 1000 per commit", ins, raw, ins / raw);
	if (t_list >= 0)
		printf("%-44s %10.2f s %12.2f s %8.1f   (baseline: store_job_list in-process)\n",
		       "list the queue (GetJobs, 1000 a page)", t_list, t_rq, t_list / t_rq);
	else
		printf("%-44s %12s %12.2f s            failed after %.2f s: %s%s\n",
		       "list the queue (GetJobs, 1000 a page)", "-", t_rq, -t_list, err.message,
		       alive ? "" : "; faxd is gone (exit status of the process: see below)");
	if (!alive)
		printf("  faxd ended while answering GetJobs: %s %d\n",
		       WIFEXITED(status) ? "exit status" : "signal",
		       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	printf("%-44s %10.2f s %12.2f s %8.1f   (%zu messages)\n",
	       "iterate the archive, 100 per request", t_it100, t_ra, t_it100 / t_ra, n_it);
	printf("%-44s %10.2f s %12.2f s %8.1f\n", "iterate the archive, 10000 per request",
	       t_it10k, t_ra, t_it10k / t_ra);
	printf("%-44s %10.2f s\n", "faxd start over the filled store", t_start);
	fax_server_free(s);
	close(fd);
	if (!alive)
		e.faxd_pid = 0;		/* reaped above */
	env_stop(&e);
}

int main(int argc, char **argv)
{
	bool e2e = true;
	size_t jobs;
	int subs;

	if (argc > 1 && !strcmp(argv[1], "--no-e2e")) {
		e2e = false;
		argc--;
		argv++;
	}
	jobs = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	subs = argc > 2 ? atoi(argv[2]) : 200;
	if (!jobs || subs <= 0) {
		fprintf(stderr, "usage: bench_faxd_queue [--no-e2e] [JOBS [SUBMISSIONS]]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	scale(jobs, subs);
	if (e2e)
		bench_e2e();
	return 0;
}
