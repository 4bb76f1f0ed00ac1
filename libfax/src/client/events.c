// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Server events on the client side: ListenToServerEvents, the signal
 * match, and the loop helpers (fd, process, wait). Callbacks run only from
 * fax_server_process(), never from inside another call.
 */
#include <errno.h>
#include <string.h>

#include "client-internal.h"

/* @job receives the properties a *JobChanged event carries. */
static int read_event(sd_bus_message *m, struct fax_server_event *ev, struct fax_job_info *job)
{
	int b[4] = { 0 };
	int r = 0;

	switch (ev->type) {
	case FAX_SERVER_EV_INCOMING_JOB_ADDED ... FAX_SERVER_EV_OUTGOING_MESSAGE_REMOVED:
		r = sd_bus_message_read(m, "s", &ev->id);
		if (r >= 0 && (ev->type == FAX_SERVER_EV_INCOMING_JOB_CHANGED ||
			       ev->type == FAX_SERVER_EV_OUTGOING_JOB_CHANGED)) {
			r = client_read_job(m, job);
			ev->job = job;
		}
		break;
	case FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE:
		r = sd_bus_message_read(m, "uuuu", &ev->incoming, &ev->routing, &ev->outgoing,
					&ev->queued);
		break;
	case FAX_SERVER_EV_QUEUES_STATUS_CHANGE:
		r = sd_bus_message_read(m, "bbb", &b[0], &b[1], &b[2]);
		ev->out_blocked = b[0];
		ev->out_paused = b[1];
		ev->in_blocked = b[2];
		break;
	case FAX_SERVER_EV_NEW_CALL:
		r = sd_bus_message_read(m, "uus", &ev->call_id, &ev->device_id, &ev->caller_id);
		break;
	case FAX_SERVER_EV_DEVICE_STATUS_CHANGE:
		r = sd_bus_message_read(m, "ubbbb", &ev->device_id, &b[0], &b[1], &b[2], &b[3]);
		ev->powered_off = b[0];
		ev->sending = b[1];
		ev->receiving = b[2];
		ev->ringing = b[3];
		break;
	default:
		break;
	}
	return r;
}

static int on_signal(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	fax_server_t *s = userdata;
	struct fax_server_event ev = { 0 };
	struct fax_job_info job;
	int type;

	(void)error;
	if (!s->cb || !sd_bus_message_get_member(m))
		return 0;
	type = fax_event_type_from_name(sd_bus_message_get_member(m));
	if (type < 0)
		return 0;		/* an event newer than this library */
	ev.type = (enum fax_server_event_type)type;
	ev.name = fax_event_type_info((unsigned int)type)->name;
	memset(&job, 0, sizeof(job));
	if (read_event(m, &ev, &job) >= 0)
		s->cb(s, &ev, s->userdata);
	client_job_clear(&job);
	return 0;
}

int fax_server_listen_to_events(fax_server_t *s, uint32_t mask, fax_event_cb cb,
				void *userdata, fax_error_t *err)
{
	int r;

	if (!s->bus)
		return fax_error_set(err, -ENOTCONN, "not connected to a fax server");
	if (!s->match) {
		/* Events are addressed to us alone; match them by path and
		 * interface (the sender is faxd's unique name). */
		r = sd_bus_match_signal(s->bus, &s->match, NULL, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER,
					NULL, on_signal, s);
		if (r < 0)
			return fax_error_set(err, r, "cannot watch for events");
	}
	r = client_call(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "ListenToServerEvents", err, NULL,
			"u", mask);
	if (r < 0)
		return r;
	s->cb = mask ? cb : NULL;
	s->userdata = userdata;
	return 0;
}

int fax_server_get_registered_events(fax_server_t *s, uint32_t *mask, fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	int r;

	r = client_call(s, FAX_BUS_PATH, "org.freedesktop.DBus.Properties", "Get", err, &reply,
			"ss", FAX_BUS_IFACE_SERVER, "RegisteredEvents");
	if (r < 0)
		return r;
	r = sd_bus_message_read(reply, "v", "u", mask);
	sd_bus_message_unref(reply);
	return r < 0 ? fax_error_set(err, r, "RegisteredEvents: bad reply") : 0;
}

int fax_server_get_fd(fax_server_t *s)
{
	return s->bus ? sd_bus_get_fd(s->bus) : -ENOTCONN;
}

int fax_server_get_events(fax_server_t *s)
{
	return s->bus ? sd_bus_get_events(s->bus) : -ENOTCONN;
}

int fax_server_process(fax_server_t *s)
{
	return s->bus ? sd_bus_process(s->bus, NULL) : -ENOTCONN;
}

int fax_server_wait(fax_server_t *s, uint64_t usec)
{
	return s->bus ? sd_bus_wait(s->bus, usec) : -ENOTCONN;
}
