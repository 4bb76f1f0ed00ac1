// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fax sessions beyond the clean matrix: a line with delay, loss and noise,
 * a far end that hangs up in mid-page or never answers, a sender that is
 * starved of CPU, options that cannot work, files that cannot be sent,
 * the page header, and many sessions served by one loop.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <spandsp.h>

#include "harness.h"
#include "helpers.h"

FIXTURE(call) {
	struct call_files f;
	struct call c;
};

FIXTURE_SETUP(call)
{
	if (!test_chart_dir())
		SKIP(return, "ITU test charts not found (set FAX_TESTDATA)");
	ASSERT_EQ(0, call_files_make(&self->f, true));
	call_init(&self->c, self->f.tx, self->f.rx);
}

FIXTURE_TEARDOWN(call)
{
	if (self->f.dir[0])
		tmpdir_remove(self->f.dir);
}

/* A long-distance line: 150 ms each way, 10 dB loss, noise at -50 dBm0. */
static void realistic_line(struct call *c)
{
	c->lb.model.delay_ms = 150;
	c->lb.model.attenuation_db = 10;
	c->lb.model.noise_dbm0 = -50;
	c->lb.model.seed = 1234;
}

TEST_F_TIMEOUT(call, ecm_over_noisy_delayed_line_delivers_equal_pages, 120)
{
	char why[200];

	realistic_line(&self->c);
	self->c.tx.ecm = self->c.rx.ecm = true;
	ASSERT_EQ(0, call_run(&self->c));
	EXPECT_EQ(T30_ERR_OK, self->c.tx_result.t30_code);
	EXPECT_EQ(T30_ERR_OK, self->c.rx_result.t30_code);
	EXPECT_EQ(2, self->c.rx_result.pages);
	EXPECT_TRUE(self->c.tx_result.ecm);
	EXPECT_EQ(2, compare_tiffs(self->f.tx, self->f.rx, why, sizeof(why))) {
		TH_LOG("%s", why);
	}
}

TEST_F_TIMEOUT(call, non_ecm_over_noisy_delayed_line_completes, 120)
{
	realistic_line(&self->c);
	self->c.tx.modems = FAX_MODEM_V29;
	ASSERT_EQ(0, call_run(&self->c));
	EXPECT_EQ(T30_ERR_OK, self->c.tx_result.t30_code);
	EXPECT_EQ(T30_ERR_OK, self->c.rx_result.t30_code);
	EXPECT_EQ(2, self->c.rx_result.pages);
	EXPECT_EQ(9600, self->c.tx_result.bit_rate);
}

TEST_F_TIMEOUT(call, far_hangup_in_mid_page_drops_the_call, 120)
{
	/* Negotiation, training and TCF take ~5 s: 10 s later page 1 is on the line. */
	self->c.hangup_after_ms = 10000;
	self->c.tx.compressions = FAX_COMPRESSION_MH;
	ASSERT_EQ(0, call_run(&self->c));
	EXPECT_EQ(T30_ERR_CALLDROPPED, self->c.tx_result.t30_code);
	EXPECT_STREQ(fax_t30_code_text(T30_ERR_CALLDROPPED), self->c.tx_result.t30_text);
	EXPECT_EQ(0, self->c.tx_result.pages);
	EXPECT_EQ(T30_ERR_CALLDROPPED, self->c.rx_result.t30_code);
	EXPECT_EQ(0, self->c.rx_result.pages);
}

TEST_F_TIMEOUT(call, receiver_that_never_answers_times_out_in_t0, 120)
{
	self->c.never_answer = true;
	ASSERT_EQ(0, call_run(&self->c));
	EXPECT_FALSE(self->c.rx_started);
	EXPECT_EQ(T30_ERR_T0_EXPIRED, self->c.tx_result.t30_code);
	EXPECT_EQ(0, self->c.tx_result.pages);
	EXPECT_EQ(0, self->c.tx_result.bit_rate);
	/* T0 is 60 s; the far line rang every 6 s meanwhile. */
	EXPECT_GE(self->c.rings, 10);
	EXPECT_GE(self->c.tx_result.duration_ms, 60000);
}

