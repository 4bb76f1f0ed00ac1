// SPDX-License-Identifier: GPL-2.0-or-later
/* Event listeners and rights-filtered unicast delivery; see events.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "caller.h"
#include "bus.h"
#include "events.h"
#include "job.h"
#include "log.h"
#include "manager.h"

struct listener {
	struct manager *m;
	char *name;
	uint32_t mask;
	sd_bus_track *track;
	struct listener *next;
};

/*
 * Rights per event bit (object-model.md 5.3). Where the model says
 * "farSUBMIT_LOW; farQUERY_JOBS" either suffices (own items with a submit
 * right, all with the query right). Queue state needs the same as the
 * queues; the shutdown event needs no right: every client must learn that
 * the server goes away.
 */
uint32_t events_allowed(uint32_t mask, uint32_t rights)
{
	uint32_t ok = FAX_EVENTS_SERVER_ENDED;
	bool submit = rights & FAX_RIGHTS_SUBMIT_ANY;

	if (submit || (rights & FAX_RIGHT_QUERY_JOBS))
		ok |= FAX_EVENTS_IN_QUEUE | FAX_EVENTS_OUT_QUEUE | FAX_EVENTS_QUEUE_STATE;
	if (rights & FAX_RIGHT_QUERY_CONFIG)
		ok |= FAX_EVENTS_CONFIG | FAX_EVENTS_ACTIVITY | FAX_EVENTS_DEVICE_STATUS;
	if (submit || (rights & FAX_RIGHT_QUERY_IN_ARCHIVE))
		ok |= FAX_EVENTS_IN_ARCHIVE;
	if (submit || (rights & FAX_RIGHT_QUERY_OUT_ARCHIVE))
		ok |= FAX_EVENTS_OUT_ARCHIVE;
	if (rights & FAX_RIGHT_QUERY_IN_ARCHIVE)
		ok |= FAX_EVENTS_INCOMING_CALL;
	return mask & ok;
}

static void listener_free(struct listener *l)
{
	if (!l)
		return;
	sd_bus_track_unref(l->track);
	free(l->name);
	free(l);
}

static void listener_unlink(struct manager *m, struct listener *l)
{
	for (struct listener **p = &m->listeners; *p; p = &(*p)->next)
		if (*p == l) {
			*p = l->next;
			break;
		}
	listener_free(l);
}

static struct listener *find(struct manager *m, const char *name)
{
	for (struct listener *l = m->listeners; l; l = l->next)
		if (!strcmp(l->name, name))
			return l;
	return NULL;
}

static int on_listener_gone(sd_bus_track *t, void *userdata)
{
	struct listener *l = userdata;

	(void)t;
	log_debug("events: listener %s left the bus", l->name);
	listener_unlink(l->m, l);
	return 0;
}

int events_listen(struct manager *m, sd_bus_message *msg, uint32_t mask, sd_bus_error *error)
{
	const char *sender = sd_bus_message_get_sender(msg);
	struct listener *l;
	uint32_t rights, denied;
	int r;

	if (mask & ~FAX_EVENTS_ALL)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "unknown event bits 0x%x", mask & ~FAX_EVENTS_ALL);
	r = caller_rights(m, msg, &rights);
	if (r < 0 || !sender)
		return sd_bus_error_set(error, SD_BUS_ERROR_ACCESS_DENIED,
					"the caller's identity is unknown");
	denied = mask & ~events_allowed(mask, rights);
	if (denied) {
		uint32_t bit = denied & -denied;

		return sd_bus_error_setf(error, SD_BUS_ERROR_ACCESS_DENIED,
					 "listening to '%s' events needs more rights than the caller has",
					 fax_events_bit_name(bit));
	}
	l = find(m, sender);
	if (!mask) {
		if (l)
			listener_unlink(m, l);
		return 0;
	}
	if (l) {
		l->mask = mask;
		return 0;
	}
	l = calloc(1, sizeof(*l));
	if (!l || !(l->name = strdup(sender))) {
		free(l);
		return -ENOMEM;
	}
	l->m = m;
	l->mask = mask;
	r = sd_bus_track_new(m->bus, &l->track, on_listener_gone, l);
	if (r >= 0)
		r = sd_bus_track_add_sender(l->track, msg);
	if (r < 0) {
		listener_free(l);
		return r;
	}
	l->next = m->listeners;
	m->listeners = l;
	return 0;
}

