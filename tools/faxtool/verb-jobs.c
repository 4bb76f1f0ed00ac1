// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The server's queues and archives: submit (a fax into the outgoing
 * queue, waiting for its result unless --no-wait), jobs, job
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

static json_object *job_json(const struct fax_job_info *j)
{
	json_object *o = json_object_new_object();
	char st[128];

	json_object_object_add(o, "id", json_object_new_string(j->id));
	json_object_object_add(o, "submission_id", json_object_new_string(j->submission_id));
	json_object_object_add(o, "status", json_object_new_string(fax_job_status_name(j->status, st, sizeof(st))));
	json_object_object_add(o, "extended_status",
			       json_object_new_string(fax_job_extended_status_name(j->extended_status_code) ?: ""));
	json_object_object_add(o, "available_operations", json_object_new_int((int)j->available_operations));
	json_object_object_add(o, "priority", json_object_new_string(fax_priority_name(j->priority) ?: ""));
	json_object_object_add(o, "recipient", json_object_new_string(j->recipient_number));
	json_object_object_add(o, "subject", json_object_new_string(j->subject));
	json_object_object_add(o, "pages", json_object_new_int((int)j->pages));
	json_object_object_add(o, "current_page", json_object_new_int((int)j->current_page));
	json_object_object_add(o, "retries", json_object_new_int((int)j->retries));
	json_object_object_add(o, "size", json_object_new_int64(j->size));
	json_object_object_add(o, "device", json_object_new_string(j->device_name));
	json_object_object_add(o, "csid", json_object_new_string(j->csid));
	json_object_object_add(o, "tsid", json_object_new_string(j->tsid));
	json_object_object_add(o, "caller_id", json_object_new_string(j->caller_id));
	json_object_object_add(o, "submission_time", json_object_new_int64(j->submission_time));
	json_object_object_add(o, "transmission_start", json_object_new_int64(j->transmission_start));
	json_object_object_add(o, "transmission_end", json_object_new_int64(j->transmission_end));
	json_object_object_add(o, "partially_received", json_object_new_boolean(j->partially_received));
	json_object_object_add(o, "owner_uid", json_object_new_int64(j->owner_uid));
	return o;
}

static void show_job(struct faxtool *t, const struct fax_job_info *j, bool header)
{
	char st[128];

	if (t->json) {
		out_json(job_json(j));
		return;
	}
	if (header)
		printf("%-16s %-24s %-14s %5s %-16s %s\n", "ID", "STATUS", "EXTENDED", "PAGES",
		       "NUMBER/CSID", "SUBJECT/TSID");
	printf("%-16s %-24s %-14s %2u/%-2u %-16s %s\n", j->id,
	       fax_job_status_name(j->status, st, sizeof(st)),
	       fax_job_extended_status_name(j->extended_status_code) ?: "?", j->current_page,
	       j->pages, *j->recipient_number ? j->recipient_number : j->csid,
	       *j->subject ? j->subject : j->tsid);
}

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

