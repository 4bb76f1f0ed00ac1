// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libfax's kernel backend over fax_sim (run in the VM): cards and lines
 * listed and found through the "fax" netlink family, line settings and
 * their refusals, and a call's signalling seen through fax/line.h: ring,
 * answer, audio both ways, far hang-up, busy.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "faxtool-run.h"
#include "harness.h"
#include "sim.h"

FIXTURE(kline) {
	struct sim s;
	fax_line_t *a, *b;
};

FIXTURE_SETUP(kline)
{
	fax_error_t err = { 0 };

	ASSERT_EQ(0, sim_new(&self->s, 2));
	ASSERT_EQ(0, fax_kernel_line_open(self->s.path[0], NULL, &self->a, &err)) {
		TH_LOG("%s", err.message);
	}
	ASSERT_EQ(0, fax_kernel_line_open(self->s.path[1], NULL, &self->b, &err)) {
		TH_LOG("%s", err.message);
	}
}

FIXTURE_TEARDOWN(kline)
{
	fax_line_free(self->a);
	fax_line_free(self->b);
	sim_del(&self->s);
}

/* Wait (up to 20 s of wall time) for an event of @type, reading audio. */
static int wait_event(fax_line_t *l, uint32_t type, struct fax_line_event *ret)
{
	struct fax_line_event ev;
	int16_t buf[256];

	for (int i = 0; i < 2000; i++) {
		struct pollfd p = { .fd = fax_line_get_fd(l), .events = POLLIN };

		while (fax_line_read(l, buf, 256) > 0)
			;
		while (fax_line_next_event(l, &ev) > 0)
			if (ev.type == type) {
				if (ret)
					*ret = ev;
				return 0;
			}
		poll(&p, 1, 10);
	}
	return -ETIMEDOUT;
}

TEST_F(kline, cards_and_lines_are_listed)
{
	struct fax_kernel_line_info *lines = NULL;
	struct fax_kernel_card *cards = NULL;
	size_t n, i, found = 0;

	ASSERT_EQ(0, fax_kernel_cards(self->s.k, &cards, &n, NULL));
	for (i = 0; i < n; i++)
		if (cards[i].id == self->s.line[0].card) {
			found++;
			EXPECT_STREQ("fax_sim", cards[i].driver);
			EXPECT_EQ(2, cards[i].lines);
		}
	EXPECT_EQ(1, found);
	free(cards);

	ASSERT_EQ(0, fax_kernel_lines(self->s.k, self->s.line[0].card, &lines, &n, NULL));
	ASSERT_EQ(2, n);
	EXPECT_EQ(0, lines[0].index);
	EXPECT_EQ(1, lines[1].index);
	EXPECT_STREQ(sim_number(&self->s, 1), lines[1].number);
	EXPECT_TRUE(lines[0].has_model);
	EXPECT_TRUE(lines[0].has_stats);
	/* Opening switched the line to linear samples and 1000 ms queues. */
	EXPECT_EQ(0, lines[0].format);
	EXPECT_EQ(1000, lines[0].buffer_ms);
	free(lines);
}

TEST_F(kline, a_line_is_found_by_device_card_index_and_number)
{
	struct fax_kernel_line_info l;
	char spec[32];

	ASSERT_EQ(0, fax_kernel_find_line(self->s.k, self->s.path[1], &l, NULL));
	EXPECT_STREQ(sim_number(&self->s, 1), l.number);
	snprintf(spec, sizeof(spec), "fax%u", self->s.line[1].minor);
	ASSERT_EQ(0, fax_kernel_find_line(self->s.k, spec, &l, NULL));
	EXPECT_EQ(1, l.index);
	snprintf(spec, sizeof(spec), "%u:1", self->s.line[1].card);
	ASSERT_EQ(0, fax_kernel_find_line(self->s.k, spec, &l, NULL));
	EXPECT_EQ(self->s.line[1].minor, l.minor);
	EXPECT_EQ(-ENODEV, fax_kernel_find_line(self->s.k, "999999999", &l, NULL));
	EXPECT_EQ(-EINVAL, fax_kernel_find_line(self->s.k, "/dev/null", &l, NULL));
}

TEST_F(kline, a_missing_line_is_enodev)
{
	struct fax_kernel_line_info l;
	fax_error_t err = { 0 };

	EXPECT_EQ(-ENODEV, fax_kernel_line_get(self->s.k, self->s.line[0].card, 7, &l, &err));
	EXPECT_NE(0, err.message[0]);
}

