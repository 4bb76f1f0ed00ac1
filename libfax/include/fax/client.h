/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fax/client.h - the fax server's client API, shaped like the object model.
 *
 * faxd publishes the server model (IFaxServer and the objects reachable
 * from it) on D-Bus under the well-known name FAX_BUS_NAME. This header is
 * the C view of it and the one place where the bus names, the rights bits,
 * the event bits and the error names are defined; faxd uses the same
 * definitions, so the two cannot drift.
 *
 * Model rules kept here (object-model.md section 2):
 *  - Connect first: every call on a fax_server_t needs fax_server_connect();
 *    without it calls fail with -ENOTCONN. fax_server_disconnect() fails
 *    with -ENOTCONN when not connected.
 *  - Refresh/Save: device and security objects are local copies. Setters
 *    change only the copy; fax_*_save() sends the changed fields in one
 *    request (one transaction in the server); fax_*_refresh() reloads and
 *    drops unsaved changes. Objects are filled when obtained.
 *  - Collections are snapshots taken when obtained; Item indexes are
 *    1-based, as in the model.
 *  - Registration of device providers and routing extensions is stored at
 *    once and takes effect when faxd restarts.
 *
 * Errors: every function returns >= 0 or a negative errno; functions that
 * talk to the server take an optional fax_error_t that receives the D-Bus
 * error message. -EACCES means the caller lacks the access right; -ENOENT
 * no such object; -EINVAL a bad argument; -ENOTCONN not connected;
 * -EHOSTDOWN faxd is not running on that bus.
 *
 * Thread rule: a fax_server_t and everything obtained from it is used from
 * one thread at a time; libfax takes no locks.
 */
#ifndef FAX_CLIENT_H
#define FAX_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fax/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- bus names (API: versioned by the "1") ---------------------------- */
#define FAX_BUS_NAME		"org.faxserver.Fax1"
#define FAX_BUS_PATH		"/org/faxserver/Fax1"
#define FAX_BUS_PATH_ACTIVITY	FAX_BUS_PATH "/Activity"
#define FAX_BUS_PATH_SECURITY	FAX_BUS_PATH "/Security"
#define FAX_BUS_PATH_DEVICE	FAX_BUS_PATH "/Device"		/* + "/<id>" */
#define FAX_BUS_PATH_PROVIDER	FAX_BUS_PATH "/DeviceProvider"	/* + "/<escaped name>" */
#define FAX_BUS_IFACE_SERVER	FAX_BUS_NAME ".Server"
#define FAX_BUS_IFACE_ACTIVITY	FAX_BUS_NAME ".Activity"
#define FAX_BUS_IFACE_SECURITY	FAX_BUS_NAME ".Security"
#define FAX_BUS_IFACE_DEVICE	FAX_BUS_NAME ".Device"
#define FAX_BUS_IFACE_PROVIDER	FAX_BUS_NAME ".DeviceProvider"
#define FAX_BUS_IFACE_TEST	FAX_BUS_NAME ".Test"

/* Errors of our own; the standard D-Bus names cover the rest:
 * org.freedesktop.DBus.Error.AccessDenied (EACCES), .InvalidArgs (EINVAL),
 * .UnknownObject/.UnknownMethod (ENOENT/EBADR). */
#define FAX_BUS_ERROR_NOT_FOUND		FAX_BUS_NAME ".Error.NotFound"		/* ENOENT */
#define FAX_BUS_ERROR_ALREADY_REGISTERED FAX_BUS_NAME ".Error.AlreadyRegistered" /* EEXIST */
#define FAX_BUS_ERROR_NOT_SUPPORTED	FAX_BUS_NAME ".Error.NotSupported"	/* EOPNOTSUPP */
#define FAX_BUS_ERROR_INVALID_STATE	FAX_BUS_NAME ".Error.InvalidState"	/* EBUSY */
#define FAX_BUS_ERROR_STORAGE		FAX_BUS_NAME ".Error.Storage"		/* EIO */
#define FAX_BUS_ERROR_NO_MEMORY		FAX_BUS_NAME ".Error.NoMemory"		/* ENOMEM */
#define FAX_BUS_ERROR_VERSION_MISMATCH	FAX_BUS_NAME ".Error.VersionMismatch"	/* EPROTONOSUPPORT */
#define FAX_BUS_ERROR_SHUTTING_DOWN	FAX_BUS_NAME ".Error.ShuttingDown"	/* ESHUTDOWN */

/**
 * fax_bus_errors_register() - teach sd-bus our error names, so that
 * sd_bus_error_get_errno() maps them to the errno values above. Called by
 * fax_server_connect(); faxd calls it at start. Idempotent.
 */
int fax_bus_errors_register(void);

