// SPDX-License-Identifier: GPL-2.0-or-later
/* The outgoing and incoming queues; see queue.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "call.h"
#include "device.h"
#include "discount.h"
#include "events.h"
#include "job.h"
#include "log.h"
#include "manager.h"
#include "provider.h"
#include "queue.h"
#include "spool.h"

#define USEC_PER_SEC 1000000LL
#define USEC_PER_MIN (60LL * USEC_PER_SEC)

static void job_changed(struct manager *m, const struct job *j)
{
	bool in = j->folder == JOB_INCOMING_QUEUE;

	events_emit_job(m, in ? FAX_SERVER_EV_INCOMING_JOB_CHANGED :
			FAX_SERVER_EV_OUTGOING_JOB_CHANGED, j);
}

/* Recount the activity (FaxActivity) and announce a change. */
static void activity_update(struct manager *m)
{
	struct activity a = { 0 };
	int64_t waiting;

	for (size_t i = 0; i < m->n_devices; i++) {
		struct call *c = m->devices[i]->call;

		if (c && c->sending)
			a.outgoing++;
		else if (c)
			a.incoming++;
	}
	/* Counted by the store as the jobs change, not by reading them. */
	if (store_job_waiting(m->store, false, &waiting) >= 0)
		a.queued = (uint32_t)waiting;
	if (!memcmp(&a, &m->activity, sizeof(a)))
		return;
	m->activity = a;
	events_emit(m, FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE, a.incoming, a.routing, a.outgoing,
		    a.queued);
}

/* ---- configuration ------------------------------------------------------ */

static const struct {
	const char *key;
	size_t offset;
	bool is_bool;
	uint32_t def;
} settings[] = {
#define C(key, member, b, def) { key, offsetof(struct queue_config, member), b, def }
	C("outgoing_queue.blocked", out_blocked, true, 0),
	C("outgoing_queue.paused", out_paused, true, 0),
	C("incoming_queue.blocked", in_blocked, true, 0),
	C("outgoing_queue.retries", retries, false, 3),
	C("outgoing_queue.retry_delay_minutes", retry_delay, false, 10),
	C("outgoing_queue.discount_start", discount_start, false, 20 * 60),
	C("outgoing_queue.discount_end", discount_end, false, 7 * 60),
	C("outgoing_queue.age_limit", out_age_limit, false, 0),
	C("incoming_archive.age_limit", in_archive_age_limit, false, 0),
	C("outgoing_archive.age_limit", out_archive_age_limit, false, 0),
	C("incoming_archive.high_mb", in_high_mb, false, 0),
	C("incoming_archive.low_mb", in_low_mb, false, 0),
	C("outgoing_archive.high_mb", out_high_mb, false, 0),
	C("outgoing_archive.low_mb", out_low_mb, false, 0),
	C("incoming_archive.quota_warning", in_quota_warning, true, 0),
	C("outgoing_archive.quota_warning", out_quota_warning, true, 0),
#undef C
};

static void config_load_store(struct manager *m, struct queue_config *c)
{
	char *old = NULL;

	/* faxd before the model's minutes kept RetryDelay in seconds. */
	if (store_setting_get(m->store, "outgoing_queue.retry_delay", &old) >= 0) {
		char buf[24];

		snprintf(buf, sizeof(buf), "%lu", (strtoul(old, NULL, 10) + 59) / 60);
		free(old);
		old = NULL;
		if (store_setting_get(m->store, "outgoing_queue.retry_delay_minutes", &old) < 0)
			store_setting_set(m->store, "outgoing_queue.retry_delay_minutes", buf);
		free(old);
	}
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		char *v = NULL;
		uint32_t val = settings[i].def;

		if (store_setting_get(m->store, settings[i].key, &v) >= 0) {
			val = (uint32_t)strtoul(v, NULL, 10);
			free(v);
		}
		if (settings[i].is_bool)
			*(bool *)((char *)c + settings[i].offset) = val != 0;
		else
			*(uint32_t *)((char *)c + settings[i].offset) = val;
	}
}

