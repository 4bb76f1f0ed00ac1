// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The model's enumerations as names: rights, event bits, event types,
 * receive modes, provider status. One table each, shared by faxd (event
 * signals) and clients (parsing and printing).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fax/client.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const right_names[] = {
	"submit-low", "submit-normal", "submit-high", "query-jobs", "manage-jobs",
	"query-config", "manage-config", "query-in-archive", "manage-in-archive",
	"query-out-archive", "manage-out-archive",
};

static const char *const event_bit_names[] = {
	"in-queue", "out-queue", "config", "activity", "queue-state", "in-archive",
	"out-archive", "server-shutdown", "device-status", "incoming-call",
};

static const struct fax_event_info event_types[FAX_SERVER_EV_COUNT] = {
	[FAX_SERVER_EV_INCOMING_JOB_ADDED] = { "IncomingJobAdded", "s", FAX_EVENTS_IN_QUEUE },
	[FAX_SERVER_EV_INCOMING_JOB_REMOVED] = { "IncomingJobRemoved", "s", FAX_EVENTS_IN_QUEUE },
	[FAX_SERVER_EV_INCOMING_JOB_CHANGED] = { "IncomingJobChanged", "sa{sv}", FAX_EVENTS_IN_QUEUE },
	[FAX_SERVER_EV_OUTGOING_JOB_ADDED] = { "OutgoingJobAdded", "s", FAX_EVENTS_OUT_QUEUE },
	[FAX_SERVER_EV_OUTGOING_JOB_REMOVED] = { "OutgoingJobRemoved", "s", FAX_EVENTS_OUT_QUEUE },
	[FAX_SERVER_EV_OUTGOING_JOB_CHANGED] = { "OutgoingJobChanged", "sa{sv}", FAX_EVENTS_OUT_QUEUE },
	[FAX_SERVER_EV_INCOMING_MESSAGE_ADDED] = { "IncomingMessageAdded", "s", FAX_EVENTS_IN_ARCHIVE },
	[FAX_SERVER_EV_INCOMING_MESSAGE_REMOVED] = { "IncomingMessageRemoved", "s", FAX_EVENTS_IN_ARCHIVE },
	[FAX_SERVER_EV_OUTGOING_MESSAGE_ADDED] = { "OutgoingMessageAdded", "s", FAX_EVENTS_OUT_ARCHIVE },
	[FAX_SERVER_EV_OUTGOING_MESSAGE_REMOVED] = { "OutgoingMessageRemoved", "s", FAX_EVENTS_OUT_ARCHIVE },
	[FAX_SERVER_EV_RECEIPT_OPTIONS_CHANGE] = { "ReceiptOptionsChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_ACTIVITY_LOGGING_CONFIG_CHANGE] = { "ActivityLoggingConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_SECURITY_CONFIG_CHANGE] = { "SecurityConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_EVENT_LOGGING_CONFIG_CHANGE] = { "EventLoggingConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_OUTGOING_QUEUE_CONFIG_CHANGE] = { "OutgoingQueueConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_OUTGOING_ARCHIVE_CONFIG_CHANGE] = { "OutgoingArchiveConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_INCOMING_ARCHIVE_CONFIG_CHANGE] = { "IncomingArchiveConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_DEVICES_CONFIG_CHANGE] = { "DevicesConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_OUTBOUND_ROUTING_GROUPS_CONFIG_CHANGE] = { "OutboundRoutingGroupsConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_OUTBOUND_ROUTING_RULES_CONFIG_CHANGE] = { "OutboundRoutingRulesConfigChange", "", FAX_EVENTS_CONFIG },
	[FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE] = { "ServerActivityChange", "uuuu", FAX_EVENTS_ACTIVITY },
	[FAX_SERVER_EV_QUEUES_STATUS_CHANGE] = { "QueuesStatusChange", "bbb", FAX_EVENTS_QUEUE_STATE },
	[FAX_SERVER_EV_NEW_CALL] = { "NewCall", "uus", FAX_EVENTS_INCOMING_CALL },
	[FAX_SERVER_EV_SERVER_SHUTDOWN] = { "ServerShutDown", "", FAX_EVENTS_SERVER_ENDED },
	[FAX_SERVER_EV_DEVICE_STATUS_CHANGE] = { "DeviceStatusChange", "ubbbb", FAX_EVENTS_DEVICE_STATUS },
	[FAX_SERVER_EV_GENERAL_SERVER_CONFIG_CHANGED] = { "GeneralServerConfigChanged", "", FAX_EVENTS_CONFIG },
};

static const char *bit_name(const char *const *names, size_t n, uint32_t bit)
{
	for (size_t i = 0; i < n; i++)
		if (bit == 1u << i)
			return names[i];
	return NULL;
}

/* "a,b,c" of names from @names, "all", "none" or a number. */
static int parse_mask(const char *const *names, size_t n, uint32_t all,
		      const char *s, uint32_t *ret)
{
	uint32_t mask = 0;
	char *end;

	if (!s || !*s)
		return -EINVAL;
	if (!strcmp(s, "all")) {
		*ret = all;
		return 0;
	}
	if (!strcmp(s, "none")) {
		*ret = 0;
		return 0;
	}
	errno = 0;
	mask = strtoul(s, &end, 0);
	if (!*end && !errno) {
		if (mask & ~all)
			return -EINVAL;
		*ret = mask;
		return 0;
	}
	mask = 0;
	while (*s) {
		size_t len = strcspn(s, ",");
		size_t i;

		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len && !strncmp(s, names[i], len))
				break;
		if (i == n)
			return -EINVAL;
		mask |= 1u << i;
		s += len;
		if (*s == ',')
			s++;
	}
	*ret = mask;
	return 0;
}

