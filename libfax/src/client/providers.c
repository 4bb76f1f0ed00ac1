// SPDX-License-Identifier: LGPL-2.1-or-later
/* FaxDeviceProviders and FaxDeviceProvider on the client side (read-only). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "client-internal.h"

struct fax_device_provider {
	char *unique_name, *friendly_name, *image_name, *tsp_name;
	uint32_t version[4];
	bool debug;
	uint32_t status;
	int32_t init_error;
	uint32_t *device_ids;
	size_t n_device_ids;
};

struct fax_device_providers {
	size_t n;
	fax_device_provider_t *v;
};

static int read_prop(sd_bus_message *m, const char *key, void *userdata)
{
	fax_device_provider_t *p = userdata;
	static const char *const versions[] = { "MajorVersion", "MinorVersion", "MajorBuild", "MinorBuild" };
	const void *ids;
	size_t sz;
	int b, r;

	if (!strcmp(key, "UniqueName"))
		return client_read_string(m, &p->unique_name);
	if (!strcmp(key, "FriendlyName"))
		return client_read_string(m, &p->friendly_name);
	if (!strcmp(key, "ImageName"))
		return client_read_string(m, &p->image_name);
	if (!strcmp(key, "TapiProviderName"))
		return client_read_string(m, &p->tsp_name);
	for (int i = 0; i < 4; i++)
		if (!strcmp(key, versions[i]))
			return sd_bus_message_read(m, "u", &p->version[i]);
	if (!strcmp(key, "Debug")) {
		r = sd_bus_message_read(m, "b", &b);
		p->debug = b;
		return r;
	}
	if (!strcmp(key, "Status"))
		return sd_bus_message_read(m, "u", &p->status);
	if (!strcmp(key, "InitErrorCode"))
		return sd_bus_message_read(m, "i", &p->init_error);
	if (!strcmp(key, "DeviceIds")) {
		r = sd_bus_message_read_array(m, 'u', &ids, &sz);
		if (r < 0)
			return r;
		free(p->device_ids);
		p->device_ids = malloc(sz ? sz : 1);
		if (!p->device_ids)
			return -ENOMEM;
		memcpy(p->device_ids, ids, sz);
		p->n_device_ids = sz / sizeof(uint32_t);
		return 1;
	}
	return 0;
}

void fax_device_providers_free(fax_device_providers_t *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		fax_device_provider_t *p = &c->v[i];

		free(p->unique_name);
		free(p->friendly_name);
		free(p->image_name);
		free(p->tsp_name);
		free(p->device_ids);
	}
	free(c->v);
	free(c);
}

int fax_server_get_device_providers(fax_server_t *s, fax_device_providers_t **ret,
				    fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	fax_device_providers_t *c;
	char **paths = NULL;
	size_t n = 0;
	int r;

	r = client_call(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "GetDeviceProviders", err, &reply, NULL);
	if (r < 0)
		return r;
	r = sd_bus_message_read_strv(reply, &paths);
	sd_bus_message_unref(reply);
	if (r < 0)
		return fax_error_set(err, r, "GetDeviceProviders: bad reply");
	while (paths && paths[n])
		n++;
	c = calloc(1, sizeof(*c));
	if (c)
		c->v = calloc(n + 1, sizeof(*c->v));
	if (!c || !c->v) {
		free(c);
		client_strv_free(paths);
		return -ENOMEM;
	}
	for (; c->n < n; c->n++) {
		r = client_call(s, paths[c->n], "org.freedesktop.DBus.Properties", "GetAll", err,
				&reply, "s", FAX_BUS_IFACE_PROVIDER);
		if (r >= 0) {
			r = client_read_dict(reply, read_prop, &c->v[c->n]);
			sd_bus_message_unref(reply);
			if (r >= 0 && !c->v[c->n].unique_name)
				r = -EBADMSG;
			if (r < 0)
				fax_error_set(err, r, "DeviceProvider: bad reply");
		}
		if (r < 0) {
			c->n++;
			fax_device_providers_free(c);
			client_strv_free(paths);
			return r;
		}
	}
	client_strv_free(paths);
	*ret = c;
	return 0;
}

size_t fax_device_providers_count(const fax_device_providers_t *c)
{
	return c->n;
}

fax_device_provider_t *fax_device_providers_item(fax_device_providers_t *c, size_t index)
{
	return index >= 1 && index <= c->n ? &c->v[index - 1] : NULL;
}

static const char *str(const char *s)
{
	return s ? s : "";
}

const char *fax_device_provider_get_unique_name(const fax_device_provider_t *p) { return str(p->unique_name); }
const char *fax_device_provider_get_friendly_name(const fax_device_provider_t *p) { return str(p->friendly_name); }
const char *fax_device_provider_get_image_name(const fax_device_provider_t *p) { return str(p->image_name); }
const char *fax_device_provider_get_tapi_provider_name(const fax_device_provider_t *p) { return str(p->tsp_name); }

void fax_device_provider_get_version(const fax_device_provider_t *p, uint32_t v[4], bool *debug)
{
	memcpy(v, p->version, sizeof(p->version));
	if (debug)
		*debug = p->debug;
}

uint32_t fax_device_provider_get_status(const fax_device_provider_t *p) { return p->status; }
int32_t fax_device_provider_get_init_error_code(const fax_device_provider_t *p) { return p->init_error; }

const uint32_t *fax_device_provider_get_device_ids(const fax_device_provider_t *p, size_t *n)
{
	*n = p->n_device_ids;
	return p->device_ids;
}
