// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The loopback pair behaves like two phones on one exchange: dialling,
 * ringing, answering, hanging up, audio through the line model, and the
 * underrun/overrun accounting of its sample clock, and a real-time clock
 * run faster than the wall clock.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "helpers.h"

static int next_event(fax_line_t *l, struct fax_line_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	return fax_line_next_event(l, ev) > 0 ? (int)ev->type : FAX_LINE_EV_NONE;
}

FIXTURE(pair) {
	fax_loopback_t *lb;
	fax_line_t *a;
	fax_line_t *b;
};

FIXTURE_VARIANT(pair) {
	uint32_t delay_ms;
	uint32_t loss_db;
};
FIXTURE_VARIANT_ADD(pair, plain) { .delay_ms = 0 };
FIXTURE_VARIANT_ADD(pair, delay_150ms_loss_6db) { .delay_ms = 150, .loss_db = 6 };

FIXTURE_SETUP(pair)
{
	struct fax_loopback_config cfg = {
		.size = sizeof(cfg),
		.model = { .delay_ms = variant->delay_ms, .attenuation_db = variant->loss_db },
	};

	ASSERT_EQ(0, fax_loopback_new(&cfg, &self->lb, NULL));
	self->a = fax_loopback_line(self->lb, 0);
	self->b = fax_loopback_line(self->lb, 1);
	ASSERT_NE(NULL, self->a);
	ASSERT_EQ(NULL, fax_loopback_line(self->lb, 2));
}

FIXTURE_TEARDOWN(pair)
{
	fax_loopback_free(self->lb);
}

static void connect_pair(struct __test_metadata *_metadata, FIXTURE_DATA(pair) *self)
{
	struct fax_line_event ev;

	ASSERT_EQ(0, fax_line_offhook(self->a));
	ASSERT_EQ(0, fax_line_dial(self->a, "101"));
	ASSERT_EQ(0, fax_line_answer(self->b));
	while (next_event(self->a, &ev) != FAX_LINE_EV_NONE)
		;
	while (next_event(self->b, &ev) != FAX_LINE_EV_NONE)
		;
}

TEST_F(pair, dial_rings_until_answered_then_both_connect)
{
	struct fax_line_event ev;

	EXPECT_EQ(FAX_LINE_ONHOOK, fax_line_get_state(self->a));
	EXPECT_EQ(-ENOTCONN, fax_line_answer(self->b));
	ASSERT_EQ(0, fax_line_offhook(self->a));
	EXPECT_EQ(-EINVAL, fax_line_dial(self->a, "12a"));
	ASSERT_EQ(0, fax_line_dial(self->a, "101"));
	EXPECT_EQ(FAX_LINE_EV_ALERTING, next_event(self->a, &ev));
	EXPECT_EQ(FAX_LINE_ALERTING, fax_line_get_state(self->a));
	EXPECT_EQ(FAX_LINE_RINGING, fax_line_get_state(self->b));
	ASSERT_EQ(FAX_LINE_EV_RING, next_event(self->b, &ev));
	EXPECT_EQ(1, ev.rings);
	EXPECT_STREQ("100", ev.number);
	EXPECT_EQ(FAX_LINE_EV_NONE, next_event(self->b, &ev));
	/* The default cadence: one ring every 6 s of line time. */
	ASSERT_EQ(0, fax_loopback_advance(self->lb, 6 * 8000));
	ASSERT_EQ(FAX_LINE_EV_RING, next_event(self->b, &ev));
	EXPECT_EQ(2, ev.rings);
	EXPECT_EQ(6 * 8000, ev.time);
	ASSERT_EQ(0, fax_line_answer(self->b));
	EXPECT_EQ(FAX_LINE_EV_CONNECTED, next_event(self->a, &ev));
	EXPECT_EQ(FAX_LINE_EV_CONNECTED, next_event(self->b, &ev));
	EXPECT_EQ(FAX_LINE_CONNECTED, fax_line_get_state(self->a));
	EXPECT_EQ(FAX_LINE_CONNECTED, fax_line_get_state(self->b));
	EXPECT_EQ(-EBUSY, fax_line_dial(self->a, "101"));
}

