// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The /dev/faxN contract on fax_sim lines: open, read, write, poll,
 * O_NONBLOCK, sample formats, underruns and overruns, and a call between
 * two lines (dial tone, ringing, answer, audio both ways with the
 * network's fixed one-period latency, hang-up, busy, the caller's number).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "../lib/faxsim.h"

#define PERIOD 8	/* the network's latency in samples (one 1 ms period) */

FIXTURE(line) {
	unsigned int id;
	int a, b;
};

FIXTURE_SETUP(line)
{
	ASSERT_EQ(0, faxsim_new_pair(&self->id, &self->a, &self->b));
}

FIXTURE_TEARDOWN(line)
{
	EXPECT_EQ(0, faxsim_del_pair(self->id, self->a, self->b));
}

TEST_F(line, info_names_card_line_and_number)
{
	struct fax_info info;
	char number[FAX_NUMBER_MAX];

	ASSERT_EQ(0, fax_get_info(self->b, &info));
	EXPECT_EQ(sizeof(info), info.size);
	EXPECT_EQ(1, info.line);
	snprintf(number, sizeof(number), "%u001", self->id);
	EXPECT_STREQ(number, info.number);
	EXPECT_STREQ("fax_sim", info.driver);
	EXPECT_EQ(FAX_STATE_IDLE, info.state);
	EXPECT_EQ(0, info.offhook);
	EXPECT_TRUE(info.caps & FAX_CAP_DIAL);
	EXPECT_TRUE(info.caps & FAX_CAP_LAW);
}

TEST_F(line, idle_line_reads_nothing_and_polls_out_only)
{
	struct pollfd p = { .fd = self->a, .events = POLLIN | POLLOUT | POLLPRI };
	int16_t s[8];
	int fl = fcntl(self->a, F_GETFL);

	ASSERT_EQ(1, poll(&p, 1, 0));
	EXPECT_EQ(POLLOUT, p.revents & (POLLIN | POLLOUT | POLLPRI | POLLHUP));
	ASSERT_EQ(0, fcntl(self->a, F_SETFL, fl | O_NONBLOCK));
	EXPECT_EQ(-1, read(self->a, s, sizeof(s)));
	EXPECT_EQ(EAGAIN, errno);
}

TEST_F(line, read_shorter_than_a_sample_is_einval)
{
	char c;

	EXPECT_EQ(-1, read(self->a, &c, 1));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, offhook_raises_pri_and_queues_events_in_order)
{
	struct pollfd p = { .fd = self->a, .events = POLLPRI };
	struct fax_event ev;

	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(1, poll(&p, 1, 10000));
	EXPECT_TRUE(p.revents & POLLPRI);
	ASSERT_EQ(0, ioctl(self->a, FAX_IOC_GET_EVENT, &ev));
	EXPECT_EQ(FAX_EV_HOOK, ev.type);
	EXPECT_EQ(1, ev.value);
	EXPECT_NE(0, ev.timestamp_ns);
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_DIALTONE, 10000, &ev));
	EXPECT_EQ(1, ev.seq);
	EXPECT_EQ(-1, ioctl(self->a, FAX_IOC_GET_EVENT, &ev));
	EXPECT_EQ(EAGAIN, errno);
}

/* Dial tone: 425 Hz at -10 dBm0 (a peak of 7199) arrives once off hook. */
TEST_F(line, offhook_line_reads_dial_tone)
{
	int16_t s[800];
	int peak = 0;
	unsigned int i;

	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_DIALTONE, 10000, NULL));
	ASSERT_EQ(0, fax_read_full(self->a, s, sizeof(s)));
	/* Skip the samples from before the tone started. */
	for (i = 400; i < 800; i++)
		peak = abs(s[i]) > peak ? abs(s[i]) : peak;
	EXPECT_GE(peak, 7000);
	EXPECT_LE(peak, 7300);
}

/*
 * With rx_wake_ms set, poll reports EPOLLIN and a blocking read returns
 * only once that much audio waits, so a second of audio costs a reader
 * about 1000 / rx_wake_ms wake-ups instead of one per tick.
 */
