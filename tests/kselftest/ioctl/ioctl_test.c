// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every ioctl of /dev/faxN with good and bad arguments: unknown commands,
 * short and long sizes (copy_struct_from_user semantics), non-zero flags
 * and reserved fields, out-of-range values, bad pointers, and calls made
 * in the wrong line state.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "../lib/faxsim.h"

FIXTURE(ioc) {
	unsigned int id;
	int fd;
};

FIXTURE_SETUP(ioc)
{
	self->id = faxsim_pick_id();
	ASSERT_EQ(0, faxsim_new(self->id, 1));
	self->fd = faxsim_open_line(self->id, 0, O_RDWR);
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(ioc)
{
	close(self->fd);
	EXPECT_EQ(0, faxsim_del(self->id));
}

static int ioc(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

TEST_F(ioc, unknown_commands_are_enotty)
{
	char buf[64] = { 0 };

	EXPECT_EQ(ENOTTY, ioc(self->fd, _IO(FAX_IOC_MAGIC, 0x7f), NULL));
	EXPECT_EQ(ENOTTY, ioc(self->fd, _IOR(FAX_IOC_MAGIC, 0x00, buf), buf));
	EXPECT_EQ(ENOTTY, ioc(self->fd, _IO('T', 0x01), NULL));
	EXPECT_EQ(ENOTTY, ioc(self->fd, FAX_IOC_GET_INFO + 1, buf));
}

TEST_F(ioc, get_info_with_a_short_size_is_einval)
{
	struct fax_info info = { .size = 4 };

	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_GET_INFO, &info));
	info.size = 0;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_GET_INFO, &info));
}

TEST_F(ioc, get_info_with_a_longer_size_fills_what_the_kernel_knows)
{
	struct {
		struct fax_info info;
		uint8_t more[24];
	} big;

	memset(&big, 0xab, sizeof(big));
	big.info.size = sizeof(big);
	ASSERT_EQ(0, ioc(self->fd, FAX_IOC_GET_INFO, &big));
	EXPECT_EQ(sizeof(struct fax_info), big.info.size);
	EXPECT_STREQ("fax_sim", big.info.driver);
	EXPECT_EQ(0xab, big.more[0]);
}

/* A program built before fax_info grew the caller field still works. */
TEST_F(ioc, get_info_of_the_first_version_gets_the_first_version)
{
	const size_t v1 = offsetof(struct fax_info, caller);
	struct fax_info info;
	unsigned int cmd = _IOWR(FAX_IOC_MAGIC, 0x00, char[offsetof(struct fax_info, caller)]);

	ASSERT_NE(FAX_IOC_GET_INFO, cmd);
	memset(&info, 0xab, sizeof(info));
	info.size = v1;
	ASSERT_EQ(0, ioc(self->fd, cmd, &info));
	EXPECT_EQ(v1, info.size);
	EXPECT_STREQ("fax_sim", info.driver);
	EXPECT_EQ(0xab, (uint8_t)info.caller[0]);
}

TEST_F(ioc, bad_pointer_is_efault)
{
	EXPECT_EQ(EFAULT, ioc(self->fd, FAX_IOC_GET_INFO, (void *)8));
	EXPECT_EQ(EFAULT, ioc(self->fd, FAX_IOC_SET_PARAMS, (void *)8));
	/* With an event pending, so the kernel has something to copy. */
	ASSERT_EQ(0, fax_set_hook(self->fd, true));
	EXPECT_EQ(EFAULT, ioc(self->fd, FAX_IOC_GET_EVENT, (void *)8));
}

TEST_F(ioc, params_round_trip)
{
	struct fax_params p, q;

	ASSERT_EQ(0, fax_get_params(self->fd, &p));
	EXPECT_EQ(FAX_FMT_S16LE, p.format);
	EXPECT_EQ(FAX_BUFFER_DEFAULT_MS, p.buffer_ms);
	EXPECT_EQ(FAX_DSP_DEFAULT, p.dsp);
	EXPECT_EQ(FAX_EC_TAIL_DEFAULT_MS, p.ec_tail_ms);
	EXPECT_EQ(0, p.rx_wake_ms);
	p.format = FAX_FMT_ULAW;
	p.rx_gain = -6;
	p.tx_gain = 3;
	p.buffer_ms = 500;
	p.dsp = FAX_DSP_ECHO_CANCEL | FAX_DSP_EC_NLP;
	p.ec_tail_ms = 128;
	p.rx_wake_ms = 40;
	ASSERT_EQ(0, fax_set_params(self->fd, &p));
	ASSERT_EQ(0, fax_get_params(self->fd, &q));
	EXPECT_EQ(0, memcmp(&p, &q, sizeof(p)));
}

TEST_F(ioc, an_echo_tail_of_zero_picks_the_default)
{
	struct fax_params p;

	ASSERT_EQ(0, fax_get_params(self->fd, &p));
	p.ec_tail_ms = 16;
	ASSERT_EQ(0, fax_set_params(self->fd, &p));
	p.ec_tail_ms = 0;
	ASSERT_EQ(0, fax_set_params(self->fd, &p));
	ASSERT_EQ(0, fax_get_params(self->fd, &p));
	EXPECT_EQ(FAX_EC_TAIL_DEFAULT_MS, p.ec_tail_ms);
}

