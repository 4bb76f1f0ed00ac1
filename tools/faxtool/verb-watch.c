// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool watch [--count N] [--timeout S] [ID]
 * The queues' and archives' events as they happen, one line (or JSON
 * object) each: every job the caller may see, or only job ID, or the
 * jobs of submission ID. Following an ID starts with the current state
 * of its jobs (event "State") and ends when they have ended, with the
 * exit code send gives; following everything ends on SIGINT/SIGTERM,
 * after N events, after S seconds or when the server goes away.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faxtool.h"

/* Follow @j if it belongs to submission @id. */
static int add_if_of(struct follow *f, uint32_t folder, const struct fax_job_info *j,
		     const char *id)
{
	int r;

	if (strcmp(j->submission_id, id))
		return 0;
	r = follow_add(f, j->id);
	if (r >= 0)
		follow_state(f, folder, j);
	return r;
}

/* The jobs of submission @id in the outgoing queue and archive. */
static int add_submission(struct follow *f, const char *id, fax_error_t *err)
{
	fax_message_iterator_t *it;
	fax_jobs_t *c;
	int r;

	r = fax_server_get_jobs(f->s, FAX_FOLDER_OUTGOING_QUEUE, &c, err);
	if (r < 0)
		return r;
	for (size_t i = 1; i <= fax_jobs_count(c) && r >= 0; i++)
		r = add_if_of(f, FAX_FOLDER_OUTGOING_QUEUE, fax_jobs_item(c, i), id);
	fax_jobs_free(c);
	if (r < 0 || fax_server_get_messages(f->s, FAX_FOLDER_OUTGOING_ARCHIVE, 0, &it, NULL) < 0)
		return r;
	while (r >= 0 && !fax_message_iterator_at_eof(it)) {
		r = add_if_of(f, FAX_FOLDER_OUTGOING_ARCHIVE, fax_message_iterator_message(it), id);
		if (r >= 0)
			r = fax_message_iterator_move_next(it, err);
	}
	fax_message_iterator_free(it);
	return r;
}

/* Follow @id: a job or message, else a submission. An exit code. */
static int resolve(struct follow *f, const char *id)
{
	fax_error_t err = { 0 };
	uint32_t folder;
	fax_jobs_t *c;
	int r;

	r = job_locate(f->s, id, &folder, &c, &err);
	if (r >= 0) {
		r = follow_add(f, id);
		if (r >= 0)
			follow_state(f, folder, fax_jobs_item(c, 1));
		fax_jobs_free(c);
		return r < 0 ? err_exit(EXIT_FAILURE_GENERIC, "out of memory") : EXIT_OK;
	}
	if (r != -ENOENT)
		return server_fail("watch", &err);
	memset(&err, 0, sizeof(err));
	r = add_submission(f, id, &err);
	if (r < 0)
		return server_fail("watch", &err);
	if (!f->n)
		return err_exit(EXIT_NO_SUCH_OBJECT, "watch: no job, message or submission '%s'", id);
	return EXIT_OK;
}

int verb_watch(struct faxtool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	struct follow f = { .t = t, .watch = true };
	uint64_t deadline = 0;
	const char *id;
	fax_server_t *s;
	char *end;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			f.count = strtoul(optarg, &end, 10);
			if (*end || !f.count)
				return err_exit(EXIT_USAGE, "watch: bad count '%s'", optarg);
			break;
		case 't':
			deadline = follow_deadline(optarg);
			if (!deadline)
				return err_exit(EXIT_USAGE, "watch: bad timeout '%s'", optarg);
			break;
		default:
			return err_exit(EXIT_USAGE, "watch [--count N] [--timeout S] [ID]");
		}
	}
	if (argc - optind > 1)
		return err_exit(EXIT_USAGE, "watch [--count N] [--timeout S] [ID]");
	id = optind < argc ? argv[optind] : NULL;
	rc = server_open(t, &s);
	if (rc)
		return rc;
	f.s = s;
	/* Listen before reading the state, so that no change falls between. */
	rc = follow_listen(&f);
	if (!rc && id)
		rc = resolve(&f, id);
	if (rc)
		goto out;
	if (!t->quiet)
		fprintf(stderr, "faxtool: watching %s%s\n", id ? "" : "every job", id ? id : "");
	switch (follow_run(&f, deadline)) {
	case FOLLOW_DONE:
		/* Ended by --count: the jobs have not ended, which is no failure. */
		rc = id && f.ended == f.n ? follow_exit_code(&f) : EXIT_OK;
		break;
	case FOLLOW_TIMEOUT:
		rc = id || f.count ? EXIT_TIMEOUT : EXIT_OK;
		break;
	case FOLLOW_INTERRUPTED:
		rc = id ? EXIT_INTERRUPTED : EXIT_OK;
		break;
	default:
		rc = id ? err_exit(EXIT_FAILURE_GENERIC, "watch: the server went away before %s ended", id) :
		     EXIT_OK;
		break;
	}
out:
	follow_free(&f);
	fax_server_free(s);
	return rc;
}
