// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The server object (IFaxServer) at FAX_BUS_PATH: version properties,
 * extension properties, provider and routing-extension registration,
 * the device and provider collections, and event subscription. The server
 * events are its signals, sent to each listener alone (events.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "caller.h"
#include "device.h"
#include "events.h"
#include "manager.h"
#include "provider.h"

static int get_version(sd_bus *bus, const char *path, const char *iface, const char *property,
		       sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	unsigned int v[3] = { 0, 0, 0 };

	(void)bus; (void)path; (void)iface; (void)userdata; (void)error;
	sscanf(FAX_VERSION, "%u.%u.%u", &v[0], &v[1], &v[2]);
	if (!strcmp(property, "MajorVersion"))
		return sd_bus_message_append(reply, "u", v[0]);
	if (!strcmp(property, "MinorVersion"))
		return sd_bus_message_append(reply, "u", v[1]);
	if (!strcmp(property, "MajorBuild"))
		return sd_bus_message_append(reply, "u", v[2]);
	if (!strcmp(property, "MinorBuild"))
		return sd_bus_message_append(reply, "u", 0);
	if (!strcmp(property, "APIVersion"))
		return sd_bus_message_append(reply, "u", FAX_SERVER_API_VERSION);
	if (!strcmp(property, "Debug")) {
#ifdef __SANITIZE_ADDRESS__
		return sd_bus_message_append(reply, "b", 1);
#else
		return sd_bus_message_append(reply, "b", 0);
#endif
	}
	return -ENOENT;
}

static int get_server_name(sd_bus *bus, const char *path, const char *iface, const char *property,
			   sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)bus; (void)path; (void)iface; (void)property; (void)error;
	return sd_bus_message_append(reply, "s", m->server_name);
}

static int get_registered_events(sd_bus *bus, const char *path, const char *iface,
				 const char *property, sd_bus_message *reply, void *userdata,
				 sd_bus_error *error)
{
	struct manager *m = userdata;
	sd_bus_message *cur = sd_bus_get_current_message(bus);

	(void)path; (void)iface; (void)property; (void)error;
	return sd_bus_message_append(reply, "u",
				     events_registered(m, cur ? sd_bus_message_get_sender(cur) : NULL));
}

static int method_get_devices(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	int r = caller_require(userdata, msg, FAX_RIGHT_QUERY_CONFIG, "GetDevices", error);

	return r < 0 ? r : bus_reply_object_paths(msg, userdata, BUS_DEVICES);
}

static int method_get_providers(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	int r = caller_require(userdata, msg, FAX_RIGHT_QUERY_CONFIG, "GetDeviceProviders", error);

	return r < 0 ? r : bus_reply_object_paths(msg, userdata, BUS_PROVIDERS);
}

/* Shared by the server and device objects (device 0 = server level). */
int bus_get_extension_property(struct manager *m, sd_bus_message *msg, uint32_t device,
			       sd_bus_error *error);
int bus_set_extension_property(struct manager *m, sd_bus_message *msg, uint32_t device,
			       sd_bus_error *error);

int bus_get_extension_property(struct manager *m, sd_bus_message *msg, uint32_t device,
			       sd_bus_error *error)
{
	sd_bus_message *reply = NULL;
	const char *guid;
	void *data;
	size_t len;
	int r;

	r = sd_bus_message_read(msg, "s", &guid);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_QUERY_CONFIG, "GetExtensionProperty", error);
	if (r < 0)
		return r;
	if (!bus_key_valid(guid))
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "'%s' is not a valid extension property key (1-128 of A-Z a-z 0-9 . _ { } -)", guid);
	r = store_ext_get(m->store, device, guid, &data, &len);
	if (r == -ENOENT)
		return sd_bus_error_setf(error, FAX_BUS_ERROR_NOT_FOUND,
					 "no extension property '%s' is stored", guid);
	if (r < 0)
		return bus_errno(error, r, "cannot read extension property '%s'", guid);
	r = sd_bus_message_new_method_return(msg, &reply);
	if (r >= 0)
		r = sd_bus_message_append_array(reply, 'y', data, len);
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
	sd_bus_message_unref(reply);
	free(data);
	return r;
}