/* ---- FAX_ACCESS_RIGHTS_ENUM ------------------------------------------- */
enum fax_right {
	FAX_RIGHT_SUBMIT_LOW		= 0x001, /* submit low; own jobs and sent messages */
	FAX_RIGHT_SUBMIT_NORMAL		= 0x002, /* + normal */
	FAX_RIGHT_SUBMIT_HIGH		= 0x004, /* + high */
	FAX_RIGHT_QUERY_JOBS		= 0x008,
	FAX_RIGHT_MANAGE_JOBS		= 0x010,
	FAX_RIGHT_QUERY_CONFIG		= 0x020,
	FAX_RIGHT_MANAGE_CONFIG		= 0x040,
	FAX_RIGHT_QUERY_IN_ARCHIVE	= 0x080,
	FAX_RIGHT_MANAGE_IN_ARCHIVE	= 0x100,
	FAX_RIGHT_QUERY_OUT_ARCHIVE	= 0x200,
	FAX_RIGHT_MANAGE_OUT_ARCHIVE	= 0x400,
};
#define FAX_RIGHTS_ALL		0x7ffu
#define FAX_RIGHTS_SUBMIT_ANY	(FAX_RIGHT_SUBMIT_LOW | FAX_RIGHT_SUBMIT_NORMAL | FAX_RIGHT_SUBMIT_HIGH)

/** fax_right_name() - "submit-low", "query-config", ... for one bit; NULL otherwise. */
const char *fax_right_name(uint32_t bit);
/**
 * fax_rights_parse() - "query-config,manage-config" (or "all", "none", or a
 * number) into a mask. Return: 0 or -EINVAL for an unknown name.
 */
int fax_rights_parse(const char *s, uint32_t *ret);
/** fax_rights_implied() - @mask plus the submit rights a higher one implies. */
uint32_t fax_rights_implied(uint32_t mask);

/* ---- FAX_SERVER_EVENTS_TYPE_ENUM ------------------------------------- */
enum fax_event_bit {
	FAX_EVENTS_NONE		= 0x000,
	FAX_EVENTS_IN_QUEUE	= 0x001,
	FAX_EVENTS_OUT_QUEUE	= 0x002,
	FAX_EVENTS_CONFIG	= 0x004,
	FAX_EVENTS_ACTIVITY	= 0x008,
	FAX_EVENTS_QUEUE_STATE	= 0x010,
	FAX_EVENTS_IN_ARCHIVE	= 0x020,
	FAX_EVENTS_OUT_ARCHIVE	= 0x040,
	FAX_EVENTS_SERVER_ENDED	= 0x080,	/* fsetFXSSVC_ENDED */
	FAX_EVENTS_DEVICE_STATUS = 0x100,
	FAX_EVENTS_INCOMING_CALL = 0x200,
};
#define FAX_EVENTS_ALL		0x3ffu

/** fax_events_parse() - "config,device-status" / "all" / number into a mask. */
int fax_events_parse(const char *s, uint32_t *ret);
/** fax_events_bit_name() - "config", "device-status", ... for one bit. */
const char *fax_events_bit_name(uint32_t bit);

/*
 * The server events (the model's IFaxServerNotify2 callbacks without "On"),
 * in the model's order. Each is a D-Bus signal of FAX_BUS_IFACE_SERVER sent
 * only to listeners whose mask has its bit and whose rights cover it.
 */
enum fax_server_event_type {
	FAX_SERVER_EV_INCOMING_JOB_ADDED = 0,	/* s job_id */
	FAX_SERVER_EV_INCOMING_JOB_REMOVED,	/* s job_id */
	FAX_SERVER_EV_INCOMING_JOB_CHANGED,	/* s job_id, a{sv} status */
	FAX_SERVER_EV_OUTGOING_JOB_ADDED,
	FAX_SERVER_EV_OUTGOING_JOB_REMOVED,
	FAX_SERVER_EV_OUTGOING_JOB_CHANGED,
	FAX_SERVER_EV_INCOMING_MESSAGE_ADDED,	/* s message_id */
	FAX_SERVER_EV_INCOMING_MESSAGE_REMOVED,
	FAX_SERVER_EV_OUTGOING_MESSAGE_ADDED,
	FAX_SERVER_EV_OUTGOING_MESSAGE_REMOVED,
	FAX_SERVER_EV_RECEIPT_OPTIONS_CHANGE,	/* no arguments: configuration changes */
	FAX_SERVER_EV_ACTIVITY_LOGGING_CONFIG_CHANGE,
	FAX_SERVER_EV_SECURITY_CONFIG_CHANGE,
	FAX_SERVER_EV_EVENT_LOGGING_CONFIG_CHANGE,
	FAX_SERVER_EV_OUTGOING_QUEUE_CONFIG_CHANGE,
	FAX_SERVER_EV_OUTGOING_ARCHIVE_CONFIG_CHANGE,
	FAX_SERVER_EV_INCOMING_ARCHIVE_CONFIG_CHANGE,
	FAX_SERVER_EV_DEVICES_CONFIG_CHANGE,
	FAX_SERVER_EV_OUTBOUND_ROUTING_GROUPS_CONFIG_CHANGE,
	FAX_SERVER_EV_OUTBOUND_ROUTING_RULES_CONFIG_CHANGE,
	FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE,	/* u incoming, u routing, u outgoing, u queued */
	FAX_SERVER_EV_QUEUES_STATUS_CHANGE,	/* b out_blocked, b out_paused, b in_blocked */
	FAX_SERVER_EV_NEW_CALL,		/* u call_id, u device_id, s caller_id */
	FAX_SERVER_EV_SERVER_SHUTDOWN,		/* no arguments */
	FAX_SERVER_EV_DEVICE_STATUS_CHANGE,	/* u device_id, b powered_off, b sending, b receiving, b ringing */
	FAX_SERVER_EV_GENERAL_SERVER_CONFIG_CHANGED,
	FAX_SERVER_EV_COUNT
};

