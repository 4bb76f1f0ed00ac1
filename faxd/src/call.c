// SPDX-License-Identifier: GPL-2.0-or-later
/* A fax call on a device's line; see call.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-event.h>

#include "call.h"
#include "device.h"
#include "log.h"
#include "manager.h"
#include "provider.h"

static void arm_timer(struct call *c);

static int on_timer(sd_event_source *s, uint64_t usec, void *userdata)
{
	(void)s;
	(void)usec;
	call_process(userdata);
	return 0;
}

static void arm_timer(struct call *c)
{
	uint64_t when = UINT64_MAX;

	if (c->finished)
		return;
	fax_session_get_timeout(c->session, &when);
	if (when == UINT64_MAX) {
		sd_event_source_set_enabled(c->timer, SD_EVENT_OFF);
		return;
	}
	if (!c->timer) {
		if (sd_event_add_time(c->dev->m->event, (sd_event_source **)&c->timer,
				      CLOCK_MONOTONIC, when, 0, on_timer, c) < 0)
			log_warning("device %u: cannot arm the call timer", c->dev->id);
		return;
	}
	sd_event_source_set_time(c->timer, when);
	sd_event_source_set_enabled(c->timer, SD_EVENT_ONESHOT);
}

static void on_progress(fax_session_t *s, const struct fax_session_progress *p, void *userdata)
{
	struct call *c = userdata;

	(void)s;
	if (c->ops->progress)
		c->ops->progress(c, p);
}

/* The line's signalling explains calls that never reached a fax machine;
 * the session itself would only time out on them. */
static void on_line_event(fax_session_t *s, const struct fax_line_event *ev, void *userdata)
{
	struct call *c = userdata;

	switch (ev->type) {
	case FAX_LINE_EV_CONNECTED:
		c->connected = true;
		break;
	case FAX_LINE_EV_BUSY:
		c->busy = true;
		fax_session_abort(s);
		break;
	case FAX_LINE_EV_UNREACHABLE:
		c->unreachable = true;
		fax_session_abort(s);
		break;
	default:
		break;
	}
}

static int start(struct device *d, const char *job_id, const struct fax_session_options *o,
		 const struct call_ops *ops, struct call **ret)
{
	struct call *c = calloc(1, sizeof(*c));
	struct fax_session_options opt = *o;
	fax_error_t err = { 0 };
	int r;

	if (!c || !(c->job_id = strdup(job_id))) {
		free(c);
		return -ENOMEM;
	}
	c->dev = d;
	c->ops = ops;
	c->line = d->provider->ops->line(d->provider, d);
	opt.on_progress = on_progress;
	opt.on_line_event = on_line_event;
	opt.userdata = c;
	r = fax_session_new(c->line, &opt, &c->session, &err);
	if (r < 0) {
		log_warning("device %u: cannot start the session: %s", d->id, err.message);
		free(c->job_id);
		free(c);
		return r;
	}
	d->call = c;
	arm_timer(c);
	*ret = c;
	return 0;
}

/*
 * Audio kept queued on the line. faxd's loop serves every call and every
 * bus client and commits to SQLite between them: a wake-up can come later
 * than libfax's 200 ms default, and a starved modem loses the page (seen
 * on page 3 with two guests sharing two CPUs). 500 ms is what the kernel
 * line tests use; T.30's response timers are seconds long.
 */
#define CALL_PREBUFFER_MS 500

int call_send(struct device *d, const char *job_id, const char *number, const char *path,
	      const char *tsid, const struct call_ops *ops, struct call **ret)
{
	struct fax_session_options o = {
		.size = sizeof(o),
		.direction = FAX_SEND,
		.calling = true,
		.file = path,
		.ecm = true,
		.ident = tsid,
		.prebuffer_ms = CALL_PREBUFFER_MS,
	};
	fax_line_t *line;
	int r;

	if (!d->provider->ops || !d->provider->ops->line || !(line = d->provider->ops->line(d->provider, d)))
		return -EOPNOTSUPP;
	r = fax_line_offhook(line);
	if (r < 0)
		return r;
	r = fax_line_dial(line, number);
	if (r >= 0)
		r = start(d, job_id, &o, ops, ret);
	if (r < 0) {
		fax_line_hangup(line);
		return r;
	}
	(*ret)->sending = true;
	device_set_status(d, false, true, false, false);
	return 0;
}

int call_receive(struct device *d, const char *job_id, const char *path, const char *csid,
		 const struct call_ops *ops, struct call **ret)
{
	struct fax_session_options o = {
		.size = sizeof(o),
		.direction = FAX_RECEIVE,
		.file = path,
		.ecm = true,
		.ident = csid,
		.prebuffer_ms = CALL_PREBUFFER_MS,
	};
	fax_line_t *line;
	int r;

	if (!d->provider->ops || !d->provider->ops->line || !(line = d->provider->ops->line(d->provider, d)))
		return -EOPNOTSUPP;
	r = fax_line_answer(line);
	if (r < 0)
		return r;
	r = start(d, job_id, &o, ops, ret);
	if (r < 0) {
		fax_line_hangup(line);
		return r;
	}
	(*ret)->connected = true;
	device_set_status(d, false, false, true, false);
	return 0;
}

void call_process(struct call *c)
{
	struct fax_session_result res = { 0 };
	uint32_t ext = FAX_JOBX_NONE;
	int r;

	if (c->finished)
		return;
	r = fax_session_process(c->session);
	if (r == 0) {
		arm_timer(c);
		return;
	}
	if (r < 0)
		fax_session_abort(c->session);
	c->finished = true;
	fax_session_get_result(c->session, &res);
	fax_line_hangup(c->line);
	sd_event_source_set_enabled(c->timer, SD_EVENT_OFF);
	c->dev->call = NULL;
	device_set_status(c->dev, false, false, false, false);
	if (c->busy)
		ext = FAX_JOBX_BUSY;
	else if (c->unreachable)
		ext = FAX_JOBX_BAD_ADDRESS;
	else if (c->sending && !c->connected)
		ext = FAX_JOBX_NO_ANSWER;
	/* The owner frees the call in done(). */
	c->ops->done(c, &res, ext);
}

void call_abort(struct call *c)
{
	if (!c->finished) {
		fax_session_abort(c->session);
		call_process(c);
	}
}

void call_free(struct call *c)
{
	if (!c)
		return;
	if (c->dev && c->dev->call == c)
		c->dev->call = NULL;
	sd_event_source_disable_unref(c->timer);
	fax_session_free(c->session);
	free(c->job_id);
	free(c);
}
