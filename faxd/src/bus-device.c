// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FaxDevice objects at FAX_BUS_PATH_DEVICE/<id>. Reading needs
 * query-config, changing manage-config. Save(a{sv}) applies any subset of
 * the writable properties in one transaction; setting a writable property
 * is the same save with one field. Refresh() returns every property of
 * one consistent snapshot, which is what clients cache until their Save.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "caller.h"
#include "device.h"
#include "events.h"
#include "log.h"
#include "manager.h"
#include "provider.h"
#include "queue.h"

int bus_get_extension_property(struct manager *m, sd_bus_message *msg, uint32_t device,
			       sd_bus_error *error);
int bus_set_extension_property(struct manager *m, sd_bus_message *msg, uint32_t device,
			       sd_bus_error *error);

static struct device *device_of_path(struct manager *m, const char *path)
{
	const char *p = path + strlen(FAX_BUS_PATH_DEVICE);
	char *end;
	unsigned long id;

	if (strncmp(path, FAX_BUS_PATH_DEVICE "/", strlen(FAX_BUS_PATH_DEVICE) + 1))
		return NULL;
	p++;
	if (*p < '1' || *p > '9')
		return NULL;
	id = strtoul(p, &end, 10);
	if (*end || id > UINT32_MAX)
		return NULL;
	return manager_find_device(m, (uint32_t)id);
}

static int find(sd_bus *bus, const char *path, const char *iface, void *userdata,
		void **found, sd_bus_error *error)
{
	struct manager *m = userdata;
	struct device *d;

	(void)iface; (void)error;
	if (caller_hidden(m, bus))
		return 0;
	d = device_of_path(m, path);
	if (!d)
		return 0;
	*found = d;
	return 1;
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
	return bus_object_paths(m, BUS_DEVICES, nodes);
}

/* The value of property @name, appended as its plain type. */
static int append_value(sd_bus_message *reply, const struct device *d, const char *name)
{
	if (!strcmp(name, "Id"))
		return sd_bus_message_append(reply, "u", d->id);
	if (!strcmp(name, "DeviceName"))
		return sd_bus_message_append(reply, "s", d->name);
	if (!strcmp(name, "ProviderUniqueName"))
		return sd_bus_message_append(reply, "s", d->provider->reg.unique_name);
	if (!strcmp(name, "PoweredOff"))
		return sd_bus_message_append(reply, "b", d->powered_off);
	if (!strcmp(name, "ReceivingNow"))
		return sd_bus_message_append(reply, "b", d->receiving);
	if (!strcmp(name, "SendingNow"))
		return sd_bus_message_append(reply, "b", d->sending);
	if (!strcmp(name, "RingingNow"))
		return sd_bus_message_append(reply, "b", d->ringing);
	if (!strcmp(name, "UsedRoutingMethods"))
		return sd_bus_message_append_strv(reply, d->routing);
	if (!strcmp(name, "Description"))
		return sd_bus_message_append(reply, "s", d->cfg.description);
	if (!strcmp(name, "SendEnabled"))
		return sd_bus_message_append(reply, "b", d->cfg.send_enabled);
	if (!strcmp(name, "ReceiveMode"))
		return sd_bus_message_append(reply, "u", d->cfg.receive_mode);
	if (!strcmp(name, "RingsBeforeAnswer"))
		return sd_bus_message_append(reply, "u", d->cfg.rings_before_answer);
	if (!strcmp(name, "CSID"))
		return sd_bus_message_append(reply, "s", d->cfg.csid);
	if (!strcmp(name, "TSID"))
		return sd_bus_message_append(reply, "s", d->cfg.tsid);
	return -ENOENT;
}

static const struct {
	const char *name;
	const char *sig;
} properties[] = {
	{ "Id", "u" }, { "DeviceName", "s" }, { "ProviderUniqueName", "s" },
	{ "PoweredOff", "b" }, { "ReceivingNow", "b" }, { "SendingNow", "b" },
	{ "RingingNow", "b" }, { "UsedRoutingMethods", "as" }, { "Description", "s" },
	{ "SendEnabled", "b" }, { "ReceiveMode", "u" }, { "RingsBeforeAnswer", "u" },
	{ "CSID", "s" }, { "TSID", "s" },
};

static int get(sd_bus *bus, const char *path, const char *iface, const char *property,
	       sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct device *d = userdata;
	int r;

	(void)bus; (void)path; (void)iface;
	r = caller_require(d->m, NULL, FAX_RIGHT_QUERY_CONFIG, "reading a device", error);
	if (r < 0)
		return r;
	return append_value(reply, d, property);
}

static int copy_string(char *dst, size_t size, const char *v, const char *name,
		       sd_bus_error *error)
{
	if (strlen(v) >= size)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "%s is longer than %zu characters", name, size - 1);
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