/**
 * struct fax_event_info - static description of an event type.
 * @name:      D-Bus signal name ("DeviceStatusChange").
 * @signature: D-Bus signature of its arguments.
 * @mask:      the FAX_EVENTS_* bit that enables it.
 */
struct fax_event_info {
	const char *name;
	const char *signature;
	uint32_t mask;
};

/** fax_event_type_info() - the description of @type, NULL if out of range. */
const struct fax_event_info *fax_event_type_info(unsigned int type);

/** fax_event_type_from_name() - the type of signal @name, or -ENOENT. */
int fax_event_type_from_name(const char *name);

struct fax_job_info;

/**
 * struct fax_server_event - one server event as delivered to a fax_event_cb.
 * Only the fields the event type carries are set; strings live until the
 * callback returns.
 * @job: for IncomingJobChanged and OutgoingJobChanged, the job's
 *       properties after the change (status, extended status, current
 *       page, ...), as fax_server_get_job() would return them; NULL for
 *       other events. Valid until the callback returns.
 */
struct fax_server_event {
	enum fax_server_event_type type;
	const char *name;
	const char *id;			/* job or message id */
	const struct fax_job_info *job;	/* *JobChanged only, else NULL */
	uint32_t device_id;		/* DeviceStatusChange, NewCall */
	bool powered_off, sending, receiving, ringing;
	uint32_t call_id;		/* NewCall */
	const char *caller_id;		/* NewCall */
	uint32_t incoming, routing, outgoing, queued;	/* ServerActivityChange */
	bool out_blocked, out_paused, in_blocked;	/* QueuesStatusChange */
};

/* ---- FAX_DEVICE_RECEIVE_MODE_ENUM, FAX_PROVIDER_STATUS_ENUM ---------- */
enum fax_receive_mode {
	FAX_RECEIVE_NO_ANSWER = 0,
	FAX_RECEIVE_AUTO_ANSWER = 1,
	FAX_RECEIVE_MANUAL_ANSWER = 2,	/* at most one device at a time */
};
const char *fax_receive_mode_name(uint32_t mode);	/* "no-answer", "auto", "manual" */
int fax_receive_mode_parse(const char *s, uint32_t *ret);

enum fax_provider_status {
	FAX_PROVIDER_SUCCESS = 0,
	FAX_PROVIDER_SERVER_ERROR = 1,
	FAX_PROVIDER_BAD_GUID = 2,
	FAX_PROVIDER_BAD_VERSION = 3,
	FAX_PROVIDER_CANT_LOAD = 4,
	FAX_PROVIDER_CANT_LINK = 5,
	FAX_PROVIDER_CANT_INIT = 6,
};
const char *fax_provider_status_name(uint32_t status);	/* "success", "cant-init", ... */

/** The provider interface version RegisterDeviceProvider expects (model: 0x00010000). */
#define FAX_PROVIDER_API_VERSION 0x00010000u

/** FAX_SERVER_APIVERSION_ENUM value of this server API ("Fax1"). */
#define FAX_SERVER_API_VERSION 0x00010000u

/* Limits the server enforces (model section 3.3). */
#define FAX_CSID_MAX 20			/* CSID/TSID: ASCII 0x20..0x7e */
#define FAX_DESCRIPTION_MAX 256
#define FAX_RINGS_MIN 1
#define FAX_RINGS_MAX 99
#define FAX_EXTENSION_PROPERTY_MAX 65536	/* bytes per blob */

/* ---- the server (IFaxServer) ----------------------------------------- */
typedef struct fax_server fax_server_t;
typedef struct fax_devices fax_devices_t;
typedef struct fax_device fax_device_t;
typedef struct fax_device_providers fax_device_providers_t;
typedef struct fax_device_provider fax_device_provider_t;
typedef struct fax_security fax_security_t;

