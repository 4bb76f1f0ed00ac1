// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Lines that go away under their users: a card removed (del_device) or
 * its driver unloaded while files are open and readers sleep, and cards
 * created and removed a thousand times while readers hammer their lines.
 * Sleepers wake with ENODEV, poll reports HUP, every later call fails
 * cleanly, and the memory goes with the last close (vmtest fails the run
 * on any kernel warning).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "../lib/faxsim.h"

struct sleeper {
	int fd;
	int ret, err;
	short revents;
};

static void *blocked_read(void *arg)
{
	struct sleeper *s = arg;
	int16_t buf[64];

	s->ret = read(s->fd, buf, sizeof(buf));
	s->err = errno;
	return NULL;
}

static void *blocked_poll(void *arg)
{
	struct sleeper *s = arg;
	struct pollfd p = { .fd = s->fd, .events = POLLIN | POLLPRI };

	s->ret = poll(&p, 1, 30000);
	s->revents = p.revents;
	return NULL;
}

/* What every call on a line of a removed card must see. */
static void expect_dead(struct __test_metadata *_metadata, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };
	struct fax_info info;
	int16_t s[8] = { 0 };

	EXPECT_EQ(-1, read(fd, s, sizeof(s)));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, write(fd, s, sizeof(s)));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-ENODEV, fax_get_info(fd, &info));
	EXPECT_EQ(-ENODEV, fax_set_hook(fd, true));
	EXPECT_EQ(1, poll(&p, 1, 0));
	EXPECT_TRUE(p.revents & POLLHUP);
}

TEST(removing_a_card_wakes_its_sleepers_with_enodev)
{
	struct sleeper r = { 0 }, p = { 0 };
	unsigned int id = faxsim_pick_id();
	pthread_t tr, tp;
	int a, b;

	ASSERT_EQ(0, faxsim_new(id, 2));
	/* On hook, the lines carry no audio: read and poll sleep. */
	r.fd = a = faxsim_open_line(id, 0, O_RDWR);
	p.fd = b = faxsim_open_line(id, 1, O_RDWR);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, pthread_create(&tr, NULL, blocked_read, &r));
	ASSERT_EQ(0, pthread_create(&tp, NULL, blocked_poll, &p));
	usleep(200000);

	ASSERT_EQ(0, faxsim_del(id));
	pthread_join(tr, NULL);
	pthread_join(tp, NULL);
	EXPECT_EQ(-1, r.ret);
	EXPECT_EQ(ENODEV, r.err);
	EXPECT_EQ(1, p.ret);
	EXPECT_TRUE(p.revents & POLLHUP);
	expect_dead(_metadata, a);
	expect_dead(_metadata, b);
	EXPECT_EQ(0, close(a));
	EXPECT_EQ(0, close(b));
}

TEST(a_removed_card_in_a_call_leaves_the_far_end_hung_up)
{
	unsigned int id = faxsim_pick_id(), id2 = id + 1;
	int a, b;

	ASSERT_EQ(0, faxsim_new(id, 1));
	ASSERT_EQ(0, faxsim_new(id2, 1));
	a = faxsim_open_line(id, 0, O_RDWR);
	b = faxsim_open_line(id2, 0, O_RDWR);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, fax_call(a, b));
	ASSERT_EQ(0, faxsim_del(id));
	EXPECT_EQ(0, fax_wait_event(b, FAX_EV_REMOTE_HANGUP, 10000, NULL));
	expect_dead(_metadata, a);
	close(a);
	close(b);
	EXPECT_EQ(0, faxsim_del(id2));
}

TEST(unloading_fax_sim_with_open_files_kills_its_lines)
{
	struct sleeper r = { 0 };
	unsigned int id = faxsim_pick_id();
	char sim[PATH_MAX];
	pthread_t tr;
	int fd;

	if (faxsim_module_path(sim, sizeof(sim), "sim/fax_sim.ko"))
		SKIP(return, "not in a vmtest guest (FAXVM_BUILD/FAXVM_KERNEL unset)");
	ASSERT_EQ(0, faxsim_new(id, 2));
	r.fd = fd = faxsim_open_line(id, 0, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pthread_create(&tr, NULL, blocked_read, &r));
	usleep(100000);

	/* Open files pin faxcore, not the card driver. */
	ASSERT_EQ(0, syscall(SYS_delete_module, "fax_sim", O_NONBLOCK));
	pthread_join(tr, NULL);
	EXPECT_EQ(ENODEV, r.err);
	expect_dead(_metadata, fd);
	/* faxcore stays while the file is open, and is busy. */
	EXPECT_EQ(-1, syscall(SYS_delete_module, "faxcore", O_NONBLOCK));
	EXPECT_EQ(EWOULDBLOCK, errno);
	EXPECT_EQ(0, close(fd));
	ASSERT_EQ(0, faxsim_load_module(sim));
}

struct churn {
	unsigned int id;
	volatile bool stop;
	int opened, woken;
};

/* Open whatever line of the churning card exists and use it until it dies. */
static void *hammer(void *arg)
{
	struct churn *c = arg;
	struct pollfd p;
	int16_t buf[32];
	int fd;

	while (!c->stop) {
		fd = faxsim_open_line(c->id, rand() % 2, O_RDWR | O_NONBLOCK);
		if (fd < 0)
			continue;
		__atomic_add_fetch(&c->opened, 1, __ATOMIC_RELAXED);
		fax_set_hook(fd, true);
		for (;;) {
			p.fd = fd;
			p.events = POLLIN | POLLPRI;
			if (poll(&p, 1, 50) > 0 && (p.revents & POLLHUP)) {
				__atomic_add_fetch(&c->woken, 1, __ATOMIC_RELAXED);
				break;
			}
			if (read(fd, buf, sizeof(buf)) < 0 && errno == ENODEV)
				break;
			if (c->stop)
				break;
		}
		close(fd);
	}
	return NULL;
}

FIXTURE(loop) {
	struct churn c;
};

FIXTURE_SETUP(loop)
{
	self->c.id = faxsim_pick_id();
}

FIXTURE_TEARDOWN(loop)
{
	faxsim_del(self->c.id);
}

TEST_F_TIMEOUT(loop, new_and_del_a_thousand_times_under_readers, 600)
{
	pthread_t t[4];
	int i, err = 0;

	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, hammer, &self->c));
	for (i = 0; i < 1000 && !err; i++) {
		err = faxsim_new(self->c.id, 2);
		if (!err)
			err = faxsim_del(self->c.id);
	}
	self->c.stop = true;
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	EXPECT_EQ(0, err) {
		TH_LOG("round %d: %s", i, strerror(-err));
	}
	TH_LOG("%d opens, %d woken by HUP", self->c.opened, self->c.woken);
	EXPECT_LT(0, self->c.opened);
}

TEST_HARNESS_MAIN