TEST_F(line, readers_wake_once_rx_wake_ms_of_audio_waits)
{
	const unsigned int wake = 50 * 8;	/* samples in 50 ms */
	struct pollfd p = { .fd = self->a, .events = POLLIN };
	struct fax_params prm;
	unsigned int wakeups = 0, got = 0;
	int16_t s[2000];
	ssize_t n;

	ASSERT_EQ(0, fax_get_params(self->a, &prm));
	prm.rx_wake_ms = 50;
	prm.buffer_ms = 1000;
	ASSERT_EQ(0, fax_set_params(self->a, &prm));
	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_DIALTONE, 10000, NULL));

	/* A blocking read of more than the threshold returns at least it. */
	n = read(self->a, s, sizeof(s));
	ASSERT_GE(n, (ssize_t)(wake * sizeof(s[0])));

	/* Every poll wake-up finds the threshold's worth waiting. */
	while (got < 8000) {
		ASSERT_EQ(1, poll(&p, 1, 10000));
		ASSERT_TRUE(p.revents & POLLIN);
		wakeups++;
		n = read(self->a, s, sizeof(s));
		ASSERT_GE(n, (ssize_t)(wake * sizeof(s[0])));
		got += n / sizeof(s[0]);
		/* Drain what is left so the next wake-up starts from empty. */
		while (poll(&p, 1, 0) == 1 && (n = read(self->a, s, sizeof(s))) > 0)
			got += n / sizeof(s[0]);
	}
	EXPECT_LE(wakeups, 8000 / wake + 1);

	/* Back to 0: a single sample makes the line readable again. */
	prm.rx_wake_ms = 0;
	ASSERT_EQ(0, fax_set_params(self->a, &prm));
	ASSERT_EQ(1, poll(&p, 1, 10000));
	n = read(self->a, s, sizeof(s));
	EXPECT_GE(n, 2);
}

TEST_F(line, nonblocking_write_fills_the_buffer_then_eagain)
{
	struct fax_params p;
	int16_t s[1000] = { 0 };
	int fl = fcntl(self->a, F_GETFL);

	ASSERT_EQ(0, fax_get_params(self->a, &p));
	p.buffer_ms = 10;
	ASSERT_EQ(0, fax_set_params(self->a, &p));
	ASSERT_EQ(0, fcntl(self->a, F_SETFL, fl | O_NONBLOCK));
	/* On hook nothing drains the tx FIFO: 10 ms is 80 samples. */
	EXPECT_EQ(160, write(self->a, s, sizeof(s)));
	EXPECT_EQ(-1, write(self->a, s, sizeof(s)));
	EXPECT_EQ(EAGAIN, errno);
}

static void set_format(struct __test_metadata *_metadata, int fd,
		       uint32_t format)
{
	struct fax_params p;

	ASSERT_EQ(0, fax_get_params(fd, &p));
	p.format = format;
	p.buffer_ms = 2000;
	ASSERT_EQ(0, fax_set_params(fd, &p));
}

/*
 * A queues its audio before the call is up: it leaves in the period the
 * call connects, and sample k of it is sample rx_pos + PERIOD + k of B's
 * stream, rx_pos being where B's ANSWERED event happened.
 */
static void check_call_audio(struct __test_metadata *_metadata, int a, int b,
			     uint32_t format, size_t width)
{
	uint8_t out[1600], in[1600];
	struct fax_info bi;
	struct fax_event ev;
	size_t i, skip;

	set_format(_metadata, a, format);
	set_format(_metadata, b, format);
	for (i = 0; i < sizeof(out); i++) {
		out[i] = (uint8_t)(i * 37 + 11);
		if (out[i] == 0x7f)	/* mu-law's negative zero reads back as 0xff */
			out[i] = 0x7d;
	}
	ASSERT_EQ(0, fax_get_info(b, &bi));
	ASSERT_EQ(0, fax_set_hook(a, true));
	ASSERT_EQ(0, fax_wait_event(a, FAX_EV_DIALTONE, 10000, NULL));
	ASSERT_EQ(0, fax_write_full(a, out, sizeof(out)));
	ASSERT_EQ(0, fax_dial(a, bi.number));
	ASSERT_EQ(0, fax_wait_event(a, FAX_EV_DIALED, 20000, NULL));
	ASSERT_EQ(0, fax_wait_event(a, FAX_EV_RINGBACK, 20000, NULL));
	ASSERT_EQ(0, fax_wait_event(b, FAX_EV_RING_START, 20000, NULL));
	ASSERT_EQ(0, ioctl(b, FAX_IOC_ANSWER, 0));
	ASSERT_EQ(0, fax_wait_event(b, FAX_EV_ANSWERED, 20000, &ev));
	ASSERT_EQ(0, fax_wait_event(a, FAX_EV_ANSWERED, 20000, NULL));

	for (skip = (ev.rx_pos + PERIOD) * width; skip; skip -= i) {
		i = skip < sizeof(in) ? skip : sizeof(in);
		ASSERT_EQ(0, fax_read_full(b, in, i));
	}
	ASSERT_EQ(0, fax_read_full(b, in, sizeof(in)));
	EXPECT_EQ(0, memcmp(in, out, sizeof(out)));
}

TEST_F(line, call_carries_alaw_bytes_unchanged)
{
	check_call_audio(_metadata, self->a, self->b, FAX_FMT_ALAW, 1);
}

TEST_F(line, call_carries_ulaw_bytes_unchanged)
{
	check_call_audio(_metadata, self->a, self->b, FAX_FMT_ULAW, 1);
}