/** fax_server_new() - an unconnected server object. Return: 0 or -ENOMEM. */
int fax_server_new(fax_server_t **ret);

/** fax_server_free() - disconnect if needed and free (NULL allowed). */
void fax_server_free(fax_server_t *s);

/**
 * fax_server_connect() - connect to a fax server.
 * @server: NULL or "" for the local server on the system bus; a D-Bus
 *          address ("unix:path=/run/x", anything with '=') for a given bus;
 *          otherwise "[user@]host" for a remote server over ssh (sd-bus
 *          runs systemd-stdio-bridge there).
 *
 * Reads the server's name and version, so ServerName is known afterwards.
 * Return: 0; -EISCONN when already connected; -EHOSTDOWN when the bus
 * works but no faxd owns FAX_BUS_NAME; errors of the bus connection.
 */
int fax_server_connect(fax_server_t *s, const char *server, fax_error_t *err);

/** fax_server_disconnect() - Return: 0, or -ENOTCONN when not connected. */
int fax_server_disconnect(fax_server_t *s);

bool fax_server_is_connected(const fax_server_t *s);

/**
 * struct fax_server_info - the version properties of the server.
 * @api_version: FAX_SERVER_APIVERSION_ENUM (FAX_SERVER_API_VERSION).
 * @debug:       the server was built for debugging (sanitisers).
 * @server_name: ServerName as the server reports it.
 */
struct fax_server_info {
	uint32_t api_version;
	uint32_t major_version, minor_version, major_build, minor_build;
	bool debug;
	char server_name[256];
};

/** fax_server_get_info() - Return: 0 or -ENOTCONN (read at connect). */
int fax_server_get_info(fax_server_t *s, struct fax_server_info *info);

/**
 * fax_server_get_extension_property() - the blob stored under @guid at the
 * server level (right: query-config). *@data is malloc'd, free() it.
 * Return: 0, -ENOENT when nothing is stored under @guid.
 */
int fax_server_get_extension_property(fax_server_t *s, const char *guid, void **data,
				      size_t *len, fax_error_t *err);
/** fax_server_set_extension_property() - store a blob (right: manage-config). */
int fax_server_set_extension_property(fax_server_t *s, const char *guid, const void *data,
				      size_t len, fax_error_t *err);

/**
 * fax_server_register_device_provider() - register an FSP (manage-config).
 * @image: "builtin:NAME" for a provider built into faxd, or the path of a
 *         shared object. @version must be FAX_PROVIDER_API_VERSION to load.
 * Stored at once, loaded at the next start of faxd. -EEXIST if registered.
 */
int fax_server_register_device_provider(fax_server_t *s, const char *unique_name,
					const char *friendly_name, const char *image,
					const char *tsp_name, uint32_t version, fax_error_t *err);
/** fax_server_unregister_device_provider() - effective after restart; -ENOENT if unknown. */
int fax_server_unregister_device_provider(fax_server_t *s, const char *unique_name,
					  fax_error_t *err);
/**
 * fax_server_register_inbound_routing_extension() - register a routing
 * extension whose @methods (NULL-terminated, non-empty) are strings
 * "Method name;Friendly name;Function name;Method GUID". Takes effect after
 * a restart: then the methods can be used on devices.
 */
int fax_server_register_inbound_routing_extension(fax_server_t *s, const char *unique_name,
						  const char *friendly_name, const char *image,
						  const char *const *methods, fax_error_t *err);
int fax_server_unregister_inbound_routing_extension(fax_server_t *s, const char *unique_name,
						    fax_error_t *err);

/* ---- events ------------------------------------------------------------ */
typedef void (*fax_event_cb)(fax_server_t *s, const struct fax_server_event *ev, void *userdata);

/**
 * fax_server_listen_to_events() - ListenToServerEvents(@mask): from now on
 * the server sends the events of @mask; FAX_EVENTS_NONE stops them. Each
 * bit needs its right (config, activity, device-status: query-config;
 * incoming-call: query-in-archive; queues: a submit right or query-jobs;
 * ...); a bit the caller may not have fails the whole call with -EACCES
 * and leaves the previous mask. @cb runs from fax_server_process() only.
 */
int fax_server_listen_to_events(fax_server_t *s, uint32_t mask, fax_event_cb cb,
				void *userdata, fax_error_t *err);
/** fax_server_get_registered_events() - the mask the server holds for us. */
int fax_server_get_registered_events(fax_server_t *s, uint32_t *mask, fax_error_t *err);

/** fax_server_get_fd() - descriptor to poll for fax_server_get_events(). */
int fax_server_get_fd(fax_server_t *s);
int fax_server_get_events(fax_server_t *s);
/**
 * fax_server_process() - read what arrived and run event callbacks.
 * Return: > 0 when it did something (call again), 0 when idle, -errno.
 */
