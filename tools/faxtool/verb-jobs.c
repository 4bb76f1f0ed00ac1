// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The server's queues and archives: send/submit (a fax into the outgoing
 * queue, following it to its end unless --no-wait), jobs, job
 * pause|resume|restart|cancel, inbox, outbox, get ID -o FILE, rm ID.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "faxtool.h"

static uint32_t folder_of(const char *name)
{
	return !strcmp(name, "inbox") ? FAX_FOLDER_INCOMING_ARCHIVE :
	       !strcmp(name, "outbox") ? FAX_FOLDER_OUTGOING_ARCHIVE : FAX_FOLDER_OUTGOING_QUEUE;
}

/* faxtool jobs | inbox | outbox */
int verb_jobs(struct faxtool *t, int argc, char **argv)
{
	uint32_t folder = folder_of(argv[0]);
	fax_error_t err = { 0 };
	fax_server_t *s;
	int rc;

	if (argc > 1)
		return err_exit(EXIT_USAGE, "%s takes no arguments", argv[0]);
	rc = server_open(t, &s);
	if (rc)
		return rc;
	if (folder == FAX_FOLDER_OUTGOING_QUEUE) {
		fax_jobs_t *c;

		if (fax_server_get_jobs(s, folder, &c, &err) < 0) {
			rc = server_fail(argv[0], &err);
		} else {
			for (size_t i = 1; i <= fax_jobs_count(c); i++)
				show_job(t, fax_jobs_item(c, i), i == 1);
			fax_jobs_free(c);
		}
	} else {
		fax_message_iterator_t *it;
		bool first = true;

		if (fax_server_get_messages(s, folder, 0, &it, &err) < 0) {
			rc = server_fail(argv[0], &err);
		} else {
			while (!fax_message_iterator_at_eof(it)) {
				show_job(t, fax_message_iterator_message(it), first);
				first = false;
				if (fax_message_iterator_move_next(it, &err) < 0 &&
				    !fax_message_iterator_at_eof(it)) {
					rc = server_fail(argv[0], &err);
					break;
				}
			}
			fax_message_iterator_free(it);
		}
	}
	fax_server_free(s);
	return rc;
}

/* faxtool job pause|resume|restart|cancel|show ID */
int verb_job(struct faxtool *t, int argc, char **argv)
{
	static const char *const actions[] = { "pause", "resume", "restart", "cancel" };
	fax_error_t err = { 0 };
	fax_server_t *s;
	fax_jobs_t *c;
	uint32_t folder;
	int rc, a = -1;

	if (argc != 3)
		return err_exit(EXIT_USAGE, "job pause|resume|restart|cancel|show ID");
	for (int i = 0; i < 4; i++)
		if (!strcmp(argv[1], actions[i]))
			a = i;
	if (a < 0 && strcmp(argv[1], "show"))
		return err_exit(EXIT_USAGE, "job: unknown action '%s'", argv[1]);
	rc = server_open(t, &s);
	if (rc)
		return rc;
	if (job_locate(s, argv[2], &folder, &c, &err) < 0) {
		rc = server_fail("job", &err);
		goto out;
	}
	if (a >= 0 && fax_server_job_action(s, folder, argv[2], (enum fax_job_action)a, &err) < 0) {
		rc = server_fail("job", &err);
	} else {
		fax_jobs_t *after = NULL;

		/* The job after the operation; a cancelled job may have left. */
		if (fax_server_get_job(s, folder, argv[2], &after, NULL) >= 0 &&
		    fax_jobs_count(after) == 1) {
			show_job(t, fax_jobs_item(after, 1), true);
		} else if (t->json) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "id", json_object_new_string(argv[2]));
			json_object_object_add(o, "folder", json_object_new_string(folder_name(folder)));
			json_object_object_add(o, "removed", json_object_new_boolean(true));
			out_json(o);
		} else {
			printf("%s: no longer in the %s\n", argv[2], folder_name(folder));
		}
		fax_jobs_free(after);
	}
	fax_jobs_free(c);
out:
	fax_server_free(s);
	return rc;
}

/* faxtool get ID -o FILE | rm ID */
int verb_get(struct faxtool *t, int argc, char **argv)
{
	bool rm = !strcmp(argv[0], "rm");
	const char *out = NULL, *id = NULL;
	fax_error_t err = { 0 };
	fax_server_t *s;
	fax_jobs_t *c;
	uint32_t folder;
	int rc, fd = -1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!id)
			id = argv[i];
		else
			return err_exit(EXIT_USAGE, "%s: too many arguments", argv[0]);
	}
	if (!id || (!rm && !out))
		return err_exit(EXIT_USAGE, rm ? "rm ID" : "get ID -o FILE");
	rc = server_open(t, &s);
	if (rc)
		return rc;
	if (job_locate(s, id, &folder, &c, &err) < 0) {
		rc = server_fail(argv[0], &err);
		goto out;
	}
	fax_jobs_free(c);
	if (rm) {
		if (fax_server_delete_message(s, folder, id, &err) < 0) {
			rc = server_fail("rm", &err);
		} else if (t->json) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "id", json_object_new_string(id));
			json_object_object_add(o, "folder", json_object_new_string(folder_name(folder)));
			json_object_object_add(o, "deleted", json_object_new_boolean(true));
			out_json(o);
		}
		goto out;
	}
	/* The client opens the file; the server writes into the descriptor. */
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = err_exit(EXIT_FAILURE_GENERIC, "get: cannot create %s: %m", out);
		goto out;
	}
	if (fax_server_copy_tiff(s, folder, id, fd, &err) < 0)
		rc = server_fail("get", &err);
	else if (t->json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "id", json_object_new_string(id));
		json_object_object_add(o, "file", json_object_new_string(out));
		out_json(o);
	}
	close(fd);
