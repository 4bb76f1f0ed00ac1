// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Durability of the store: faxd killed with SIGKILL at arbitrary points
 * while a client writes configuration loses no acknowledged write and
 * leaves a database that passes SQLite's integrity check; the schema is
 * versioned and a database from a newer faxd is refused untouched.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "env.h"
#include "harness.h"
#include "fixture.h"

#define DEV1 FAX_BUS_PATH_DEVICE "/1"
#define ROUNDS 40


/* The writer: iteration n saves CSID "n<n>", then extension property
 * "counter" = n, then acknowledges n on @fd. Runs until killed. */
static void writer(struct faxd_env *e, int fd, uint32_t start)
{
	sd_bus *bus = env_bus(e);

	for (uint32_t n = start;; n++) {
		char csid[16];

		snprintf(csid, sizeof(csid), "n%u", n);
		if (sd_bus_call_method(bus, FAX_BUS_NAME, DEV1, FAX_BUS_IFACE_DEVICE, "Save", NULL,
				       NULL, "a{sv}", 2, "CSID", "s", csid, "RingsBeforeAnswer", "u",
				       n % 99 + 1) < 0)
			_exit(0);
		if (sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER,
				       "SetExtensionProperty", NULL, NULL, "say", "counter", 4,
				       n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >> 24) < 0)
			_exit(0);
		if (write(fd, &n, sizeof(n)) != sizeof(n))
			_exit(0);
	}
}

static int read_state(struct faxd_env *e, uint32_t *csid, uint32_t *rings, uint32_t *counter)
{
	sd_bus *bus = env_bus(e);
	sd_bus_message *reply = NULL;
	const char *s;
	const void *p;
	size_t n;
	int r;

	r = sd_bus_get_property_string(bus, FAX_BUS_NAME, DEV1, FAX_BUS_IFACE_DEVICE, "CSID", NULL,
				       (char **)&s);
	if (r < 0)
		goto out;
	*csid = (uint32_t)strtoul(s + 1, NULL, 10);
	free((char *)s);
	r = sd_bus_get_property_trivial(bus, FAX_BUS_NAME, DEV1, FAX_BUS_IFACE_DEVICE,
					"RingsBeforeAnswer", NULL, 'u', rings);
	if (r < 0)
		goto out;
	r = sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER,
			       "GetExtensionProperty", NULL, &reply, "s", "counter");
	if (r >= 0)
		r = sd_bus_message_read_array(reply, 'y', &p, &n);
	if (r >= 0 && n == 4)
		memcpy(counter, p, 4);
	else if (r >= 0)
		r = -EBADMSG;
out:
	sd_bus_message_unref(reply);
	sd_bus_flush_close_unref(bus);
	return r < 0 ? r : 0;
}

static int integrity(const char *path, char *result, size_t size)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int r = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(result, size, "%s", sqlite3_column_text(st, 0));
			r = 0;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return r;
}

TEST_F_TIMEOUT(server, kill_9_during_configuration_writes_loses_nothing, 180)
{
	uint32_t start = 1;

	srand(6);
	for (int round = 0; round < ROUNDS; round++) {
		uint32_t acked = 0, v, csid = 0, rings = 0, counter = 0;
		int pfd[2], wanted = 1 + rand() % 40, got = 0;
		char check[64];
		pid_t w;

		ASSERT_EQ(0, pipe(pfd));
		w = fork();
		ASSERT_LE(0, w);
		if (w == 0) {
			close(pfd[0]);
			writer(&self->env, pfd[1], start);
		}
		close(pfd[1]);
		/* Let some writes through, then kill faxd in the middle of
		 * the next ones: the writer never pauses. */
		while (got < wanted && read(pfd[0], &v, sizeof(v)) == sizeof(v)) {
			acked = v;
			got++;
		}
		env_kill_faxd(&self->env);
		while (read(pfd[0], &v, sizeof(v)) == sizeof(v))
			acked = v;
		close(pfd[0]);
		waitpid(w, NULL, 0);
		ASSERT_LT(0, acked) TH_LOG("round %d: no write acknowledged", round);

		ASSERT_EQ(0, integrity(env_db_path(&self->env), check, sizeof(check)));
		EXPECT_STREQ("ok", check);
		ASSERT_EQ(0, env_start_faxd(&self->env)) TH_LOG("round %d: faxd did not restart", round);
		ASSERT_EQ(0, read_state(&self->env, &csid, &rings, &counter));
		/* Every acknowledged write is there; at most the one in flight
		 * went further, and each save is whole. */
		EXPECT_TRUE(csid == acked || csid == acked + 1) TH_LOG("round %d: acked %u, CSID n%u",
								      round, acked, csid);
		EXPECT_EQ(csid % 99 + 1, rings);
		EXPECT_TRUE(counter == acked || counter == acked + 1);
		EXPECT_LE(counter, csid);
		start = csid + 1;
	}
}

static int pragma_int(const char *path, const char *sql, int *ret)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int r = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		int rc = sqlite3_step(st);

		if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
			*ret = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
			r = 0;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return r;
}

TEST_F(server, the_schema_is_versioned_and_in_wal_mode)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = 0;

	ASSERT_EQ(0, env_stop_faxd(&self->env));
	ASSERT_EQ(0, pragma_int(env_db_path(&self->env), "PRAGMA user_version", &v));
	EXPECT_EQ(4, v);
	ASSERT_EQ(SQLITE_OK, sqlite3_open(env_db_path(&self->env), &db));
	ASSERT_EQ(SQLITE_OK, sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL));
	ASSERT_EQ(SQLITE_ROW, sqlite3_step(st));
	EXPECT_STREQ("wal", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

TEST_F(server, a_database_from_a_newer_faxd_is_refused_untouched)
{
	int v = 0;

	ASSERT_EQ(0, env_stop_faxd(&self->env));
	ASSERT_EQ(0, pragma_int(env_db_path(&self->env), "PRAGMA user_version = 99", &v));
	EXPECT_EQ(-ECHILD, env_start_faxd(&self->env));	/* it exits instead of serving */
	ASSERT_EQ(0, pragma_int(env_db_path(&self->env), "PRAGMA user_version", &v));
	EXPECT_EQ(99, v);
}

TEST_HARNESS_MAIN