int fax_server_process(fax_server_t *s);
/** fax_server_wait() - wait up to @usec (UINT64_MAX: forever) for input. */
int fax_server_wait(fax_server_t *s, uint64_t usec);

/* ---- Activity ---------------------------------------------------------- */
struct fax_activity {
	uint32_t incoming_messages, routing_messages, outgoing_messages, queued_messages;
};
/** fax_server_get_activity() - FaxActivity, refreshed (query-config). */
int fax_server_get_activity(fax_server_t *s, struct fax_activity *a, fax_error_t *err);

/* ---- device providers -------------------------------------------------- */
/** fax_server_get_device_providers() - snapshot of the loaded FSPs (query-config). */
int fax_server_get_device_providers(fax_server_t *s, fax_device_providers_t **ret,
				    fax_error_t *err);
void fax_device_providers_free(fax_device_providers_t *c);
size_t fax_device_providers_count(const fax_device_providers_t *c);
/** fax_device_providers_item() - 1-based; NULL when out of range. Owned by @c. */
fax_device_provider_t *fax_device_providers_item(fax_device_providers_t *c, size_t index);

const char *fax_device_provider_get_unique_name(const fax_device_provider_t *p);
const char *fax_device_provider_get_friendly_name(const fax_device_provider_t *p);
const char *fax_device_provider_get_image_name(const fax_device_provider_t *p);
const char *fax_device_provider_get_tapi_provider_name(const fax_device_provider_t *p);
/** fax_device_provider_get_version() - major, minor, major build, minor build, debug. */
void fax_device_provider_get_version(const fax_device_provider_t *p, uint32_t v[4], bool *debug);
uint32_t fax_device_provider_get_status(const fax_device_provider_t *p);
int32_t fax_device_provider_get_init_error_code(const fax_device_provider_t *p); /* -errno */
/** fax_device_provider_get_device_ids() - ids of its devices; *@n gets the count. */
const uint32_t *fax_device_provider_get_device_ids(const fax_device_provider_t *p, size_t *n);

/* ---- devices ------------------------------------------------------------ */
/** fax_server_get_devices() - snapshot of every device of every FSP (query-config). */
int fax_server_get_devices(fax_server_t *s, fax_devices_t **ret, fax_error_t *err);
void fax_devices_free(fax_devices_t *c);
size_t fax_devices_count(const fax_devices_t *c);
/** fax_devices_item() - 1-based; NULL when out of range. Owned by @c. */
fax_device_t *fax_devices_item(fax_devices_t *c, size_t index);
/** fax_devices_item_by_id() - the device with Id @id, or NULL. */
fax_device_t *fax_devices_item_by_id(fax_devices_t *c, uint32_t id);
/** fax_devices_item_by_name() - the device named @name, or NULL. */
fax_device_t *fax_devices_item_by_name(fax_devices_t *c, const char *name);

uint32_t fax_device_get_id(const fax_device_t *d);
const char *fax_device_get_name(const fax_device_t *d);
const char *fax_device_get_provider_unique_name(const fax_device_t *d);
/* Status snapshots taken at the last refresh. */
bool fax_device_get_powered_off(const fax_device_t *d);
bool fax_device_get_receiving_now(const fax_device_t *d);
bool fax_device_get_sending_now(const fax_device_t *d);
bool fax_device_get_ringing_now(const fax_device_t *d);
/** fax_device_get_used_routing_methods() - NULL-terminated GUID strings. */
const char *const *fax_device_get_used_routing_methods(const fax_device_t *d);
/* Configuration: the local copy (saved or not). */
const char *fax_device_get_description(const fax_device_t *d);
bool fax_device_get_send_enabled(const fax_device_t *d);
uint32_t fax_device_get_receive_mode(const fax_device_t *d);
uint32_t fax_device_get_rings_before_answer(const fax_device_t *d);
const char *fax_device_get_csid(const fax_device_t *d);
const char *fax_device_get_tsid(const fax_device_t *d);
/* Setters change the local copy only (the server validates on save). */
int fax_device_set_description(fax_device_t *d, const char *v);
int fax_device_set_send_enabled(fax_device_t *d, bool v);
int fax_device_set_receive_mode(fax_device_t *d, uint32_t v);
int fax_device_set_rings_before_answer(fax_device_t *d, uint32_t v);
int fax_device_set_csid(fax_device_t *d, const char *v);
int fax_device_set_tsid(fax_device_t *d, const char *v);
/** fax_device_refresh() - reload from the server, dropping unsaved changes (query-config). */
int fax_device_refresh(fax_device_t *d, fax_error_t *err);
/**
 * fax_device_save() - send the changed fields in one request (manage-config).
 * Setting manual answer switches the device that had it to no-answer.
 * Return: 0 (also when nothing changed); -EINVAL with the field named.
 */
