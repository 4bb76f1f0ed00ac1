// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fax_server_t: the connection to faxd (FaxServer Connect/Disconnect),
 * the server's version properties, extension properties, registrations
 * and Activity. Every call needs a connection (-ENOTCONN otherwise).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client-internal.h"

int client_fail(fax_error_t *err, const sd_bus_error *e, int r, const char *what)
{
	if (e && sd_bus_error_is_set(e)) {
		r = -sd_bus_error_get_errno(e);
		if (sd_bus_error_has_name(e, SD_BUS_ERROR_SERVICE_UNKNOWN) ||
		    sd_bus_error_has_name(e, SD_BUS_ERROR_NAME_HAS_NO_OWNER))
			r = -EHOSTDOWN;
		if (r >= 0)
			r = -EIO;
		return fax_error_set(err, r, "%s: %s", what, e->message ? e->message : e->name);
	}
	return fax_error_set(err, r, "%s: %s", what, strerror(-r));
}

int client_new_call(fax_server_t *s, const char *path, const char *iface, const char *member,
		    sd_bus_message **ret, fax_error_t *err)
{
	int r;

	if (!s->bus)
		return fax_error_set(err, -ENOTCONN, "%s: not connected to a fax server", member);
	r = sd_bus_message_new_method_call(s->bus, ret, FAX_BUS_NAME, path, iface, member);
	return r < 0 ? fax_error_set(err, r, "%s: cannot build the call", member) : 0;
}

int client_send(fax_server_t *s, sd_bus_message *m, fax_error_t *err, sd_bus_message **reply)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *rep = NULL;
	char member[64];
	int r;

	/* Sending seals @m and moves its fields: keep the name for errors. */
	snprintf(member, sizeof(member), "%s", sd_bus_message_get_member(m));
	r = sd_bus_call(s->bus, m, 0, &e, &rep);
	if (r < 0)
		r = client_fail(err, &e, r, member);
	sd_bus_message_unref(m);
	sd_bus_error_free(&e);
	if (r < 0)
		return r;
	if (reply)
		*reply = rep;
	else
		sd_bus_message_unref(rep);
	return 0;
}

int client_call(fax_server_t *s, const char *path, const char *iface, const char *member,
		fax_error_t *err, sd_bus_message **reply, const char *types, ...)
{
	sd_bus_message *m = NULL;
	va_list ap;
	int r;

	r = client_new_call(s, path, iface, member, &m, err);
	if (r < 0)
		return r;
	if (types && *types) {
		va_start(ap, types);
		r = sd_bus_message_appendv(m, types, ap);
		va_end(ap);
		if (r < 0) {
			sd_bus_message_unref(m);
			return fax_error_set(err, r, "%s: cannot build the call", member);
		}
	}
	return client_send(s, m, err, reply);
}

int client_read_dict(sd_bus_message *m, client_dict_fn fn, void *userdata)
{
	int r = sd_bus_message_enter_container(m, 'a', "{sv}");

	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		const char *key, *contents;
		char type;

		r = sd_bus_message_read(m, "s", &key);
		if (r >= 0)
			r = sd_bus_message_peek_type(m, &type, &contents);
		if (r >= 0)
			r = sd_bus_message_enter_container(m, 'v', contents);
		if (r >= 0)
			r = fn(m, key, userdata);
		if (r == 0)		/* not read: a key newer than us */
			r = sd_bus_message_skip(m, contents);
		if (r >= 0)
			r = sd_bus_message_exit_container(m);
		if (r >= 0)
			r = sd_bus_message_exit_container(m);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(m);
}

int client_read_string(sd_bus_message *m, char **ret)
{
	const char *s;
	char *copy;
	int r = sd_bus_message_read(m, "s", &s);

	if (r < 0)
		return r;
	copy = strdup(s);
	if (!copy)
		return -ENOMEM;
	free(*ret);
	*ret = copy;
	return 1;
}

void client_strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

int fax_server_new(fax_server_t **ret)
{
	*ret = calloc(1, sizeof(**ret));
	return *ret ? 0 : -ENOMEM;
}

void fax_server_free(fax_server_t *s)
{
	if (!s)
		return;
	if (s->bus)
		fax_server_disconnect(s);
	free(s);
}

static int open_bus(const char *server, sd_bus **ret)
{
	sd_bus *bus = NULL;
	int r;

	if (!server || !*server)
		return sd_bus_open_system(ret);
	if (!strchr(server, '='))
		return sd_bus_open_system_remote(ret, server);
	r = sd_bus_new(&bus);
	if (r >= 0)
		r = sd_bus_set_address(bus, server);
	if (r >= 0)
		r = sd_bus_set_bus_client(bus, true);
	if (r >= 0)
		r = sd_bus_start(bus);
	if (r < 0) {
		sd_bus_unref(bus);
		return r;
	}
	*ret = bus;
	return 0;
}

static int read_info(sd_bus_message *m, const char *key, void *userdata)
{
	struct fax_server_info *info = userdata;
	const char *s;
	int b, r;

	if (!strcmp(key, "APIVersion"))
		return sd_bus_message_read(m, "u", &info->api_version);
	if (!strcmp(key, "MajorVersion"))
		return sd_bus_message_read(m, "u", &info->major_version);
	if (!strcmp(key, "MinorVersion"))
		return sd_bus_message_read(m, "u", &info->minor_version);
	if (!strcmp(key, "MajorBuild"))
		return sd_bus_message_read(m, "u", &info->major_build);
	if (!strcmp(key, "MinorBuild"))
		return sd_bus_message_read(m, "u", &info->minor_build);
	if (!strcmp(key, "Debug")) {
		r = sd_bus_message_read(m, "b", &b);
		info->debug = b;
		return r;
	}
	if (!strcmp(key, "ServerName")) {
		r = sd_bus_message_read(m, "s", &s);
		if (r >= 0)
			snprintf(info->server_name, sizeof(info->server_name), "%s", s);
		return r;
	}
	return 0;
}

