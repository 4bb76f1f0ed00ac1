// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FaxSecurity at FAX_BUS_PATH_SECURITY: the descriptor as a list of
 * (kind, id, rights) with kind 0 = user, 1 = group; GrantedRights is the
 * caller's own. Reading needs query-config, Save (and setting Descriptor)
 * query-config and manage-config; a save raises SecurityConfigChange.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "caller.h"
#include "events.h"
#include "manager.h"
#include "security.h"

static int find(sd_bus *bus, const char *path, const char *iface, void *userdata,
		void **found, sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)iface; (void)error;
	if (strcmp(path, FAX_BUS_PATH_SECURITY) || caller_hidden(m, bus))
		return 0;
	*found = m;
	return 1;
}

static int append_descriptor(sd_bus_message *reply, const struct manager *m)
{
	int r = sd_bus_message_open_container(reply, 'a', "(uuu)");

	for (size_t i = 0; r >= 0 && i < m->n_acl; i++)
		r = sd_bus_message_append(reply, "(uuu)", m->acl[i].kind, m->acl[i].id,
					  m->acl[i].rights);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

static int get_descriptor(sd_bus *bus, const char *path, const char *iface, const char *property,
			  sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	int r;

	(void)bus; (void)path; (void)iface; (void)property;
	r = caller_require(m, NULL, FAX_RIGHT_QUERY_CONFIG, "reading the security descriptor", error);
	if (r < 0)
		return r;
	return append_descriptor(reply, m);
}

static int get_granted(sd_bus *bus, const char *path, const char *iface, const char *property,
		       sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	uint32_t rights;
	int r;

	(void)bus; (void)path; (void)iface; (void)property;
	r = caller_require(m, NULL, FAX_RIGHT_QUERY_CONFIG, "reading GrantedRights", error);
	if (r < 0)
		return r;
	r = caller_rights(m, NULL, &rights);
	if (r < 0)
		return r;
	return sd_bus_message_append(reply, "u", rights);
}

/* Read a descriptor, check the rights, validate, store, announce. */
static int save(struct manager *m, sd_bus_message *msg, sd_bus_error *error)
{
	struct fax_ace *v = NULL;
	struct caller *c;
	size_t n = 0;
	char text[256];
	int r;

	r = caller_require(m, msg, FAX_RIGHT_QUERY_CONFIG | FAX_RIGHT_MANAGE_CONFIG,
			   "saving the security descriptor", error);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(msg, 'a', "(uuu)");
	if (r < 0)
		return r;
	for (;;) {
		struct fax_ace e;
		struct fax_ace *nv;

		r = sd_bus_message_read(msg, "(uuu)", &e.kind, &e.id, &e.rights);
		if (r <= 0)
			break;
		if (n >= FAX_SECURITY_ENTRIES_MAX) {
			r = sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					      "more than %d descriptor entries", FAX_SECURITY_ENTRIES_MAX);
			goto out;
		}
		nv = realloc(v, (n + 1) * sizeof(*v));
		if (!nv) {
			r = -ENOMEM;
			goto out;
		}
		v = nv;
		v[n++] = e;
	}
	if (r < 0)
		goto out;
	r = sd_bus_message_exit_container(msg);
	if (r < 0)
		goto out;
	r = security_validate(v, n, text, sizeof(text));
	if (r < 0) {
		r = sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "%s", text);
		goto out;
	}
	/* Nobody can give the server away by accident: the saver keeps the
	 * right to change the descriptor again. */
	r = caller_lookup(m, msg, &c);
	if (r >= 0 && !(security_evaluate(v, n, c->uid, c->gids, c->n_gids) & FAX_RIGHT_MANAGE_CONFIG)) {
		r = sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
				     "the new descriptor would take manage-config from the caller; "
				     "keep an entry that grants it");
		goto out;
	}
	r = security_set(m, v, n);
	if (r < 0) {
		r = bus_errno(error, r, "cannot store the security descriptor");
		goto out;
	}
	events_emit(m, FAX_SERVER_EV_SECURITY_CONFIG_CHANGE);
	r = 0;
out:
	free(v);
	return r;
}

static int set_descriptor(sd_bus *bus, const char *path, const char *iface, const char *property,
			  sd_bus_message *value, void *userdata, sd_bus_error *error)
{
	(void)bus; (void)path; (void)iface; (void)property;
	return save(userdata, value, error);
}

static int method_save(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	int r = save(userdata, msg, error);

	if (r < 0)
		return r;
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_refresh(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	sd_bus_message *reply = NULL;
	uint32_t rights;
	int r;

	r = caller_require(m, msg, FAX_RIGHT_QUERY_CONFIG, "Security.Refresh", error);
	if (r < 0)
		return r;
	r = caller_rights(m, msg, &rights);
	if (r >= 0)
		r = sd_bus_message_new_method_return(msg, &reply);
	if (r >= 0)
		r = append_descriptor(reply, m);
	if (r >= 0)
		r = sd_bus_message_append(reply, "u", rights);
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
	sd_bus_message_unref(reply);
	return r;
}

#define U SD_BUS_VTABLE_UNPRIVILEGED

static const sd_bus_vtable security_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_WRITABLE_PROPERTY("Descriptor", "a(uuu)", get_descriptor, set_descriptor, 0,
				 U | SD_BUS_VTABLE_PROPERTY_EXPLICIT),
	SD_BUS_PROPERTY("GrantedRights", "u", get_granted, 0, 0),
	SD_BUS_METHOD_WITH_ARGS("Refresh", SD_BUS_NO_ARGS,
				SD_BUS_RESULT("a(uuu)", descriptor, "u", granted_rights),
				method_refresh, U),
	SD_BUS_METHOD_WITH_ARGS("Save", SD_BUS_ARGS("a(uuu)", descriptor), SD_BUS_NO_RESULT,
				method_save, U),
	SD_BUS_VTABLE_END
};

int bus_register_security(struct manager *m)
{
	return sd_bus_add_fallback_vtable(m->bus, NULL, FAX_BUS_PATH_SECURITY,
					  FAX_BUS_IFACE_SECURITY, security_vtable, find, m);
}