TEST_F(pair, wrong_number_is_unreachable_and_busy_line_is_busy)
{
	struct fax_line_event ev;

	ASSERT_EQ(0, fax_line_offhook(self->a));
	ASSERT_EQ(0, fax_line_dial(self->a, "999"));
	ASSERT_EQ(FAX_LINE_EV_UNREACHABLE, next_event(self->a, &ev));
	EXPECT_STREQ("999", ev.number);
	EXPECT_EQ(FAX_LINE_ONHOOK, fax_line_get_state(self->b));
	ASSERT_EQ(0, fax_line_offhook(self->b));
	ASSERT_EQ(0, fax_line_dial(self->a, "101"));
	EXPECT_EQ(FAX_LINE_EV_BUSY, next_event(self->a, &ev));
	EXPECT_EQ(FAX_LINE_OFFHOOK, fax_line_get_state(self->b));
}

TEST_F(pair, caller_giving_up_stops_the_ringing)
{
	struct fax_line_event ev;

	ASSERT_EQ(0, fax_line_offhook(self->a));
	ASSERT_EQ(0, fax_line_dial(self->a, "101"));
	ASSERT_EQ(FAX_LINE_EV_RING, next_event(self->b, &ev));
	ASSERT_EQ(0, fax_line_hangup(self->a));
	EXPECT_EQ(FAX_LINE_EV_RING_END, next_event(self->b, &ev));
	EXPECT_EQ(FAX_LINE_ONHOOK, fax_line_get_state(self->b));
	EXPECT_EQ(-ENOTCONN, fax_line_answer(self->b));
}

TEST_F(pair, far_hangup_is_reported_and_audio_stops)
{
	struct fax_line_event ev;
	int16_t buf[160] = { 1000 };

	connect_pair(_metadata, self);
	ASSERT_EQ(0, fax_line_hangup(self->b));
	EXPECT_EQ(FAX_LINE_EV_FAR_HANGUP, next_event(self->a, &ev));
	EXPECT_EQ(FAX_LINE_FAR_HUNGUP, fax_line_get_state(self->a));
	EXPECT_EQ(FAX_LINE_ONHOOK, fax_line_get_state(self->b));
	EXPECT_EQ(-ENOTCONN, fax_line_write(self->b, buf, 160));
	EXPECT_EQ(-EAGAIN, fax_line_read(self->b, buf, 160));
}

TEST_F(pair, audio_crosses_with_the_model_delay_and_loss)
{
	int16_t out[160] = { 0 }, in[8000];
	size_t total = 0;
	ssize_t n;
	int at = -1;
	double gain = pow(10.0, -(double)variant->loss_db / 20.0);

	connect_pair(_metadata, self);
	out[0] = 16000;
	ASSERT_EQ(160, fax_line_write(self->a, out, 160));
	EXPECT_EQ(160, fax_line_tx_fill(self->a));
	ASSERT_EQ(0, fax_loopback_advance(self->lb, 4000));
	EXPECT_EQ(0, fax_line_tx_fill(self->a));
	while ((n = fax_line_read(self->b, in + total, 8000 - total)) > 0)
		total += (size_t)n;
	ASSERT_EQ(4000, total);
	for (size_t i = 0; i < total; i++)
		if (in[i] && at < 0)
			at = (int)i;
	EXPECT_EQ((int)variant->delay_ms * 8, at);
	ASSERT_GE(at, 0);
	EXPECT_EQ((int16_t)lrint(16000 * gain), in[at]);
}

TEST_F(pair, starved_transmitter_counts_underruns)
{
	int16_t out[160] = { 0 };
	struct fax_line_stats st;

	connect_pair(_metadata, self);
	/* Before the user ever writes, silence is not an underrun. */
	ASSERT_EQ(0, fax_loopback_advance(self->lb, 800));
	ASSERT_EQ(0, fax_line_get_stats(self->a, &st));
	EXPECT_EQ(0, st.underruns);
	ASSERT_EQ(160, fax_line_write(self->a, out, 160));
	ASSERT_EQ(0, fax_loopback_advance(self->lb, 800));
	ASSERT_EQ(0, fax_line_get_stats(self->a, &st));
	EXPECT_EQ(4, st.underruns);		/* four 20 ms blocks found it empty */
	EXPECT_EQ(640, st.underrun_samples);
	EXPECT_EQ(1600, st.tx_samples);
}

