// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * FaxDevices and FaxDevice on the client side. A device is a local copy:
 * getters read it, setters change it and mark the field dirty, Save sends
 * the dirty fields in one Device.Save(a{sv}), Refresh reloads everything
 * from one Device.Refresh() snapshot.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "client-internal.h"

enum {
	DIRTY_DESCRIPTION = 1 << 0,
	DIRTY_SEND_ENABLED = 1 << 1,
	DIRTY_RECEIVE_MODE = 1 << 2,
	DIRTY_RINGS = 1 << 3,
	DIRTY_CSID = 1 << 4,
	DIRTY_TSID = 1 << 5,
};

struct fax_device {
	fax_server_t *server;
	char *path;
	uint32_t id;
	char *name, *provider;
	bool powered_off, receiving, sending, ringing;
	char **routing;
	char *description, *csid, *tsid;
	bool send_enabled;
	uint32_t receive_mode, rings;
	unsigned int dirty;
};

struct fax_devices {
	size_t n;
	fax_device_t **v;
};

static void device_free(fax_device_t *d)
{
	if (!d)
		return;
	free(d->path);
	free(d->name);
	free(d->provider);
	client_strv_free(d->routing);
	free(d->description);
	free(d->csid);
	free(d->tsid);
	free(d);
}

static int read_prop(sd_bus_message *m, const char *key, void *userdata)
{
	fax_device_t *d = userdata;
	int b, r;

	if (!strcmp(key, "Id"))
		return sd_bus_message_read(m, "u", &d->id);
	if (!strcmp(key, "DeviceName"))
		return client_read_string(m, &d->name);
	if (!strcmp(key, "ProviderUniqueName"))
		return client_read_string(m, &d->provider);
	if (!strcmp(key, "Description"))
		return client_read_string(m, &d->description);
	if (!strcmp(key, "CSID"))
		return client_read_string(m, &d->csid);
	if (!strcmp(key, "TSID"))
		return client_read_string(m, &d->tsid);
	if (!strcmp(key, "ReceiveMode"))
		return sd_bus_message_read(m, "u", &d->receive_mode);
	if (!strcmp(key, "RingsBeforeAnswer"))
		return sd_bus_message_read(m, "u", &d->rings);
	if (!strcmp(key, "UsedRoutingMethods")) {
		client_strv_free(d->routing);
		d->routing = NULL;
		r = sd_bus_message_read_strv(m, &d->routing);
		if (r >= 0 && !d->routing)	/* an empty array */
			d->routing = calloc(1, sizeof(char *));
		return r < 0 ? r : d->routing ? 1 : -ENOMEM;
	}
	if (!strcmp(key, "PoweredOff") || !strcmp(key, "ReceivingNow") ||
	    !strcmp(key, "SendingNow") || !strcmp(key, "RingingNow") ||
	    !strcmp(key, "SendEnabled")) {
		r = sd_bus_message_read(m, "b", &b);
		if (r < 0)
			return r;
		if (key[0] == 'P')
			d->powered_off = b;
		else if (!strcmp(key, "ReceivingNow"))
			d->receiving = b;
		else if (!strcmp(key, "SendingNow"))
			d->sending = b;
		else if (key[0] == 'R')
			d->ringing = b;
		else
			d->send_enabled = b;
		return 1;
	}
	return 0;
}

int fax_device_refresh(fax_device_t *d, fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	int r;

	r = client_call(d->server, d->path, FAX_BUS_IFACE_DEVICE, "Refresh", err, &reply, NULL);
	if (r < 0)
		return r;
	r = client_read_dict(reply, read_prop, d);
	sd_bus_message_unref(reply);
	if (r < 0)
		return fax_error_set(err, r, "Device.Refresh: bad reply");
	if (!d->name || !d->provider || !d->description || !d->csid || !d->tsid || !d->routing)
		return fax_error_set(err, -EBADMSG, "Device.Refresh: incomplete reply");
	d->dirty = 0;
	return 0;
}

static int device_get(fax_server_t *s, const char *path, fax_device_t **ret, fax_error_t *err)
{
	fax_device_t *d = calloc(1, sizeof(*d));
	int r;

	if (!d || !(d->path = strdup(path))) {
		free(d);
		return -ENOMEM;
	}
	d->server = s;
	r = fax_device_refresh(d, err);
	if (r < 0) {
		device_free(d);
		return r;
	}
	*ret = d;
	return 0;
}

int fax_server_get_devices(fax_server_t *s, fax_devices_t **ret, fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	fax_devices_t *c;
	char **paths = NULL;
	int r;

	r = client_call(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "GetDevices", err, &reply, NULL);
	if (r < 0)
		return r;
	r = sd_bus_message_read_strv(reply, &paths);
	sd_bus_message_unref(reply);
	if (r < 0)
		return fax_error_set(err, r, "GetDevices: bad reply");
	c = calloc(1, sizeof(*c));
	if (c) {
		while (paths && paths[c->n])
			c->n++;
		c->v = calloc(c->n + 1, sizeof(*c->v));
	}
	if (!c || !c->v) {
		free(c);
		client_strv_free(paths);
		return -ENOMEM;
	}
	for (size_t i = 0; i < c->n; i++) {
		r = device_get(s, paths[i], &c->v[i], err);
		if (r < 0) {
			fax_devices_free(c);
			client_strv_free(paths);
			return r;
		}
	}
	client_strv_free(paths);
	*ret = c;
	return 0;
}

void fax_devices_free(fax_devices_t *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		device_free(c->v[i]);
	free(c->v);
	free(c);
}

size_t fax_devices_count(const fax_devices_t *c)
{
	return c->n;
}