int fax_device_save(fax_device_t *d, fax_error_t *err);
int fax_device_get_extension_property(fax_device_t *d, const char *guid, void **data,
				      size_t *len, fax_error_t *err);
int fax_device_set_extension_property(fax_device_t *d, const char *guid, const void *data,
				      size_t len, fax_error_t *err);
/** fax_device_use_routing_method() - enable/disable a loaded routing method (manage-config). */
int fax_device_use_routing_method(fax_device_t *d, const char *guid, bool use, fax_error_t *err);
/** fax_device_answer_call() - answer the ringing call (query-in-archive). */
int fax_device_answer_call(fax_device_t *d, fax_error_t *err);

/* ---- security (FaxSecurity) -------------------------------------------- */
enum fax_ace_kind { FAX_ACE_USER = 0, FAX_ACE_GROUP = 1 };

/** struct fax_ace - one descriptor entry: a user or group and its rights. */
struct fax_ace {
	uint32_t kind;		/* enum fax_ace_kind */
	uint32_t id;		/* uid or gid */
	uint32_t rights;	/* enum fax_right bits */
};
#define FAX_SECURITY_ENTRIES_MAX 256

/** fax_server_get_security() - the descriptor and our granted rights (query-config). */
int fax_server_get_security(fax_server_t *s, fax_security_t **ret, fax_error_t *err);
void fax_security_free(fax_security_t *sec);
size_t fax_security_get_count(const fax_security_t *sec);
/** fax_security_get_entry() - entry @index, 0-based (a list, not a collection). */
const struct fax_ace *fax_security_get_entry(const fax_security_t *sec, size_t index);
/** fax_security_get_granted_rights() - the caller's effective rights (implied bits set). */
uint32_t fax_security_get_granted_rights(const fax_security_t *sec);
/** fax_security_set_descriptor() - replace the local copy of the entries. */
int fax_security_set_descriptor(fax_security_t *sec, const struct fax_ace *v, size_t n);
int fax_security_refresh(fax_security_t *sec, fax_error_t *err);
/** fax_security_save() - store the descriptor (query-config and manage-config). */
int fax_security_save(fax_security_t *sec, fax_error_t *err);

/* ---- queues, jobs, archives (object-model.md 3.6, 3.7, 3.14, 4.3-4.9) -- */
#define FAX_BUS_PATH_OUTGOING_QUEUE	FAX_BUS_PATH "/OutgoingQueue"
#define FAX_BUS_PATH_INCOMING_QUEUE	FAX_BUS_PATH "/IncomingQueue"
#define FAX_BUS_PATH_OUTGOING_ARCHIVE	FAX_BUS_PATH "/OutgoingArchive"
#define FAX_BUS_PATH_INCOMING_ARCHIVE	FAX_BUS_PATH "/IncomingArchive"
#define FAX_BUS_IFACE_QUEUE		FAX_BUS_NAME ".Queue"
#define FAX_BUS_IFACE_ARCHIVE		FAX_BUS_NAME ".Archive"

/** The four folders (FaxFolders). */
enum fax_folder {
	FAX_FOLDER_OUTGOING_QUEUE = 0,
	FAX_FOLDER_INCOMING_QUEUE = 1,
	FAX_FOLDER_OUTGOING_ARCHIVE = 2,
	FAX_FOLDER_INCOMING_ARCHIVE = 3,
};
const char *fax_folder_path(uint32_t folder);

/* FAX_JOB_STATUS_ENUM; PAUSED and NOLINE are modifiers OR-ed with another. */
enum fax_job_status {
	FAX_JOB_PENDING = 0x001,
	FAX_JOB_INPROGRESS = 0x002,
	FAX_JOB_FAILED = 0x008,
	FAX_JOB_PAUSED = 0x010,
	FAX_JOB_NOLINE = 0x020,
	FAX_JOB_RETRYING = 0x040,
	FAX_JOB_RETRIES_EXCEEDED = 0x080,
	FAX_JOB_COMPLETED = 0x100,
	FAX_JOB_CANCELED = 0x200,
	FAX_JOB_CANCELING = 0x400,
	FAX_JOB_ROUTING = 0x800,
};

