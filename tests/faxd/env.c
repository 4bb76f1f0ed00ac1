// SPDX-License-Identifier: GPL-2.0-or-later
/* The private bus and faxd of the faxd tests; see env.h. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "env.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "we");

	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static void faxd_binary(char *buf, size_t size)
{
	char self[PATH_MAX - 8];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n < 0)
		n = 0;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	snprintf(buf, size, "%s/faxd", self);
}

/*
 * The bus policy: open to every user, or (with e->policy) deny-by-default
 * like the system bus plus the policy file faxd ships.
 */
static void bus_policy(const struct faxd_env *e, char *buf, size_t size)
{
	if (!e->policy) {
		snprintf(buf, size, "<policy context=\"default\"><allow user=\"*\"/>\n"
			 "<allow own=\"*\"/><allow send_destination=\"*\"/><allow receive_sender=\"*\"/>\n"
			 "</policy>\n");
		return;
	}
	snprintf(buf, size, "<policy context=\"default\"><allow user=\"*\"/>\n"
		 "<deny own=\"*\"/><deny send_type=\"method_call\"/>\n"
		 "<allow send_destination=\"org.freedesktop.DBus\"/>\n"
		 "<allow receive_type=\"method_call\"/><allow receive_type=\"signal\"/>\n"
		 "<allow receive_type=\"method_return\"/><allow receive_type=\"error\"/>\n"
		 "<allow send_type=\"signal\"/><allow send_requested_reply=\"true\" send_type=\"method_return\"/>\n"
		 "<allow send_requested_reply=\"true\" send_type=\"error\"/>\n"
		 "</policy><include>%s</include>\n", e->policy);
}

