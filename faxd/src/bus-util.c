// SPDX-License-Identifier: GPL-2.0-or-later
/* Shared by the bus-*.c files: error names for errno values, keys, path lists. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fax/client.h>

#include "bus.h"
#include "device.h"
#include "manager.h"
#include "provider.h"

static const char *error_name(int r)
{
	switch (-r) {
	case EACCES:
	case EPERM:		return SD_BUS_ERROR_ACCESS_DENIED;
	case EINVAL:		return SD_BUS_ERROR_INVALID_ARGS;
	case ENOENT:
	case ENODEV:		return FAX_BUS_ERROR_NOT_FOUND;
	case EEXIST:		return FAX_BUS_ERROR_ALREADY_REGISTERED;
	case EOPNOTSUPP:	return FAX_BUS_ERROR_NOT_SUPPORTED;
	case EBUSY:
	case ENOTCONN:		return FAX_BUS_ERROR_INVALID_STATE;
	case ENOMEM:		return FAX_BUS_ERROR_NO_MEMORY;
	case EPROTONOSUPPORT:	return FAX_BUS_ERROR_VERSION_MISMATCH;
	case ESHUTDOWN:		return FAX_BUS_ERROR_SHUTTING_DOWN;
	default:		return FAX_BUS_ERROR_STORAGE;
	}
}

int bus_errno(sd_bus_error *error, int r, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sd_bus_error_setf(error, error_name(r), "%s: %s", msg, strerror(-r));
}

bool bus_key_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 128)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._{}-") == n;
}

int bus_object_paths(struct manager *m, enum bus_collection which, char ***ret)
{
	size_t n = which == BUS_DEVICES ? m->n_devices : m->n_providers;
	char **v = calloc(n + 1, sizeof(char *));

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		v[i] = strdup(which == BUS_DEVICES ? m->devices[i]->path : m->providers[i]->path);
		if (!v[i]) {
			bus_strv_free(v);
			return -ENOMEM;
		}
	}
	*ret = v;
	return 0;
}

void bus_strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

int bus_reply_object_paths(sd_bus_message *msg, struct manager *m, enum bus_collection which)
{
	sd_bus_message *reply = NULL;
	char **v;
	int r;

	r = bus_object_paths(m, which, &v);
	if (r < 0)
		return r;
	r = sd_bus_message_new_method_return(msg, &reply);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "o");
	for (size_t i = 0; r >= 0 && v[i]; i++)
		r = sd_bus_message_append(reply, "o", v[i]);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
	sd_bus_message_unref(reply);
	bus_strv_free(v);
	return r;
}
