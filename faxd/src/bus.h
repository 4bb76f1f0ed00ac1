/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D-Bus face of faxd: one file per object type (bus-server.c,
 * bus-activity.c, bus-security.c, bus-provider.c, bus-device.c, bus-test.c),
 * each translating calls into the manager after the authorization gate.
 * Objects guarded by query-config are fallback vtables with a find
 * callback, so they can be left out of GetManagedObjects for callers
 * without the right (caller_hidden()) while direct calls answer
 * AccessDenied.
 */
#ifndef FAXD_BUS_H
#define FAXD_BUS_H

#include <stdbool.h>

#include <systemd/sd-bus.h>

struct manager;

int bus_register_server(struct manager *m);
int bus_register_activity(struct manager *m);
int bus_register_security(struct manager *m);
int bus_register_providers(struct manager *m);
int bus_register_devices(struct manager *m);
int bus_register_test(struct manager *m);
int bus_register_log_control(struct manager *m);
int bus_register_folders(struct manager *m);

/* bus_append_job() - the properties of a job or message as a{sv}. */
struct job;
int bus_append_job(sd_bus_message *msg, const struct job *j);

/*
 * bus_errno() - answer @r (a negative errno) with the stable error name
 * for it (client.h) and the message @fmt. Returns the sd-bus return value
 * a handler passes on.
 */
int bus_errno(sd_bus_error *error, int r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

enum bus_collection { BUS_DEVICES, BUS_PROVIDERS };

/* bus_object_paths() - the object paths of all devices or providers. */
int bus_object_paths(struct manager *m, enum bus_collection which, char ***ret);
/* bus_reply_object_paths() - answer @msg with them ("ao"). */
int bus_reply_object_paths(sd_bus_message *msg, struct manager *m, enum bus_collection which);
void bus_strv_free(char **v);

/* bus_key_valid() - a GUID or other key: 1..128 of [A-Za-z0-9._{}-]. */
bool bus_key_valid(const char *s);

#endif /* FAXD_BUS_H */