int fax_server_connect(fax_server_t *s, const char *server, fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	int r;

	if (s->bus)
		return fax_error_set(err, -EISCONN, "already connected to a fax server");
	fax_bus_errors_register();
	r = open_bus(server, &s->bus);
	if (r < 0) {
		s->bus = NULL;
		return fax_error_set(err, r, "cannot connect to the bus of '%s': %s",
				     server && *server ? server : "local system", strerror(-r));
	}
	r = client_call(s, FAX_BUS_PATH, "org.freedesktop.DBus.Properties", "GetAll", err, &reply,
			"s", FAX_BUS_IFACE_SERVER);
	if (r >= 0) {
		memset(&s->info, 0, sizeof(s->info));
		r = client_read_dict(reply, read_info, &s->info);
		if (r < 0)
			fax_error_set(err, r, "the server's answer is malformed");
	}
	sd_bus_message_unref(reply);
	if (r < 0) {
		s->bus = sd_bus_flush_close_unref(s->bus);
		return r;
	}
	return 0;
}

int fax_server_disconnect(fax_server_t *s)
{
	if (!s->bus)
		return -ENOTCONN;
	s->match = sd_bus_slot_unref(s->match);
	s->bus = sd_bus_flush_close_unref(s->bus);
	s->cb = NULL;
	return 0;
}

bool fax_server_is_connected(const fax_server_t *s)
{
	return s->bus != NULL;
}

int fax_server_get_info(fax_server_t *s, struct fax_server_info *info)
{
	if (!s->bus)
		return -ENOTCONN;
	*info = s->info;
	return 0;
}

int client_get_ext(fax_server_t *s, const char *path, const char *iface, const char *guid,
		   void **data, size_t *len, fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	const void *p;
	size_t n;
	int r;

	r = client_call(s, path, iface, "GetExtensionProperty", err, &reply, "s", guid);
	if (r < 0)
		return r;
	r = sd_bus_message_read_array(reply, 'y', &p, &n);
	if (r >= 0) {
		*data = malloc(n ? n : 1);
		if (!*data)
			r = -ENOMEM;
		else if (n)
			memcpy(*data, p, n);
		*len = n;
	}
	sd_bus_message_unref(reply);
	return r < 0 ? fax_error_set(err, r, "GetExtensionProperty: bad reply") : 0;
}

int client_set_ext(fax_server_t *s, const char *path, const char *iface, const char *guid,
		   const void *data, size_t len, fax_error_t *err)
{
	sd_bus_message *m = NULL;
	int r;

	r = client_new_call(s, path, iface, "SetExtensionProperty", &m, err);
	if (r < 0)
		return r;
	r = sd_bus_message_append(m, "s", guid);
	if (r >= 0)
		r = sd_bus_message_append_array(m, 'y', data, len);
	if (r < 0) {
		sd_bus_message_unref(m);
		return fax_error_set(err, r, "SetExtensionProperty: cannot build the call");
	}
	return client_send(s, m, err, NULL);
}

int fax_server_get_extension_property(fax_server_t *s, const char *guid, void **data,
				      size_t *len, fax_error_t *err)
{
	return client_get_ext(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, guid, data, len, err);
}

int fax_server_set_extension_property(fax_server_t *s, const char *guid, const void *data,
				      size_t len, fax_error_t *err)
{
	return client_set_ext(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, guid, data, len, err);
}

int fax_server_register_device_provider(fax_server_t *s, const char *unique_name,
					const char *friendly_name, const char *image,
					const char *tsp_name, uint32_t version, fax_error_t *err)
{
	return client_call(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterDeviceProvider", err,
			   NULL, "ssssu", unique_name, friendly_name, image,
			   tsp_name ? tsp_name : "", version);
}

int fax_server_unregister_device_provider(fax_server_t *s, const char *unique_name,
					  fax_error_t *err)
{
	return client_call(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "UnregisterDeviceProvider", err,
			   NULL, "s", unique_name);
}

int fax_server_register_inbound_routing_extension(fax_server_t *s, const char *unique_name,
						  const char *friendly_name, const char *image,
						  const char *const *methods, fax_error_t *err)
{
	sd_bus_message *m = NULL;
	int r;

	r = client_new_call(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterInboundRoutingExtension",
			    &m, err);
	if (r < 0)
		return r;
	r = sd_bus_message_append(m, "sss", unique_name, friendly_name, image);
	if (r >= 0)
		r = sd_bus_message_append_strv(m, (char **)methods);
	if (r < 0) {
		sd_bus_message_unref(m);
		return fax_error_set(err, r, "RegisterInboundRoutingExtension: cannot build the call");
	}
	return client_send(s, m, err, NULL);
}

int fax_server_unregister_inbound_routing_extension(fax_server_t *s, const char *unique_name,
						    fax_error_t *err)
{
	return client_call(s, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER,
			   "UnregisterInboundRoutingExtension", err, NULL, "s", unique_name);
}

int fax_server_get_activity(fax_server_t *s, struct fax_activity *a, fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	int r;

	r = client_call(s, FAX_BUS_PATH_ACTIVITY, FAX_BUS_IFACE_ACTIVITY, "Refresh", err, &reply, NULL);
	if (r < 0)
		return r;
	r = sd_bus_message_read(reply, "uuuu", &a->incoming_messages, &a->routing_messages,
				&a->outgoing_messages, &a->queued_messages);
	sd_bus_message_unref(reply);
	return r < 0 ? fax_error_set(err, r, "Activity.Refresh: bad reply") : 0;
}