/* Read the value of writable property @name from @msg into @cfg. */
static int read_field(sd_bus_message *msg, const char *name, struct store_device_config *cfg,
		      sd_bus_error *error)
{
	const char *s;
	uint32_t u;
	int b, r;

	if (!strcmp(name, "SendEnabled")) {
		r = sd_bus_message_read(msg, "b", &b);
		cfg->send_enabled = b;
		return r;
	}
	if (!strcmp(name, "ReceiveMode") || !strcmp(name, "RingsBeforeAnswer")) {
		r = sd_bus_message_read(msg, "u", &u);
		if (name[0] == 'R' && name[1] == 'e')
			cfg->receive_mode = u;
		else
			cfg->rings_before_answer = u;
		return r;
	}
	r = sd_bus_message_read(msg, "s", &s);
	if (r < 0)
		return r;
	if (!strcmp(name, "Description"))
		return copy_string(cfg->description, sizeof(cfg->description), s, name, error);
	if (!strcmp(name, "CSID"))
		return copy_string(cfg->csid, sizeof(cfg->csid), s, name, error);
	return copy_string(cfg->tsid, sizeof(cfg->tsid), s, name, error);
}

static const char *writable_sig(const char *name)
{
	static const char *const w[] = {
		"Description", "SendEnabled", "ReceiveMode", "RingsBeforeAnswer", "CSID", "TSID",
	};

	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (!strcmp(w[i], name))
			for (size_t j = 0; j < sizeof(properties) / sizeof(properties[0]); j++)
				if (!strcmp(properties[j].name, name))
					return properties[j].sig;
	return NULL;
}

/* Validate, store in one transaction, apply, announce. */
static int device_save(struct device *d, const struct store_device_config *cfg,
		       sd_bus_error *error)
{
	struct manager *m = d->m;
	uint32_t demoted;
	char text[256];
	int r;

	r = device_config_validate(cfg, text, sizeof(text));
	if (r < 0)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "device %u: %s", d->id, text);
	if (cfg->receive_mode == FAX_RECEIVE_MANUAL_ANSWER &&
	    (!d->provider->ops || !d->provider->ops->answer))
		return sd_bus_error_setf(error, FAX_BUS_ERROR_NOT_SUPPORTED,
					 "device %u (%s) cannot answer manually", d->id, d->name);
	r = store_device_save(m->store, d->id, cfg, &demoted);
	if (r < 0)
		return bus_errno(error, r, "cannot save device %u", d->id);
	d->cfg = *cfg;
	if (demoted) {
		struct device *o = manager_find_device(m, demoted);

		if (o)
			o->cfg.receive_mode = FAX_RECEIVE_NO_ANSWER;
		log_info("device %u: manual answer moved to device %u", demoted, d->id);
	}
	events_emit(m, FAX_SERVER_EV_DEVICES_CONFIG_CHANGE);
	return 0;
}

static int set(sd_bus *bus, const char *path, const char *iface, const char *property,
	       sd_bus_message *value, void *userdata, sd_bus_error *error)
{
	struct device *d = userdata;
	struct store_device_config cfg = d->cfg;
	int r;

	(void)bus; (void)path; (void)iface;
	r = caller_require(d->m, value, FAX_RIGHT_MANAGE_CONFIG, "changing a device", error);
	if (r < 0)
		return r;
	r = read_field(value, property, &cfg, error);
	if (r < 0)
		return r;
	return device_save(d, &cfg, error);
}

static int method_save(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct device *d = userdata;
	struct store_device_config cfg = d->cfg;
	int r;

	r = caller_require(d->m, msg, FAX_RIGHT_MANAGE_CONFIG, "Device.Save", error);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(msg, 'a', "{sv}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(msg, 'e', "sv")) > 0) {
		const char *name, *sig;

		r = sd_bus_message_read(msg, "s", &name);
		if (r < 0)
			return r;
		sig = writable_sig(name);
		if (!sig)
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
						 "'%s' is not a writable device property", name);
		r = sd_bus_message_enter_container(msg, 'v', sig);
		if (r < 0)
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
						 "%s takes a value of type '%s'", name, sig);
		r = read_field(msg, name, &cfg, error);
		if (r < 0)
			return r;
		r = sd_bus_message_exit_container(msg);
		if (r >= 0)
			r = sd_bus_message_exit_container(msg);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	r = sd_bus_message_exit_container(msg);
	if (r < 0)
		return r;
	r = device_save(d, &cfg, error);
	if (r < 0)
		return r;
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_refresh(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct device *d = userdata;
	sd_bus_message *reply = NULL;
	int r;

	r = caller_require(d->m, msg, FAX_RIGHT_QUERY_CONFIG, "Device.Refresh", error);
	if (r < 0)
		return r;
	r = sd_bus_message_new_method_return(msg, &reply);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "{sv}");
	for (size_t i = 0; r >= 0 && i < sizeof(properties) / sizeof(properties[0]); i++) {
		r = sd_bus_message_open_container(reply, 'e', "sv");
		if (r >= 0)
			r = sd_bus_message_append(reply, "s", properties[i].name);
		if (r >= 0)
			r = sd_bus_message_open_container(reply, 'v', properties[i].sig);
		if (r >= 0)
			r = append_value(reply, d, properties[i].name);
		if (r >= 0)
			r = sd_bus_message_close_container(reply);
		if (r >= 0)
			r = sd_bus_message_close_container(reply);
	}
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
	sd_bus_message_unref(reply);
	return r;
}