int env_start_bus(struct faxd_env *e)
{
	char path[128], conf[2048], policy[1024], line[256];
	int pfd[2];
	FILE *f;

	snprintf(e->dir, sizeof(e->dir), "/tmp/faxd-test.XXXXXX");
	if (!mkdtemp(e->dir))
		return -errno;
	chmod(e->dir, 0755);		/* other uids reach the socket */
	snprintf(path, sizeof(path), "%s/state", e->dir);
	mkdir(path, 0700);
	if (e->state_tmpfs && mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV,
				    e->state_tmpfs) < 0)
		return -errno;
	bus_policy(e, policy, sizeof(policy));
	snprintf(conf, sizeof(conf),
		 "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
		 " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
		 "<busconfig><type>system</type><listen>unix:path=%s/bus</listen>\n"
		 "<auth>EXTERNAL</auth>%s</busconfig>\n", e->dir, policy);
	snprintf(path, sizeof(path), "%s/bus.conf", e->dir);
	write_file(path, conf);
	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -errno;
	e->bus_pid = fork();
	if (e->bus_pid == 0) {
		char fdarg[32];
		int devnull = open("/dev/null", O_WRONLY);

		/* Die with the test, and keep its stdout (a pipe) free. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(pfd[1], 3);
		dup2(devnull, 1);
		dup2(devnull, 2);	/* "cannot raise fd limit" as root in a container */
		snprintf(fdarg, sizeof(fdarg), "--print-address=3");
		snprintf(conf, sizeof(conf), "--config-file=%s", path);
		execlp("dbus-daemon", "dbus-daemon", conf, "--nofork", fdarg, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	f = fdopen(pfd[0], "r");
	if (!f || !fgets(line, sizeof(line), f)) {
		if (f)
			fclose(f);
		return -EIO;
	}
	fclose(f);
	snprintf(e->address, sizeof(e->address), "unix:path=%s/bus", e->dir);
	return 0;
}

static int wait_for_name(struct faxd_env *e)
{
	sd_bus *bus = env_bus(e);
	int r = -ETIMEDOUT;

	if (!bus)
		return -EIO;
	/* A generous bound (sanitised daemons start slowly), not a timing
	 * assertion: the test fails only if faxd never comes up. */
	for (int i = 0; i < 600; i++) {
		sd_bus_message *reply = NULL;
		int has = 0, status;

		if (sd_bus_call_method(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
				       "org.freedesktop.DBus", "NameHasOwner", NULL, &reply, "s",
				       FAX_BUS_NAME) >= 0)
			sd_bus_message_read(reply, "b", &has);
		sd_bus_message_unref(reply);
		if (has) {
			r = 0;
			break;
		}
		if (waitpid(e->faxd_pid, &status, WNOHANG) == e->faxd_pid) {
			e->faxd_pid = 0;
			r = -ECHILD;
			break;
		}
		usleep(50 * 1000);
	}
	sd_bus_flush_close_unref(bus);
	return r;
}

int env_start_faxd(struct faxd_env *e)
{
	char bin[PATH_MAX + 8], conf[128], state[128];

	faxd_binary(bin, sizeof(bin));
	snprintf(conf, sizeof(conf), "%s/faxd.conf", e->dir);
	snprintf(state, sizeof(state), "%s/state", e->dir);
	e->faxd_pid = fork();
	if (e->faxd_pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(devnull, 1);
		if (!getenv("FAXD_TEST_VERBOSE"))
			dup2(devnull, 2);
		execl(bin, "faxd", "--config", conf, "--state-dir", state, "--bus-address",
		      e->address, (char *)NULL);
		_exit(127);
	}
	return wait_for_name(e);
}

/*
 * The loopback lines' clock speed of the tests. FAXD_TEST_SPEED=N
 * overrides it (1 = real time, to tell a speed problem from a bug).
 */
unsigned int env_speed(void)
{
	const char *v = getenv("FAXD_TEST_SPEED");

	return v && atoi(v) > 0 ? (unsigned int)atoi(v) : TEST_LOOPBACK_SPEED;
}

int env_start(struct faxd_env *e, const char *extra_conf)
{
	char path[128], conf[2048];
	const char *policy = e->policy, *tmpfs = e->state_tmpfs;
	int r;

	memset(e, 0, sizeof(*e));
	e->policy = policy;
	e->state_tmpfs = tmpfs;
	r = env_start_bus(e);
	if (r < 0)
		return r;
	snprintf(conf, sizeof(conf),
		 "[server]\nname = testserver\n"
		 "[security]\nadmin_group = %d\nsubmit_group = %d\n"
		 "[loopback]\npairs = 1\ntick_ms = 20\nspeed = %u\ntest_interface = yes\n%s",
		 TEST_ADMIN_GID, TEST_SUBMIT_GID, env_speed(), extra_conf ? extra_conf : "");
	snprintf(path, sizeof(path), "%s/faxd.conf", e->dir);
	write_file(path, conf);
	return env_start_faxd(e);
}

int env_stop_faxd(struct faxd_env *e)
{
	int status;

	if (!e->faxd_pid)
		return -1;
	kill(e->faxd_pid, SIGTERM);
	if (waitpid(e->faxd_pid, &status, 0) < 0)
		status = -1;
	e->faxd_pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void env_kill_faxd(struct faxd_env *e)
{
	if (!e->faxd_pid)
		return;
	kill(e->faxd_pid, SIGKILL);
	waitpid(e->faxd_pid, NULL, 0);
	e->faxd_pid = 0;
}

int env_restart_faxd(struct faxd_env *e)
{
	int r = env_stop_faxd(e);

	if (r != 0)
		return -EIO;
	return env_start_faxd(e);
}

void env_stop(struct faxd_env *e)
{
	char cmd[128];

	env_stop_faxd(e);
	if (e->bus_pid) {
		kill(e->bus_pid, SIGTERM);
		waitpid(e->bus_pid, NULL, 0);
		e->bus_pid = 0;
	}
	if (e->dir[0]) {
		if (e->state_tmpfs) {
			snprintf(cmd, sizeof(cmd), "%s/state", e->dir);
			umount2(cmd, MNT_DETACH);
		}
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", e->dir);
		e->dir[0] = '\0';
	}
}

fax_server_t *env_connect(struct faxd_env *e)
{
	fax_server_t *s;

	if (fax_server_new(&s) < 0)
		return NULL;
	if (fax_server_connect(s, e->address, NULL) < 0) {
		fax_server_free(s);
		return NULL;
	}
	return s;
}

sd_bus *env_bus(struct faxd_env *e)
{
	sd_bus *bus = NULL;

	if (sd_bus_new(&bus) < 0)
		return NULL;
	if (sd_bus_set_address(bus, e->address) < 0 || sd_bus_set_bus_client(bus, true) < 0 ||
	    sd_bus_start(bus) < 0)
		return sd_bus_unref(bus);
	return bus;
}

void env_as(uid_t uid, const gid_t *gids)
{
	size_t n = 0;

	while (gids && gids[n])
		n++;
	if (setgroups(n, gids) < 0 || setgid(n ? gids[0] : uid) < 0 || setuid(uid) < 0) {
		perror("become another user");
		_exit(99);
	}
}

int env_run_as(struct faxd_env *e, uid_t uid, const gid_t *gids,
	       void (*fn)(fax_server_t *s, const void *arg, void *res), const void *arg,
	       void *res, size_t size)
{
	char *buf = malloc(size);
	int pfd[2], r = -ECHILD;
	pid_t pid;

	if (!buf || pipe(pfd) < 0) {
		free(buf);
		return -ECHILD;
	}
	pid = fork();
	if (pid == 0) {
		fax_server_t *s;
		char ok;

		close(pfd[0]);
		env_as(uid, gids);
		s = env_connect(e);
		ok = s != NULL;
		memcpy(buf, res, size);
		if (s)
			fn(s, arg, buf);
		fax_server_free(s);
		_exit(write(pfd[1], &ok, 1) == 1 && write(pfd[1], buf, size) == (ssize_t)size ?
		      0 : 1);
	}
	close(pfd[1]);
	if (pid > 0) {
		char ok = 0;

		if (read(pfd[0], &ok, 1) == 1 && read(pfd[0], buf, size) == (ssize_t)size) {
			memcpy(res, buf, size);
			r = ok ? 0 : -ENOTCONN;
		}
		waitpid(pid, NULL, 0);
	}
	close(pfd[0]);
	free(buf);
	return r;
}

int env_set_device(fax_server_t *s, uint32_t id, bool send, uint32_t mode, const char *ident)
{
	fax_error_t err = { 0 };
	fax_devices_t *c;
	fax_device_t *d;
	int r = fax_server_get_devices(s, &c, &err);

	if (r < 0)
		return r;
	d = fax_devices_item_by_id(c, id);
	r = d ? 0 : -ENODEV;
	if (!r)
		r = fax_device_set_send_enabled(d, send);
	if (!r)
		r = fax_device_set_receive_mode(d, mode);
	if (!r)
		r = fax_device_set_rings_before_answer(d, 1);
	if (!r && ident)
		r = fax_device_set_csid(d, ident);
	if (!r && ident)
		r = fax_device_set_tsid(d, ident);
	if (!r)
		r = fax_device_save(d, &err);
	fax_devices_free(c);
	return r;
}

const char *env_db_path(struct faxd_env *e)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/state/faxd.db", e->dir);
	return path;
}

int env_busctl(struct faxd_env *e, char *out, size_t size, const char *args)
{
	char cmd[1024];
	size_t len = 0;
	FILE *p;
	int status;

	snprintf(cmd, sizeof(cmd), "busctl --address=%s %s 2>&1", e->address, args);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (len + 1 < size && fgets(out + len, (int)(size - len), p))
		len += strlen(out + len);
	out[len] = '\0';
	while (len && out[len - 1] == '\n')
		out[--len] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void seen_record(fax_server_t *s, const struct fax_server_event *ev, void *userdata)
{
	struct seen *seen = userdata;

	(void)s;
	seen->count[ev->type]++;
	seen->last[ev->type] = *ev;
	if (ev->type == FAX_SERVER_EV_NEW_CALL)
		snprintf(seen->caller, sizeof(seen->caller), "%s", ev->caller_id);
}
