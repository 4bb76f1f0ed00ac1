/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Inside the client API: shared by the files of libfax/src/client only. */
#ifndef LIBFAX_CLIENT_INTERNAL_H
#define LIBFAX_CLIENT_INTERNAL_H

#include <systemd/sd-bus.h>

#include <fax/client.h>

struct fax_server {
	sd_bus *bus;
	struct fax_server_info info;
	fax_event_cb cb;
	void *userdata;
	sd_bus_slot *match;
};

/* client_fail() - turn a failed call into -errno and text in @err. */
int client_fail(fax_error_t *err, const sd_bus_error *e, int r, const char *what);

/* client_new_call() - a method call to faxd to fill in; -ENOTCONN
 * (explained in @err) when not connected. */
int client_new_call(fax_server_t *s, const char *path, const char *iface, const char *member,
		    sd_bus_message **ret, fax_error_t *err);
/* client_send() - send @m (consumed) and wait; the reply in *@reply
 * (may be NULL); errors as client_fail(). */
int client_send(fax_server_t *s, sd_bus_message *m, fax_error_t *err, sd_bus_message **reply);

/* client_call() - call @member on faxd; the reply in *@reply (may be NULL). */
int client_call(fax_server_t *s, const char *path, const char *iface, const char *member,
		fax_error_t *err, sd_bus_message **reply, const char *types, ...);

/* client_read_dict() - walk an a{sv}: @fn is called with each key while
 * the message sits inside the variant; unknown keys are skipped by @fn
 * returning 0 without reading. */
typedef int (*client_dict_fn)(sd_bus_message *m, const char *key, void *userdata);
int client_read_dict(sd_bus_message *m, client_dict_fn fn, void *userdata);

/* client_read_job() - an a{sv} of job properties into @j (every string
 * set, "" when absent); client_job_clear() frees them, also after a
 * failed read. */
int client_read_job(sd_bus_message *m, struct fax_job_info *j);
void client_job_clear(struct fax_job_info *j);

/* client_strdup_read() - read an "s" into a new string. */
int client_read_string(sd_bus_message *m, char **ret);

void client_strv_free(char **v);

/* Get/SetExtensionProperty on the server (FAX_BUS_PATH) or a device. */
int client_get_ext(fax_server_t *s, const char *path, const char *iface, const char *guid,
		   void **data, size_t *len, fax_error_t *err);
int client_set_ext(fax_server_t *s, const char *path, const char *iface, const char *guid,
		   const void *data, size_t len, fax_error_t *err);

#endif /* LIBFAX_CLIENT_INTERNAL_H */
