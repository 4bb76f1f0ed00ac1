// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A bounded random fuzz of everything userspace can reach: ioctls with
 * random commands, sizes and contents, reads, writes and polls of random
 * sizes, random generic netlink messages to the "fax" family, and random
 * writes to fax_sim's new_device/del_device, while cards come and go.
 * It runs for FAX_FUZZ_SECONDS (default 30); the kernel log must stay
 * clean (vmtest fails the run on any warning) and every call must return.
 * The seed is printed; FAX_FUZZ_SEED replays a run.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/fax_netlink.h>

#include "kselftest_harness.h"
#include "../lib/faxsim.h"

#define CARDS	3		/* sim ids base..base+CARDS-1 */

struct fuzz {
	unsigned int base;
	int fds[8];
	struct nl_sock *sk;
	int family;
	long ok[4], calls[4];	/* sysfs, chardev, ioctl, netlink */
};

static unsigned int rnd(unsigned int n)
{
	return (unsigned int)random() % n;
}

static void fill(void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)random();
}

static void count(struct fuzz *f, int kind, bool ok)
{
	f->calls[kind]++;
	f->ok[kind] += ok;
}

static void fuzz_sysfs(struct fuzz *f)
{
	static const char *const junk[] = {
		"", " ", "x", "-1 2", "1 -2", "4294967295 1", "1 65", "1 0",
		"1048576 1", "99999999999999999999 1", "1 2 3", "\n",
	};
	char buf[64];

	switch (rnd(3)) {
	case 0:
		snprintf(buf, sizeof(buf), "%u %u", f->base + rnd(CARDS), rnd(5));
		count(f, 0, !faxsim_write(FAXSIM_BUS "/new_device", buf));
		break;
	case 1:
		snprintf(buf, sizeof(buf), "%u", f->base + rnd(CARDS));
		count(f, 0, !faxsim_write(FAXSIM_BUS "/del_device", buf));
		break;
	default:
		count(f, 0, !faxsim_write(rnd(2) ? FAXSIM_BUS "/new_device" :
					  FAXSIM_BUS "/del_device",
					  junk[rnd(ARRAY_SIZE(junk))]));
	}
}

static int *some_fd(struct fuzz *f)
{
	int *fd = &f->fds[rnd(ARRAY_SIZE(f->fds))];

	if (*fd < 0)
		*fd = faxsim_open_line(f->base + rnd(CARDS), rnd(4),
				       O_RDWR | O_NONBLOCK);
	return fd;
}

static void fuzz_chardev(struct fuzz *f)
{
	int *fd = some_fd(f);
	struct pollfd p;
	char buf[4096];
	ssize_t n;

	if (*fd < 0)
		return;
	fill(buf, sizeof(buf));
	switch (rnd(4)) {
	case 0:
		n = read(*fd, buf, rnd(sizeof(buf)));
		break;
	case 1:
		n = write(*fd, buf, rnd(sizeof(buf)));
		break;
	case 2:
		p.fd = *fd;
		p.events = (short)random();
		n = poll(&p, 1, 0);
		break;
	default:
		close(*fd);
		*fd = -1;
		return;
	}
	count(f, 1, n >= 0);
	if (n < 0 && errno == ENODEV) {
		close(*fd);
		*fd = -1;
	}
}

static void fuzz_ioctl(struct fuzz *f)
{
	static const unsigned int dirs[] = {
		_IOC_NONE, _IOC_READ, _IOC_WRITE, _IOC_READ | _IOC_WRITE,
	};
	unsigned char buf[256];
	int *fd = some_fd(f);
	unsigned long cmd;

	if (*fd < 0)
		return;
	fill(buf, sizeof(buf));
	/* Mostly our commands with their own sizes, or a random size field. */
	cmd = _IOC(dirs[rnd(4)], rnd(8) ? FAX_IOC_MAGIC : rnd(256), rnd(12),
		   rnd(3) ? rnd(80) : rnd(256));
	if (rnd(2)) {
		static const unsigned long ours[] = {
			FAX_IOC_GET_INFO, FAX_IOC_HOOK, FAX_IOC_DIAL,
			FAX_IOC_ANSWER, FAX_IOC_HANGUP, FAX_IOC_GET_PARAMS,
			FAX_IOC_SET_PARAMS, FAX_IOC_GET_STATS, FAX_IOC_GET_EVENT,
		};
		cmd = ours[rnd(ARRAY_SIZE(ours))];
		/* Plausible sizes reach the handlers. */
		buf[0] = (unsigned char)(rnd(2) ? 8 + rnd(100) : random());
		buf[1] = buf[2] = buf[3] = 0;
	}
	count(f, 2, !ioctl(*fd, cmd, rnd(16) ? (void *)buf : NULL));
}

