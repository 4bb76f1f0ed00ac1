// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The transfer matrix over the loopback pair: every image modem, with and
 * without ECM, every coding, standard and fine resolution. Each case sends
 * two ITU charts and checks the call succeeded with what was asked for and
 * that the received pages equal the sent ones pixel for pixel. MMR without
 * ECM is not a fax mode (T.30 forbids it): that case checks the session
 * refuses it before the call.
 *
 * FAX_MATRIX_QUICK=1 (set by the sanitiser run when it needs to be short)
 * keeps only the V.17 column.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "helpers.h"

FIXTURE(matrix) {
	struct call_files f;
};

FIXTURE_VARIANT(matrix) {
	uint32_t modem;
	int rate;		/* expected bit rate */
	bool ecm;
	uint32_t compression;
	bool fine;
};

#define CASE(m, r, e, c, f) \
	FIXTURE_VARIANT_ADD(matrix, m##_##e##_##c##_##f) { \
		.modem = FAX_MODEM_##m, .rate = r, .ecm = e == ecm, \
		.compression = FAX_COMPRESSION_##c, .fine = f == fine, \
	}
/* ecm/noecm and fine/std as tokens: the names read "V17_ecm_MMR_fine". */
enum { ecm = 1, noecm = 0, fine = 1, std = 0 };
#define MODEM(m, r) \
	CASE(m, r, ecm, MH, std); CASE(m, r, ecm, MH, fine); \
	CASE(m, r, ecm, MR, std); CASE(m, r, ecm, MR, fine); \
	CASE(m, r, ecm, MMR, std); CASE(m, r, ecm, MMR, fine); \
	CASE(m, r, noecm, MH, std); CASE(m, r, noecm, MH, fine); \
	CASE(m, r, noecm, MR, std); CASE(m, r, noecm, MR, fine); \
	CASE(m, r, noecm, MMR, std); CASE(m, r, noecm, MMR, fine)
MODEM(V27TER, 4800);
MODEM(V29, 9600);
MODEM(V17, 14400);

FIXTURE_SETUP(matrix)
{
	if (!test_chart_dir())
		SKIP(return, "ITU test charts not found (set FAX_TESTDATA)");
	ASSERT_EQ(0, call_files_make(&self->f, variant->fine));
}

FIXTURE_TEARDOWN(matrix)
{
	if (self->f.dir[0])
		tmpdir_remove(self->f.dir);
}

TEST_F_TIMEOUT(matrix, transfer_pages_equal, 300)
{
	struct call c;
	char why[200];
	fax_error_t err = { 0 };

	if (getenv("FAX_MATRIX_QUICK") && variant->modem != FAX_MODEM_V17)
		SKIP(return, "FAX_MATRIX_QUICK: only V.17 in this run");
	call_init(&c, self->f.tx, self->f.rx);
	c.tx.modems = variant->modem;
	c.tx.ecm = variant->ecm;
	c.tx.compressions = variant->compression;
	c.rx.ecm = variant->ecm;
	c.rx.compressions = FAX_COMPRESSION_ALL;

	if (variant->compression == FAX_COMPRESSION_MMR && !variant->ecm) {
		fax_loopback_t *lb;
		fax_session_t *s = NULL;

		ASSERT_EQ(0, fax_loopback_new(NULL, &lb, NULL));
		EXPECT_EQ(-EINVAL, fax_session_new(fax_loopback_line(lb, 0), &c.tx, &s, &err));
		EXPECT_NE(NULL, strstr(err.message, "ECM"));
		EXPECT_EQ(NULL, s);
		fax_loopback_free(lb);
		return;
	}

	ASSERT_EQ(0, call_run(&c));
	TH_LOG("%u ms virtual, tx: %s, rx: %s", (unsigned)c.virtual_ms,
	       c.tx_result.t30_text, c.rx_result.t30_text);
	EXPECT_EQ(0, c.tx_result.t30_code);
	EXPECT_EQ(0, c.rx_result.t30_code);
	EXPECT_EQ(2, c.tx_result.pages);
	EXPECT_EQ(2, c.rx_result.pages);
	EXPECT_EQ(2, c.tx_pages_reported);
	EXPECT_EQ(2, c.rx_pages_reported);
	EXPECT_EQ(variant->rate, c.tx_result.bit_rate);
	EXPECT_EQ(variant->ecm, c.tx_result.ecm);
	EXPECT_EQ(variant->compression, (uint32_t)c.tx_result.compression);
	EXPECT_STREQ("+1 555 0101", c.tx_result.remote_ident);
	EXPECT_STREQ("+1 555 0100", c.rx_result.remote_ident);
	EXPECT_EQ(0, c.tx_result.underruns);
	EXPECT_EQ(0, c.rx_result.underruns);
	EXPECT_EQ(2, compare_tiffs(self->f.tx, self->f.rx, why, sizeof(why))) {
		TH_LOG("%s", why);
	}
}

TEST_HARNESS_MAIN