fax_device_t *fax_devices_item(fax_devices_t *c, size_t index)
{
	return index >= 1 && index <= c->n ? c->v[index - 1] : NULL;
}

fax_device_t *fax_devices_item_by_id(fax_devices_t *c, uint32_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i]->id == id)
			return c->v[i];
	return NULL;
}

fax_device_t *fax_devices_item_by_name(fax_devices_t *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i]->name, name))
			return c->v[i];
	return NULL;
}

uint32_t fax_device_get_id(const fax_device_t *d) { return d->id; }
const char *fax_device_get_name(const fax_device_t *d) { return d->name; }
const char *fax_device_get_provider_unique_name(const fax_device_t *d) { return d->provider; }
bool fax_device_get_powered_off(const fax_device_t *d) { return d->powered_off; }
bool fax_device_get_receiving_now(const fax_device_t *d) { return d->receiving; }
bool fax_device_get_sending_now(const fax_device_t *d) { return d->sending; }
bool fax_device_get_ringing_now(const fax_device_t *d) { return d->ringing; }
const char *const *fax_device_get_used_routing_methods(const fax_device_t *d)
{
	return (const char *const *)d->routing;
}
const char *fax_device_get_description(const fax_device_t *d) { return d->description; }
bool fax_device_get_send_enabled(const fax_device_t *d) { return d->send_enabled; }
uint32_t fax_device_get_receive_mode(const fax_device_t *d) { return d->receive_mode; }
uint32_t fax_device_get_rings_before_answer(const fax_device_t *d) { return d->rings; }
const char *fax_device_get_csid(const fax_device_t *d) { return d->csid; }
const char *fax_device_get_tsid(const fax_device_t *d) { return d->tsid; }

static int set_string(fax_device_t *d, char **field, const char *v, unsigned int bit)
{
	char *copy = strdup(v ? v : "");

	if (!copy)
		return -ENOMEM;
	free(*field);
	*field = copy;
	d->dirty |= bit;
	return 0;
}

int fax_device_set_description(fax_device_t *d, const char *v)
{
	return set_string(d, &d->description, v, DIRTY_DESCRIPTION);
}

int fax_device_set_csid(fax_device_t *d, const char *v)
{
	return set_string(d, &d->csid, v, DIRTY_CSID);
}

int fax_device_set_tsid(fax_device_t *d, const char *v)
{
	return set_string(d, &d->tsid, v, DIRTY_TSID);
}

int fax_device_set_send_enabled(fax_device_t *d, bool v)
{
	d->send_enabled = v;
	d->dirty |= DIRTY_SEND_ENABLED;
	return 0;
}

int fax_device_set_receive_mode(fax_device_t *d, uint32_t v)
{
	d->receive_mode = v;
	d->dirty |= DIRTY_RECEIVE_MODE;
	return 0;
}

int fax_device_set_rings_before_answer(fax_device_t *d, uint32_t v)
{
	d->rings = v;
	d->dirty |= DIRTY_RINGS;
	return 0;
}

static int append_dirty(sd_bus_message *m, const fax_device_t *d)
{
	int r = sd_bus_message_open_container(m, 'a', "{sv}");

	if (r >= 0 && (d->dirty & DIRTY_DESCRIPTION))
		r = sd_bus_message_append(m, "{sv}", "Description", "s", d->description);
	if (r >= 0 && (d->dirty & DIRTY_SEND_ENABLED))
		r = sd_bus_message_append(m, "{sv}", "SendEnabled", "b", (int)d->send_enabled);
	if (r >= 0 && (d->dirty & DIRTY_RECEIVE_MODE))
		r = sd_bus_message_append(m, "{sv}", "ReceiveMode", "u", d->receive_mode);
	if (r >= 0 && (d->dirty & DIRTY_RINGS))
		r = sd_bus_message_append(m, "{sv}", "RingsBeforeAnswer", "u", d->rings);
	if (r >= 0 && (d->dirty & DIRTY_CSID))
		r = sd_bus_message_append(m, "{sv}", "CSID", "s", d->csid);
	if (r >= 0 && (d->dirty & DIRTY_TSID))
		r = sd_bus_message_append(m, "{sv}", "TSID", "s", d->tsid);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	return r;
}

int fax_device_save(fax_device_t *d, fax_error_t *err)
{
	sd_bus_message *m = NULL;
	int r;

	r = client_new_call(d->server, d->path, FAX_BUS_IFACE_DEVICE, "Save", &m, err);
	if (r < 0)
		return r;
	r = append_dirty(m, d);
	if (r < 0) {
		sd_bus_message_unref(m);
		return fax_error_set(err, r, "Device.Save: cannot build the call");
	}
	r = client_send(d->server, m, err, NULL);
	if (r < 0)
		return r;
	d->dirty = 0;
	return 0;
}

int fax_device_get_extension_property(fax_device_t *d, const char *guid, void **data,
				      size_t *len, fax_error_t *err)
{
	return client_get_ext(d->server, d->path, FAX_BUS_IFACE_DEVICE, guid, data, len, err);
}

int fax_device_set_extension_property(fax_device_t *d, const char *guid, const void *data,
				      size_t len, fax_error_t *err)
{
	return client_set_ext(d->server, d->path, FAX_BUS_IFACE_DEVICE, guid, data, len, err);
}

int fax_device_use_routing_method(fax_device_t *d, const char *guid, bool use, fax_error_t *err)
{
	return client_call(d->server, d->path, FAX_BUS_IFACE_DEVICE, "UseRoutingMethod", err, NULL,
			   "sb", guid, (int)use);
}

int fax_device_answer_call(fax_device_t *d, fax_error_t *err)
{
	return client_call(d->server, d->path, FAX_BUS_IFACE_DEVICE, "AnswerCall", err, NULL, NULL);
}