/* FAX_JOB_EXTENDED_STATUS_ENUM. */
enum fax_job_extended_status {
	FAX_JOBX_NONE = 0,
	FAX_JOBX_DISCONNECTED = 1,
	FAX_JOBX_INITIALIZING = 2,
	FAX_JOBX_DIALING = 3,
	FAX_JOBX_TRANSMITTING = 4,
	FAX_JOBX_ANSWERED = 5,
	FAX_JOBX_RECEIVING = 6,
	FAX_JOBX_LINE_UNAVAILABLE = 7,
	FAX_JOBX_BUSY = 8,
	FAX_JOBX_NO_ANSWER = 9,
	FAX_JOBX_BAD_ADDRESS = 10,
	FAX_JOBX_NO_DIAL_TONE = 11,
	FAX_JOBX_FATAL_ERROR = 12,
	FAX_JOBX_CALL_DELAYED = 13,
	FAX_JOBX_CALL_BLACKLISTED = 14,
	FAX_JOBX_NOT_FAX_CALL = 15,
	FAX_JOBX_PARTIALLY_RECEIVED = 16,
	FAX_JOBX_HANDLED = 17,
	FAX_JOBX_CALL_COMPLETED = 18,
	FAX_JOBX_CALL_ABORTED = 19,
};

/* FAX_JOB_OPERATIONS_ENUM (flags). */
enum fax_job_operation {
	FAX_JOB_OP_VIEW = 0x01,
	FAX_JOB_OP_PAUSE = 0x02,
	FAX_JOB_OP_RESUME = 0x04,
	FAX_JOB_OP_RESTART = 0x08,
	FAX_JOB_OP_DELETE = 0x10,
	FAX_JOB_OP_RECIPIENT_INFO = 0x20,
	FAX_JOB_OP_SENDER_INFO = 0x40,
};

enum fax_job_type { FAX_JOB_TYPE_SEND = 0, FAX_JOB_TYPE_RECEIVE = 1, FAX_JOB_TYPE_ROUTING = 2 };
enum fax_priority { FAX_PRIORITY_LOW = 0, FAX_PRIORITY_NORMAL = 1, FAX_PRIORITY_HIGH = 2 };
enum fax_receipt_type { FAX_RECEIPT_NONE = 0x0, FAX_RECEIPT_MAIL = 0x1, FAX_RECEIPT_MSGBOX = 0x4 };
enum fax_schedule_type { FAX_SCHEDULE_NOW = 0, FAX_SCHEDULE_SPECIFIC_TIME = 1, FAX_SCHEDULE_DISCOUNT_PERIOD = 2 };

/** fax_job_status_name() - "pending", "in-progress", "paused|pending", ... in @buf. */
const char *fax_job_status_name(uint32_t status, char *buf, size_t size);
/** fax_job_extended_status_name() - "busy", "no-answer", ...; NULL if unknown. */
const char *fax_job_extended_status_name(uint32_t code);
/**
 * fax_job_status_is_final() - whether a job with @status has ended for
 * good: completed, cancelled, failed or out of retries. A final job no
 * longer changes unless someone restarts it.
 */
bool fax_job_status_is_final(uint32_t status);
/** fax_priority_parse() - "low", "normal", "high" or 0..2. */
int fax_priority_parse(const char *s, uint32_t *ret);
const char *fax_priority_name(uint32_t priority);

/**
 * struct fax_job_info - one job (FaxOutgoingJob/FaxIncomingJob) or one
 * archived message (FaxOutgoingMessage/FaxIncomingMessage): the model's
 * properties. Times are microseconds since the epoch (UTC), 0 when not
 * set (TransmissionEnd while in progress or after a failure). Strings are
 * never NULL. A message has the id its job had.
 */
struct fax_job_info {
	const char *id, *submission_id;
	uint32_t folder;		/* enum fax_folder */
	uint32_t owner_uid;
	uint32_t job_type, status, extended_status_code;
	const char *extended_status;	/* proprietary text, "" = use the code */
	uint32_t available_operations;
	uint32_t priority, schedule_type, receipt_type;
	int64_t scheduled_time, original_scheduled_time, submission_time;
	int64_t transmission_start, transmission_end;
	const char *receipt_address;
	const char *recipient_number, *recipient_name;
	const char *sender_name, *sender_fax_number, *sender_company, *sender_department;
	const char *sender_email, *sender_billing_code, *sender_tsid;
	const char *subject, *note, *document_name;
	uint32_t pages, current_page, retries, device_id;
	int64_t size;
	const char *device_name, *csid, *tsid, *caller_id, *routing_information;
	bool partially_received, read;
};

/**
 * struct fax_document - FaxDocument: what to send and to whom.
 * @size:       sizeof(struct fax_document).
 * @body_fd:    an open TIFF, read by the server from where it stands
 *              (the server never opens client paths).
 * @recipients: @n_recipients fax numbers; more than one is a broadcast
 *              (one job per number, one SubmissionId).
 * @recipient_names: NULL or @n_recipients names.
 * @schedule_time: for FAX_SCHEDULE_SPECIFIC_TIME, microseconds since the
 *              epoch; a time in the past means now.
 * Unset strings (NULL) are sent as "".
 */