const char *fax_right_name(uint32_t bit)
{
	return bit_name(right_names, ARRAY_SIZE(right_names), bit);
}

int fax_rights_parse(const char *s, uint32_t *ret)
{
	return parse_mask(right_names, ARRAY_SIZE(right_names), FAX_RIGHTS_ALL, s, ret);
}

uint32_t fax_rights_implied(uint32_t mask)
{
	if (mask & FAX_RIGHT_SUBMIT_HIGH)
		mask |= FAX_RIGHT_SUBMIT_NORMAL;
	if (mask & FAX_RIGHT_SUBMIT_NORMAL)
		mask |= FAX_RIGHT_SUBMIT_LOW;
	return mask;
}

const char *fax_events_bit_name(uint32_t bit)
{
	return bit_name(event_bit_names, ARRAY_SIZE(event_bit_names), bit);
}

int fax_events_parse(const char *s, uint32_t *ret)
{
	return parse_mask(event_bit_names, ARRAY_SIZE(event_bit_names), FAX_EVENTS_ALL, s, ret);
}

const struct fax_event_info *fax_event_type_info(unsigned int type)
{
	return type < FAX_SERVER_EV_COUNT ? &event_types[type] : NULL;
}

int fax_event_type_from_name(const char *name)
{
	for (unsigned int i = 0; i < FAX_SERVER_EV_COUNT; i++)
		if (!strcmp(event_types[i].name, name))
			return (int)i;
	return -ENOENT;
}

static const char *const receive_modes[] = { "no-answer", "auto", "manual" };

const char *fax_receive_mode_name(uint32_t mode)
{
	return mode < ARRAY_SIZE(receive_modes) ? receive_modes[mode] : "?";
}

int fax_receive_mode_parse(const char *s, uint32_t *ret)
{
	for (uint32_t i = 0; i < ARRAY_SIZE(receive_modes); i++)
		if (!strcmp(s, receive_modes[i])) {
			*ret = i;
			return 0;
		}
	return -EINVAL;
}

static const char *const provider_status[] = {
	"success", "server-error", "bad-guid", "bad-version", "cant-load", "cant-link", "cant-init",
};

const char *fax_provider_status_name(uint32_t status)
{
	return status < ARRAY_SIZE(provider_status) ? provider_status[status] : "?";
}

static const char *const job_status_names[] = {
	"pending", "in-progress", "", "failed", "paused", "no-line", "retrying",
	"retries-exceeded", "completed", "canceled", "canceling", "routing",
};

const char *fax_job_status_name(uint32_t status, char *buf, size_t size)
{
	size_t len = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (unsigned int i = 0; i < 12; i++)
		if ((status & (1u << i)) && *job_status_names[i] && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "|" : "",
						job_status_names[i]);
	return buf;
}

bool fax_job_status_is_final(uint32_t status)
{
	return status & (FAX_JOB_COMPLETED | FAX_JOB_CANCELED | FAX_JOB_FAILED |
			 FAX_JOB_RETRIES_EXCEEDED);
}

static const char *const job_ext_names[] = {
	"none", "disconnected", "initializing", "dialing", "transmitting", "answered",
	"receiving", "line-unavailable", "busy", "no-answer", "bad-address", "no-dial-tone",
	"fatal-error", "call-delayed", "call-blacklisted", "not-fax-call", "partially-received",
	"handled", "call-completed", "call-aborted",
};

const char *fax_job_extended_status_name(uint32_t code)
{
	return code < sizeof(job_ext_names) / sizeof(job_ext_names[0]) ? job_ext_names[code] : NULL;
}

static const char *const priority_names[] = { "low", "normal", "high" };

const char *fax_priority_name(uint32_t priority)
{
	return priority < 3 ? priority_names[priority] : NULL;
}

int fax_priority_parse(const char *s, uint32_t *ret)
{
	for (uint32_t i = 0; i < 3; i++)
		if (!strcmp(s, priority_names[i]) || (s[0] == (char)('0' + i) && !s[1])) {
			*ret = i;
			return 0;
		}
	return -EINVAL;
}
