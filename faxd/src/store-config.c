// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Server-level configuration in the store: the security descriptor,
 * extension properties, provider and routing-extension registrations.
 * Each write is one transaction.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

static char *column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return strdup(t ? (const char *)t : "");
}

/* ---- security ----------------------------------------------------------- */

int store_security_load(struct store *s, struct fax_ace **ret, size_t *n)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	struct fax_ace *v = NULL;
	size_t len = 0;
	int rc, r;

	r = store_prepare(s, "SELECT kind, xid, rights FROM security_entry ORDER BY pos", &st);
	if (r < 0)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fax_ace *nv = realloc(v, (len + 1) * sizeof(*v));

		if (!nv) {
			free(v);
			return -ENOMEM;
		}
		v = nv;
		v[len++] = (struct fax_ace) {
			.kind = (uint32_t)sqlite3_column_int(st, 0),
			.id = (uint32_t)sqlite3_column_int64(st, 1),
			.rights = (uint32_t)sqlite3_column_int(st, 2),
		};
	}
	if (rc != SQLITE_DONE) {
		free(v);
		return store_err(s, rc, "load security");
	}
	*ret = v;
	*n = len;
	return 0;
}

static int security_write(struct store *s, const struct fax_ace *v, size_t n)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r;

	r = store_exec(s, "DELETE FROM security_entry");
	if (r < 0)
		return r;
	r = store_prepare(s, "INSERT INTO security_entry (pos, kind, xid, rights) VALUES (?, ?, ?, ?)", &st);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
		sqlite3_bind_int(st, 2, (int)v[i].kind);
		sqlite3_bind_int64(st, 3, v[i].id);
		sqlite3_bind_int(st, 4, (int)v[i].rights);
		r = sqlite3_step(st);
		if (r != SQLITE_DONE)
			return store_err(s, r, "save security");
	}
	return store_exec(s, "INSERT OR REPLACE INTO server_setting VALUES ('security_seeded', '1')");
}

int store_security_save(struct store *s, const struct fax_ace *v, size_t n)
{
	int r = store_begin(s);

	if (r < 0)
		return r;
	r = security_write(s, v, n);
	if (r < 0) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

int store_security_seed(struct store *s, const struct fax_ace *v, size_t n)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r = store_begin(s);

	if (r < 0)
		return r;
	r = store_prepare(s, "SELECT 1 FROM server_setting WHERE key = 'security_seeded'", &st);
	if (r < 0)
		goto fail;
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		store_rollback(s);
		return 0;
	}
	if (r != SQLITE_DONE) {
		r = store_err(s, r, "seed security");
		goto fail;
	}
	r = security_write(s, v, n);
	if (r < 0)
		goto fail;
	r = store_commit(s);
	return r < 0 ? r : 1;
fail:
	store_rollback(s);
	return r;
}

/* ---- extension properties --------------------------------------------- */

int store_ext_get(struct store *s, uint32_t device, const char *guid, void **data, size_t *len)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	const void *blob;
	int n, r;

	r = store_prepare(s, "SELECT value FROM extension_property WHERE device_id = ? AND guid = ?", &st);
	if (r < 0)
		return r;
	sqlite3_bind_int64(st, 1, device);
	sqlite3_bind_text(st, 2, guid, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_DONE)
		return -ENOENT;
	if (r != SQLITE_ROW)
		return store_err(s, r, "get extension property");
	blob = sqlite3_column_blob(st, 0);
	n = sqlite3_column_bytes(st, 0);
	*data = malloc(n ? (size_t)n : 1);
	if (!*data)
		return -ENOMEM;
	if (n)
		memcpy(*data, blob, (size_t)n);
	*len = (size_t)n;
	return 0;
}

int store_ext_set(struct store *s, uint32_t device, const char *guid, const void *data, size_t len)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r;

	r = store_prepare(s, "INSERT OR REPLACE INTO extension_property VALUES (?, ?, ?)", &st);
	if (r < 0)
		return r;
	sqlite3_bind_int64(st, 1, device);
	sqlite3_bind_text(st, 2, guid, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, len ? data : "", (int)len, SQLITE_STATIC);
	/* One statement in autocommit mode is one transaction. */
	return store_step_done(s, st, "set extension property");
}

/* ---- provider registrations ------------------------------------------- */

void store_provider_regs_free(struct store_provider_reg *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].unique_name);
		free(v[i].friendly_name);
		free(v[i].image_name);
		free(v[i].tsp_name);
	}
	free(v);
}

int store_provider_regs(struct store *s, struct store_provider_reg **ret, size_t *n)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	struct store_provider_reg *v = NULL;
	size_t len = 0;
	int rc, r;

	r = store_prepare(s, "SELECT unique_name, friendly_name, image_name, tsp_name, api_version"
			  " FROM provider_registration ORDER BY rowid", &st);
	if (r < 0)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_provider_reg *nv = realloc(v, (len + 1) * sizeof(*v));

		if (!nv)
			goto nomem;
		v = nv;
		v[len] = (struct store_provider_reg) {
			.unique_name = column_dup(st, 0),
			.friendly_name = column_dup(st, 1),
			.image_name = column_dup(st, 2),
			.tsp_name = column_dup(st, 3),
			.api_version = (uint32_t)sqlite3_column_int64(st, 4),
		};
		len++;
		if (!v[len - 1].unique_name || !v[len - 1].friendly_name ||
		    !v[len - 1].image_name || !v[len - 1].tsp_name)
			goto nomem;
	}
	if (rc != SQLITE_DONE) {
		store_provider_regs_free(v, len);
		return store_err(s, rc, "load provider registrations");
	}
	*ret = v;
	*n = len;
	return 0;