TEST_F(ioc, set_params_rejects_bad_values)
{
	struct fax_params good, p;

	ASSERT_EQ(0, fax_get_params(self->fd, &good));
	p = good; p.flags = 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.reserved[2] = 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.ec_tail_ms = FAX_EC_TAIL_MAX_MS + 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.format = 3;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.rx_gain = FAX_GAIN_MIN - 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.tx_gain = FAX_GAIN_MAX + 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.buffer_ms = FAX_BUFFER_MIN_MS - 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.buffer_ms = FAX_BUFFER_MAX_MS + 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.dsp = 0x80;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	p = good; p.rx_wake_ms = FAX_BUFFER_MAX_MS + 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
	/* Nothing of the rejected calls stuck. */
	ASSERT_EQ(0, fax_get_params(self->fd, &p));
	EXPECT_EQ(0, memcmp(&good, &p, sizeof(p)));
}

TEST_F(ioc, set_params_size_semantics)
{
	struct {
		struct fax_params p;
		uint32_t more[4];
	} big;
	struct fax_params p;

	ASSERT_EQ(0, fax_get_params(self->fd, &big.p));
	memset(big.more, 0, sizeof(big.more));
	big.p.size = sizeof(big);
	EXPECT_EQ(0, ioc(self->fd, FAX_IOC_SET_PARAMS, &big));
	big.more[3] = 1;
	EXPECT_EQ(E2BIG, ioc(self->fd, FAX_IOC_SET_PARAMS, &big));
	/* Shorter than the last mandatory field. */
	ASSERT_EQ(0, fax_get_params(self->fd, &p));
	p.size = offsetof(struct fax_params, dsp);
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_SET_PARAMS, &p));
}

TEST_F(ioc, hook_rejects_bad_values_and_is_idempotent)
{
	struct fax_hook h = { .size = sizeof(h), .offhook = 2 };
	struct fax_info info;

	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_HOOK, &h));
	h.offhook = 1;
	h.flags = 4;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_HOOK, &h));
	h.flags = 0;
	h.reserved = 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_HOOK, &h));
	h.reserved = 0;
	EXPECT_EQ(0, ioc(self->fd, FAX_IOC_HOOK, &h));
	EXPECT_EQ(0, ioc(self->fd, FAX_IOC_HOOK, &h));
	ASSERT_EQ(0, fax_get_info(self->fd, &info));
	EXPECT_EQ(1, info.offhook);
	EXPECT_EQ(0, ioctl(self->fd, FAX_IOC_HANGUP, 0));
	EXPECT_EQ(0, ioctl(self->fd, FAX_IOC_HANGUP, 0));
	ASSERT_EQ(0, fax_get_info(self->fd, &info));
	EXPECT_EQ(0, info.offhook);
	EXPECT_EQ(FAX_STATE_IDLE, info.state);
}

TEST_F(ioc, dial_rejects_bad_strings)
{
	struct fax_dial d = { .size = sizeof(d) };

	ASSERT_EQ(0, fax_set_hook(self->fd, true));
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_DIAL, &d));	/* empty */
	strcpy(d.digits, "12x4");
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_DIAL, &d));
	memset(d.digits, '1', sizeof(d.digits));		/* no NUL */
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_DIAL, &d));
	strcpy(d.digits, "123");
	d.flags = 1;
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_DIAL, &d));
}

TEST_F(ioc, dial_needs_the_line_off_hook_and_idle)
{
	ASSERT_EQ(-ENOTCONN, fax_dial(self->fd, "123"));
	ASSERT_EQ(0, fax_set_hook(self->fd, true));
	ASSERT_EQ(0, fax_wait_event(self->fd, FAX_EV_DIALTONE, 10000, NULL));
	ASSERT_EQ(0, fax_dial(self->fd, "1,2"));
	EXPECT_EQ(-EBUSY, fax_dial(self->fd, "3"));
}

TEST_F(ioc, answer_needs_a_ringing_line_and_no_argument)
{
	EXPECT_EQ(ENOENT, ioc(self->fd, FAX_IOC_ANSWER, NULL));
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_ANSWER, (void *)1));
	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_HANGUP, (void *)1));
}

TEST_F(ioc, get_event_on_an_empty_queue_is_eagain)
{
	struct fax_event ev;

	EXPECT_EQ(EAGAIN, ioc(self->fd, FAX_IOC_GET_EVENT, &ev));
}

TEST_F(ioc, event_queue_overflow_drops_the_oldest_and_counts)
{
	struct fax_event ev;
	struct fax_stats st;
	int i, n = 0;

	/* Each hook change queues one event; 100 exceed the queue. */
	for (i = 0; i < 100; i++)
		ASSERT_EQ(0, fax_set_hook(self->fd, i % 2 == 0));
	while (ioc(self->fd, FAX_IOC_GET_EVENT, &ev) == 0)
		n++;
	ASSERT_EQ(0, fax_get_stats(self->fd, &st));
	EXPECT_LE(100, st.events);
	EXPECT_EQ(st.events - 64, st.events_lost);
	EXPECT_EQ(64, n);
	EXPECT_EQ(st.events - 1, ev.seq);
}

TEST_F(ioc, stats_size_semantics)
{
	struct fax_stats st = { .size = offsetof(struct fax_stats, events) };

	EXPECT_EQ(EINVAL, ioc(self->fd, FAX_IOC_GET_STATS, &st));
	st.size = sizeof(st);
	EXPECT_EQ(0, ioc(self->fd, FAX_IOC_GET_STATS, &st));
	EXPECT_EQ(sizeof(st), st.size);
}

TEST_HARNESS_MAIN