int bus_set_extension_property(struct manager *m, sd_bus_message *msg, uint32_t device,
			       sd_bus_error *error)
{
	const char *guid;
	const void *data;
	size_t len;
	int r;

	r = sd_bus_message_read(msg, "s", &guid);
	if (r >= 0)
		r = sd_bus_message_read_array(msg, 'y', &data, &len);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_MANAGE_CONFIG, "SetExtensionProperty", error);
	if (r < 0)
		return r;
	if (!bus_key_valid(guid))
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "'%s' is not a valid extension property key (1-128 of A-Z a-z 0-9 . _ { } -)", guid);
	if (len > FAX_EXTENSION_PROPERTY_MAX)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "extension property of %zu bytes is larger than %d", len,
					 FAX_EXTENSION_PROPERTY_MAX);
	r = store_ext_set(m->store, device, guid, data, len);
	if (r < 0)
		return bus_errno(error, r, "cannot store extension property '%s'", guid);
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_get_ext(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	return bus_get_extension_property(userdata, msg, 0, error);
}

static int method_set_ext(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	return bus_set_extension_property(userdata, msg, 0, error);
}

static int method_listen(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	uint32_t mask;
	int r;

	r = sd_bus_message_read(msg, "u", &mask);
	if (r < 0)
		return r;
	r = events_listen(userdata, msg, mask, error);
	if (r < 0)
		return r;
	return sd_bus_reply_method_return(msg, NULL);
}

static int check_text(sd_bus_error *error, const char *what, const char *s, size_t max)
{
	if (strlen(s) > max)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "%s is longer than %zu bytes", what, max);
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
						 "%s contains a control character", what);
	return 0;
}

static int method_register_provider(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	struct store_provider_reg reg;
	const char *name, *friendly, *image, *tsp;
	int r;

	r = sd_bus_message_read(msg, "ssssu", &name, &friendly, &image, &tsp, &reg.api_version);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_MANAGE_CONFIG, "RegisterDeviceProvider", error);
	if (r < 0)
		return r;
	if (!bus_key_valid(name))
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "'%s' is not a valid unique name (1-128 of A-Z a-z 0-9 . _ { } -)", name);
	if (strncmp(image, "builtin:", 8) && image[0] != '/')
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "image '%s' must be builtin:NAME or an absolute path", image);
	if ((r = check_text(error, "FriendlyName", friendly, 256)) < 0 ||
	    (r = check_text(error, "ImageName", image, 4096)) < 0 ||
	    (r = check_text(error, "TspName", tsp, 256)) < 0)
		return r;
	reg.unique_name = (char *)name;
	reg.friendly_name = (char *)friendly;
	reg.image_name = (char *)image;
	reg.tsp_name = (char *)tsp;
	r = store_provider_register(m->store, &reg);
	if (r == -EEXIST)
		return sd_bus_error_setf(error, FAX_BUS_ERROR_ALREADY_REGISTERED,
					 "a device provider '%s' is already registered", name);
	if (r < 0)
		return bus_errno(error, r, "cannot register device provider '%s'", name);
	return sd_bus_reply_method_return(msg, NULL);
}

/*
 * Unregistering a provider and a routing extension differ only in what
 * they remove: one name from the store, effective after restart.
 */
static int unregister_named(sd_bus_message *msg, struct manager *m, const char *member,
			    const char *what, int (*unregister)(struct store *, const char *),
			    sd_bus_error *error)
{
	const char *name;
	int r;

	r = sd_bus_message_read(msg, "s", &name);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_MANAGE_CONFIG, member, error);
	if (r < 0)
		return r;
	r = unregister(m->store, name);
	if (r == -ENOENT)
		return sd_bus_error_setf(error, FAX_BUS_ERROR_NOT_FOUND,
					 "no %s '%s' is registered", what, name);
	if (r < 0)
		return bus_errno(error, r, "cannot unregister %s '%s'", what, name);
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_unregister_provider(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	return unregister_named(msg, userdata, "UnregisterDeviceProvider", "device provider",
				store_provider_unregister, error);
}

/* One "Method name;Friendly name;Function name;Method GUID" string. */
static int parse_method(char *s, struct store_routing_method *rm)
{
	char *f[4];

	for (int i = 0; i < 4; i++) {
		f[i] = strsep(&s, ";");
		if (!f[i] || !*f[i])
			return -EINVAL;
	}
	if (s || !bus_key_valid(f[3]))
		return -EINVAL;
	*rm = (struct store_routing_method) { f[3], f[0], f[1], f[2] };
	return 0;
}