TEST_F(pair, unread_audio_counts_overruns)
{
	struct fax_line_stats st;

	connect_pair(_metadata, self);
	/* The receive queue holds 2 s by default; 3 s arrive unread. */
	ASSERT_EQ(0, fax_loopback_advance(self->lb, 3 * 8000));
	ASSERT_EQ(0, fax_line_get_stats(self->b, &st));
	EXPECT_GT(st.overruns, 0);
	EXPECT_EQ(8000, st.overrun_samples);
	EXPECT_EQ(16000, st.rx_samples);
}

TEST_F(pair, virtual_fd_is_readable_exactly_while_audio_waits)
{
	struct pollfd p = { .fd = fax_line_get_fd(self->b), .events = POLLIN };
	int16_t in[4000];

	ASSERT_GE(p.fd, 0);
	connect_pair(_metadata, self);
	EXPECT_EQ(0, poll(&p, 1, 0));
	ASSERT_EQ(0, fax_loopback_advance(self->lb, 320));
	EXPECT_EQ(1, poll(&p, 1, 0));
	EXPECT_EQ(320, fax_line_read(self->b, in, 4000));
	EXPECT_EQ(0, poll(&p, 1, 0));
}

TEST(noise_reaches_the_far_line_at_its_level)
{
	struct fax_loopback_config cfg = {
		.size = sizeof(cfg), .model = { .noise_dbm0 = -30, .seed = 7 },
	};
	fax_loopback_t *lb;
	fax_line_t *a, *b;
	int16_t in[8000];
	double sum = 0;
	ssize_t n;

	ASSERT_EQ(0, fax_loopback_new(&cfg, &lb, NULL));
	a = fax_loopback_line(lb, 0);
	b = fax_loopback_line(lb, 1);
	ASSERT_EQ(0, fax_line_offhook(a));
	ASSERT_EQ(0, fax_line_dial(a, "101"));
	ASSERT_EQ(0, fax_line_answer(b));
	ASSERT_EQ(0, fax_loopback_advance(lb, 8000));
	n = fax_line_read(b, in, 8000);
	ASSERT_EQ(8000, n);
	for (int i = 0; i < n; i++)
		sum += (double)in[i] * in[i];
	/* -30 dBm0 is an RMS of about 500 on the 16-bit scale. */
	EXPECT_GT(sqrt(sum / n), 250);
	EXPECT_LT(sqrt(sum / n), 1000);
	fax_loopback_free(lb);
}

TEST(bad_configuration_is_refused_with_a_reason)
{
	struct fax_loopback_config cfg = { .size = sizeof(cfg) };
	fax_loopback_t *lb = NULL;
	fax_error_t err = { 0 };

	cfg.model.delay_ms = 2000;
	EXPECT_EQ(-EINVAL, fax_loopback_new(&cfg, &lb, &err));
	EXPECT_NE(NULL, strstr(err.message, "delay"));
	fax_error_clear(&err);
	cfg.model.delay_ms = 0;
	cfg.model.noise_dbm0 = -5;
	EXPECT_EQ(-EINVAL, fax_loopback_new(&cfg, &lb, &err));
	EXPECT_NE(NULL, strstr(err.message, "noise"));
	fax_error_clear(&err);
	cfg.model.noise_dbm0 = 0;
	cfg.numbers[0] = cfg.numbers[1] = "200";
	EXPECT_EQ(-EINVAL, fax_loopback_new(&cfg, &lb, &err));
	EXPECT_NE(NULL, strstr(err.message, "200"));
	cfg.numbers[1] = "20x";
	EXPECT_EQ(-EINVAL, fax_loopback_new(&cfg, &lb, NULL));
	cfg.size = 4;
	EXPECT_EQ(-EINVAL, fax_loopback_new(&cfg, &lb, NULL));
	EXPECT_EQ(NULL, lb);
}

