// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fax_sim's network as configured: the line model (one-way delay to the
 * sample, loss to 0.5 dB, echo level and delay, noise level) measured on
 * the audio of a call, the debugfs fault switches (drop chunks, stall the
 * clock, fail open) and the clock multiplier.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "../lib/faxnl.h"
#include "../lib/faxsim.h"

#define PERIOD	8		/* the network's own latency, samples */
#define N	4000		/* samples of test signal */

FIXTURE(sim) {
	unsigned int id;
	int a, b;
	uint32_t card;
};

FIXTURE_SETUP(sim)
{
	ASSERT_EQ(0, faxsim_new_pair(&self->id, &self->a, &self->b));
	self->card = faxsim_card_id(self->a);
}

FIXTURE_TEARDOWN(sim)
{
	EXPECT_EQ(0, faxsim_del_pair(self->id, self->a, self->b));
	faxsim_write(FAXSIM_DEBUGFS "/stall_clock", "0");
	faxsim_write(FAXSIM_DEBUGFS "/clock_mult", "1");
}

/* Raw audio both ways: no DSP stage may touch what is measured. */
static int raw_line(int fd)
{
	struct fax_params p;
	int err = fax_get_params(fd, &p);

	p.dsp = 0;
	p.buffer_ms = 2000;
	return err ? err : fax_set_params(fd, &p);
}

static double rms_db(const int16_t *x, int n)
{
	double p = 0;
	int i;

	for (i = 0; i < n; i++)
		p += (double)x[i] * x[i];
	/* dBFS: relative to the rms of a full-scale sine. */
	return 10 * log10(p / n / (32767.0 * 32767.0 / 2));
}

/*
 * a queues sig before the call, so it leaves in the period the call
 * connects; rx gets n samples of line `listener`'s stream from that
 * period on (rx_pos of its ANSWERED event).
 */
static int call_and_record(int a, int b, int listener, const int16_t *sig,
			   int16_t *rx, int n)
{
	struct fax_info bi;
	struct fax_event ev;
	int16_t skip[512];
	uint64_t left;
	size_t k;
	int err;

	err = fax_get_info(b, &bi);
	if (!err)
		err = fax_set_hook(a, true);
	if (!err)
		err = fax_wait_event(a, FAX_EV_DIALTONE, 10000, NULL);
	if (!err)
		err = fax_write_full(a, sig, N * sizeof(*sig));
	if (!err)
		err = fax_dial(a, bi.number);
	if (!err)
		err = fax_wait_event(b, FAX_EV_RING_START, 20000, NULL);
	if (!err)
		err = ioctl(b, FAX_IOC_ANSWER, 0) ? -errno : 0;
	if (!err)
		err = fax_wait_event(listener, FAX_EV_ANSWERED, 20000, &ev);
	for (left = err ? 0 : ev.rx_pos; left; left -= k) {
		k = left < 512 ? left : 512;
		err = fax_read_full(listener, skip, k * sizeof(*skip));
		if (err)
			return err;
	}
	if (!err)
		err = fax_read_full(listener, rx, n * sizeof(*rx));
	return err;
}

static void noise(int16_t *x, int n, int amp)
{
	int i;

	for (i = 0; i < n; i++)
		x[i] = (int16_t)(rand() % (2 * amp + 1) - amp);
}

/* The lag at which y best matches x, searched over 0..max. */
static int best_lag(const int16_t *x, const int16_t *y, int n, int max)
{
	double best = -1, c;
	int lag, i, at = -1;

	for (lag = 0; lag <= max; lag++) {
		c = 0;
		for (i = 0; i + lag < n && i < 1000; i++)
			c += (double)x[i] * y[i + lag];
		if (c > best) {
			best = c;
			at = lag;
		}
	}
	return at;
}

/*
 * Set the model of line `index`, send noise from a and find it in the
 * stream of `listener`: its delay in samples and how many dB it lost.
 */
static void measure_path(struct __test_metadata *_metadata,
			 FIXTURE_DATA(sim) *self, unsigned int index,
			 const struct faxnl_model *m, int listener,
			 int *lag, double *loss)
{
	static int16_t sig[N], rx[N + 800];

	ASSERT_EQ(0, faxnl_set_model(self->card, index, m));
	ASSERT_EQ(0, raw_line(self->a));
	ASSERT_EQ(0, raw_line(self->b));
	noise(sig, N, 8000);
	ASSERT_EQ(0, call_and_record(self->a, self->b, listener, sig, rx,
				     N + 800));
	*lag = best_lag(sig, rx, N, 700);
	*loss = rms_db(sig, N - 800) - rms_db(rx + *lag, N - 800);
}

TEST_F(sim, delay_and_loss_are_applied_to_the_far_end)
{
	const struct faxnl_model m = { .delay_ms = 40, .loss_db = 6 };
	double loss;
	int lag;

	measure_path(_metadata, self, 1, &m, self->b, &lag, &loss);
	TH_LOG("delay %d samples, loss %.2f dB", lag, loss);
	EXPECT_EQ(PERIOD + 40 * 8, lag);
	EXPECT_LT(fabs(loss - 6), 0.5);
}