TEST_F(kline, line_settings_reach_the_line_and_bad_ones_are_refused)
{
	struct fax_kernel_line_set set = { .size = sizeof(set) };
	struct fax_kernel_line_info l;
	fax_error_t err = { 0 };

	set.set = FAX_KERNEL_SET_MODEL | FAX_KERNEL_SET_BUFFER_MS;
	set.buffer_ms = 700;
	set.model.delay_ms = 120;
	set.model.noise_db = 55;
	ASSERT_EQ(0, fax_kernel_line_set(self->s.k, self->s.line[0].card, 0, &set, NULL));
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, self->s.line[0].card, 0, &l, NULL));
	EXPECT_EQ(700, l.buffer_ms);
	EXPECT_EQ(120, l.model.delay_ms);
	EXPECT_EQ(55, l.model.noise_db);

	set.set = FAX_KERNEL_SET_BUFFER_MS;
	set.buffer_ms = 5;
	EXPECT_EQ(-ERANGE, fax_kernel_line_set(self->s.k, self->s.line[0].card, 0, &set, &err));
	EXPECT_NE(NULL, strstr(err.message, "changing the line"));
}

TEST_F(kline, dsp_switches_are_set_and_read_back_by_name)
{
	struct fax_kernel_line_set set = { .size = sizeof(set), .set = FAX_KERNEL_SET_DSP };
	struct fax_kernel_line_info l;
	uint32_t card = self->s.line[0].card;
	char names[128];

	/* A new line starts with every stage but the echo canceller's NLP. */
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 1, &l, NULL));
	EXPECT_STREQ("ec,tone,dtmf,cpt,ec-ced-disable",
		     fax_kernel_dsp_names(l.dsp, names, sizeof(names)));
	set.dsp = 0x3f;		/* every switch of the uAPI this test knows */
	ASSERT_EQ(0, fax_kernel_line_set(self->s.k, card, 1, &set, NULL));
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 1, &l, NULL));
	EXPECT_STREQ("ec,tone,dtmf,cpt,ec-nlp,ec-ced-disable",
		     fax_kernel_dsp_names(l.dsp, names, sizeof(names)));
	set.dsp = 0x40;		/* beyond it: the kernel says no */
	EXPECT_EQ(-EINVAL, fax_kernel_line_set(self->s.k, card, 1, &set, NULL));
}

TEST_F(kline, the_echo_tail_is_set_and_read_back)
{
	struct fax_kernel_line_set set = { .size = sizeof(set), .set = FAX_KERNEL_SET_EC_TAIL };
	struct fax_kernel_line_info l;
	uint32_t card = self->s.line[0].card;
	fax_error_t err = { 0 };

	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 1, &l, NULL));
	EXPECT_EQ(64, l.ec_tail_ms);	/* the kernel's default */
	set.ec_tail_ms = 128;
	ASSERT_EQ(0, fax_kernel_line_set(self->s.k, card, 1, &set, &err)) {
		TH_LOG("%s", err.message);
	}
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 1, &l, NULL));
	EXPECT_EQ(128, l.ec_tail_ms);
	/* 0 asks for the default, and the line reports what it uses. */
	set.ec_tail_ms = 0;
	ASSERT_EQ(0, fax_kernel_line_set(self->s.k, card, 1, &set, NULL));
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 1, &l, NULL));
	EXPECT_EQ(64, l.ec_tail_ms);
	set.ec_tail_ms = 129;
	EXPECT_EQ(-ERANGE, fax_kernel_line_set(self->s.k, card, 1, &set, &err));
	/* A caller built before the field cannot ask for it. */
	set.size = offsetof(struct fax_kernel_line_set, ec_tail_ms);
	EXPECT_EQ(-EINVAL, fax_kernel_line_set(self->s.k, card, 1, &set, NULL));
	set.set = FAX_KERNEL_SET_BUFFER_MS;
	set.buffer_ms = 400;
	EXPECT_EQ(0, fax_kernel_line_set(self->s.k, card, 1, &set, NULL));
}

