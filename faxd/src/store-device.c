// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Devices in the store: the id a device keeps across restarts (keyed by
 * its provider and the provider's own key), its configuration and the
 * routing methods it uses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

static void copy_text(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static int read_config(struct store *s, sqlite3_stmt *st, uint32_t id,
		       struct store_device_config *cfg)
{
	int r;

	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_DONE)
		return -ENOENT;
	if (r != SQLITE_ROW)
		return store_err(s, r, "load device");
	copy_text(cfg->description, sizeof(cfg->description), st, 0);
	cfg->send_enabled = sqlite3_column_int(st, 1);
	cfg->receive_mode = (uint32_t)sqlite3_column_int(st, 2);
	cfg->rings_before_answer = (uint32_t)sqlite3_column_int(st, 3);
	copy_text(cfg->csid, sizeof(cfg->csid), st, 4);
	copy_text(cfg->tsid, sizeof(cfg->tsid), st, 5);
	return 0;
}

int store_device_load(struct store *s, uint32_t id, struct store_device_config *cfg)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r;

	r = store_prepare(s, "SELECT description, send_enabled, receive_mode, rings_before_answer,"
			  " csid, tsid FROM device WHERE id = ?", &st);
	if (r < 0)
		return r;
	return read_config(s, st, id, cfg);
}

int store_device_attach(struct store *s, const char *provider, const char *key,
			const char *name, uint32_t *id, struct store_device_config *cfg)
{
	_cleanup_stmt_ sqlite3_stmt *ins = NULL;
	_cleanup_stmt_ sqlite3_stmt *sel = NULL;
	int r;

	r = store_begin(s);
	if (r < 0)
		return r;
	r = store_prepare(s, "INSERT INTO device (provider, hw_key, name) VALUES (?, ?, ?)"
			  " ON CONFLICT (provider, hw_key) DO UPDATE SET name = excluded.name", &ins);
	if (r < 0)
		goto fail;
	sqlite3_bind_text(ins, 1, provider, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, name, -1, SQLITE_STATIC);
	r = store_step_done(s, ins, "attach device");
	if (r < 0)
		goto fail;
	r = store_prepare(s, "SELECT id FROM device WHERE provider = ? AND hw_key = ?", &sel);
	if (r < 0)
		goto fail;
	sqlite3_bind_text(sel, 1, provider, -1, SQLITE_STATIC);
	sqlite3_bind_text(sel, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(sel) != SQLITE_ROW) {
		r = store_err(s, sqlite3_errcode(s->db), "attach device");
		goto fail;
	}
	*id = (uint32_t)sqlite3_column_int64(sel, 0);
	r = store_commit(s);
	if (r < 0)
		return r;
	return store_device_load(s, *id, cfg);
fail:
	store_rollback(s);
	return r;
}

int store_device_save(struct store *s, uint32_t id, const struct store_device_config *cfg,
		      uint32_t *demoted)
{
	_cleanup_stmt_ sqlite3_stmt *up = NULL;
	_cleanup_stmt_ sqlite3_stmt *man = NULL;
	int r;

	*demoted = 0;
	r = store_begin(s);
	if (r < 0)
		return r;
	if (cfg->receive_mode == FAX_RECEIVE_MANUAL_ANSWER) {
		/* Only one device answers manually (model 3.3). */
		r = store_prepare(s, "UPDATE device SET receive_mode = 0"
				  " WHERE receive_mode = 2 AND id != ? RETURNING id", &man);
		if (r < 0)
			goto fail;
		sqlite3_bind_int64(man, 1, id);
		while ((r = sqlite3_step(man)) == SQLITE_ROW)
			*demoted = (uint32_t)sqlite3_column_int64(man, 0);
		if (r != SQLITE_DONE) {
			r = store_err(s, r, "save device");
			goto fail;
		}
	}
	r = store_prepare(s, "UPDATE device SET description = ?, send_enabled = ?, receive_mode = ?,"
			  " rings_before_answer = ?, csid = ?, tsid = ? WHERE id = ?", &up);
	if (r < 0)
		goto fail;
	sqlite3_bind_text(up, 1, cfg->description, -1, SQLITE_STATIC);
	sqlite3_bind_int(up, 2, cfg->send_enabled);
	sqlite3_bind_int(up, 3, (int)cfg->receive_mode);
	sqlite3_bind_int(up, 4, (int)cfg->rings_before_answer);
	sqlite3_bind_text(up, 5, cfg->csid, -1, SQLITE_STATIC);
	sqlite3_bind_text(up, 6, cfg->tsid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(up, 7, id);
	r = store_step_done(s, up, "save device");
	if (r < 0)
		goto fail;
	if (!sqlite3_changes(s->db)) {
		r = -ENOENT;
		goto fail;
	}
	return store_commit(s);
fail:
	store_rollback(s);
	return r;
}

int store_device_routing(struct store *s, uint32_t id, char ***ret)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	char **v = calloc(1, sizeof(char *));
	size_t n = 0;
	int rc, r;

	if (!v)
		return -ENOMEM;
	r = store_prepare(s, "SELECT guid FROM device_routing_method WHERE device_id = ? ORDER BY guid", &st);
	if (r < 0)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **nv = realloc(v, (n + 2) * sizeof(char *));

		if (!nv) {
			r = -ENOMEM;
			goto fail;
		}
		v = nv;
		v[n] = strdup((const char *)sqlite3_column_text(st, 0));
		v[++n] = NULL;
		if (!v[n - 1]) {
			r = -ENOMEM;
			goto fail;
		}
	}
	if (rc != SQLITE_DONE) {
		r = store_err(s, rc, "load device routing");
		goto fail;
	}
	*ret = v;
	return 0;
fail:
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return r;
}

int store_device_use_routing(struct store *s, uint32_t id, const char *guid, bool use)
{
	_cleanup_stmt_ sqlite3_stmt *st = NULL;
	int r;

	r = store_prepare(s, use ? "INSERT OR IGNORE INTO device_routing_method VALUES (?, ?)"
			  : "DELETE FROM device_routing_method WHERE device_id = ? AND guid = ?", &st);
	if (r < 0)
		return r;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, guid, -1, SQLITE_STATIC);
	return store_step_done(s, st, "use routing method");
}
