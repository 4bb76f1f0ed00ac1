/* SPDX-License-Identifier: GPL-2.0-or-later */
/* faxtool: shared declarations of the verbs, output and exit codes. */
#ifndef FAXTOOL_H
#define FAXTOOL_H

#include <stdbool.h>

#include <json-c/json.h>

#include <fax/client.h>
#include <fax/fax.h>

/* Exit codes: part of the interface, documented in faxtool(1). */
enum {
	EXIT_OK = 0,
	EXIT_FAILURE_GENERIC = 1,	/* anything not listed below */
	EXIT_USAGE = 2,			/* bad command line */
	EXIT_FAX_FAILED = 3,		/* the call ended with a T.30 error */
	EXIT_BAD_DOCUMENT = 4,		/* the TIFF cannot be faxed */
	EXIT_NO_CALL = 5,		/* busy, unreachable or never answered */
	EXIT_ACCESS_DENIED = 6,		/* the server refused: missing right */
	EXIT_NO_SUCH_OBJECT = 7,	/* no such device, provider, ... */
	EXIT_NOT_RUNNING = 8,		/* no fax server on that bus */
	EXIT_CANCELED = 9,		/* a followed job was cancelled */
	EXIT_TIMEOUT = 124,		/* --timeout expired (as timeout(1)) */
	EXIT_INTERRUPTED = 130,		/* SIGINT/SIGTERM before the job ended */
};

struct faxtool {
	bool json;		/* --json: one JSON object per line on stdout */
	bool quiet;		/* -q: no progress on stderr */
	bool progress_tty;	/* stderr is a terminal: redraw one line */
	const char *server;	/* -H: NULL local, a D-Bus address, or [user@]host */
};

/* Output (output.c). */
void out_json(json_object *o);			/* prints and frees @o */
void progress_line(struct faxtool *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void progress_clear(struct faxtool *t);
int err_exit(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
json_object *json_result(const struct fax_session_result *r, const char *role);
json_object *json_progress(const struct fax_session_progress *p, const char *role);

/* Verbs: argc/argv start at the verb's own name. */
int verb_check(struct faxtool *t, int argc, char **argv);
int verb_normalise(struct faxtool *t, int argc, char **argv);
int verb_selftest(struct faxtool *t, int argc, char **argv);
int verb_lines(struct faxtool *t, int argc, char **argv);
int verb_monitor(struct faxtool *t, int argc, char **argv);
int verb_send(struct faxtool *t, int argc, char **argv);
int verb_receive(struct faxtool *t, int argc, char **argv);
int verb_info(struct faxtool *t, int argc, char **argv);
int verb_providers(struct faxtool *t, int argc, char **argv);
int verb_devices(struct faxtool *t, int argc, char **argv);
int verb_security(struct faxtool *t, int argc, char **argv);
int verb_events(struct faxtool *t, int argc, char **argv);
int verb_submit(struct faxtool *t, int argc, char **argv);
int verb_watch(struct faxtool *t, int argc, char **argv);
int verb_jobs(struct faxtool *t, int argc, char **argv);
int verb_job(struct faxtool *t, int argc, char **argv);
int verb_get(struct faxtool *t, int argc, char **argv);

/* Talking to faxd (server.c). */
int server_open(struct faxtool *t, fax_server_t **ret);
/* server_fail() - print @err and return the exit code for its errno. */
int server_fail(const char *verb, const fax_error_t *err);
/* rights_text() - "query-config,manage-config" (or "none") into @buf. */
const char *rights_text(uint32_t rights, char *buf, size_t size);

/* Jobs and messages (jobs-common.c). */
json_object *job_json(const struct fax_job_info *j);
/* show_job() - one row (with the header first if @header) or one JSON object. */
void show_job(struct faxtool *t, const struct fax_job_info *j, bool header);
const char *folder_name(uint32_t folder);	/* "outgoing-queue", ... */
/* job_locate() - the folder holding @id: the outgoing queue, then the
 * archives, then the incoming queue; -ENOENT (explained) when none. */
int job_locate(fax_server_t *s, const char *id, uint32_t *folder, fax_jobs_t **ret,
	       fax_error_t *err);
/* job_exit_code() - how a job that ended says so to scripts (faxtool(1)). */
int job_exit_code(uint32_t status, uint32_t ext);

/* Following jobs through the server's events (follow.c). */
struct followed {
	char *id;
	uint32_t status, ext;	/* once ended */
	bool ended, gone;	/* gone: deleted before it ended */
};
struct follow {
	struct faxtool *t;
	fax_server_t *s;
	bool watch;		/* every event on stdout; else progress (send) */
	uint32_t mask;		/* the events listened to */
	struct followed *jobs;	/* the jobs followed; none: every job (watch) */
	size_t n, ended;
	unsigned long count, seen;	/* stop after @count events (0: never) */
	bool shutdown;		/* the server went away */
};
enum follow_end { FOLLOW_DONE, FOLLOW_TIMEOUT, FOLLOW_INTERRUPTED, FOLLOW_SERVER_GONE };
/* follow_listen() - subscribe to the queue and archive events; an exit code. */
int follow_listen(struct follow *f);
int follow_add(struct follow *f, const char *id);
/* follow_state() - show a job's current state and note if it has ended. */
void follow_state(struct follow *f, uint32_t folder, const struct fax_job_info *j);
/* follow_deadline() - now + @seconds in CLOCK_MONOTONIC usec; 0 if malformed. */
uint64_t follow_deadline(const char *seconds);
/* follow_run() - process events until every job ended, @count events,
 * @deadline (0: none), SIGINT/SIGTERM or the server's end. */
enum follow_end follow_run(struct follow *f, uint64_t deadline);
/* follow_exit_code() - the largest job_exit_code() of the jobs (1 if deleted). */
int follow_exit_code(const struct follow *f);
void follow_free(struct follow *f);

/* Option parsing shared by the verbs (options.c). */
int parse_modems(const char *s, uint32_t *ret);
int parse_compressions(const char *s, uint32_t *ret);

#endif /* FAXTOOL_H */
