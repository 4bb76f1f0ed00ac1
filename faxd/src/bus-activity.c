// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FaxActivity at FAX_BUS_PATH_ACTIVITY: the live counters of jobs being
 * received, routed, sent and queued (query-config). They stay zero until
 * the queues arrive; ServerActivityChange carries the same four numbers.
 */
#include <string.h>

#include "bus.h"
#include "caller.h"
#include "manager.h"

static int find(sd_bus *bus, const char *path, const char *iface, void *userdata,
		void **found, sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)iface; (void)error;
	if (strcmp(path, FAX_BUS_PATH_ACTIVITY) || caller_hidden(m, bus))
		return 0;
	*found = m;
	return 1;
}

static int get_counter(sd_bus *bus, const char *path, const char *iface, const char *property,
		       sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	uint32_t v;
	int r;

	(void)bus; (void)path; (void)iface;
	r = caller_require(m, NULL, FAX_RIGHT_QUERY_CONFIG, "reading Activity", error);
	if (r < 0)
		return r;
	if (!strcmp(property, "IncomingMessages"))
		v = m->activity.incoming;
	else if (!strcmp(property, "RoutingMessages"))
		v = m->activity.routing;
	else if (!strcmp(property, "OutgoingMessages"))
		v = m->activity.outgoing;
	else
		v = m->activity.queued;
	return sd_bus_message_append(reply, "u", v);
}

static int method_refresh(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	int r;

	r = caller_require(m, msg, FAX_RIGHT_QUERY_CONFIG, "Activity.Refresh", error);
	if (r < 0)
		return r;
	return sd_bus_reply_method_return(msg, "uuuu", m->activity.incoming, m->activity.routing,
					  m->activity.outgoing, m->activity.queued);
}

static const sd_bus_vtable activity_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("IncomingMessages", "u", get_counter, 0, 0),
	SD_BUS_PROPERTY("RoutingMessages", "u", get_counter, 0, 0),
	SD_BUS_PROPERTY("OutgoingMessages", "u", get_counter, 0, 0),
	SD_BUS_PROPERTY("QueuedMessages", "u", get_counter, 0, 0),
	SD_BUS_METHOD_WITH_ARGS("Refresh", SD_BUS_NO_ARGS,
				SD_BUS_RESULT("u", incoming_messages, "u", routing_messages,
					      "u", outgoing_messages, "u", queued_messages),
				method_refresh, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_VTABLE_END
};

int bus_register_activity(struct manager *m)
{
	return sd_bus_add_fallback_vtable(m->bus, NULL, FAX_BUS_PATH_ACTIVITY,
					  FAX_BUS_IFACE_ACTIVITY, activity_vtable, find, m);
}
