/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * struct manager: the one server object. It owns the event loop, the bus
 * connection, the store, the security descriptor, the loaded providers and
 * their devices, the event listeners and the caller cache. Everything
 * else in faxd hangs off it; the bus-*.c files only translate D-Bus
 * calls into it.
 */
#ifndef FAXD_MANAGER_H
#define FAXD_MANAGER_H

#include <stdbool.h>
#include <stdint.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <fax/client.h>

#include "config.h"
#include "queue.h"
#include "store.h"

struct provider;
struct device;
struct listener;
struct caller_cache;

struct routing_ext {
	struct store_routing_ext reg;	/* as registered */
	uint32_t status;		/* enum fax_provider_status */
	int32_t init_error;
};

struct activity {
	uint32_t incoming, routing, outgoing, queued;
};

struct manager {
	sd_event *event;
	sd_bus *bus;
	struct store *store;
	struct faxd_config cfg;
	char *state_dir;
	char *spool_dir;
	char *server_name;

	/* Security descriptor and a generation that moves on every save. */
	struct fax_ace *acl;
	size_t n_acl;
	uint64_t acl_generation;

	/* Loaded at start: providers (in registration order), their devices
	 * (sorted by id), routing extensions. */
	struct provider **providers;
	size_t n_providers;
	struct device **devices;
	size_t n_devices;
	struct store_routing_ext *routing_regs;
	size_t n_routing;
	struct routing_ext *routing;

	struct activity activity;
	struct queue queue;
	struct listener *listeners;
	struct caller_cache *callers;
	uint32_t next_call_id;
	bool shutting_down;
};

int manager_new(struct manager **ret, const char *state_dir, const struct faxd_config *cfg);
/* manager_start() - load providers and devices; before the bus name. */
int manager_start(struct manager *m);
/* manager_stop() - tell listeners the server shuts down, stop providers. */
void manager_stop(struct manager *m);
void manager_free(struct manager *m);

/* Devices. */
struct device *manager_find_device(struct manager *m, uint32_t id);
int manager_add_device(struct manager *m, struct device *d);
void manager_remove_device(struct manager *m, struct device *d);
/* manager_routing_method_known() - a method of a loaded routing extension. */
bool manager_routing_method_known(struct manager *m, const char *guid);

#endif /* FAXD_MANAGER_H */