TEST_F(sim, echo_returns_at_its_level_and_delay)
{
	const struct faxnl_model m = { .echo_loss_db = 12, .echo_delay_ms = 30 };
	double loss;
	int lag;

	measure_path(_metadata, self, 0, &m, self->a, &lag, &loss);
	TH_LOG("echo after %d samples, %.2f dB down", lag, loss);
	EXPECT_EQ(PERIOD + 30 * 8, lag);
	EXPECT_LT(fabs(loss - 12), 0.5);
}

TEST_F(sim, noise_has_its_level)
{
	const struct faxnl_model m = { .noise_db = 30 };
	static int16_t sig[N], rx[N];
	double got;

	ASSERT_EQ(0, faxnl_set_model(self->card, 1, &m));
	ASSERT_EQ(0, raw_line(self->a));
	ASSERT_EQ(0, raw_line(self->b));
	ASSERT_EQ(0, call_and_record(self->a, self->b, self->b, sig, rx, N));
	got = rms_db(rx + 100, N - 100);
	TH_LOG("noise at %.2f dBFS", got);
	EXPECT_LT(fabs(got + 30), 0.5);
}

static long long debugfs_u64(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), FAXSIM_DEBUGFS "/%s", name);
	return faxsim_read_u64(path);
}

static int dev_knob(unsigned int id, const char *knob, const char *v)
{
	char path[256];

	snprintf(path, sizeof(path), FAXSIM_DEBUGFS "/fax_sim%u/%s", id, knob);
	return faxsim_write(path, v);
}

static uint64_t rx_samples(int fd)
{
	struct fax_stats st;

	return fax_get_stats(fd, &st) ? 0 : st.rx_samples;
}

TEST_F(sim, dropped_chunks_stop_the_cards_audio)
{
	uint64_t before;

	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(0, fax_wait_event(self->a, FAX_EV_DIALTONE, 10000, NULL));
	ASSERT_EQ(0, dev_knob(self->id, "drop_chunks", "1"));
	usleep(50000);
	before = rx_samples(self->a);
	usleep(300000);
	EXPECT_EQ(before, rx_samples(self->a));
	ASSERT_EQ(0, dev_knob(self->id, "drop_chunks", "0"));
	usleep(300000);
	EXPECT_LT(before, rx_samples(self->a));
}

TEST_F(sim, a_stalled_clock_stops_time)
{
	long long periods, lost;
	uint64_t before;

	ASSERT_EQ(0, fax_set_hook(self->a, true));
	ASSERT_EQ(0, faxsim_write(FAXSIM_DEBUGFS "/stall_clock", "1"));
	usleep(50000);
	periods = debugfs_u64("periods");
	lost = debugfs_u64("lost_periods");
	before = rx_samples(self->a);
	usleep(300000);
	EXPECT_EQ(periods, debugfs_u64("periods"));
	EXPECT_LT(lost, debugfs_u64("lost_periods"));
	EXPECT_EQ(before, rx_samples(self->a));
	ASSERT_EQ(0, faxsim_write(FAXSIM_DEBUGFS "/stall_clock", "0"));
	usleep(300000);
	EXPECT_LT(periods, debugfs_u64("periods"));
	EXPECT_LT(before, rx_samples(self->a));
}

TEST_F(sim, fail_open_makes_open_fail_with_eio)
{
	struct fax_info info;
	char path[64];
	int fd;

	ASSERT_EQ(0, fax_get_info(self->a, &info));
	snprintf(path, sizeof(path), "/dev/fax%u", info.minor);
	ASSERT_EQ(0, dev_knob(self->id, "fail_open", "1"));
	EXPECT_EQ(-1, open(path, O_RDWR));
	EXPECT_EQ(EIO, errno);
	ASSERT_EQ(0, dev_knob(self->id, "fail_open", "0"));
	fd = open(path, O_RDWR);
	EXPECT_LE(0, fd);
	close(fd);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

TEST_F(sim, clock_multiplier_runs_the_network_faster)
{
	long long p0, p1, t0, t1;
	double rate;

	EXPECT_EQ(-EINVAL, faxsim_write(FAXSIM_DEBUGFS "/clock_mult", "0"));
	EXPECT_EQ(-EINVAL, faxsim_write(FAXSIM_DEBUGFS "/clock_mult", "101"));
	ASSERT_EQ(0, faxsim_write(FAXSIM_DEBUGFS "/clock_mult", "10"));
	p0 = debugfs_u64("periods");
	t0 = now_ms();
	usleep(500000);
	p1 = debugfs_u64("periods");
	t1 = now_ms();
	rate = (double)(p1 - p0) / (t1 - t0);
	TH_LOG("%.1f simulated ms per ms", rate);
	/*
	 * Loose on purpose (TCG is slow and noisy): well above real time,
	 * and never above the multiplier.
	 */
	EXPECT_LT(2, rate);
	EXPECT_GE(11, rate);
}

TEST_HARNESS_MAIN