TEST_F(kline, faxtool_lines_set_changes_the_echo_tail)
{
	struct fax_kernel_line_info l;
	char out[4096];

	ASSERT_EQ(0, run_faxtool(out, sizeof(out), "lines set %s ec-tail=32 dsp=+ec-nlp",
				 self->s.path[1])) {
		TH_LOG("%s", out);
	}
	EXPECT_NE(NULL, strstr(out, ", echo tail 32 ms")) {
		TH_LOG("%s", out);
	}
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, self->s.line[1].card, 1, &l, NULL));
	EXPECT_EQ(32, l.ec_tail_ms);
	EXPECT_TRUE(l.dsp & 0x10);	/* the NLP */
	ASSERT_EQ(0, run_faxtool(out, sizeof(out), "--json lines"));
	EXPECT_NE(NULL, strstr(out, "\"ec_tail_ms\":32")) {
		TH_LOG("%s", out);
	}
	/* Out of the kernel's range, or not a number: a usage error. */
	EXPECT_EQ(2, run_faxtool(out, sizeof(out), "lines set %s ec-tail=500", self->s.path[1]));
	EXPECT_NE(NULL, strstr(out, "changing the line")) {
		TH_LOG("%s", out);
	}
	EXPECT_EQ(2, run_faxtool(out, sizeof(out), "lines set %s ec-tail=64ms", self->s.path[1]));
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, self->s.line[1].card, 1, &l, NULL));
	EXPECT_EQ(32, l.ec_tail_ms);
}

TEST_F(kline, faxtool_lines_set_changes_dsp_switches)
{
	struct fax_kernel_line_info l;
	uint32_t card = self->s.line[0].card;
	char out[4096];
	int r;

	r = run_faxtool(out, sizeof(out), "lines set %s dsp=+ec-nlp,-cpt,-dtmf", self->s.path[0]);
	ASSERT_EQ(0, r) {
		TH_LOG("%s", out);
	}
	EXPECT_NE(NULL, strstr(out, "dsp ec,tone,ec-nlp,ec-ced-disable")) {
		TH_LOG("%s", out);
	}
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 0, &l, NULL));
	EXPECT_EQ(0x33, l.dsp);

	/* A whole list replaces the switches; --json shows the line after. */
	ASSERT_EQ(0, run_faxtool(out, sizeof(out), "--json lines set %u:0 dsp=ec,tone", card));
	EXPECT_NE(NULL, strstr(out, "\"dsp\":\"ec,tone\"")) {
		TH_LOG("%s", out);
	}
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 0, &l, NULL));
	EXPECT_EQ(0x03, l.dsp);

	EXPECT_EQ(0, run_faxtool(out, sizeof(out), "lines set %s dsp=none", self->s.path[0]));
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 0, &l, NULL));
	EXPECT_EQ(0, l.dsp);

	/* Mistakes: an unknown switch, a half-relative list, no such line. */
	EXPECT_EQ(2, run_faxtool(out, sizeof(out), "lines set %s dsp=ec,loud", self->s.path[0]));
	EXPECT_NE(NULL, strstr(out, "unknown switch 'loud'")) {
		TH_LOG("%s", out);
	}
	EXPECT_NE(NULL, strstr(out, "ec-ced-disable"));	/* lists the known ones */
	EXPECT_EQ(2, run_faxtool(out, sizeof(out), "lines set %s dsp=+ec,cpt", self->s.path[0]));
	EXPECT_EQ(2, run_faxtool(out, sizeof(out), "lines set %s gain=3", self->s.path[0]));
	EXPECT_EQ(7, run_faxtool(out, sizeof(out), "lines set 88888888 dsp=ec"));
	ASSERT_EQ(0, fax_kernel_line_get(self->s.k, card, 0, &l, NULL));
	EXPECT_EQ(0, l.dsp);
}

TEST_F(kline, opening_something_else_is_refused)
{
	fax_line_t *l = NULL;
	fax_error_t err = { 0 };

	EXPECT_EQ(-ENOTTY, fax_kernel_line_open("/dev/null", NULL, &l, &err));
	EXPECT_EQ(-ENOENT, fax_kernel_line_open("/dev/fax-none", NULL, &l, NULL));
	EXPECT_EQ(NULL, l);
}

