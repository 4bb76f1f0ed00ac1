// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * FaxSecurity on the client side: a local copy of the descriptor and the
 * caller's granted rights, Refresh and Save as in the model.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "client-internal.h"

struct fax_security {
	fax_server_t *server;
	struct fax_ace *v;
	size_t n;
	uint32_t granted;
};

int fax_security_refresh(fax_security_t *sec, fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	struct fax_ace *v = NULL;
	size_t n = 0;
	int r;

	r = client_call(sec->server, FAX_BUS_PATH_SECURITY, FAX_BUS_IFACE_SECURITY, "Refresh", err,
			&reply, NULL);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(reply, 'a', "(uuu)");
	while (r >= 0) {
		struct fax_ace e, *nv;

		r = sd_bus_message_read(reply, "(uuu)", &e.kind, &e.id, &e.rights);
		if (r <= 0)
			break;
		nv = realloc(v, (n + 1) * sizeof(*v));
		if (!nv) {
			r = -ENOMEM;
			break;
		}
		v = nv;
		v[n++] = e;
	}
	if (r >= 0)
		r = sd_bus_message_exit_container(reply);
	if (r >= 0)
		r = sd_bus_message_read(reply, "u", &sec->granted);
	sd_bus_message_unref(reply);
	if (r < 0) {
		free(v);
		return fax_error_set(err, r, "Security.Refresh: bad reply");
	}
	free(sec->v);
	sec->v = v;
	sec->n = n;
	return 0;
}

int fax_server_get_security(fax_server_t *s, fax_security_t **ret, fax_error_t *err)
{
	fax_security_t *sec = calloc(1, sizeof(*sec));
	int r;

	if (!sec)
		return -ENOMEM;
	sec->server = s;
	r = fax_security_refresh(sec, err);
	if (r < 0) {
		fax_security_free(sec);
		return r;
	}
	*ret = sec;
	return 0;
}

void fax_security_free(fax_security_t *sec)
{
	if (!sec)
		return;
	free(sec->v);
	free(sec);
}

size_t fax_security_get_count(const fax_security_t *sec)
{
	return sec->n;
}

const struct fax_ace *fax_security_get_entry(const fax_security_t *sec, size_t index)
{
	return index < sec->n ? &sec->v[index] : NULL;
}

uint32_t fax_security_get_granted_rights(const fax_security_t *sec)
{
	return sec->granted;
}

int fax_security_set_descriptor(fax_security_t *sec, const struct fax_ace *v, size_t n)
{
	struct fax_ace *copy;

	if (n > FAX_SECURITY_ENTRIES_MAX)
		return -EINVAL;
	copy = malloc(n ? n * sizeof(*v) : 1);
	if (!copy)
		return -ENOMEM;
	if (n)
		memcpy(copy, v, n * sizeof(*v));
	free(sec->v);
	sec->v = copy;
	sec->n = n;
	return 0;
}

int fax_security_save(fax_security_t *sec, fax_error_t *err)
{
	sd_bus_message *m = NULL;
	int r;

	r = client_new_call(sec->server, FAX_BUS_PATH_SECURITY, FAX_BUS_IFACE_SECURITY, "Save", &m, err);
	if (r < 0)
		return r;
	r = sd_bus_message_open_container(m, 'a', "(uuu)");
	for (size_t i = 0; r >= 0 && i < sec->n; i++)
		r = sd_bus_message_append(m, "(uuu)", sec->v[i].kind, sec->v[i].id, sec->v[i].rights);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r < 0) {
		sd_bus_message_unref(m);
		return fax_error_set(err, r, "Security.Save: cannot build the call");
	}
	return client_send(sec->server, m, err, NULL);
}