TEST(realtime_pair_ticks_its_fd_and_moves_its_clock)
{
	struct fax_loopback_config cfg = {
		.size = sizeof(cfg), .clock = FAX_LOOPBACK_CLOCK_REALTIME, .tick_ms = 20,
	};
	fax_loopback_t *lb;
	struct pollfd p = { .events = POLLIN };

	ASSERT_EQ(0, fax_loopback_new(&cfg, &lb, NULL));
	p.fd = fax_line_get_fd(fax_loopback_line(lb, 0));
	ASSERT_GE(p.fd, 0);
	EXPECT_EQ(-EPERM, fax_loopback_advance(lb, 160));
	ASSERT_EQ(1, poll(&p, 1, 5000));
	/* The timerfd fired after one 20 ms tick: the clock has moved with it. */
	EXPECT_GE(fax_line_get_clock(fax_loopback_line(lb, 0)), 160);
	fax_loopback_free(lb);
}

TEST(a_speed_out_of_range_or_on_a_virtual_clock_is_refused)
{
	struct fax_loopback_config cfg = {
		.size = sizeof(cfg), .clock = FAX_LOOPBACK_CLOCK_REALTIME,
		.speed = FAX_LOOPBACK_SPEED_MAX + 1,
	};
	fax_loopback_t *lb = NULL;
	fax_error_t err = { 0 };

	EXPECT_EQ(-EINVAL, fax_loopback_new(&cfg, &lb, &err));
	EXPECT_NE(NULL, strstr(err.message, "speed 33 is out of range (1..32)")) TH_LOG("%s", err.message);
	EXPECT_EQ(NULL, lb);
	fax_error_clear(&err);
	cfg.clock = FAX_LOOPBACK_CLOCK_VIRTUAL;
	cfg.speed = 2;
	EXPECT_EQ(-EINVAL, fax_loopback_new(&cfg, &lb, &err));
	EXPECT_NE(NULL, strstr(err.message, "real-time clock")) TH_LOG("%s", err.message);
	fax_error_clear(&err);
	/* A caller built before the field existed: its size ends at @model,
	 * and whatever follows in its memory is not read. */
	cfg.speed = 999;
	cfg.size = offsetof(struct fax_loopback_config, speed);
	ASSERT_EQ(0, fax_loopback_new(&cfg, &lb, &err)) TH_LOG("%s", err.message);
	fax_loopback_free(lb);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

TEST(a_fast_pair_carries_speed_times_the_samples_of_its_wall_time)
{
	struct fax_loopback_config cfg = {
		.size = sizeof(cfg), .clock = FAX_LOOPBACK_CLOCK_REALTIME, .tick_ms = 1000,
		.speed = 32,
	};
	struct pollfd p = { .events = POLLIN };
	uint64_t t0, t1, clock;
	fax_loopback_t *lb;

	t0 = now_ns();
	ASSERT_EQ(0, fax_loopback_new(&cfg, &lb, NULL));
	/* A tick still carries tick_ms of samples: the timerfd fires after
	 * 1000/32 ms of wall time, by which the clock holds a second of them. */
	p.fd = fax_line_get_fd(fax_loopback_line(lb, 0));
	ASSERT_EQ(1, poll(&p, 1, 10000));
	EXPECT_LE(FAX_LINE_RATE, fax_line_get_clock(fax_loopback_line(lb, 0)));
	usleep(200 * 1000);
	clock = fax_line_get_clock(fax_loopback_line(lb, 0));
	t1 = now_ns();
	/* Bounds that hold however the machine schedules us: never more than
	 * 32 times the wall time that passed, and more than real time alone
	 * could carry in it (that would need 6 s of stall around a 0.2 s sleep). */
	EXPECT_GE((t1 - t0) * 32 / (1000000000ull / FAX_LINE_RATE), clock);
	EXPECT_LT((t1 - t0) / (1000000000ull / FAX_LINE_RATE), clock);
	fax_loopback_free(lb);
}

TEST_HARNESS_MAIN
