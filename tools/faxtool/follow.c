// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Following jobs through the server's queue and archive events instead
 * of asking again and again: send/submit wait for their jobs with it and
 * show their progress, watch prints every change. The listener is
 * registered before anything that changes the jobs (the submission
 * itself), so no change can slip between the two; sd-bus keeps the
 * signals that arrive while a method call waits for its reply and hands
 * them to fax_server_process() afterwards.
 *
 * A followed job has ended when an event shows it in a final state
 * (failed, out of retries, cancelled), when its message arrives in an
 * archive, or when it leaves its queue without a message (deleted).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "faxtool.h"

#define FOLLOW_QUEUES (FAX_EVENTS_IN_QUEUE | FAX_EVENTS_OUT_QUEUE)
#define FOLLOW_ARCHIVES (FAX_EVENTS_IN_ARCHIVE | FAX_EVENTS_OUT_ARCHIVE)

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* The folder an event is about, -1 for events that are not about jobs. */
static int event_folder(enum fax_server_event_type type)
{
	switch (type) {
	case FAX_SERVER_EV_INCOMING_JOB_ADDED ... FAX_SERVER_EV_INCOMING_JOB_CHANGED:
		return FAX_FOLDER_INCOMING_QUEUE;
	case FAX_SERVER_EV_OUTGOING_JOB_ADDED ... FAX_SERVER_EV_OUTGOING_JOB_CHANGED:
		return FAX_FOLDER_OUTGOING_QUEUE;
	case FAX_SERVER_EV_INCOMING_MESSAGE_ADDED:
	case FAX_SERVER_EV_INCOMING_MESSAGE_REMOVED:
		return FAX_FOLDER_INCOMING_ARCHIVE;
	case FAX_SERVER_EV_OUTGOING_MESSAGE_ADDED:
	case FAX_SERVER_EV_OUTGOING_MESSAGE_REMOVED:
		return FAX_FOLDER_OUTGOING_ARCHIVE;
	default:
		return -1;
	}
}

static bool is_removal(enum fax_server_event_type type)
{
	return type == FAX_SERVER_EV_INCOMING_JOB_REMOVED ||
	       type == FAX_SERVER_EV_OUTGOING_JOB_REMOVED ||
	       type == FAX_SERVER_EV_INCOMING_MESSAGE_REMOVED ||
	       type == FAX_SERVER_EV_OUTGOING_MESSAGE_REMOVED;
}

static struct followed *find(struct follow *f, const char *id)
{
	for (size_t i = 0; id && i < f->n; i++)
		if (!strcmp(f->jobs[i].id, id))
			return &f->jobs[i];
	return NULL;
}

int follow_add(struct follow *f, const char *id)
{
	struct followed *v;

	if (find(f, id))
		return 0;
	v = realloc(f->jobs, (f->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	f->jobs = v;
	memset(&v[f->n], 0, sizeof(v[f->n]));
	v[f->n].id = strdup(id);
	if (!v[f->n].id)
		return -ENOMEM;
	f->n++;
	return 0;
}

void follow_free(struct follow *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->jobs[i].id);
	free(f->jobs);
	f->jobs = NULL;
	f->n = 0;
}

static void end_job(struct follow *f, struct followed *fj, const struct fax_job_info *j)
{
	char st[128];

	fj->ended = true;
	f->ended++;
	if (!j) {
		fj->gone = true;
		if (!f->watch)
			progress_line(f->t, "%s: removed before it ended", fj->id);
		return;
	}
	fj->status = j->status;
	fj->ext = j->extended_status_code;
	if (f->watch || f->t->quiet)
		return;
	progress_clear(f->t);
	if (j->status & FAX_JOB_COMPLETED)
		fprintf(stderr, "%s: completed, %u page%s to %s%s%s\n", fj->id, j->pages,
			j->pages == 1 ? "" : "s", j->recipient_number,
			*j->csid ? ", CSID " : "", j->csid);
	else
		fprintf(stderr, "%s: %s (%s) after %u attempt%s\n", fj->id,
			fax_job_status_name(j->status, st, sizeof(st)),
			fax_job_extended_status_name(j->extended_status_code) ?: "?",
			j->retries + 1, j->retries ? "s" : "");
}

/* One event on stdout: text or a JSON object (the job when known). */
static void print_event(struct follow *f, const char *name, const char *id, uint32_t folder,
			const struct fax_job_info *j)
{
	char st[128];

	if (f->t->json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "event", json_object_new_string(name));
		json_object_object_add(o, "id", json_object_new_string(id));
		json_object_object_add(o, "folder", json_object_new_string(folder_name(folder)));
		if (j)
			json_object_object_add(o, "job", job_json(j));
		out_json(o);
		return;
	}
	if (!j) {
		printf("%-22s %s %s\n", name, id, folder_name(folder));
	} else {
		printf("%-22s %s %s %s %s page %u/%u %s%s%s\n", name, id, folder_name(folder),
		       fax_job_status_name(j->status, st, sizeof(st)),
		       fax_job_extended_status_name(j->extended_status_code) ?: "?",
		       j->current_page, j->pages,
		       *j->recipient_number ? j->recipient_number : j->caller_id,
		       *j->device_name ? " on " : "", j->device_name);
	}
	fflush(stdout);
}