uint32_t events_registered(struct manager *m, const char *name)
{
	struct listener *l = name ? find(m, name) : NULL;

	return l ? l->mask : 0;
}

static int send_one(struct manager *m, struct listener *l, const struct fax_event_info *info,
		    va_list ap)
{
	sd_bus_message *s = NULL;
	int r;

	r = sd_bus_message_new_signal(m->bus, &s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, info->name);
	if (r >= 0)
		r = sd_bus_message_set_destination(s, l->name);
	if (r >= 0 && *info->signature)
		r = sd_bus_message_appendv(s, info->signature, ap);
	if (r >= 0)
		r = sd_bus_send(m->bus, s, NULL);
	sd_bus_message_unref(s);
	return r;
}

int events_emit(struct manager *m, enum fax_server_event_type type, ...)
{
	const struct fax_event_info *info = fax_event_type_info(type);

	if (!info)
		return -EINVAL;
	for (struct listener *l = m->listeners; l; l = l->next) {
		uint32_t rights;
		va_list ap;
		int r;

		if (!(l->mask & info->mask))
			continue;
		/* Rights may have changed since the listener subscribed. */
		if (caller_rights_of(m, l->name, &rights) < 0 ||
		    !events_allowed(info->mask, rights))
			continue;
		va_start(ap, type);
		r = send_one(m, l, info, ap);
		va_end(ap);
		if (r < 0)
			log_warning_errno(r, "events: cannot send %s to %s: %m", info->name, l->name);
	}
	return 0;
}

int events_emit_job(struct manager *m, enum fax_server_event_type type, const struct job *j)
{
	static const uint32_t all[] = {
		[JOB_OUTGOING_QUEUE] = FAX_RIGHT_QUERY_JOBS,
		[JOB_INCOMING_QUEUE] = FAX_RIGHT_QUERY_JOBS,
		[JOB_OUTGOING_ARCHIVE] = FAX_RIGHT_QUERY_OUT_ARCHIVE,
		[JOB_INCOMING_ARCHIVE] = FAX_RIGHT_QUERY_IN_ARCHIVE,
	};
	const struct fax_event_info *info = fax_event_type_info(type);

	if (!info)
		return -EINVAL;
	for (struct listener *l = m->listeners; l; l = l->next) {
		sd_bus_message *s = NULL;
		struct caller *c;
		int r;

		if (!(l->mask & info->mask) || caller_lookup_name(m, l->name, &c) < 0 ||
		    !events_allowed(info->mask, c->rights))
			continue;
		if (!(c->rights & all[j->folder]) &&
		    !((c->rights & FAX_RIGHTS_SUBMIT_ANY) && c->uid == (uid_t)j->owner_uid))
			continue;
		r = sd_bus_message_new_signal(m->bus, &s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER,
					      info->name);
		if (r >= 0)
			r = sd_bus_message_set_destination(s, l->name);
		if (r >= 0)
			r = sd_bus_message_append(s, "s", j->id);
		if (r >= 0 && !strcmp(info->signature, "sa{sv}"))
			r = bus_append_job(s, j);
		if (r >= 0)
			r = sd_bus_send(m->bus, s, NULL);
		sd_bus_message_unref(s);
		if (r < 0)
			log_warning_errno(r, "events: cannot send %s to %s: %m", info->name, l->name);
	}
	return 0;
}

void events_free(struct manager *m)
{
	while (m->listeners) {
		struct listener *l = m->listeners;

		m->listeners = l->next;
		listener_free(l);
	}
}