int queue_set_config(struct manager *m, const struct queue_config *c)
{
	struct queue_config old = m->queue.cfg;
	int r = 0;

	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]) && r >= 0; i++) {
		const char *p = (const char *)c + settings[i].offset;
		char buf[16];

		snprintf(buf, sizeof(buf), "%u",
			 settings[i].is_bool ? (unsigned int)*(const bool *)p : *(const uint32_t *)p);
		r = store_setting_set(m->store, settings[i].key, buf);
	}
	if (r < 0)
		return r;
	m->queue.cfg = *c;
	if (old.out_blocked != c->out_blocked || old.out_paused != c->out_paused ||
	    old.in_blocked != c->in_blocked)
		events_emit(m, FAX_SERVER_EV_QUEUES_STATUS_CHANGE, (int)c->out_blocked,
			    (int)c->out_paused, (int)c->in_blocked);
	events_emit(m, FAX_SERVER_EV_OUTGOING_QUEUE_CONFIG_CHANGE);
	m->queue.replan = true;
	queue_kick(m);
	archive_kick(m);
	return 0;
}

void queue_clock_changed(struct manager *m)
{
	m->queue.replan = true;
	queue_kick(m);
	archive_kick(m);
}

/*
 * When a waiting job may go: a discount job at the next opening of the
 * discount window (a retry once its delay has passed, then at the
 * window), any other at its scheduled time (now, a specific time, or
 * after its retry delay).
 */
static int64_t due_time(const struct manager *m, const struct job *j, int64_t now)
{
	const struct queue_config *c = &m->queue.cfg;

	if (j->schedule_type != FAX_SCHEDULE_DISCOUNT_PERIOD)
		return j->scheduled_time;
	if ((j->status & FAX_JOB_RETRYING) && j->scheduled_time > now)
		return j->scheduled_time;
	return discount_next_open(now, c->discount_start, c->discount_end);
}

/* The time of the next attempt of @j after a failed one. */
static int64_t retry_time(const struct manager *m, const struct job *j)
{
	const struct queue_config *c = &m->queue.cfg;
	int64_t t = job_now() + (int64_t)c->retry_delay * USEC_PER_MIN;

	if (j->schedule_type == FAX_SCHEDULE_DISCOUNT_PERIOD)
		t = discount_next_open(t, c->discount_start, c->discount_end);
	return t;
}

/* ---- submission ---------------------------------------------------------- */

static int dup_or_empty(char **dst, const char *src)
{
	*dst = strdup(src ? src : "");
	return *dst ? 0 : -ENOMEM;
}