static int method_register_routing(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	struct store_routing_ext ext = { 0 };
	char **methods = NULL;
	const char *name, *friendly, *image;
	size_t n = 0;
	int r;

	r = sd_bus_message_read(msg, "sss", &name, &friendly, &image);
	if (r >= 0)
		r = sd_bus_message_read_strv(msg, &methods);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_MANAGE_CONFIG, "RegisterInboundRoutingExtension", error);
	if (r < 0)
		goto out;
	if (!bus_key_valid(name)) {
		r = sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
				      "'%s' is not a valid unique name", name);
		goto out;
	}
	if ((r = check_text(error, "FriendlyName", friendly, 256)) < 0 ||
	    (r = check_text(error, "ImageName", image, 4096)) < 0)
		goto out;
	while (methods && methods[n])
		n++;
	if (!n) {
		r = sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
				     "a routing extension needs at least one method");
		goto out;
	}
	ext = (struct store_routing_ext) { (char *)name, (char *)friendly, (char *)image,
					   calloc(n, sizeof(*ext.methods)), n };
	if (!ext.methods) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char *copy = strdupa(methods[i]);

		if (parse_method(copy, &ext.methods[i]) < 0) {
			r = sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					      "method %zu '%s' is not \"Name;Friendly name;Function;GUID\"",
					      i + 1, methods[i]);
			goto out;
		}
		/* The methods point into the copies on the stack: store now. */
	}
	r = store_routing_ext_register(m->store, &ext);
	if (r == -EEXIST)
		r = sd_bus_error_setf(error, FAX_BUS_ERROR_ALREADY_REGISTERED,
				      "routing extension '%s' or one of its method GUIDs is already registered",
				      name);
	else if (r < 0)
		r = bus_errno(error, r, "cannot register routing extension '%s'", name);
	else
		r = sd_bus_reply_method_return(msg, NULL);
out:
	free(ext.methods);
	for (size_t i = 0; methods && methods[i]; i++)
		free(methods[i]);
	free(methods);
	return r;
}

static int method_unregister_routing(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	return unregister_named(msg, userdata, "UnregisterInboundRoutingExtension",
				"routing extension", store_routing_ext_unregister, error);
}

#define U SD_BUS_VTABLE_UNPRIVILEGED
#define CONST SD_BUS_VTABLE_PROPERTY_CONST