/* send: the progress line on stderr (and every change as JSON on stdout). */
static void show_progress(struct follow *f, const char *name, const char *id, uint32_t folder,
			  const struct fax_job_info *j)
{
	char st[128];

	if (f->t->json)
		print_event(f, name, id, folder, j);
	if (!j || fax_job_status_is_final(j->status))
		return;
	progress_line(f->t, "%s: %s %s page %u/%u%s%s, retries %u", id,
		      fax_job_status_name(j->status, st, sizeof(st)),
		      fax_job_extended_status_name(j->extended_status_code) ?: "",
		      j->current_page, j->pages, *j->device_name ? " on " : "", j->device_name,
		      j->retries);
}

void follow_state(struct follow *f, uint32_t folder, const struct fax_job_info *j)
{
	struct followed *fj = find(f, j->id);

	if (f->watch) {
		print_event(f, "State", j->id, folder, j);
		f->seen++;
	} else
		show_progress(f, "State", j->id, folder, j);
	if (fj && !fj->ended && (fax_job_status_is_final(j->status) ||
				 folder >= FAX_FOLDER_OUTGOING_ARCHIVE))
		end_job(f, fj, j);
}

static void on_event(fax_server_t *s, const struct fax_server_event *ev, void *userdata)
{
	struct follow *f = userdata;
	struct followed *fj = find(f, ev->id);
	const struct fax_job_info *j = ev->job;
	fax_jobs_t *fetched = NULL, *archived = NULL;
	int folder = event_folder(ev->type);

	if (ev->type == FAX_SERVER_EV_SERVER_SHUTDOWN) {
		f->shutdown = true;
		if (f->watch && !f->n)
			print_event(f, ev->name, "", 0, NULL);
		return;
	}
	if (folder < 0 || (!fj && (!f->watch || f->n)))
		return;		/* not a job we follow */
	/* Added events carry only the id: read the rest. */
	if (!j && !is_removal(ev->type) && fax_server_get_job(s, (uint32_t)folder, ev->id,
							      &fetched, NULL) >= 0)
		j = fax_jobs_item(fetched, 1);
	if (f->watch)
		print_event(f, ev->name, ev->id, (uint32_t)folder, j);
	else
		show_progress(f, ev->name, ev->id, (uint32_t)folder, j);
	f->seen++;
	if (fj && !fj->ended) {
		if (j && (fax_job_status_is_final(j->status) || folder >= FAX_FOLDER_OUTGOING_ARCHIVE)) {
			end_job(f, fj, j);
		} else if (is_removal(ev->type) && folder <= FAX_FOLDER_INCOMING_QUEUE) {
			/* Left the queue: archived (its MessageAdded follows at
			 * once and ends it) or deleted. */
			uint32_t arch = folder == FAX_FOLDER_OUTGOING_QUEUE ?
					FAX_FOLDER_OUTGOING_ARCHIVE : FAX_FOLDER_INCOMING_ARCHIVE;
			bool found = fax_server_get_job(s, arch, ev->id, &archived, NULL) >= 0 &&
				     fax_jobs_count(archived) == 1;

			if (!found)
				end_job(f, fj, NULL);
			else if (!(f->mask & FOLLOW_ARCHIVES))
				end_job(f, fj, fax_jobs_item(archived, 1));
		}
	}
	fax_jobs_free(fetched);
	fax_jobs_free(archived);
}

int follow_listen(struct follow *f)
{
	fax_error_t err = { 0 };

	f->mask = FOLLOW_QUEUES | FOLLOW_ARCHIVES | FAX_EVENTS_SERVER_ENDED;
	if (fax_server_listen_to_events(f->s, f->mask, on_event, f, &err) >= 0)
		return 0;
	/* Someone who may read the queues but not the archives. */
	f->mask = FOLLOW_QUEUES | FAX_EVENTS_SERVER_ENDED;
	memset(&err, 0, sizeof(err));
	if (fax_server_listen_to_events(f->s, f->mask, on_event, f, &err) >= 0)
		return 0;
	return server_fail(f->watch ? "watch" : "send", &err);
}

static uint64_t now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

uint64_t follow_deadline(const char *seconds)
{
	char *end;
	unsigned long s = strtoul(seconds, &end, 10);

	if (!*seconds || *end)
		return 0;
	return now_usec() + (uint64_t)s * 1000000;
}

enum follow_end follow_run(struct follow *f, uint64_t deadline)
{
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
	enum follow_end end = FOLLOW_DONE;

	/* No SA_RESTART: the signal must break the wait. */
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	for (;;) {
		uint64_t now = now_usec();
		int r;

		if (interrupted) {
			end = FOLLOW_INTERRUPTED;
			break;
		}
		if (f->shutdown) {
			end = FOLLOW_SERVER_GONE;
			break;
		}
		if ((f->n && f->ended == f->n) || (f->count && f->seen >= f->count))
			break;
		if (deadline && now >= deadline) {
			end = FOLLOW_TIMEOUT;
			break;
		}
		r = fax_server_process(f->s);
		if (r > 0)
			continue;
		if (r == 0)
			r = fax_server_wait(f->s, deadline ? deadline - now : UINT64_MAX);
		if (r == -EINTR)
			continue;
		if (r < 0) {
			end = FOLLOW_SERVER_GONE;
			break;
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	progress_clear(f->t);
	return end;
}

int follow_exit_code(const struct follow *f)
{
	int rc = EXIT_OK;

	for (size_t i = 0; i < f->n; i++) {
		const struct followed *fj = &f->jobs[i];
		int c = fj->gone ? EXIT_FAILURE_GENERIC : job_exit_code(fj->status, fj->ext);

		if (c > rc)
			rc = c;
	}
	return rc;
}
