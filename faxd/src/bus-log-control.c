// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * org.freedesktop.LogControl1 at /org/freedesktop/LogControl1: what
 * `systemctl service-log-level faxd debug` talks to. Setting the level
 * needs CAP_SYS_ADMIN (sd-bus enforces it for privileged members); the
 * log target is stderr, which systemd connects to the journal.
 */
#include <errno.h>
#include <string.h>
#include <syslog.h>

#include "bus.h"
#include "log.h"
#include "manager.h"

static const char *const levels[] = {
	[LOG_EMERG] = "emerg", [LOG_ALERT] = "alert", [LOG_CRIT] = "crit", [LOG_ERR] = "err",
	[LOG_WARNING] = "warning", [LOG_NOTICE] = "notice", [LOG_INFO] = "info",
	[LOG_DEBUG] = "debug",
};

static int get_level(sd_bus *bus, const char *path, const char *iface, const char *property,
		     sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	(void)bus; (void)path; (void)iface; (void)property; (void)userdata; (void)error;
	return sd_bus_message_append(reply, "s", levels[log_get_max_level()]);
}

static int set_level(sd_bus *bus, const char *path, const char *iface, const char *property,
		     sd_bus_message *value, void *userdata, sd_bus_error *error)
{
	const char *v;
	int r;

	(void)bus; (void)path; (void)iface; (void)property; (void)userdata;
	r = sd_bus_message_read(value, "s", &v);
	if (r < 0)
		return r;
	for (int i = LOG_EMERG; i <= LOG_DEBUG; i++)
		if (!strcmp(v, levels[i])) {
			log_set_max_level(i);
			log_info("log level set to %s", v);
			return 0;
		}
	return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "unknown log level '%s'", v);
}

static int get_target(sd_bus *bus, const char *path, const char *iface, const char *property,
		      sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	(void)bus; (void)path; (void)iface; (void)property; (void)userdata; (void)error;
	return sd_bus_message_append(reply, "s", "console");
}

static int set_target(sd_bus *bus, const char *path, const char *iface, const char *property,
		      sd_bus_message *value, void *userdata, sd_bus_error *error)
{
	(void)bus; (void)path; (void)iface; (void)property; (void)value; (void)userdata;
	return sd_bus_error_set(error, SD_BUS_ERROR_NOT_SUPPORTED,
				"faxd logs to stderr only (the journal under systemd)");
}

static const sd_bus_vtable log_control_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_WRITABLE_PROPERTY("LogLevel", "s", get_level, set_level, 0, 0),
	SD_BUS_WRITABLE_PROPERTY("LogTarget", "s", get_target, set_target, 0, 0),
	SD_BUS_PROPERTY("SyslogIdentifier", "s", NULL, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_VTABLE_END
};

int bus_register_log_control(struct manager *m)
{
	static const char *const ident = "faxd";

	/* SD_BUS_PROPERTY with offset 0 reads a "char *" at userdata. */
	return sd_bus_add_object_vtable(m->bus, NULL, "/org/freedesktop/LogControl1",
					"org.freedesktop.LogControl1", log_control_vtable,
					(void *)&ident);
}