static void fuzz_netlink(struct fuzz *f)
{
	struct nl_msg *msg = nlmsg_alloc();
	unsigned char payload[32];
	int i, n = rnd(6), err;
	struct nlattr *nest = NULL;

	if (!msg)
		return;
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, f->family, 0,
		    rnd(3) ? 0 : NLM_F_DUMP, rnd(9), 1);
	for (i = 0; i < n; i++) {
		fill(payload, sizeof(payload));
		if (!nest && !rnd(5)) {
			nest = nla_nest_start(msg, rnd(18));
			continue;
		}
		nla_put(msg, rnd(18), rnd(3) ? 4 : rnd(sizeof(payload)), payload);
	}
	if (nest)
		nla_nest_end(msg, nest);
	err = nl_send_auto(f->sk, msg);
	nlmsg_free(msg);
	if (err >= 0)
		err = nl_recvmsgs_default(f->sk);
	count(f, 3, err >= 0);
}

static int ignore(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

FIXTURE(fuzz) {
	int unused;
};

FIXTURE_SETUP(fuzz)
{
}

FIXTURE_TEARDOWN(fuzz)
{
}

TEST_F_TIMEOUT(fuzz, random_calls_leave_the_kernel_clean, 300)
{
	const char *s = getenv("FAX_FUZZ_SECONDS"), *sd = getenv("FAX_FUZZ_SEED");
	struct fuzz f = { .base = faxsim_pick_id() };
	unsigned int seed = sd ? strtoul(sd, NULL, 0) : (unsigned int)time(NULL);
	time_t end = time(NULL) + (s ? atoi(s) : 30);
	unsigned int i;

	TH_LOG("seed %u (FAX_FUZZ_SEED replays)", seed);
	srandom(seed);
	for (i = 0; i < ARRAY_SIZE(f.fds); i++)
		f.fds[i] = -1;
	f.sk = nl_socket_alloc();
	ASSERT_NE(NULL, f.sk);
	ASSERT_EQ(0, genl_connect(f.sk));
	f.family = genl_ctrl_resolve(f.sk, FAX_GENL_NAME);
	ASSERT_LT(0, f.family);
	nl_socket_modify_cb(f.sk, NL_CB_VALID, NL_CB_CUSTOM, ignore, NULL);
	for (i = 0; i < CARDS; i++)
		faxsim_new(f.base + i, 4);

	while (time(NULL) < end) {
		switch (rnd(10)) {
		case 0:
			fuzz_sysfs(&f);
			break;
		case 1: case 2: case 3:
			fuzz_chardev(&f);
			break;
		case 4: case 5: case 6:
			fuzz_ioctl(&f);
			break;
		default:
			fuzz_netlink(&f);
		}
	}

	for (i = 0; i < ARRAY_SIZE(f.fds); i++)
		if (f.fds[i] >= 0)
			close(f.fds[i]);
	for (i = 0; i < CARDS; i++)
		faxsim_del(f.base + i);
	nl_socket_free(f.sk);
	TH_LOG("calls ok/all: sysfs %ld/%ld chardev %ld/%ld ioctl %ld/%ld netlink %ld/%ld",
	       f.ok[0], f.calls[0], f.ok[1], f.calls[1], f.ok[2], f.calls[2],
	       f.ok[3], f.calls[3]);
	/* The fuzz reached every interface, and got past validation too. */
	for (i = 0; i < 4; i++) {
		EXPECT_LT(0, f.calls[i]);
		EXPECT_LT(0, f.ok[i]);
	}
}

TEST_HARNESS_MAIN