struct fax_document {
	size_t size;
	int body_fd;
	const char *const *recipients;
	const char *const *recipient_names;
	size_t n_recipients;
	const char *sender_name, *sender_fax_number, *sender_company, *sender_department;
	const char *sender_email, *sender_billing_code, *sender_tsid;
	const char *subject, *note, *document_name;
	uint32_t priority, schedule_type, receipt_type;
	int64_t schedule_time;
	const char *receipt_address;
};

/**
 * fax_server_submit() - FaxDocument.ConnectedSubmit: needs the submit
 * right of the document's priority. Returns the SubmissionId and the job
 * ids (one per recipient, NULL-terminated; free both with free() and
 * fax_strv_free()).
 */
int fax_server_submit(fax_server_t *s, const struct fax_document *doc, char **submission_id,
		      char ***job_ids, fax_error_t *err);
void fax_strv_free(char **v);

typedef struct fax_jobs fax_jobs_t;
/** fax_server_get_jobs() - the jobs of a queue folder (own ones unless the
 * caller has query-jobs), a snapshot. */
int fax_server_get_jobs(fax_server_t *s, uint32_t folder, fax_jobs_t **ret, fax_error_t *err);
void fax_jobs_free(fax_jobs_t *c);
size_t fax_jobs_count(const fax_jobs_t *c);
/** fax_jobs_item() - 1-based, as the model's collections. */
const struct fax_job_info *fax_jobs_item(const fax_jobs_t *c, size_t index);
/** fax_server_get_job() - one job or message by id (GetJob/GetMessage). */
int fax_server_get_job(fax_server_t *s, uint32_t folder, const char *id, fax_jobs_t **ret,
		       fax_error_t *err);

enum fax_job_action { FAX_JOB_PAUSE, FAX_JOB_RESUME, FAX_JOB_RESTART, FAX_JOB_CANCEL };
/** fax_server_job_action() - Pause/Resume/Restart/Cancel of an outgoing job
 * (Cancel also for an incoming one). -EBUSY when the job's state does not
 * offer the operation. */
int fax_server_job_action(fax_server_t *s, uint32_t folder, const char *id,
			  enum fax_job_action action, fax_error_t *err);
/** fax_server_copy_tiff() - write the TIFF of a job or message into @fd. */
int fax_server_copy_tiff(fax_server_t *s, uint32_t folder, const char *id, int fd,
			 fax_error_t *err);
/** fax_server_delete_message() - remove a message from an archive. */
int fax_server_delete_message(fax_server_t *s, uint32_t folder, const char *id,
			      fax_error_t *err);

/**
 * Archive iterator (GetMessages): a forward-only cursor that fetches
 * @prefetch messages per request (FAX_DEFAULT_PREFETCH_SIZE if 0).
 */
#define FAX_DEFAULT_PREFETCH_SIZE 100
typedef struct fax_message_iterator fax_message_iterator_t;
int fax_server_get_messages(fax_server_t *s, uint32_t folder, uint32_t prefetch,
			    fax_message_iterator_t **ret, fax_error_t *err);
void fax_message_iterator_free(fax_message_iterator_t *it);
int fax_message_iterator_move_first(fax_message_iterator_t *it, fax_error_t *err);
/** fax_message_iterator_move_next() - -ENODATA when already at EOF. */
int fax_message_iterator_move_next(fax_message_iterator_t *it, fax_error_t *err);
bool fax_message_iterator_at_eof(const fax_message_iterator_t *it);
/** fax_message_iterator_message() - the message under the cursor, NULL at EOF. */
const struct fax_job_info *fax_message_iterator_message(const fax_message_iterator_t *it);

/**
 * struct fax_folder_config - a queue's or an archive's settings.
 * Queues: @blocked (outgoing: submissions refused; incoming: calls not
 * answered), @paused (outgoing: nothing is sent), @retries, @retry_delay
 * (minutes), @discount_start, @discount_end (the outgoing queue's
 * discount-rate window, minutes after the server's local midnight,
 * 0..1439; equal = the whole day), @age_limit (days a failed job stays,
 * 0 = forever).
 * Archives: @age_limit, @size (bytes, read-only), @quota_warning,
 * @high_watermark, @low_watermark (MB).
 */
struct fax_folder_config {
	bool blocked, paused;
	uint32_t retries, retry_delay, age_limit;
	uint32_t discount_start, discount_end;
	uint64_t size;
	bool quota_warning;
	uint32_t high_watermark, low_watermark;
};
int fax_server_get_folder_config(fax_server_t *s, uint32_t folder, struct fax_folder_config *c,
				 fax_error_t *err);
/** fax_server_set_folder_config() - Save (manage-config and query-config). */
int fax_server_set_folder_config(fax_server_t *s, uint32_t folder,
				 const struct fax_folder_config *c, fax_error_t *err);

#ifdef __cplusplus
}
#endif

#endif /* FAX_CLIENT_H */
