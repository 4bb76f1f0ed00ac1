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
	EXIT_TIMEOUT = 124,		/* --timeout expired (as timeout(1)) */
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
int verb_jobs(struct faxtool *t, int argc, char **argv);
int verb_job(struct faxtool *t, int argc, char **argv);
int verb_get(struct faxtool *t, int argc, char **argv);

/* Talking to faxd (server.c). */
int server_open(struct faxtool *t, fax_server_t **ret);
/* server_fail() - print @err and return the exit code for its errno. */
int server_fail(const char *verb, const fax_error_t *err);
/* rights_text() - "query-config,manage-config" (or "none") into @buf. */
const char *rights_text(uint32_t rights, char *buf, size_t size);

/* Option parsing shared by the verbs (options.c). */
int parse_modems(const char *s, uint32_t *ret);
int parse_compressions(const char *s, uint32_t *ret);

#endif /* FAXTOOL_H */
