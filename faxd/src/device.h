/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fax device (FaxDevice): one line given by a provider. Its id and
 * configuration live in the store; its status (powered off, sending,
 * receiving, ringing) follows the line and is announced with the
 * DeviceStatusChange event, a new ringing call with NewCall.
 */
#ifndef FAXD_DEVICE_H
#define FAXD_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct manager;
struct provider;
struct call;

struct device {
	struct manager *m;
	struct provider *provider;
	uint32_t id;
	char *name;
	char *key;
	char path[64];
	struct store_device_config cfg;
	char **routing;			/* NULL-terminated GUIDs */
	bool powered_off, sending, receiving, ringing;
	char ring_caller[33];		/* caller id of the ringing call, for AnswerCall */
	void *priv;			/* the provider's */
	struct call *call;		/* the fax call on the line, if any */
};

int device_new(struct manager *m, struct provider *p, const char *key, const char *name,
	       struct device **ret);
void device_free(struct device *d);

/* device_config_validate() - -EINVAL with the offending field in @msg. */
int device_config_validate(const struct store_device_config *c, char *msg, size_t size);

/* For providers: the line's status changed / a call rings. */
void device_set_status(struct device *d, bool powered_off, bool sending, bool receiving,
		       bool ringing);
void device_new_call(struct device *d, const char *caller_id);
/* device_ring() - ring number @rings of a call: answers in automatic
 * mode once the device's rings-before-answer are reached. */
void device_ring(struct device *d, unsigned int rings, const char *caller_id);

#endif /* FAXD_DEVICE_H */