nomem:
	store_provider_regs_free(v, len);
	return -ENOMEM;
}

int store_provider_register(struct store *s, const struct store_provider_reg *reg)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r;

	r = store_prepare(s, "INSERT INTO provider_registration VALUES (?, ?, ?, ?, ?)", &st);
	if (r < 0)
		return r;
	sqlite3_bind_text(st, 1, reg->unique_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, reg->friendly_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reg->image_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, reg->tsp_name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, reg->api_version);
	return store_step_done(s, st, "register provider");
}

static int delete_by_name(struct store *s, const char *sql, const char *name)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r;

	r = store_prepare(s, sql, &st);
	if (r < 0)
		return r;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	r = store_step_done(s, st, "unregister");
	if (r < 0)
		return r;
	return sqlite3_changes(s->db) ? 0 : -ENOENT;
}

int store_provider_unregister(struct store *s, const char *unique_name)
{
	return delete_by_name(s, "DELETE FROM provider_registration WHERE unique_name = ?",
			      unique_name);
}

/* ---- routing extension registrations ---------------------------------- */

void store_routing_exts_free(struct store_routing_ext *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < v[i].n_methods; j++) {
			free(v[i].methods[j].guid);
			free(v[i].methods[j].name);
			free(v[i].methods[j].friendly_name);
			free(v[i].methods[j].function_name);
		}
		free(v[i].methods);
		free(v[i].unique_name);
		free(v[i].friendly_name);
		free(v[i].image_name);
	}
	free(v);
}

static int load_methods(struct store *s, struct store_routing_ext *e)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int rc, r;

	r = store_prepare(s, "SELECT guid, name, friendly_name, function_name FROM routing_method"
			  " WHERE extension = ? ORDER BY pos", &st);
	if (r < 0)
		return r;
	sqlite3_bind_text(st, 1, e->unique_name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_routing_method *nv;

		nv = realloc(e->methods, (e->n_methods + 1) * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		e->methods = nv;
		nv[e->n_methods++] = (struct store_routing_method) {
			.guid = column_dup(st, 0), .name = column_dup(st, 1),
			.friendly_name = column_dup(st, 2), .function_name = column_dup(st, 3),
		};
	}
	return rc == SQLITE_DONE ? 0 : store_err(s, rc, "load routing methods");
}

int store_routing_exts(struct store *s, struct store_routing_ext **ret, size_t *n)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	struct store_routing_ext *v = NULL;
	size_t len = 0;
	int rc, r;

	r = store_prepare(s, "SELECT unique_name, friendly_name, image_name FROM routing_extension"
			  " ORDER BY rowid", &st);
	if (r < 0)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_routing_ext *nv = realloc(v, (len + 1) * sizeof(*v));

		if (!nv) {
			store_routing_exts_free(v, len);
			return -ENOMEM;
		}
		v = nv;
		v[len++] = (struct store_routing_ext) {
			.unique_name = column_dup(st, 0),
			.friendly_name = column_dup(st, 1),
			.image_name = column_dup(st, 2),
		};
		r = load_methods(s, &v[len - 1]);
		if (r < 0) {
			store_routing_exts_free(v, len);
			return r;
		}
	}
	if (rc != SQLITE_DONE) {
		store_routing_exts_free(v, len);
		return store_err(s, rc, "load routing extensions");
	}
	*ret = v;
	*n = len;
	return 0;
}

int store_routing_ext_register(struct store *s, const struct store_routing_ext *e)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	_cleanup_stmt_ sqlite3_stmt *mt = NULL;
	int r;

	r = store_begin(s);
	if (r < 0)
		return r;
	r = store_prepare(s, "INSERT INTO routing_extension VALUES (?, ?, ?)", &st);
	if (r < 0)
		goto fail;
	sqlite3_bind_text(st, 1, e->unique_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->friendly_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->image_name, -1, SQLITE_STATIC);
	r = store_step_done(s, st, "register routing extension");
	if (r < 0)
		goto fail;
	r = store_prepare(s, "INSERT INTO routing_method VALUES (?, ?, ?, ?, ?, ?)", &mt);
	if (r < 0)
		goto fail;
	for (size_t i = 0; i < e->n_methods; i++) {
		const struct store_routing_method *m = &e->methods[i];

		sqlite3_reset(mt);
		sqlite3_bind_text(mt, 1, m->guid, -1, SQLITE_STATIC);
		sqlite3_bind_text(mt, 2, e->unique_name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(mt, 3, (sqlite3_int64)i);
		sqlite3_bind_text(mt, 4, m->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(mt, 5, m->friendly_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(mt, 6, m->function_name, -1, SQLITE_STATIC);
		r = sqlite3_step(mt);
		if (r != SQLITE_DONE) {
			r = store_err(s, r, "register routing method");
			goto fail;
		}
	}
	return store_commit(s);
fail:
	store_rollback(s);
	return r;
}

int store_routing_ext_unregister(struct store *s, const char *unique_name)
{
	return delete_by_name(s, "DELETE FROM routing_extension WHERE unique_name = ?", unique_name);
}
