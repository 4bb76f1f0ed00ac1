// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Helpers of the kernel tests (see faxsim.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "faxsim.h"

int faxsim_write(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	err = n < 0 ? -errno : 0;
	close(fd);
	return err;
}

long long faxsim_read_u64(const char *path)
{
	unsigned long long v;
	FILE *f = fopen(path, "re");
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "%llu", &v) == 1;
	fclose(f);
	return ok ? (long long)v : -1;
}

int faxsim_module_path(char *buf, size_t len, const char *rel)
{
	const char *build = getenv("FAXVM_BUILD");
	const char *kver = getenv("FAXVM_KERNEL");

	if (!build || !kver)
		return -1;
	snprintf(buf, len, "%s/kmod/%s/kmod/%s", build, kver, rel);
	return access(buf, R_OK);
}

int faxsim_load_module(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	return ret;
}

unsigned int faxsim_pick_id(void)
{
	return 1000 + (unsigned int)(getpid() % 50000) * 10;
}

int faxsim_new(unsigned int id, unsigned int nlines)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%u %u", id, nlines);
	return faxsim_write(FAXSIM_BUS "/new_device", buf);
}

int faxsim_del(unsigned int id)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u", id);
	return faxsim_write(FAXSIM_BUS "/del_device", buf);
}

int faxsim_new_pair(unsigned int *id, int *a, int *b)
{
	int err;

	*id = faxsim_pick_id();
	err = faxsim_new(*id, 2);
	if (err)
		return err;
	*a = faxsim_open_line(*id, 0, O_RDWR);
	*b = faxsim_open_line(*id, 1, O_RDWR);
	if (*a >= 0 && *b >= 0)
		return 0;
	err = *a < 0 ? *a : *b;
	faxsim_del_pair(*id, *a, *b);
	return err;
}

int faxsim_del_pair(unsigned int id, int a, int b)
{
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	return faxsim_del(id);
}

int faxsim_open_line(unsigned int id, unsigned int index, int flags)
{
	char want[FAX_NUMBER_MAX], path[300];
	struct fax_info info;
	struct dirent *de;
	DIR *d;
	int fd;

	snprintf(want, sizeof(want), "%u%03u", id, index);
	d = opendir("/sys/class/fax");
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "fax", 3))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", de->d_name);
		fd = open(path, flags | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!fax_get_info(fd, &info) && !strcmp(info.driver, "fax_sim") &&
		    !strcmp(info.number, want)) {
			closedir(d);
			return fd;
		}
		close(fd);
	}
	closedir(d);
	return -ENOENT;
}

int faxsim_card_id(int fd)
{
	struct fax_info info;

	return fax_get_info(fd, &info) ? -1 : (int)info.card;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int fax_wait_event(int fd, uint32_t type, int timeout_ms, struct fax_event *ev)
{
	long long end = now_ms() + timeout_ms;
	struct fax_event tmp;
	struct pollfd p;

	if (!ev)
		ev = &tmp;
	for (;;) {
		while (ioctl(fd, FAX_IOC_GET_EVENT, ev) == 0)
			if (ev->type == type)
				return 0;
		if (errno != EAGAIN)
			return -errno;
		if (now_ms() >= end)
			return -ETIMEDOUT;
		p.fd = fd;
		p.events = POLLPRI;
		if (poll(&p, 1, (int)(end - now_ms())) < 0)
			return -errno;
		if (p.revents & (POLLHUP | POLLERR))
			return -ENODEV;
	}
}

static int fax_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

int fax_set_hook(int fd, bool offhook)
{
	struct fax_hook h = { .size = sizeof(h), .offhook = offhook };

	return fax_ioctl(fd, FAX_IOC_HOOK, &h);
}

int fax_dial(int fd, const char *digits)
{
	struct fax_dial d = { .size = sizeof(d) };

	snprintf(d.digits, sizeof(d.digits), "%s", digits);
	return fax_ioctl(fd, FAX_IOC_DIAL, &d);
}

int fax_get_params(int fd, struct fax_params *p)
{
	memset(p, 0, sizeof(*p));
	p->size = sizeof(*p);
	return fax_ioctl(fd, FAX_IOC_GET_PARAMS, p);
}

int fax_set_params(int fd, const struct fax_params *p)
{
	return fax_ioctl(fd, FAX_IOC_SET_PARAMS, (void *)p);
}

int fax_get_info(int fd, struct fax_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return fax_ioctl(fd, FAX_IOC_GET_INFO, info);
}

int fax_get_stats(int fd, struct fax_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	return fax_ioctl(fd, FAX_IOC_GET_STATS, st);
}

int fax_read_full(int fd, void *buf, size_t n)
{
	size_t done = 0;
	ssize_t r;

	while (done < n) {
		r = read(fd, (char *)buf + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EIO;
		done += (size_t)r;
	}
	return 0;
}

int fax_write_full(int fd, const void *buf, size_t n)
{
	size_t done = 0;
	ssize_t r;

	while (done < n) {
		r = write(fd, (const char *)buf + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		done += (size_t)r;
	}
	return 0;
}

int fax_call(int a, int b)
{
	struct fax_info bi;
	int err;

	err = fax_get_info(b, &bi);
	if (!err)
		err = fax_set_hook(a, true);
	if (!err)
		err = fax_wait_event(a, FAX_EV_DIALTONE, 20000, NULL);
	if (!err)
		err = fax_dial(a, bi.number);
	if (!err)
		err = fax_wait_event(b, FAX_EV_RING_START, 30000, NULL);
	if (!err)
		err = ioctl(b, FAX_IOC_ANSWER, 0) ? -errno : 0;
	if (!err)
		err = fax_wait_event(a, FAX_EV_ANSWERED, 20000, NULL);
	if (!err)
		err = fax_wait_event(b, FAX_EV_ANSWERED, 20000, NULL);
	return err;
}