TEST_F_TIMEOUT(call, starved_sender_counts_underruns, 120)
{
	/* No CPU for the sender for one second in mid-page (pre-buffer 60 ms). */
	self->c.starve_at_ms = 8000;
	self->c.starve_ms = 1000;
	ASSERT_EQ(0, call_run(&self->c));
	EXPECT_GT(self->c.tx_result.underruns, 0);
	EXPECT_GE(self->c.tx_stats.underrun_samples, (1000 - 60 - 20) * 8);
	EXPECT_EQ(0, self->c.rx_result.underruns);
}

TEST_F_TIMEOUT(call, minimum_scan_line_time_is_honoured_and_costs_time, 120)
{
	struct call fast;
	char why[200];

	self->c.tx.compressions = FAX_COMPRESSION_MH;
	fast = self->c;
	ASSERT_EQ(0, call_run(&fast));
	self->c.rx.min_scan_line_ms = 20;
	ASSERT_EQ(0, call_run(&self->c));
	EXPECT_EQ(T30_ERR_OK, self->c.tx_result.t30_code);
	EXPECT_EQ(2, compare_tiffs(self->f.tx, self->f.rx, why, sizeof(why))) {
		TH_LOG("%s", why);
	}
	/* 2 x 2376 rows x 20 ms is at least 95 s of line time. */
	EXPECT_GE(self->c.tx_result.duration_ms, 95000);
	EXPECT_LT(fast.tx_result.duration_ms, self->c.tx_result.duration_ms);
}

TEST_F_TIMEOUT(call, page_header_is_printed_on_sent_pages, 120)
{
	struct bitmap sent, got;
	uint32_t band;
	size_t black = 0;

	self->c.tx.header_info = "libfax test";
	self->c.tx.ecm = self->c.rx.ecm = true;
	ASSERT_EQ(0, call_run(&self->c));
	ASSERT_EQ(T30_ERR_OK, self->c.tx_result.t30_code);
	ASSERT_EQ(0, read_tiff_page(self->f.tx, 0, &sent));
	ASSERT_EQ(0, read_tiff_page(self->f.rx, 0, &got));
	ASSERT_EQ(sent.width, got.width);
	/* spandsp adds the header as a band of rows above the page. */
	ASSERT_GT(got.length, sent.length);
	band = got.length - sent.length;
	EXPECT_LE(band, 64);
	for (size_t i = 0; i < band * got.stride; i++)
		black += (size_t)__builtin_popcount(got.bits[i]);
	EXPECT_GT(black, 100);		/* text, not a white band */
	EXPECT_EQ(0, memcmp(sent.bits, got.bits + band * got.stride,
			    sent.stride * sent.length));
	bitmap_free(&sent);
	bitmap_free(&got);
}

TEST_F(call, impossible_options_are_refused_with_a_reason)
{
	fax_loopback_t *lb;
	fax_session_t *s = NULL;
	fax_error_t err = { 0 };
	fax_line_t *l;
	struct fax_session_options o;

	ASSERT_EQ(0, fax_loopback_new(NULL, &lb, NULL));
	l = fax_loopback_line(lb, 0);

	o = self->c.tx;
	o.ident = "an identity far too long for T.30";
	EXPECT_EQ(-EINVAL, fax_session_new(l, &o, &s, &err));
	EXPECT_NE(NULL, strstr(err.message, "identity"));

	fax_error_clear(&err);
	o = self->c.rx;
	o.min_scan_line_ms = 7;
	EXPECT_EQ(-EINVAL, fax_session_new(l, &o, &s, &err));
	EXPECT_NE(NULL, strstr(err.message, "scan-line"));

	fax_error_clear(&err);
	o = self->c.tx;
	o.prebuffer_ms = 5000;
	EXPECT_EQ(-EINVAL, fax_session_new(l, &o, &s, &err));
	EXPECT_NE(NULL, strstr(err.message, "pre-buffer"));

	o = self->c.tx;
	o.modems = 1u << 9;
	EXPECT_EQ(-EINVAL, fax_session_new(l, &o, &s, NULL));
	o.size = 8;
	EXPECT_EQ(-EINVAL, fax_session_new(l, &o, &s, NULL));
	EXPECT_EQ(NULL, s);
	fax_loopback_free(lb);
}

