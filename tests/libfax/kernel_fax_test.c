// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whole faxes between two fax_sim lines through libfax's kernel backend
 * (run in the VM): line 0 dials line 1 and sends three ITU chart pages
 * with V.17 and ECM; line 1 answers on the first ring and receives. The
 * received pages must equal the sent ones pixel for pixel, over a clean
 * line and over lines with delay, echo and noise.
 *
 * fax_sim's clock runs CLOCK_MULT times faster than real time (the
 * environment's FAX_CLOCK_MULT overrides it) so the suite stays short; the
 * sessions still run from the line's sample clock.
 * Timing is never asserted; the wall-clock limit only stops a hung test.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <spandsp.h>

#include "harness.h"
#include "helpers.h"
#include "sim.h"

#define CLOCK_MULT	2
#define WALL_LIMIT_S	240
#define PREBUFFER_MS	500	/* of line time: covers the VM's wake-up jitter */

FIXTURE(kfax) {
	struct sim s;
	char dir[256], tx[300], rx[300];
	fax_line_t *line[2];
	fax_session_t *sess[2];
	struct fax_session_result res[2];
	struct fax_line_stats stats[2];
	int rings;
};

FIXTURE_SETUP(kfax)
{
	static const int charts[] = { 1, 2, 3 };
	struct fax_kernel_line_options lo = { .size = sizeof(lo), .buffer_ms = 2000,
					      .set_dsp = true, .dsp = 0x01 };
	fax_error_t err = { 0 };

	if (!test_chart_dir())
		SKIP(return, "ITU test charts not found (set FAX_TESTDATA)");
	ASSERT_EQ(0, tmpdir_make(self->dir, sizeof(self->dir)));
	snprintf(self->tx, sizeof(self->tx), "%s/send.tif", self->dir);
	snprintf(self->rx, sizeof(self->rx), "%s/recv.tif", self->dir);
	ASSERT_EQ(0, write_chart_tiff(self->tx, charts, 3, true, CODING_MMR));
	ASSERT_EQ(0, sim_new(&self->s, 2));
	ASSERT_EQ(0, sim_clock_mult(getenv("FAX_CLOCK_MULT") ?
				    (unsigned int)atoi(getenv("FAX_CLOCK_MULT")) : CLOCK_MULT));
	/* The echo canceller (FAX_DSP_ECHO_CANCEL) on, the detectors off. */
	for (int i = 0; i < 2; i++)
		ASSERT_EQ(0, fax_kernel_line_open(self->s.path[i], &lo, &self->line[i], &err)) {
			TH_LOG("%s", err.message);
		}
}

FIXTURE_TEARDOWN(kfax)
{
	for (int i = 0; i < 2; i++) {
		fax_session_free(self->sess[i]);
		fax_line_free(self->line[i]);
	}
	if (self->s.k) {
		sim_clock_mult(1);
		sim_del(&self->s);
	}
	if (self->dir[0])
		tmpdir_remove(self->dir);
}

static void options(struct fax_session_options *o, bool send, const char *file)
{
	memset(o, 0, sizeof(*o));
	o->size = sizeof(*o);
	o->direction = send ? FAX_SEND : FAX_RECEIVE;
	o->calling = send;
	o->file = file;
	o->ident = send ? "+49 30 1111" : "+49 30 2222";
	o->modems = FAX_MODEM_V17;
	o->ecm = true;
	o->prebuffer_ms = PREBUFFER_MS;
}

/* Line 1 waits for the ring, answers and starts receiving: 0 or -errno. */
static int answer_if_ringing(FIXTURE_DATA(kfax) *self)
{
	struct fax_session_options rx;
	struct fax_line_event ev;
	int r;

	while (fax_line_next_event(self->line[1], &ev) > 0) {
		if (ev.type != FAX_LINE_EV_RING)
			continue;
		self->rings = (int)ev.rings;
		options(&rx, false, self->rx);
		r = fax_line_answer(self->line[1]);
		if (r == 0)
			r = fax_session_new(self->line[1], &rx, &self->sess[1], NULL);
		return r;
	}
	return 0;
}