int queue_submit(struct manager *m, const struct job *tmpl, int fd, char **numbers,
		 char **names, char **ret_submission, char ***ret_ids, char *msg, size_t msg_size)
{
	size_t n = 0;
	struct job **v = NULL;
	char *base = NULL, *sub = NULL, **ids = NULL;
	uint32_t pages = 0;
	int64_t size = 0, now = job_now();
	int r;

	while (numbers[n])
		n++;
	if (m->queue.cfg.out_blocked) {
		snprintf(msg, msg_size, "the outgoing queue is blocked");
		return -EBUSY;
	}
	r = spool_import(m, fd, &base, &pages, &size, msg, msg_size);
	if (r < 0)
		return r;
	v = calloc(n, sizeof(*v));
	ids = calloc(n + 1, sizeof(*ids));
	r = v && ids ? job_new_id(&sub) : -ENOMEM;
	for (size_t i = 0; i < n && r >= 0; i++) {
		struct job *j = calloc(1, sizeof(*j));

		if (!j) {
			r = -ENOMEM;
			break;
		}
		v[i] = j;
		for (size_t k = 0; k < n_job_fields; k++) {
			const struct job_field *f = &job_fields[k];

			if (f->type == JF_STR && r >= 0)
				r = dup_or_empty(job_field_str(j, f),
						 *job_field_str((struct job *)tmpl, f));
			else if (f->type != JF_STR)
				memcpy((char *)j + f->offset, (const char *)tmpl + f->offset,
				       f->type == JF_I64 ? 8 : f->type == JF_U32 ? 4 : sizeof(bool));
		}
		free(j->id);
		free(j->submission_id);
		free(j->recipient_number);
		free(j->recipient_name);
		free(j->tiff);
		j->id = j->submission_id = j->recipient_number = j->recipient_name = j->tiff = NULL;
		if (r >= 0)
			r = job_new_id(&j->id);
		if (r >= 0)
			r = dup_or_empty(&j->submission_id, sub);
		if (r >= 0)
			r = dup_or_empty(&j->recipient_number, numbers[i]);
		if (r >= 0)
			r = dup_or_empty(&j->recipient_name, names ? names[i] : "");
		if (r >= 0 && asprintf(&j->tiff, "%s.tif", j->id) < 0)
			r = -ENOMEM;
		if (r < 0)
			break;
		j->folder = JOB_OUTGOING_QUEUE;
		j->job_type = FAX_JOB_TYPE_SEND;
		j->status = FAX_JOB_PENDING;
		j->submission_time = now;
		if (j->schedule_type != FAX_SCHEDULE_SPECIFIC_TIME || j->scheduled_time < now)
			j->scheduled_time = now;
		if (j->schedule_type == FAX_SCHEDULE_DISCOUNT_PERIOD)
			j->scheduled_time = due_time(m, j, now);
		j->original_scheduled_time = j->scheduled_time;
		j->pages = pages;
		j->size = size;
		r = spool_link(m, base, j->tiff);
	}
	if (r >= 0)
		r = spool_sync(m);
	if (r >= 0)
		r = store_job_insert(m->store, v, n);
	spool_remove(m, base);
	if (r < 0) {
		for (size_t i = 0; i < n && v; i++)
			if (v[i] && v[i]->tiff)
				spool_remove(m, v[i]->tiff);
		if (r == -ENOSPC)
			snprintf(msg, msg_size, "no space left in the spool");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		ids[i] = strdup(v[i]->id);
		log_info("job %s: queued for %s (%u pages, submission %s, uid %u)", v[i]->id,
			 v[i]->recipient_number, pages, sub, v[i]->owner_uid);
		events_emit_job(m, FAX_SERVER_EV_OUTGOING_JOB_ADDED, v[i]);
	}
	*ret_submission = sub;
	*ret_ids = ids;
	sub = NULL;
	ids = NULL;
	activity_update(m);
	queue_kick(m);
out:
	for (size_t i = 0; i < n && v; i++)
		job_free(v[i]);
	free(v);
	free(base);
	free(sub);
	for (size_t i = 0; ids && ids[i]; i++)
		free(ids[i]);
	free(ids);
	return r;
}

/* ---- sending ------------------------------------------------------------- */

struct device *route_pick_device(struct manager *m, const struct job *j)
{
	(void)j;
	for (size_t i = 0; i < m->n_devices; i++) {
		struct device *d = m->devices[i];

		if (d->cfg.send_enabled && !d->call && !d->ringing && !d->receiving &&
		    !d->sending && !d->powered_off && d->provider->ops && d->provider->ops->line)
			return d;
	}
	return NULL;
}

static int save(struct manager *m, struct job *j, const char *reason, int64_t start)
{
	int r = store_job_update(m->store, j, reason, start);

	if (r < 0)
		log_error_errno(r, "job %s: cannot store its state: %m", j->id);
	return r;
}

/* A job or message event for @j as an item of @folder (whose rights
 * decide who hears it). */
static void emit_in(struct manager *m, enum fax_server_event_type type, const struct job *j,
		    uint32_t folder)
{
	struct job as = *j;

	as.folder = folder;
	events_emit_job(m, type, &as);
}

/*
 * The jobs of one submission (one per recipient) leave the queue
 * together (object-model.md section 2, rule 7): a job that is sent is in
 * the outgoing archive at once, and stays in the queue as completed
 * until every job of its submission is final; then the completed ones
 * leave the queue, the cancelled ones are deleted, and the failed ones
 * stay for the queue's AgeLimit, to be restarted meanwhile. A fax to one
 * recipient is a submission of one: it leaves as soon as it is final.
 * Each step is its own transaction; recover() settles again after a
 * crash, so a step lost to a kill is done at the next start.
 */
