// SPDX-License-Identifier: GPL-2.0-or-later
/* Fax devices: creation from the store, validation, status events. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "queue.h"
#include "events.h"
#include "log.h"
#include "manager.h"
#include "provider.h"

int device_new(struct manager *m, struct provider *p, const char *key, const char *name,
	       struct device **ret)
{
	struct device *d = calloc(1, sizeof(*d));
	int r;

	if (!d)
		return -ENOMEM;
	d->m = m;
	d->provider = p;
	d->name = strdup(name);
	d->key = strdup(key);
	if (!d->name || !d->key) {
		r = -ENOMEM;
		goto fail;
	}
	r = store_device_attach(m->store, p->reg.unique_name, key, name, &d->id, &d->cfg);
	if (r < 0)
		goto fail;
	r = store_device_routing(m->store, d->id, &d->routing);
	if (r < 0)
		goto fail;
	snprintf(d->path, sizeof(d->path), FAX_BUS_PATH_DEVICE "/%u", d->id);
	*ret = d;
	return 0;
fail:
	device_free(d);
	return r;
}

void device_free(struct device *d)
{
	if (!d)
		return;
	for (char **g = d->routing; g && *g; g++)
		free(*g);
	free(d->routing);
	free(d->name);
	free(d->key);
	free(d);
}

static bool printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

int device_config_validate(const struct store_device_config *c, char *msg, size_t size)
{
	if (c->receive_mode > FAX_RECEIVE_MANUAL_ANSWER) {
		snprintf(msg, size, "ReceiveMode %u is not 0 (no answer), 1 (auto) or 2 (manual)",
			 c->receive_mode);
		return -EINVAL;
	}
	if (c->rings_before_answer < FAX_RINGS_MIN || c->rings_before_answer > FAX_RINGS_MAX) {
		snprintf(msg, size, "RingsBeforeAnswer %u is not in %d..%d", c->rings_before_answer,
			 FAX_RINGS_MIN, FAX_RINGS_MAX);
		return -EINVAL;
	}
	if (!printable_ascii(c->csid) || !printable_ascii(c->tsid)) {
		snprintf(msg, size, "CSID and TSID take printable ASCII (0x20-0x7e) only");
		return -EINVAL;
	}
	for (const char *s = c->description; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			snprintf(msg, size, "Description contains a control character");
			return -EINVAL;
		}
	return 0;
}

void device_set_status(struct device *d, bool powered_off, bool sending, bool receiving,
		       bool ringing)
{
	if (d->powered_off == powered_off && d->sending == sending &&
	    d->receiving == receiving && d->ringing == ringing)
		return;
	d->powered_off = powered_off;
	d->sending = sending;
	d->receiving = receiving;
	d->ringing = ringing;
	log_debug("device %u (%s): %s%s%s%s", d->id, d->name, powered_off ? "powered-off " : "",
		  sending ? "sending " : "", receiving ? "receiving " : "", ringing ? "ringing" : "");
	events_emit(d->m, FAX_SERVER_EV_DEVICE_STATUS_CHANGE, d->id, (int)powered_off, (int)sending,
		    (int)receiving, (int)ringing);
}

void device_new_call(struct device *d, const char *caller_id)
{
	uint32_t call = ++d->m->next_call_id;

	log_info("device %u (%s): call %u from '%s'", d->id, d->name, call, caller_id);
	events_emit(d->m, FAX_SERVER_EV_NEW_CALL, call, d->id, caller_id);
}

void device_ring(struct device *d, unsigned int rings, const char *caller_id)
{
	if (rings == 1) {
		snprintf(d->ring_caller, sizeof(d->ring_caller), "%s", caller_id ? caller_id : "");
		device_new_call(d, caller_id);
	}
	if (d->call || d->cfg.receive_mode != FAX_RECEIVE_AUTO_ANSWER ||
	    rings < d->cfg.rings_before_answer)
		return;
	queue_receive(d->m, d, caller_id);
}