TEST_F(call, files_that_cannot_be_sent_are_refused_before_the_call)
{
	fax_loopback_t *lb;
	fax_session_t *s = NULL;
	fax_error_t err = { 0 };
	struct fax_session_options o = self->c.tx;
	struct bitmap bm;
	char path[320], pbm[600];
	FILE *f;

	ASSERT_EQ(0, fax_loopback_new(NULL, &lb, NULL));
	snprintf(path, sizeof(path), "%s/junk.tif", self->f.dir);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fputs("this is not a TIFF\n", f);
	fclose(f);
	o.file = path;
	EXPECT_EQ(-EBADMSG, fax_session_new(fax_loopback_line(lb, 0), &o, &s, &err));
	EXPECT_NE(NULL, strstr(err.message, path));

	/* A 150 dpi A4 page is valid but not fax-shaped. */
	snprintf(pbm, sizeof(pbm), "%s/test1.pbm", test_chart_dir());
	ASSERT_EQ(0, pbm_load(pbm, &bm));
	ASSERT_EQ(0, write_bitmap_tiff(path, &bm, 150, 150, CODING_MMR));
	bitmap_free(&bm);
	fax_error_clear(&err);
	EXPECT_EQ(-EMEDIUMTYPE, fax_session_new(fax_loopback_line(lb, 0), &o, &s, &err));
	EXPECT_NE(NULL, strstr(err.message, "normalise"));
	EXPECT_EQ(NULL, s);
	fax_loopback_free(lb);
}

/* Eight calls on eight pairs, all served by one loop in one thread. */
TEST_F_TIMEOUT(call, many_sessions_share_one_loop, 120)
{
	enum { N = 8 };
	fax_loopback_t *lb[N];
	fax_session_t *tx[N], *rx[N];
	struct fax_session_result r;
	char rxf[N][320];
	bool done[N][2] = { { false } };
	int finished = 0, ok = 0;

	for (int i = 0; i < N; i++) {
		struct fax_session_options o = self->c.tx;
		fax_line_t *a, *b;

		ASSERT_EQ(0, fax_loopback_new(NULL, &lb[i], NULL));
		a = fax_loopback_line(lb[i], 0);
		b = fax_loopback_line(lb[i], 1);
		ASSERT_EQ(0, fax_line_offhook(a));
		ASSERT_EQ(0, fax_line_dial(a, "101"));
		ASSERT_EQ(0, fax_line_answer(b));
		o.ecm = i & 1;
		ASSERT_EQ(0, fax_session_new(a, &o, &tx[i], NULL));
		snprintf(rxf[i], sizeof(rxf[i]), "%s/rx%d.tif", self->f.dir, i);
		o = self->c.rx;
		o.file = rxf[i];
		o.ecm = true;
		ASSERT_EQ(0, fax_session_new(b, &o, &rx[i], NULL));
	}
	for (int step = 0; finished < 2 * N && step < 10 * 60 * 50; step++) {
		for (int i = 0; i < N; i++) {
			fax_loopback_advance(lb[i], 160);
			for (int k = 0; k < 2; k++) {
				fax_session_t *s = k ? rx[i] : tx[i];

				if (done[i][k] || fax_session_process(s) != 1)
					continue;
				done[i][k] = true;
				finished++;
				fax_line_hangup(fax_session_get_line(s));
			}
		}
	}
	EXPECT_EQ(2 * N, finished);
	for (int i = 0; i < N; i++) {
		char why[200];

		if (fax_session_get_result(tx[i], &r) == 0 && r.t30_code == T30_ERR_OK &&
		    compare_tiffs(self->f.tx, rxf[i], why, sizeof(why)) == 2)
			ok++;
		fax_session_free(tx[i]);
		fax_session_free(rx[i]);
		fax_loopback_free(lb[i]);
	}
	EXPECT_EQ(N, ok);
}

TEST_HARNESS_MAIN
