// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool events [--mask LIST] [--count N] [--timeout SECONDS]
 * ListenToServerEvents with LIST (event bit names, "all" by default) and
 * one line per event: readable text, or one JSON object with --json.
 * Ends after N events, after SECONDS (exit 124 if N was not reached), or
 * when the server shuts down.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "faxtool.h"

struct listen_state {
	struct faxtool *t;
	unsigned long seen;
	bool shutdown;
};

static json_object *event_json(const struct fax_server_event *ev)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "event", json_object_new_string(ev->name));
	switch (ev->type) {
	case FAX_SERVER_EV_DEVICE_STATUS_CHANGE:
		json_object_object_add(o, "device_id", json_object_new_int((int)ev->device_id));
		json_object_object_add(o, "powered_off", json_object_new_boolean(ev->powered_off));
		json_object_object_add(o, "sending", json_object_new_boolean(ev->sending));
		json_object_object_add(o, "receiving", json_object_new_boolean(ev->receiving));
		json_object_object_add(o, "ringing", json_object_new_boolean(ev->ringing));
		break;
	case FAX_SERVER_EV_NEW_CALL:
		json_object_object_add(o, "call_id", json_object_new_int((int)ev->call_id));
		json_object_object_add(o, "device_id", json_object_new_int((int)ev->device_id));
		json_object_object_add(o, "caller_id", json_object_new_string(ev->caller_id));
		break;
	case FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE:
		json_object_object_add(o, "incoming", json_object_new_int((int)ev->incoming));
		json_object_object_add(o, "routing", json_object_new_int((int)ev->routing));
		json_object_object_add(o, "outgoing", json_object_new_int((int)ev->outgoing));
		json_object_object_add(o, "queued", json_object_new_int((int)ev->queued));
		break;
	case FAX_SERVER_EV_QUEUES_STATUS_CHANGE:
		json_object_object_add(o, "outgoing_blocked", json_object_new_boolean(ev->out_blocked));
		json_object_object_add(o, "outgoing_paused", json_object_new_boolean(ev->out_paused));
		json_object_object_add(o, "incoming_blocked", json_object_new_boolean(ev->in_blocked));
		break;
	default:
		if (ev->id)
			json_object_object_add(o, "id", json_object_new_string(ev->id));
		break;
	}
	return o;
}

static void print_event(const struct fax_server_event *ev)
{
	switch (ev->type) {
	case FAX_SERVER_EV_DEVICE_STATUS_CHANGE:
		printf("%s device=%u%s%s%s%s\n", ev->name, ev->device_id,
		       ev->powered_off ? " powered-off" : "", ev->sending ? " sending" : "",
		       ev->receiving ? " receiving" : "", ev->ringing ? " ringing" : "");
		break;
	case FAX_SERVER_EV_NEW_CALL:
		printf("%s call=%u device=%u caller='%s'\n", ev->name, ev->call_id, ev->device_id,
		       ev->caller_id);
		break;
	case FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE:
		printf("%s incoming=%u routing=%u outgoing=%u queued=%u\n", ev->name, ev->incoming,
		       ev->routing, ev->outgoing, ev->queued);
		break;
	case FAX_SERVER_EV_QUEUES_STATUS_CHANGE:
		printf("%s outgoing-blocked=%d outgoing-paused=%d incoming-blocked=%d\n", ev->name,
		       ev->out_blocked, ev->out_paused, ev->in_blocked);
		break;
	default:
		printf("%s%s%s\n", ev->name, ev->id ? " " : "", ev->id ? ev->id : "");
		break;
	}
}

static void on_event(fax_server_t *s, const struct fax_server_event *ev, void *userdata)
{
	struct listen_state *st = userdata;

	(void)s;
	if (st->t->json)
		out_json(event_json(ev));
	else
		print_event(ev);
	fflush(stdout);
	st->seen++;
	if (ev->type == FAX_SERVER_EV_SERVER_SHUTDOWN)
		st->shutdown = true;
}

static uint64_t now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

int verb_events(struct faxtool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mask", required_argument, NULL, 'm' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	struct listen_state st = { .t = t };
	unsigned long count = 0;
	uint64_t deadline = UINT64_MAX;
	uint32_t mask = FAX_EVENTS_ALL;
	fax_error_t err = { 0 };
	fax_server_t *s;
	char *end;
	int c, r, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "m:n:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (fax_events_parse(optarg, &mask) < 0)
				return err_exit(EXIT_USAGE, "events: bad mask '%s' (in-queue, out-queue, config, activity, queue-state, in-archive, out-archive, server-shutdown, device-status, incoming-call, all)", optarg);
			break;
		case 'n':
			count = strtoul(optarg, &end, 10);
			if (*end || !count)
				return err_exit(EXIT_USAGE, "events: bad count '%s'", optarg);
			break;
		case 't':
			deadline = strtoul(optarg, &end, 10);
			if (*end)
				return err_exit(EXIT_USAGE, "events: bad timeout '%s'", optarg);
			deadline = now_usec() + deadline * 1000000;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	rc = server_open(t, &s);
	if (rc)
		return rc;
	if (fax_server_listen_to_events(s, mask, on_event, &st, &err) < 0) {
		rc = server_fail("events", &err);
		fax_server_free(s);
		return rc;
	}
	if (!t->quiet)
		fprintf(stderr, "faxtool: listening for events 0x%x\n", mask);
	while (!st.shutdown && (!count || st.seen < count)) {
		uint64_t now = now_usec();

		if (now >= deadline)
			break;
		r = fax_server_process(s);
		if (r > 0)
			continue;
		if (r == 0)
			r = fax_server_wait(s, deadline == UINT64_MAX ? UINT64_MAX : deadline - now);
		if (r < 0) {
			if (r == -ECONNRESET || r == -ENOTCONN)
				break;	/* the server went away */
			rc = err_exit(EXIT_FAILURE_GENERIC, "events: %s", strerror(-r));
			break;
		}
	}
	if (!rc && count && st.seen < count && !st.shutdown)
		rc = EXIT_TIMEOUT;
	fax_server_free(s);
	return rc;
}