out:
	fax_server_free(s);
	return rc;
}

/* Follow the submitted jobs to their end: the exit code. */
static int wait_jobs(struct follow *f, char *const *ids, const char *sub, uint64_t deadline)
{
	for (char *const *i = ids; *i; i++)
		if (follow_add(f, *i) < 0)
			return err_exit(EXIT_FAILURE_GENERIC, "out of memory");
	switch (follow_run(f, deadline)) {
	case FOLLOW_DONE:
		return follow_exit_code(f);
	case FOLLOW_TIMEOUT:
		return err_exit(EXIT_TIMEOUT, "send: timed out; the fax goes on in the server ('faxtool watch %s')", sub);
	case FOLLOW_INTERRUPTED:
		return err_exit(EXIT_INTERRUPTED, "send: interrupted; the fax goes on in the server ('faxtool watch %s')", sub);
	default:
		return err_exit(EXIT_FAILURE_GENERIC, "send: the server went away before the fax ended");
	}
}

/* faxtool submit [OPTIONS] FILE NUMBER... */
int verb_submit(struct faxtool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "subject", required_argument, NULL, 's' },
		{ "note", required_argument, NULL, 'n' },
		{ "name", required_argument, NULL, 'd' },
		{ "sender", required_argument, NULL, 'f' },
		{ "tsid", required_argument, NULL, 'i' },
		{ "priority", required_argument, NULL, 'p' },
		{ "at", required_argument, NULL, 'a' },
		{ "no-wait", no_argument, NULL, 'W' },
		{ "timeout", required_argument, NULL, 't' },
		{ 0 }
	};
	struct fax_document doc = { .size = sizeof(doc) };
	fax_error_t err = { 0 };
	struct follow f = { .t = t };
	uint64_t deadline = 0;
	bool wait = true;
	fax_server_t *s;
	char *sub = NULL, **ids = NULL;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:n:d:f:i:p:a:Wt:", opts, NULL)) != -1) {
		switch (c) {
		case 's': doc.subject = optarg; break;
		case 'n': doc.note = optarg; break;
		case 'd': doc.document_name = optarg; break;
		case 'f': doc.sender_name = optarg; break;
		case 'i': doc.sender_tsid = optarg; break;
		case 'p':
			if (fax_priority_parse(optarg, &doc.priority) < 0)
				return err_exit(EXIT_USAGE, "submit: priority is low, normal or high");
			break;
		case 'a':
			doc.schedule_type = FAX_SCHEDULE_SPECIFIC_TIME;
			doc.schedule_time = strtoll(optarg, NULL, 10) * 1000000;
			break;
		case 'W': wait = false; break;
		case 't':
			deadline = follow_deadline(optarg);
			if (!deadline)
				return err_exit(EXIT_USAGE, "%s: bad timeout '%s'", argv[0], optarg);
			break;
		default:
			return err_exit(EXIT_USAGE, "%s [--subject S] [--note N] [--name DOC] [--sender NAME] [--tsid ID] [--priority P] [--at EPOCH] [--no-wait] [--timeout S] FILE NUMBER...", argv[0]);
		}
	}
	if (argc - optind < 2)
		return err_exit(EXIT_USAGE, "%s FILE NUMBER...", argv[0]);
	doc.body_fd = open(argv[optind], O_RDONLY | O_CLOEXEC);
	if (doc.body_fd < 0)
		return err_exit(EXIT_BAD_DOCUMENT, "submit: cannot open %s: %m", argv[optind]);
	doc.recipients = (const char *const *)&argv[optind + 1];
	doc.n_recipients = (size_t)(argc - optind - 1);
	rc = server_open(t, &s);
	if (rc)
		goto out_fd;
	f.s = s;
	/* Listen first: the job may change before the submission returns. */
	if (wait) {
		rc = follow_listen(&f);
		if (rc)
			goto out;
	}
	if (fax_server_submit(s, &doc, &sub, &ids, &err) < 0) {
		rc = err.code == -EBADMSG || err.code == -EMEDIUMTYPE ?
		     err_exit(EXIT_BAD_DOCUMENT, "submit: %s", err.message) : server_fail("submit", &err);
		goto out;
	}
	if (t->json) {
		json_object *o = json_object_new_object(), *a = json_object_new_array();

		for (char **i = ids; *i; i++)
			json_object_array_add(a, json_object_new_string(*i));
		json_object_object_add(o, "submission_id", json_object_new_string(sub));
		json_object_object_add(o, "job_ids", a);
		out_json(o);
	} else {
		for (char **i = ids; *i; i++)
			printf("%s\n", *i);
	}
	fflush(stdout);
	if (wait)
		rc = wait_jobs(&f, ids, sub, deadline);
out:
	follow_free(&f);
	free(sub);
	fax_strv_free(ids);
	fax_server_free(s);
out_fd:
	close(doc.body_fd);
	return rc;
}