static int method_get_ext(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct device *d = userdata;

	return bus_get_extension_property(d->m, msg, d->id, error);
}

static int method_set_ext(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct device *d = userdata;

	return bus_set_extension_property(d->m, msg, d->id, error);
}

static int method_use_routing(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct device *d = userdata;
	struct manager *m = d->m;
	const char *guid;
	char **v;
	int use, r;

	r = sd_bus_message_read(msg, "sb", &guid, &use);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_MANAGE_CONFIG, "UseRoutingMethod", error);
	if (r < 0)
		return r;
	if (!bus_key_valid(guid))
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "'%s' is not a valid routing method GUID", guid);
	if (use && !manager_routing_method_known(m, guid))
		return sd_bus_error_setf(error, FAX_BUS_ERROR_NOT_FOUND,
					 "no loaded routing extension has method %s (registrations take effect after a restart)",
					 guid);
	r = store_device_use_routing(m->store, d->id, guid, use);
	if (r >= 0)
		r = store_device_routing(m->store, d->id, &v);
	if (r < 0)
		return bus_errno(error, r, "cannot change the routing methods of device %u", d->id);
	for (char **g = d->routing; g && *g; g++)
		free(*g);
	free(d->routing);
	d->routing = v;
	events_emit(m, FAX_SERVER_EV_DEVICES_CONFIG_CHANGE);
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_answer(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct device *d = userdata;
	int r;

	r = caller_require(d->m, msg, FAX_RIGHT_QUERY_IN_ARCHIVE, "AnswerCall", error);
	if (r < 0)
		return r;
	if (!d->ringing)
		return sd_bus_error_setf(error, FAX_BUS_ERROR_INVALID_STATE,
					 "device %u (%s): no call is ringing", d->id, d->name);
	r = queue_receive(d->m, d, d->ring_caller);
	if (r == -EBUSY)
		return sd_bus_error_setf(error, FAX_BUS_ERROR_INVALID_STATE,
					 "device %u (%s): busy, or the incoming queue is blocked",
					 d->id, d->name);
	if (r < 0)
		return bus_errno(error, r, "device %u: cannot answer", d->id);
	return sd_bus_reply_method_return(msg, NULL);
}

#define U SD_BUS_VTABLE_UNPRIVILEGED
#define P(name, sig) SD_BUS_PROPERTY(name, sig, get, 0, 0)
#define W(name, sig) SD_BUS_WRITABLE_PROPERTY(name, sig, get, set, 0, U)

static const sd_bus_vtable device_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Id", "u", get, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("DeviceName", "s", get, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("ProviderUniqueName", "s", get, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	P("PoweredOff", "b"),
	P("ReceivingNow", "b"),
	P("SendingNow", "b"),
	P("RingingNow", "b"),
	P("UsedRoutingMethods", "as"),
	W("Description", "s"),
	W("SendEnabled", "b"),
	W("ReceiveMode", "u"),
	W("RingsBeforeAnswer", "u"),
	W("CSID", "s"),
	W("TSID", "s"),
	SD_BUS_METHOD_WITH_ARGS("Refresh", SD_BUS_NO_ARGS, SD_BUS_RESULT("a{sv}", properties),
				method_refresh, U),
	SD_BUS_METHOD_WITH_ARGS("Save", SD_BUS_ARGS("a{sv}", changes), SD_BUS_NO_RESULT,
				method_save, U),
	SD_BUS_METHOD_WITH_ARGS("GetExtensionProperty", SD_BUS_ARGS("s", guid),
				SD_BUS_RESULT("ay", value), method_get_ext, U),
	SD_BUS_METHOD_WITH_ARGS("SetExtensionProperty", SD_BUS_ARGS("s", guid, "ay", value),
				SD_BUS_NO_RESULT, method_set_ext, U),
	SD_BUS_METHOD_WITH_ARGS("UseRoutingMethod", SD_BUS_ARGS("s", method_guid, "b", use),
				SD_BUS_NO_RESULT, method_use_routing, U),
	SD_BUS_METHOD("AnswerCall", "", "", method_answer, U),
	SD_BUS_VTABLE_END
};

int bus_register_devices(struct manager *m)
{
	int r;

	r = sd_bus_add_fallback_vtable(m->bus, NULL, FAX_BUS_PATH_DEVICE, FAX_BUS_IFACE_DEVICE,
				       device_vtable, find, m);
	if (r < 0)
		return r;
	return sd_bus_add_node_enumerator(m->bus, NULL, FAX_BUS_PATH_DEVICE, enumerate, m);
}
