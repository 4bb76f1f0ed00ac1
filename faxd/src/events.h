/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Server events (ListenToServerEvents): per-client masks, kept while the
 * client stays on the bus, and delivery as signals addressed to each
 * listener alone, after checking that the listener's current rights cover
 * the event. Nothing guarded is broadcast.
 */
#ifndef FAXD_EVENTS_H
#define FAXD_EVENTS_H

#include <stdint.h>

#include <systemd/sd-bus.h>

#include <fax/client.h>

struct manager;

/* events_allowed() - the bits of @mask that @rights may listen to. */
uint32_t events_allowed(uint32_t mask, uint32_t rights);
/* events_listen() - set the sender's mask (0 removes the listener). */
int events_listen(struct manager *m, sd_bus_message *msg, uint32_t mask, sd_bus_error *error);
/* events_registered() - the mask of bus peer @name (0 if none). */
uint32_t events_registered(struct manager *m, const char *name);
/* events_emit() - send event @type with its arguments (signature in
 * fax_event_type_info()) to every listener entitled to it. */
int events_emit(struct manager *m, enum fax_server_event_type type, ...);
/*
 * events_emit_job() - a job or message event (added/removed: its id;
 * changed: its id and properties) to the listeners that may see that job:
 * its owner with a submit right, anyone with the right over all jobs or
 * messages of its folder.
 */
struct job;
int events_emit_job(struct manager *m, enum fax_server_event_type type, const struct job *j);
void events_free(struct manager *m);

#endif /* FAXD_EVENTS_H */