static int step(FIXTURE_DATA(kfax) *self, bool done[2])
{
	for (int i = 0; i < 2; i++) {
		int r;

		if (done[i] || !self->sess[i])
			continue;
		r = fax_session_process(self->sess[i]);
		if (r < 0)
			return r;
		if (r == 1) {
			done[i] = true;
			fax_session_get_result(self->sess[i], &self->res[i]);
			fax_line_get_stats(self->line[i], &self->stats[i]);
			fax_line_hangup(self->line[i]);
		}
	}
	return 0;
}

/* Run the whole call; 0 when both sessions ended, -errno otherwise. */
static int run_call(FIXTURE_DATA(kfax) *self)
{
	struct fax_session_options tx;
	time_t end = time(NULL) + WALL_LIMIT_S;
	bool done[2] = { false, false };
	int r;

	options(&tx, true, self->tx);
	r = fax_line_offhook(self->line[0]);
	if (r == 0)
		r = fax_line_dial(self->line[0], sim_number(&self->s, 1));
	if (r == 0)
		r = fax_session_new(self->line[0], &tx, &self->sess[0], NULL);
	while (r == 0 && !(done[0] && done[1])) {
		struct pollfd p[2] = {
			{ .fd = fax_line_get_fd(self->line[0]), .events = POLLIN },
			{ .fd = fax_line_get_fd(self->line[1]), .events = POLLIN },
		};

		if (time(NULL) > end)
			return -ETIMEDOUT;
		if (poll(p, 2, 100) < 0)
			return -errno;
		if (!self->sess[1])
			r = answer_if_ringing(self);
		if (r == 0)
			r = step(self, done);
	}
	return r;
}

/*
 * The fax completes with every page equal. On a clean line it runs at
 * V.17's top rate; on an impaired one the modems may train down (a
 * failed 14400 training followed by 12000 is T.30 doing its job), so the
 * caller says how low the rate may go.
 */
static void check_transfer(struct __test_metadata *_metadata, FIXTURE_DATA(kfax) *self,
			   int min_bit_rate)
{
	char why[200] = "";

	ASSERT_EQ(0, run_call(self));
	TH_LOG("sent %d page(s) at %d bit/s in %.1f s of line time; underruns %llu/%llu, overruns %llu/%llu",
	       self->res[0].pages, self->res[0].bit_rate, self->res[0].duration_ms / 1000.0,
	       (unsigned long long)self->stats[0].underruns,
	       (unsigned long long)self->stats[1].underruns,
	       (unsigned long long)self->stats[0].overruns,
	       (unsigned long long)self->stats[1].overruns);
	EXPECT_EQ(1, self->rings);
	EXPECT_EQ(T30_ERR_OK, self->res[0].t30_code) {
		TH_LOG("sender: %s", self->res[0].t30_text);
	}
	EXPECT_EQ(T30_ERR_OK, self->res[1].t30_code) {
		TH_LOG("receiver: %s", self->res[1].t30_text);
	}
	EXPECT_EQ(3, self->res[1].pages);
	EXPECT_LE(min_bit_rate, self->res[0].bit_rate);
	EXPECT_GE(14400, self->res[0].bit_rate);
	EXPECT_TRUE(self->res[0].ecm);
	EXPECT_STREQ("+49 30 2222", self->res[0].remote_ident);
	EXPECT_EQ(3, compare_tiffs(self->tx, self->rx, why, sizeof(why))) {
		TH_LOG("%s", why);
	}
}

TEST_F_TIMEOUT(kfax, v17_ecm_three_pages_arrive_equal, WALL_LIMIT_S + 30)
{
	check_transfer(_metadata, self, 14400);
}

/* A long line: 100 ms each way, 6 dB loss, noise 55 dB below full scale. */
TEST_F_TIMEOUT(kfax, v17_ecm_over_delay_loss_and_noise_arrives_equal, WALL_LIMIT_S + 30)
{
	struct fax_kernel_model m = { .delay_ms = 100, .loss_db = 6, .noise_db = 55 };

	ASSERT_EQ(0, sim_model(&self->s, 0, &m));
	ASSERT_EQ(0, sim_model(&self->s, 1, &m));
	check_transfer(_metadata, self, 9600);
}