static void submission_settle(struct manager *m, const char *submission_id)
{
	struct job *v;
	size_t n;

	if (store_job_list_submission(m->store, submission_id, &v, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (!job_is_final(&v[i]))
			goto out;
	for (size_t i = 0; i < n; i++) {
		if (v[i].status & FAX_JOB_COMPLETED) {
			v[i].folder = JOB_OUTGOING_ARCHIVE;
			if (save(m, &v[i], NULL, 0) >= 0)
				emit_in(m, FAX_SERVER_EV_OUTGOING_JOB_REMOVED, &v[i], JOB_OUTGOING_QUEUE);
		} else if (v[i].status & FAX_JOB_CANCELED) {
			queue_delete(m, &v[i]);
		}
	}
out:
	store_job_list_free(v, n);
}

static void send_progress(struct call *c, const struct fax_session_progress *p)
{
	struct manager *m = c->dev->m;
	struct job j;

	if (store_job_get(m->store, c->job_id, &j) < 0)
		return;
	j.ext_status = FAX_JOBX_TRANSMITTING;
	j.current_page = p->event == FAX_PROGRESS_PAGE ? (uint32_t)p->page + 1 : 1;
	if (j.current_page > j.pages)
		j.current_page = j.pages;
	if (save(m, &j, NULL, 0) >= 0)
		job_changed(m, &j);
	job_clear(&j);
}

static void send_done(struct call *c, const struct fax_session_result *res, uint32_t ext)
{
	struct manager *m = c->dev->m;
	int64_t start;
	struct job j;
	char reason[160];
	bool ok = res->t30_code == 0 && res->pages > 0;

	if (store_job_get(m->store, c->job_id, &j) < 0) {
		call_free(c);
		queue_kick(m);
		return;
	}
	start = j.transmission_start;
	snprintf(reason, sizeof(reason), "%s", ok ? "OK" :
		 ext == FAX_JOBX_BUSY ? "busy" : ext == FAX_JOBX_NO_ANSWER ? "no answer" :
		 ext == FAX_JOBX_BAD_ADDRESS ? "bad address" : res->t30_text);
	free(j.csid);
	j.csid = strdup(res->remote_ident);
	if (ok) {
		j.status = FAX_JOB_COMPLETED;
		j.ext_status = FAX_JOBX_CALL_COMPLETED;
		j.transmission_end = job_now();
		j.current_page = j.pages;
	} else if (j.status & FAX_JOB_CANCELING) {
		j.status = FAX_JOB_CANCELED;
		j.ext_status = FAX_JOBX_CALL_ABORTED;
		j.transmission_start = 0;
	} else {
		j.ext_status = ext != FAX_JOBX_NONE ? ext : FAX_JOBX_FATAL_ERROR;
		j.transmission_start = 0;
		j.current_page = 0;
		if (j.retries >= m->queue.cfg.retries) {
			j.status = FAX_JOB_RETRIES_EXCEEDED;
		} else {
			j.status = FAX_JOB_RETRYING;
			j.scheduled_time = retry_time(m, &j);
		}
	}
	/* The attempt is numbered by the retries before it. */
	if (save(m, &j, reason, start) >= 0) {
		if (!ok && j.status == FAX_JOB_RETRYING)
			j.retries++, save(m, &j, NULL, 0);
		log_info("job %s: attempt %u on %s: %s", j.id, j.retries, c->dev->name, reason);
		job_changed(m, &j);
		if (ok) {
			emit_in(m, FAX_SERVER_EV_OUTGOING_MESSAGE_ADDED, &j, JOB_OUTGOING_ARCHIVE);
			archive_kick(m);
		}
		if (job_is_final(&j))
			submission_settle(m, j.submission_id);
	}
	job_clear(&j);
	call_free(c);
	activity_update(m);
	queue_kick(m);
}

static const struct call_ops send_ops = { .progress = send_progress, .done = send_done };

static int start_send(struct manager *m, struct job *j, struct device *d)
{
	_cleanup_free_ char *path = spool_path(m, j->tiff);
	struct call *c;
	int r;

	if (!path)
		return -ENOMEM;
	j->status = FAX_JOB_INPROGRESS;
	j->ext_status = FAX_JOBX_DIALING;
	j->device_id = d->id;
	free(j->device_name);
	j->device_name = strdup(d->name);
	free(j->tsid);
	j->tsid = strdup(*j->sender_tsid ? j->sender_tsid : d->cfg.tsid);
	j->transmission_start = job_now();
	j->current_page = 1;
	r = save(m, j, NULL, 0);
	if (r < 0)
		return r;
	r = call_send(d, j->id, j->recipient_number, path, j->tsid, &send_ops, &c);
	if (r < 0) {
		log_warning_errno(r, "job %s: cannot dial on %s: %m", j->id, d->name);
		j->status = FAX_JOB_RETRYING;
		j->ext_status = FAX_JOBX_LINE_UNAVAILABLE;
		j->scheduled_time = retry_time(m, j);
		save(m, j, "line unavailable", j->transmission_start);
	}
	job_changed(m, j);
	return r;
}

static int on_timer(sd_event_source *s, uint64_t usec, void *userdata);

/*
 * A waiting job's due time may differ from its scheduled time only in
 * the discount window (due_time()); after the window or faxd's clock
 * moved, and at start, those jobs show their new time again. This reads
 * only the discount jobs.
 */
static void replan(struct manager *m, int64_t now)
{
	struct job *v;
	size_t n;

	if (store_job_discount_waiting(m->store, &v, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		int64_t due = due_time(m, &v[i], now);

		if (due > now && due != v[i].scheduled_time) {
			v[i].scheduled_time = due;
			v[i].status &= ~FAX_JOB_NOLINE;
			if (save(m, &v[i], NULL, 0) >= 0)
				job_changed(m, &v[i]);
		}
	}
	store_job_list_free(v, n);
}

/*
 * Give the due jobs lines, in sending order, while a line is free; when
 * none is, mark the due jobs not yet marked no-line. The store hands out
 * only the jobs concerned (indexed), so a submission into a long queue
 * costs its own job, not the queue.
 */
#define SCHEDULE_BATCH 16

static void assign(struct manager *m, int64_t now)
{
	bool lines = true;

	for (;;) {
		struct job *v;
		size_t n, moved = 0;

		/* Without a line only the unmarked ones are of interest. */
		if (store_job_due(m->store, now, lines, SCHEDULE_BATCH, &v, &n) < 0)
			return;
		if (n == 0) {
			free(v);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			struct job *j = &v[i];
			int64_t due = due_time(m, j, now);
			struct device *d;

			if (due > now) {
				/* The discount window closed meanwhile. */
				j->scheduled_time = due;
				j->status &= ~FAX_JOB_NOLINE;
				if (save(m, j, NULL, 0) >= 0) {
					job_changed(m, j);
					moved++;
				}
				continue;
			}
			d = lines ? route_pick_device(m, j) : NULL;
			if (!d) {
				if (lines) {
					/* Start again with the unmarked ones. */
					lines = false;
					moved++;
					break;
				}
				j->status |= FAX_JOB_NOLINE;
				if (save(m, j, NULL, 0) >= 0) {
					job_changed(m, j);
					moved++;
				}
				continue;
			}
			j->status &= ~FAX_JOB_NOLINE;
			start_send(m, j, d);
			moved++;	/* sent, or retrying later */
		}
		store_job_list_free(v, n);
		if (!moved)
			return;	/* the store refuses the changes: try at the next kick */
	}
}

static void schedule(struct manager *m)
{
	int64_t now = job_now(), next = INT64_MAX;

	if (m->shutting_down)
		return;
	if (!m->queue.cfg.out_paused) {
		if (m->queue.replan) {
			m->queue.replan = false;
			replan(m, now);
		}
		assign(m, now);
		if (store_job_next_due(m->store, now, &next) < 0)
			next = INT64_MAX;
	}
	activity_update(m);
	if (next != INT64_MAX) {
		uint64_t mono;
		int64_t delta = next - now;

		sd_event_now(m->event, CLOCK_MONOTONIC, &mono);
		if (!m->queue.timer)
			sd_event_add_time(m->event, &m->queue.timer, CLOCK_MONOTONIC,
					  mono + (uint64_t)delta, 0, on_timer, m);
		else {
			sd_event_source_set_time(m->queue.timer, mono + (uint64_t)delta);
			sd_event_source_set_enabled(m->queue.timer, SD_EVENT_ONESHOT);
		}
	}
}

static int on_timer(sd_event_source *s, uint64_t usec, void *userdata)
{
	(void)s;
	(void)usec;
	schedule(userdata);
	return 0;
}

static int on_defer(sd_event_source *s, void *userdata)
{
	struct manager *m = userdata;

	sd_event_source_set_enabled(s, SD_EVENT_OFF);
	schedule(m);
	return 0;
}

void queue_kick(struct manager *m)
{
	if (m->queue.defer)
		sd_event_source_set_enabled(m->queue.defer, SD_EVENT_ONESHOT);
}

static struct call *call_of(struct manager *m, const char *id)
{
	for (size_t i = 0; i < m->n_devices; i++)
		if (m->devices[i]->call && !strcmp(m->devices[i]->call->job_id, id))
			return m->devices[i]->call;
	return NULL;
}

int queue_action(struct manager *m, struct job *j, enum fax_job_action action)
{
	static const uint32_t need[] = {
		[FAX_JOB_PAUSE] = FAX_JOB_OP_PAUSE, [FAX_JOB_RESUME] = FAX_JOB_OP_RESUME,
		[FAX_JOB_RESTART] = FAX_JOB_OP_RESTART, [FAX_JOB_CANCEL] = FAX_JOB_OP_DELETE,
	};
	struct call *c;

	if ((unsigned int)action > FAX_JOB_CANCEL || !(job_operations(j) & need[action]))
		return -EBUSY;
	switch (action) {
	case FAX_JOB_PAUSE:
		j->status |= FAX_JOB_PAUSED;
		break;
	case FAX_JOB_RESUME:
		j->status &= ~FAX_JOB_PAUSED;
		break;
	case FAX_JOB_RESTART:
		j->status = FAX_JOB_PENDING;
		j->ext_status = FAX_JOBX_NONE;
		j->retries = 0;
		j->scheduled_time = job_now();
		break;
	case FAX_JOB_CANCEL:
		c = call_of(m, j->id);
		if (c) {
			j->status = FAX_JOB_CANCELING;
			if (save(m, j, NULL, 0) < 0)
				return -EIO;
			job_changed(m, j);
			call_abort(c);
			return 0;
		}
		j->status = FAX_JOB_CANCELED;
		j->ext_status = FAX_JOBX_NONE;
		break;
	}
	if (save(m, j, NULL, 0) < 0)
		return -EIO;
	job_changed(m, j);
	if (action == FAX_JOB_CANCEL)
		submission_settle(m, j->submission_id);
	activity_update(m);
	queue_kick(m);
	return 0;
}

int queue_delete(struct manager *m, struct job *j)
{
	static const enum fax_server_event_type removed[] = {
		FAX_SERVER_EV_OUTGOING_JOB_REMOVED, FAX_SERVER_EV_INCOMING_JOB_REMOVED,
		FAX_SERVER_EV_OUTGOING_MESSAGE_REMOVED, FAX_SERVER_EV_INCOMING_MESSAGE_REMOVED,
	};
	int r;

	if (call_of(m, j->id))
		return -EBUSY;
	/* Row first: a crash after it leaves an orphan file, which the next
	 * start removes; the other order would leave a row without a file. */
	r = store_job_delete(m->store, j->id);
	if (r < 0)
		return r;
	spool_remove(m, j->tiff);
	events_emit_job(m, removed[j->folder], j);
	/* A sent job of an unfinished broadcast was in the archive too. */
	if (j->folder == JOB_OUTGOING_QUEUE && job_in_folder(j, JOB_OUTGOING_ARCHIVE))
		emit_in(m, FAX_SERVER_EV_OUTGOING_MESSAGE_REMOVED, j, JOB_OUTGOING_ARCHIVE);
	archive_kick(m);	/* the sizes changed */
	return 0;
}

/* ---- receiving ------------------------------------------------------------ */

static void recv_progress(struct call *c, const struct fax_session_progress *p)
{
	struct manager *m = c->dev->m;
	_cleanup_free_ char *path = NULL;
	struct stat st;
	struct job j;

	if (store_job_get(m->store, c->job_id, &j) < 0)
		return;
	j.ext_status = FAX_JOBX_RECEIVING;
	if (p->event == FAX_PROGRESS_PAGE) {
		j.pages = (uint32_t)p->page;
		j.current_page = (uint32_t)p->page + 1;
	}
	path = spool_path(m, j.tiff);
	if (path && stat(path, &st) == 0)
		j.size = st.st_size;
	if (save(m, &j, NULL, 0) >= 0)
		job_changed(m, &j);
	job_clear(&j);
}

static void recv_done(struct call *c, const struct fax_session_result *res, uint32_t ext)
{
	struct manager *m = c->dev->m;
	_cleanup_free_ char *path = NULL;
	struct stat st;
	struct job j;

	(void)ext;
	if (store_job_get(m->store, c->job_id, &j) < 0)
		goto out;
	path = spool_path(m, j.tiff);
	j.pages = (uint32_t)res->pages;
	j.current_page = j.pages;
	free(j.tsid);
	j.tsid = strdup(res->remote_ident);
	j.size = path && stat(path, &st) == 0 ? st.st_size : 0;
	j.transmission_end = job_now();
	events_emit_job(m, FAX_SERVER_EV_INCOMING_JOB_REMOVED, &j);
	if (res->pages <= 0) {
		log_info("job %s: call on %s ended without a page: %s", j.id, c->dev->name,
			 res->t30_text);
		queue_delete(m, &j);
		goto out_clear;
	}
	j.partial = res->t30_code != 0;
	j.status = j.partial ? FAX_JOB_FAILED : FAX_JOB_COMPLETED;
	j.ext_status = j.partial ? FAX_JOBX_PARTIALLY_RECEIVED : FAX_JOBX_CALL_COMPLETED;
	j.folder = JOB_INCOMING_ARCHIVE;
	if (save(m, &j, NULL, 0) >= 0) {
		log_info("job %s: received %u pages from '%s' on %s%s", j.id, j.pages, j.tsid,
			 c->dev->name, j.partial ? " (partially)" : "");
		events_emit_job(m, FAX_SERVER_EV_INCOMING_MESSAGE_ADDED, &j);
		archive_kick(m);
	}
out_clear:
	job_clear(&j);
out:
	call_free(c);
	activity_update(m);
	queue_kick(m);
}

static const struct call_ops recv_ops = { .progress = recv_progress, .done = recv_done };

int queue_receive(struct manager *m, struct device *d, const char *caller_id)
{
	_cleanup_free_ char *path = NULL;
	struct job j = { 0 };
	struct job *pj = &j;
	struct call *c;
	int r;

	if (m->queue.cfg.in_blocked || d->call)
		return -EBUSY;
	r = job_new_id(&j.id);
	for (size_t k = 0; k < n_job_fields && r >= 0; k++)
		if (job_fields[k].type == JF_STR && !*job_field_str(&j, &job_fields[k]))
			r = dup_or_empty(job_field_str(&j, &job_fields[k]), "");
	if (r < 0)
		goto out;
	free(j.submission_id);
	free(j.caller_id);
	free(j.csid);
	free(j.device_name);
	free(j.tiff);
	j.submission_id = strdup(j.id);
	j.caller_id = strdup(caller_id ? caller_id : "");
	j.csid = strdup(d->cfg.csid);
	j.device_name = strdup(d->name);
	if (asprintf(&j.tiff, "%s.tif", j.id) < 0)
		j.tiff = NULL;
	if (!j.submission_id || !j.caller_id || !j.csid || !j.device_name || !j.tiff) {
		r = -ENOMEM;
		goto out;
	}
	j.folder = JOB_INCOMING_QUEUE;
	j.job_type = FAX_JOB_TYPE_RECEIVE;
	j.status = FAX_JOB_INPROGRESS;
	j.ext_status = FAX_JOBX_ANSWERED;
	j.device_id = d->id;
	j.submission_time = j.transmission_start = j.scheduled_time = job_now();
	j.current_page = 1;
	path = spool_path(m, j.tiff);
	if (!path) {
		r = -ENOMEM;
		goto out;
	}
	r = store_job_insert(m->store, &pj, 1);
	if (r < 0)
		goto out;
	r = call_receive(d, j.id, path, d->cfg.csid, &recv_ops, &c);
	if (r < 0) {
		log_warning_errno(r, "device %u: cannot answer: %m", d->id);
		store_job_delete(m->store, j.id);
		goto out;
	}
	log_info("job %s: answered on %s, caller '%s'", j.id, d->name, j.caller_id);
	events_emit_job(m, FAX_SERVER_EV_INCOMING_JOB_ADDED, &j);
	activity_update(m);
out:
	job_clear(&j);
	return r;
}

/* ---- start and stop ------------------------------------------------------- */

/*
 * After a crash: a job that was on the line goes back to the queue (its
 * attempt did not finish, so it does not count), an incoming job that
 * was arriving is kept as a partial reception when pages arrived, and
 * spool files that no row names are removed.
 */
static int recover(struct manager *m)
{
	int64_t waiting;
	struct job *v;
	size_t n;
	int r;


	r = store_job_waiting(m->store, true, &waiting);
	if (r < 0)
		return r;
	r = store_job_list(m->store, JOB_OUTGOING_QUEUE, -1, NULL, 0, &v, &n);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++)
		if (v[i].status & (FAX_JOB_INPROGRESS | FAX_JOB_CANCELING)) {
			v[i].status = v[i].status & FAX_JOB_CANCELING ? FAX_JOB_CANCELED :
				      FAX_JOB_PENDING;
			v[i].ext_status = FAX_JOBX_NONE;
			v[i].transmission_start = 0;
			v[i].current_page = 0;
			log_info("job %s: was on the line when faxd stopped: queued again", v[i].id);
			save(m, &v[i], NULL, 0);
		}
	/* Finish what a kill interrupted: submissions that were final. */
	for (size_t i = 0; i < n; i++)
		if (job_is_final(&v[i]))
			submission_settle(m, v[i].submission_id);
	store_job_list_free(v, n);
	r = store_job_list(m->store, JOB_INCOMING_QUEUE, -1, NULL, 0, &v, &n);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++) {
		if (v[i].pages == 0) {
			queue_delete(m, &v[i]);
			continue;
		}
		v[i].folder = JOB_INCOMING_ARCHIVE;
		v[i].partial = true;
		v[i].status = FAX_JOB_FAILED;
		v[i].ext_status = FAX_JOBX_PARTIALLY_RECEIVED;
		save(m, &v[i], NULL, 0);
	}
	store_job_list_free(v, n);
	return spool_reconcile(m);
}

int queue_start(struct manager *m)
{
	int r;

	config_load_store(m, &m->queue.cfg);
	m->queue.replan = true;
	r = recover(m);
	if (r < 0)
		return r;
	r = sd_event_add_defer(m->event, &m->queue.defer, on_defer, m);
	if (r < 0)
		return r;
	r = archive_start(m);
	if (r < 0)
		return r;
	activity_update(m);
	return 0;
}

void queue_stop(struct manager *m)
{
	for (size_t i = 0; i < m->n_devices; i++) {
		struct call *c = m->devices[i]->call;

		if (c) {
			/* Left as it is in the store: the next start queues it again. */
			fax_line_hangup(c->line);
			call_free(c);
		}
	}
	m->queue.defer = sd_event_source_disable_unref(m->queue.defer);
	m->queue.timer = sd_event_source_disable_unref(m->queue.timer);
	archive_stop(m);
}