static const sd_bus_vtable server_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("APIVersion", "u", get_version, 0, CONST),
	SD_BUS_PROPERTY("MajorVersion", "u", get_version, 0, CONST),
	SD_BUS_PROPERTY("MinorVersion", "u", get_version, 0, CONST),
	SD_BUS_PROPERTY("MajorBuild", "u", get_version, 0, CONST),
	SD_BUS_PROPERTY("MinorBuild", "u", get_version, 0, CONST),
	SD_BUS_PROPERTY("Debug", "b", get_version, 0, CONST),
	SD_BUS_PROPERTY("ServerName", "s", get_server_name, 0, CONST),
	SD_BUS_PROPERTY("RegisteredEvents", "u", get_registered_events, 0, 0),
	SD_BUS_METHOD_WITH_ARGS("GetDeviceProviders", SD_BUS_NO_ARGS,
				SD_BUS_RESULT("ao", providers), method_get_providers, U),
	SD_BUS_METHOD_WITH_ARGS("GetDevices", SD_BUS_NO_ARGS,
				SD_BUS_RESULT("ao", devices), method_get_devices, U),
	SD_BUS_METHOD_WITH_ARGS("GetExtensionProperty", SD_BUS_ARGS("s", guid),
				SD_BUS_RESULT("ay", value), method_get_ext, U),
	SD_BUS_METHOD_WITH_ARGS("SetExtensionProperty", SD_BUS_ARGS("s", guid, "ay", value),
				SD_BUS_NO_RESULT, method_set_ext, U),
	SD_BUS_METHOD_WITH_ARGS("ListenToServerEvents", SD_BUS_ARGS("u", event_types),
				SD_BUS_NO_RESULT, method_listen, U),
	SD_BUS_METHOD_WITH_ARGS("RegisterDeviceProvider",
				SD_BUS_ARGS("s", unique_name, "s", friendly_name, "s", image_name,
					    "s", tsp_name, "u", fspi_version),
				SD_BUS_NO_RESULT, method_register_provider, U),
	SD_BUS_METHOD_WITH_ARGS("UnregisterDeviceProvider", SD_BUS_ARGS("s", unique_name),
				SD_BUS_NO_RESULT, method_unregister_provider, U),
	SD_BUS_METHOD_WITH_ARGS("RegisterInboundRoutingExtension",
				SD_BUS_ARGS("s", unique_name, "s", friendly_name, "s", image_name,
					    "as", methods),
				SD_BUS_NO_RESULT, method_register_routing, U),
	SD_BUS_METHOD_WITH_ARGS("UnregisterInboundRoutingExtension", SD_BUS_ARGS("s", unique_name),
				SD_BUS_NO_RESULT, method_unregister_routing, U),
	SD_BUS_SIGNAL_WITH_ARGS("IncomingJobAdded", SD_BUS_ARGS("s", job_id), 0),
	SD_BUS_SIGNAL_WITH_ARGS("IncomingJobRemoved", SD_BUS_ARGS("s", job_id), 0),
	SD_BUS_SIGNAL_WITH_ARGS("IncomingJobChanged", SD_BUS_ARGS("s", job_id, "a{sv}", status), 0),
	SD_BUS_SIGNAL_WITH_ARGS("OutgoingJobAdded", SD_BUS_ARGS("s", job_id), 0),
	SD_BUS_SIGNAL_WITH_ARGS("OutgoingJobRemoved", SD_BUS_ARGS("s", job_id), 0),
	SD_BUS_SIGNAL_WITH_ARGS("OutgoingJobChanged", SD_BUS_ARGS("s", job_id, "a{sv}", status), 0),
	SD_BUS_SIGNAL_WITH_ARGS("IncomingMessageAdded", SD_BUS_ARGS("s", message_id), 0),
	SD_BUS_SIGNAL_WITH_ARGS("IncomingMessageRemoved", SD_BUS_ARGS("s", message_id), 0),
	SD_BUS_SIGNAL_WITH_ARGS("OutgoingMessageAdded", SD_BUS_ARGS("s", message_id), 0),
	SD_BUS_SIGNAL_WITH_ARGS("OutgoingMessageRemoved", SD_BUS_ARGS("s", message_id), 0),
	SD_BUS_SIGNAL("ReceiptOptionsChange", "", 0),
	SD_BUS_SIGNAL("ActivityLoggingConfigChange", "", 0),
	SD_BUS_SIGNAL("SecurityConfigChange", "", 0),
	SD_BUS_SIGNAL("EventLoggingConfigChange", "", 0),
	SD_BUS_SIGNAL("OutgoingQueueConfigChange", "", 0),
	SD_BUS_SIGNAL("OutgoingArchiveConfigChange", "", 0),
	SD_BUS_SIGNAL("IncomingArchiveConfigChange", "", 0),
	SD_BUS_SIGNAL("DevicesConfigChange", "", 0),
	SD_BUS_SIGNAL("OutboundRoutingGroupsConfigChange", "", 0),
	SD_BUS_SIGNAL("OutboundRoutingRulesConfigChange", "", 0),
	SD_BUS_SIGNAL_WITH_ARGS("ServerActivityChange",
				SD_BUS_ARGS("u", incoming_messages, "u", routing_messages,
					    "u", outgoing_messages, "u", queued_messages), 0),
	SD_BUS_SIGNAL_WITH_ARGS("QueuesStatusChange",
				SD_BUS_ARGS("b", outgoing_queue_blocked, "b", outgoing_queue_paused,
					    "b", incoming_queue_blocked), 0),
	SD_BUS_SIGNAL_WITH_ARGS("NewCall", SD_BUS_ARGS("u", call_id, "u", device_id, "s", caller_id), 0),
	SD_BUS_SIGNAL("ServerShutDown", "", 0),
	SD_BUS_SIGNAL_WITH_ARGS("DeviceStatusChange",
				SD_BUS_ARGS("u", device_id, "b", powered_off, "b", sending,
					    "b", receiving, "b", ringing), 0),
	SD_BUS_SIGNAL("GeneralServerConfigChanged", "", 0),
	SD_BUS_VTABLE_END
};

int bus_register_server(struct manager *m)
{
	int r;

	r = sd_bus_add_object_vtable(m->bus, NULL, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER,
				     server_vtable, m);
	if (r < 0)
		return r;
	return sd_bus_add_object_manager(m->bus, NULL, FAX_BUS_PATH);
}