TEST_F(line, call_carries_linear_samples_unchanged)
{
	check_call_audio(_metadata, self->a, self->b, FAX_FMT_S16LE, 2);
}

TEST_F(line, hangup_reaches_the_far_end)
{
	struct fax_info info;

	ASSERT_EQ(0, fax_call(self->a, self->b));
	ASSERT_EQ(0, ioctl(self->a, FAX_IOC_HANGUP, 0));
	ASSERT_EQ(0, fax_wait_event(self->b, FAX_EV_REMOTE_HANGUP, 20000, NULL));
	ASSERT_EQ(0, fax_get_info(self->b, &info));
	EXPECT_EQ(FAX_STATE_DISCONNECTED, info.state);
	ASSERT_EQ(0, fax_get_info(self->a, &info));
	EXPECT_EQ(FAX_STATE_IDLE, info.state);
}

TEST_F(line, caller_hanging_up_stops_the_ringing)
{
	struct fax_info ai, bi, info;

	ASSERT_EQ(0, fax_get_info(self->a, &ai));
	ASSERT_EQ(0, fax_get_info(self->b, &bi));
	EXPECT_STREQ("", bi.caller);
	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_DIALTONE, 10000, NULL));
	ASSERT_EQ(0, fax_dial(self->a, bi.number));
	ASSERT_EQ(0, fax_wait_event(self->b, FAX_EV_RING_START, 20000, NULL));
	/* The ringing line shows who calls; the caller's own line does not. */
	ASSERT_EQ(0, fax_get_info(self->b, &info));
	EXPECT_STREQ(ai.number, info.caller);
	ASSERT_EQ(0, fax_get_info(self->a, &info));
	EXPECT_STREQ("", info.caller);
	ASSERT_EQ(0, fax_set_hook(self->a, false));
	ASSERT_EQ(0, fax_wait_event(self->b, FAX_EV_REMOTE_HANGUP, 20000, NULL));
	ASSERT_EQ(0, fax_get_info(self->b, &info));
	EXPECT_EQ(FAX_STATE_IDLE, info.state);
	EXPECT_STREQ("", info.caller);
}

TEST_F(line, the_caller_stays_known_for_the_call_and_goes_with_it)
{
	struct fax_info ai, info;

	ASSERT_EQ(0, fax_get_info(self->a, &ai));
	ASSERT_EQ(0, fax_call(self->a, self->b));
	ASSERT_EQ(0, fax_get_info(self->b, &info));
	EXPECT_EQ(FAX_STATE_CONNECTED, info.state);
	EXPECT_STREQ(ai.number, info.caller);
	ASSERT_EQ(0, fax_set_hook(self->b, false));
	ASSERT_EQ(0, fax_get_info(self->b, &info));
	EXPECT_STREQ("", info.caller);
}

TEST_F(line, calling_an_offhook_line_is_busy)
{
	struct fax_info bi, info;

	ASSERT_EQ(0, fax_get_info(self->b, &bi));
	ASSERT_EQ(0, fax_set_hook(self->b, true));
	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_DIALTONE, 10000, NULL));
	ASSERT_EQ(0, fax_dial(self->a, bi.number));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_BUSY, 20000, NULL));
	ASSERT_EQ(0, fax_get_info(self->a, &info));
	EXPECT_EQ(FAX_STATE_BUSY, info.state);
}

TEST_F(line, calling_an_unknown_number_is_busy)
{
	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_DIALTONE, 10000, NULL));
	ASSERT_EQ(0, fax_dial(self->a, "999999999"));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_BUSY, 30000, NULL));
}

TEST_F(line, writer_falling_behind_is_an_underrun)
{
	struct fax_stats st;
	int16_t s[80] = { 1000 };

	ASSERT_EQ(0, fax_call(self->a, self->b));
	ASSERT_EQ((ssize_t)sizeof(s), write(self->a, s, sizeof(s)));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_UNDERRUN, 10000, NULL));
	ASSERT_EQ(0, fax_get_stats(self->a, &st));
	EXPECT_EQ(1, st.tx_underruns);
	EXPECT_EQ(80, st.tx_samples);
}

TEST_F(line, reader_falling_behind_is_an_overrun)
{
	struct fax_params p;
	struct fax_stats st;
	int16_t s[80];

	ASSERT_EQ(0, fax_get_params(self->a, &p));
	p.buffer_ms = 10;
	ASSERT_EQ(0, fax_set_params(self->a, &p));
	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_OVERRUN, 10000, NULL));
	ASSERT_EQ(0, fax_get_stats(self->a, &st));
	EXPECT_LT(0, st.rx_overruns);
	EXPECT_EQ(80, st.rx_samples);
	ASSERT_EQ(0, fax_read_full(self->a, s, sizeof(s)));
}

TEST_HARNESS_MAIN