/* Where @id lives: the outgoing queue, then the archives. */
static int locate(fax_server_t *s, const char *id, uint32_t *folder, fax_jobs_t **ret,
		  fax_error_t *err)
{
	static const uint32_t order[] = { FAX_FOLDER_OUTGOING_QUEUE, FAX_FOLDER_OUTGOING_ARCHIVE,
					  FAX_FOLDER_INCOMING_ARCHIVE, FAX_FOLDER_INCOMING_QUEUE };
	int r = -ENOENT;

	for (size_t i = 0; i < 4; i++) {
		r = fax_server_get_job(s, order[i], id, ret, err);
		if (r >= 0 && fax_jobs_count(*ret) == 1) {
			*folder = order[i];
			return 0;
		}
		if (r >= 0)
			fax_jobs_free(*ret);
		if (r != -ENOENT && r != -EACCES && r >= -1000 && r < 0 && r != -EBADR)
			return r;
	}
	fax_error_set(err, -ENOENT, "no job or message '%s'", id);
	return -ENOENT;
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
	if (locate(s, argv[2], &folder, &c, &err) < 0) {
		rc = server_fail("job", &err);
		goto out;
	}
	if (a >= 0 && fax_server_job_action(s, folder, argv[2], (enum fax_job_action)a, &err) < 0) {
		rc = server_fail("job", &err);
	} else {
		fax_jobs_free(c);
		if (fax_server_get_job(s, folder, argv[2], &c, &err) >= 0 && fax_jobs_count(c) == 1)
			show_job(t, fax_jobs_item(c, 1), true);
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
	if (locate(s, id, &folder, &c, &err) < 0) {
		rc = server_fail(argv[0], &err);
		goto out;
	}
	fax_jobs_free(c);
	if (rm) {
		if (fax_server_delete_message(s, folder, id, &err) < 0)
			rc = server_fail("rm", &err);
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

/* Wait for job @id to end, with its progress on stderr. */
static int wait_job(struct faxtool *t, fax_server_t *s, const char *id, uint32_t *status)
{
	for (;;) {
		fax_jobs_t *c;
		char st[128];
		const struct fax_job_info *j;

		if (fax_server_get_job(s, FAX_FOLDER_OUTGOING_ARCHIVE, id, &c, NULL) >= 0) {
			*status = FAX_JOB_COMPLETED;
			if (t->json)
				out_json(job_json(fax_jobs_item(c, 1)));
			fax_jobs_free(c);
			return 0;
		}
		if (fax_server_get_job(s, FAX_FOLDER_OUTGOING_QUEUE, id, &c, NULL) < 0)
			return -ENOENT;
		j = fax_jobs_item(c, 1);
		*status = j->status;
		progress_line(t, "%s: %s %s page %u/%u, retries %u", id,
			      fax_job_status_name(j->status, st, sizeof(st)),
			      fax_job_extended_status_name(j->extended_status_code) ?: "",
			      j->current_page, j->pages, j->retries);
		if (j->status & (FAX_JOB_FAILED | FAX_JOB_RETRIES_EXCEEDED | FAX_JOB_CANCELED)) {
			if (t->json)
				out_json(job_json(j));
			fax_jobs_free(c);
			return 0;
		}
		fax_jobs_free(c);
		usleep(500000);
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
		{ 0 }
	};
	struct fax_document doc = { .size = sizeof(doc) };
	fax_error_t err = { 0 };
	bool wait = true;
	fax_server_t *s;
	char *sub = NULL, **ids = NULL;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:n:d:f:i:p:a:W", opts, NULL)) != -1) {
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
		default:
			return err_exit(EXIT_USAGE, "submit [--subject S] [--note N] [--name DOC] [--sender NAME] [--tsid ID] [--priority P] [--at EPOCH] [--no-wait] FILE NUMBER...");
		}
	}
	if (argc - optind < 2)
		return err_exit(EXIT_USAGE, "submit FILE NUMBER...");
	doc.body_fd = open(argv[optind], O_RDONLY | O_CLOEXEC);
	if (doc.body_fd < 0)
		return err_exit(EXIT_BAD_DOCUMENT, "submit: cannot open %s: %m", argv[optind]);
	doc.recipients = (const char *const *)&argv[optind + 1];
	doc.n_recipients = (size_t)(argc - optind - 1);
	rc = server_open(t, &s);
	if (rc)
		goto out_fd;
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
	for (char **i = ids; wait && *i && !rc; i++) {
		uint32_t status = 0;

		if (wait_job(t, s, *i, &status) < 0)
			rc = err_exit(EXIT_FAILURE_GENERIC, "submit: job %s vanished", *i);
		progress_clear(t);
		if (!rc && status != FAX_JOB_COMPLETED)
			rc = EXIT_FAX_FAILED;
	}
out:
	free(sub);
	fax_strv_free(ids);
	fax_server_free(s);
out_fd:
	close(doc.body_fd);
	return rc;
}