TEST_F(kline, a_call_rings_connects_carries_audio_and_ends)
{
	struct fax_line_event ev;
	int16_t tone[800], in[256];
	long energy = 0;

	ASSERT_EQ(FAX_LINE_ONHOOK, fax_line_get_state(self->b));
	ASSERT_EQ(0, fax_line_offhook(self->a));
	ASSERT_EQ(0, fax_line_dial(self->a, sim_number(&self->s, 1)));
	/* The caller tends its line: a number dialled early waits for dial tone. */
	ASSERT_EQ(0, wait_event(self->a, FAX_LINE_EV_ALERTING, NULL));
	ASSERT_EQ(0, wait_event(self->b, FAX_LINE_EV_RING, &ev));
	EXPECT_EQ(1, ev.rings);
	EXPECT_STREQ(sim_number(&self->s, 0), ev.number);
	EXPECT_EQ(FAX_LINE_RINGING, fax_line_get_state(self->b));
	ASSERT_EQ(0, fax_line_answer(self->b));
	ASSERT_EQ(0, wait_event(self->b, FAX_LINE_EV_CONNECTED, NULL));
	ASSERT_EQ(0, wait_event(self->a, FAX_LINE_EV_CONNECTED, NULL));
	EXPECT_EQ(FAX_LINE_CONNECTED, fax_line_get_state(self->a));

	/* A's audio arrives at B. */
	for (int i = 0; i < 800; i++)
		tone[i] = (int16_t)((i / 4) % 2 ? 8000 : -8000);
	ASSERT_EQ(800, fax_line_write(self->a, tone, 800));
	EXPECT_LE(0, fax_line_tx_fill(self->a));
	/*
	 * Read until all of it has arrived or 4 s have passed: under TCG the
	 * simulated card's clock comes in late batches, so B may still be
	 * owed a few milliseconds when A's queue is already empty.
	 */
	for (int i = 0; i < 400 && energy < 8000L * 8000 * 800; i++) {
		struct pollfd p = { .fd = fax_line_get_fd(self->b), .events = POLLIN };
		ssize_t n;

		poll(&p, 1, 10);
		while ((n = fax_line_read(self->b, in, 256)) > 0)
			for (ssize_t j = 0; j < n; j++)
				energy += (long)in[j] * in[j];
	}
	EXPECT_EQ(0, fax_line_tx_fill(self->a));
	/* All 800 samples arrived, less the few still in flight. */
	EXPECT_LE(8000L * 8000 * 700, energy);

	ASSERT_EQ(0, fax_line_hangup(self->a));
	ASSERT_EQ(0, wait_event(self->b, FAX_LINE_EV_FAR_HANGUP, NULL));
	EXPECT_EQ(FAX_LINE_FAR_HUNGUP, fax_line_get_state(self->b));
	EXPECT_EQ(FAX_LINE_ONHOOK, fax_line_get_state(self->a));
	EXPECT_EQ(-ENOTCONN, fax_line_write(self->a, tone, 10));
}

TEST_F(kline, a_caller_who_gives_up_ends_the_ringing)
{
	ASSERT_EQ(0, fax_line_offhook(self->a));
	ASSERT_EQ(0, fax_line_dial(self->a, sim_number(&self->s, 1)));
	ASSERT_EQ(0, wait_event(self->a, FAX_LINE_EV_ALERTING, NULL));
	ASSERT_EQ(0, wait_event(self->b, FAX_LINE_EV_RING, NULL));
	ASSERT_EQ(0, fax_line_hangup(self->a));
	ASSERT_EQ(0, wait_event(self->b, FAX_LINE_EV_RING_END, NULL));
	EXPECT_EQ(-ENOTCONN, fax_line_answer(self->b));
}

TEST_F(kline, calling_a_busy_line_or_no_line_is_busy)
{
	ASSERT_EQ(0, fax_line_offhook(self->b));
	ASSERT_EQ(0, fax_line_offhook(self->a));
	ASSERT_EQ(0, fax_line_dial(self->a, sim_number(&self->s, 1)));
	ASSERT_EQ(0, wait_event(self->a, FAX_LINE_EV_BUSY, NULL));
	ASSERT_EQ(0, fax_line_hangup(self->a));
	/* fax_sim clears a call in its next 1 ms period: no hook flash. */
	usleep(50000);
	ASSERT_EQ(0, fax_line_offhook(self->a));
	ASSERT_EQ(0, fax_line_dial(self->a, "999999998"));
	ASSERT_EQ(0, wait_event(self->a, FAX_LINE_EV_BUSY, NULL));
}

TEST_F(kline, dialling_on_hook_or_a_plus_is_refused)
{
	EXPECT_EQ(-EBUSY, fax_line_dial(self->a, "123"));
	ASSERT_EQ(0, fax_line_offhook(self->a));
	EXPECT_EQ(-EINVAL, fax_line_dial(self->a, "+4930123"));
}

TEST_HARNESS_MAIN
