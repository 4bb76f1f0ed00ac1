// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The cost of faxcore's tick per line, from fax_sim's debugfs counters
 * (tick_ns: time spent in fax_card_tick; tick_lines: line ticks done),
 * for 8 lines: on hook (the empty tick: nothing moves, no DSP), in calls
 * with every DSP stage off, and in calls with the default stages (echo
 * canceller with a 64 ms tail, DTMF, fax tone, V.21, call progress
 * detectors). Absolute times under TCG mean little; the ratios are the
 * figure. The test only asserts that the counters moved.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "../lib/faxsim.h"

#define LINES	8

FIXTURE(cost) {
	unsigned int id;
	int fd[LINES];
};

FIXTURE_SETUP(cost)
{
	int i;

	self->id = faxsim_pick_id();
	ASSERT_EQ(0, faxsim_new(self->id, LINES));
	for (i = 0; i < LINES; i++) {
		self->fd[i] = faxsim_open_line(self->id, i, O_RDWR);
		ASSERT_LE(0, self->fd[i]);
	}
}

FIXTURE_TEARDOWN(cost)
{
	int i;

	for (i = 0; i < LINES; i++)
		close(self->fd[i]);
	EXPECT_EQ(0, faxsim_del(self->id));
}

/* Mean ns per line tick over about two seconds. */
static double ns_per_line_tick(void)
{
	long long ns0 = faxsim_read_u64(FAXSIM_DEBUGFS "/tick_ns");
	long long n0 = faxsim_read_u64(FAXSIM_DEBUGFS "/tick_lines");
	long long ns1, n1;

	sleep(2);
	ns1 = faxsim_read_u64(FAXSIM_DEBUGFS "/tick_ns");
	n1 = faxsim_read_u64(FAXSIM_DEBUGFS "/tick_lines");
	if (ns0 < 0 || n1 <= n0)
		return -1;
	return (double)(ns1 - ns0) / (double)(n1 - n0);
}

static int set_dsp(int fd, uint32_t dsp)
{
	struct fax_params p;
	int err = fax_get_params(fd, &p);

	p.dsp = dsp;
	p.ec_tail_ms = 64;
	return err ? err : fax_set_params(fd, &p);
}

TEST_F_TIMEOUT(cost, tick_cost_per_line_against_an_idle_tick, 120)
{
	double idle, off, on;
	int i;

	idle = ns_per_line_tick();
	ASSERT_LT(0, idle);
	for (i = 0; i < LINES; i += 2)
		ASSERT_EQ(0, fax_call(self->fd[i], self->fd[i + 1]));

	for (i = 0; i < LINES; i++)
		ASSERT_EQ(0, set_dsp(self->fd[i], 0));
	off = ns_per_line_tick();
	ASSERT_LT(0, off);
	for (i = 0; i < LINES; i++)
		ASSERT_EQ(0, set_dsp(self->fd[i], FAX_DSP_DEFAULT));
	on = ns_per_line_tick();
	ASSERT_LT(0, on);

	TH_LOG("ns per line per 1 ms tick: idle %.0f, call with DSP off %.0f, DSP on %.0f",
	       idle, off, on);
	TH_LOG("ratio to the idle tick: DSP off %.1f, DSP on (EC 64 ms + detectors) %.1f",
	       off / idle, on / idle);
}

TEST_HARNESS_MAIN
