// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FaxDeviceProvider objects at FAX_BUS_PATH_PROVIDER/<escaped unique name>:
 * the providers loaded at start with their status (query-config).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "caller.h"
#include "device.h"
#include "manager.h"
#include "provider.h"

static int find(sd_bus *bus, const char *path, const char *iface, void *userdata,
		void **found, sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)iface; (void)error;
	if (caller_hidden(m, bus))
		return 0;
	for (size_t i = 0; i < m->n_providers; i++)
		if (!strcmp(m->providers[i]->path, path)) {
			*found = m->providers[i];
			return 1;
		}
	return 0;
}

static int enumerate(sd_bus *bus, const char *prefix, void *userdata, char ***nodes,
		     sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)prefix; (void)error;
	if (caller_hidden(m, bus)) {
		*nodes = calloc(1, sizeof(char *));
		return *nodes ? 0 : -ENOMEM;
	}
	return bus_object_paths(m, BUS_PROVIDERS, nodes);
}

static int append_device_ids(sd_bus_message *reply, struct provider *p)
{
	int r = sd_bus_message_open_container(reply, 'a', "u");

	for (size_t i = 0; r >= 0 && i < p->m->n_devices; i++)
		if (p->m->devices[i]->provider == p)
			r = sd_bus_message_append(reply, "u", p->m->devices[i]->id);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

static int get(sd_bus *bus, const char *path, const char *iface, const char *property,
	       sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct provider *p = userdata;
	const uint32_t *v = p->ops ? p->ops->version : (const uint32_t[4]) { 0 };
	int r;

	(void)bus; (void)path; (void)iface;
	r = caller_require(p->m, NULL, FAX_RIGHT_QUERY_CONFIG, "reading a device provider", error);
	if (r < 0)
		return r;
	if (!strcmp(property, "UniqueName"))
		return sd_bus_message_append(reply, "s", p->reg.unique_name);
	if (!strcmp(property, "FriendlyName"))
		return sd_bus_message_append(reply, "s", p->reg.friendly_name);
	if (!strcmp(property, "ImageName"))
		return sd_bus_message_append(reply, "s", p->reg.image_name);
	if (!strcmp(property, "TapiProviderName"))
		return sd_bus_message_append(reply, "s", p->reg.tsp_name);
	if (!strcmp(property, "MajorVersion"))
		return sd_bus_message_append(reply, "u", v[0]);
	if (!strcmp(property, "MinorVersion"))
		return sd_bus_message_append(reply, "u", v[1]);
	if (!strcmp(property, "MajorBuild"))
		return sd_bus_message_append(reply, "u", v[2]);
	if (!strcmp(property, "MinorBuild"))
		return sd_bus_message_append(reply, "u", v[3]);
	if (!strcmp(property, "Debug"))
		return sd_bus_message_append(reply, "b", p->debug);
	if (!strcmp(property, "Status"))
		return sd_bus_message_append(reply, "u", p->status);
	if (!strcmp(property, "InitErrorCode"))
		return sd_bus_message_append(reply, "i", p->init_error);
	if (!strcmp(property, "DeviceIds"))
		return append_device_ids(reply, p);
	return -ENOENT;
}

#define P(name, sig) SD_BUS_PROPERTY(name, sig, get, 0, 0)

static const sd_bus_vtable provider_vtable[] = {
	SD_BUS_VTABLE_START(0),
	P("UniqueName", "s"),
	P("FriendlyName", "s"),
	P("ImageName", "s"),
	P("TapiProviderName", "s"),
	P("MajorVersion", "u"),
	P("MinorVersion", "u"),
	P("MajorBuild", "u"),
	P("MinorBuild", "u"),
	P("Debug", "b"),
	P("Status", "u"),
	P("InitErrorCode", "i"),
	P("DeviceIds", "au"),
	SD_BUS_VTABLE_END
};

int bus_register_providers(struct manager *m)
{
	int r;

	r = sd_bus_add_fallback_vtable(m->bus, NULL, FAX_BUS_PATH_PROVIDER, FAX_BUS_IFACE_PROVIDER,
				       provider_vtable, find, m);
	if (r < 0)
		return r;
	return sd_bus_add_node_enumerator(m->bus, NULL, FAX_BUS_PATH_PROVIDER, enumerate, m);
}