/* Pump both lines once: audio read, events of line 0 seen, line 1 answers. */
static void pump(FIXTURE_DATA(kfax) *self, int16_t *buf, size_t n, int64_t *energy)
{
	struct pollfd p[2] = {
		{ .fd = fax_line_get_fd(self->line[0]), .events = POLLIN },
		{ .fd = fax_line_get_fd(self->line[1]), .events = POLLIN },
	};
	struct fax_line_event ev;
	ssize_t got;

	poll(p, 2, 20);
	while ((got = fax_line_read(self->line[0], buf, n)) > 0)
		for (ssize_t i = 0; energy && i < got; i++)
			*energy += (int64_t)buf[i] * buf[i];
	while (fax_line_read(self->line[1], buf, n) > 0)
		;
	while (fax_line_next_event(self->line[0], &ev) > 0)
		;
	while (fax_line_next_event(self->line[1], &ev) > 0)
		if (ev.type == FAX_LINE_EV_RING)
			fax_line_answer(self->line[1]);
}

/*
 * How far below what line 0 sends its echo comes back, in dB, measured
 * over the last second of 4 s of noise-like audio. The canceller needs
 * between one and two seconds of such audio to converge (about 10 dB of
 * ERLE after 1 s, 40 after 2 s in the DSP's own tests), so an earlier
 * window measures convergence, not cancellation. Without a canceller it
 * is the echo return loss.
 */
static int echo_return_db(FIXTURE_DATA(kfax) *self)
{
	int16_t buf[256];
	int64_t sent = 0, back = 0;
	uint32_t seed = 12345;
	int written = 0, i;

	if (fax_line_offhook(self->line[0]) || fax_line_dial(self->line[0], sim_number(&self->s, 1)))
		return 0;
	for (i = 0; i < 2000 && fax_line_get_state(self->line[0]) != FAX_LINE_CONNECTED; i++)
		pump(self, buf, 256, NULL);
	while (written < 32000 && i++ < 8000) {
		int16_t out[160];

		for (int j = 0; j < 160; j++) {
			seed = seed * 1103515245 + 12345;
			out[j] = (int16_t)((int32_t)(seed >> 16) % 8000);
			if (written >= 24000)
				sent += (int64_t)out[j] * out[j];
		}
		if (fax_line_tx_fill(self->line[0]) < 800 && fax_line_write(self->line[0], out, 160) == 160)
			written += 160;
		pump(self, buf, 256, written > 24000 + 400 ? &back : NULL);
	}
	fax_line_hangup(self->line[0]);
	fax_line_hangup(self->line[1]);
	usleep(50000);	/* fax_sim clears the call in its next period */
	pump(self, buf, 256, NULL);
	if (!back)
		return 99;
	return (int)(10 * log10((double)sent / (double)back));
}

/*
 * An echo 20 dB down after 20 ms on both ends, with the kernel's echo
 * canceller switched on (FAX_DSP_ECHO_CANCEL, without the CED disabler,
 * which the answer tone of every fax would trip). Without the canceller
 * a fax machine takes the echo of its own V.21 frames for the far end's
 * answer and the call fails. The canceller must first bring the echo at
 * least 10 dB further down than the line model puts it.
 */
TEST_F_TIMEOUT(kfax, v17_ecm_over_an_echo_with_the_canceller_arrives_equal, WALL_LIMIT_S + 60)
{
	struct fax_kernel_model m = { .delay_ms = 50, .echo_loss_db = 20, .echo_delay_ms = 20 };
	int erl;

	ASSERT_EQ(0, sim_model(&self->s, 0, &m));
	ASSERT_EQ(0, sim_model(&self->s, 1, &m));
	erl = echo_return_db(self);
	TH_LOG("echo comes back %d dB below the sent audio", erl);
	ASSERT_LE(30, erl) {
		TH_LOG("the echo canceller took only %d dB off a 20 dB echo", erl - 20);
	}
	check_transfer(_metadata, self, 9600);
}

TEST_HARNESS_MAIN
