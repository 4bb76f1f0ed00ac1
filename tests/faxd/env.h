/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A private fax server for tests: a dbus-daemon on a socket in a fresh
 * directory (policy open to every user, so tests can call as other uids)
 * and faxd on it with a temporary state directory, the loopback provider
 * and the Test interface. faxd is the binary beside the test program, so
 * the sanitised test runs the sanitised daemon.
 */
#ifndef TESTS_FAXD_ENV_H
#define TESTS_FAXD_ENV_H

#include <stdbool.h>
#include <sys/types.h>

#include <systemd/sd-bus.h>

#include <fax/client.h>

/*
 * How much faster than real time the loopback lines run (faxd.conf
 * [loopback] speed): a page takes about 17/N s of wall time. faxd must keep
 * 500 ms of line audio queued, i.e. be woken within 500/N ms, and process
 * N seconds of two modems' audio a second, sanitised, on a busy machine.
 * 4 leaves it 125 ms and a third of a CPU for ASan. 8 failed 2 runs of 4
 * of the sanitised queue test (a page lost, then the 10-minute retry) on
 * 2 CPUs shared with the native variant, two busy loops and builds.
 */
#define TEST_LOOPBACK_SPEED 4

/* env_speed() - the loopback speed env_start() configures. */
unsigned int env_speed(void);

/* Groups the test configuration makes administrators and submitters. */
#define TEST_ADMIN_GID 4000
#define TEST_SUBMIT_GID 4001

struct faxd_env {
	const char *policy;	/* set before env_start(): a bus policy file to include */
	/* set before env_start(): mount options of a tmpfs for faxd's state
	 * directory (e.g. "size=2m"), in the caller's mount namespace */
	const char *state_tmpfs;
	char dir[64];
	char address[128];
	pid_t bus_pid;
	pid_t faxd_pid;
};

/* env_start() - bus and faxd (with @extra_conf appended to faxd.conf).
 * Only e->policy and e->state_tmpfs are read from @e; zero them or set
 * them first. */
int env_start(struct faxd_env *e, const char *extra_conf);
/* env_start_bus() / env_start_faxd() - the two halves. */
int env_start_bus(struct faxd_env *e);
int env_start_faxd(struct faxd_env *e);
/* env_stop_faxd() - SIGTERM and wait; returns its exit status or -1. */
int env_stop_faxd(struct faxd_env *e);
/* env_kill_faxd() - SIGKILL and reap. */
void env_kill_faxd(struct faxd_env *e);
int env_restart_faxd(struct faxd_env *e);
void env_stop(struct faxd_env *e);

/* env_connect() - a libfax server object connected to the test server. */
fax_server_t *env_connect(struct faxd_env *e);
/* env_bus() - a plain sd-bus connection to the test bus. */
sd_bus *env_bus(struct faxd_env *e);
/*
 * env_set_device() - device @id: whether it sends, its receive mode, one
 * ring before answering, and CSID and TSID @ident (NULL: unchanged);
 * saved. 0 or -errno.
 */
int env_set_device(fax_server_t *s, uint32_t id, bool send, uint32_t mode, const char *ident);

/* env_as() - in a child: become @uid with groups @gids (0-terminated). */
void env_as(uid_t uid, const gid_t *gids);

/*
 * env_run_as() - call @fn(server, @arg, @res) in a child running as @uid
 * with groups @gids, connected to the test server, and copy its @res
 * (@size bytes) back. 0, or -ECHILD when the child could not report
 * (@res is then untouched), -ENOTCONN when it could not connect.
 */
int env_run_as(struct faxd_env *e, uid_t uid, const gid_t *gids,
	       void (*fn)(fax_server_t *s, const void *arg, void *res), const void *arg,
	       void *res, size_t size);
/* env_db_path() - path of faxd.db. */
const char *env_db_path(struct faxd_env *e);
/* env_busctl() - run "busctl --address=... ARGS", output in @out. Returns
 * its exit status. */
int env_busctl(struct faxd_env *e, char *out, size_t size, const char *args);

/* struct seen - what a test's event callback recorded, per event type. */
struct seen {
	int count[FAX_SERVER_EV_COUNT];
	struct fax_server_event last[FAX_SERVER_EV_COUNT];
	char caller[32];		/* of the last NewCall */
};

/* seen_record() - a fax_event_cb that fills the struct seen in @userdata. */
void seen_record(fax_server_t *s, const struct fax_server_event *ev, void *userdata);

#endif /* TESTS_FAXD_ENV_H */
