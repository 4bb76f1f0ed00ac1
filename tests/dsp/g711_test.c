// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * G.711 of the kernel DSP library: every code and every 16-bit input,
 * against two oracles: the segment tables of ITU-T G.711 (Tables 1a/2a,
 * written here as decision intervals, independently of the library's bit
 * tricks) and spandsp's g711 functions.
 */
#include <stdio.h>
#include <spandsp.h>

#include "kselftest_harness.h"
#include "dsp/g711.h"

/*
 * A-law, G.711 Table 1a, magnitudes on the 12-bit scale (0..4095) after
 * G.191's left-justification (16-bit >> 3, one's complement below zero):
 * segment s covers [base, base + 16 * step) with the given step.
 */
static const struct { int base, step; } alaw_seg[8] = {
	{ 0, 2 }, { 32, 2 }, { 64, 4 }, { 128, 8 },
	{ 256, 16 }, { 512, 32 }, { 1024, 64 }, { 2048, 128 },
};

/* mu-law, Table 2a, on the 13-bit scale (0..8191) after 16-bit >> 2. */
static const struct { int base, step; } ulaw_seg[8] = {
	{ 0, 2 }, { 31, 4 }, { 95, 8 }, { 223, 16 },
	{ 479, 32 }, { 991, 64 }, { 2015, 128 }, { 4063, 256 },
};

static int ref_alaw_decode(unsigned int code)
{
	unsigned int c = code ^ 0x55;
	int s = (c >> 4) & 7, q = c & 15;
	/* The decoder output is the middle of the decision interval. */
	int mag = alaw_seg[s].base + q * alaw_seg[s].step + alaw_seg[s].step / 2;

	return (c & 0x80) ? mag * 8 : -mag * 8;
}

static unsigned int ref_alaw_encode(int x)
{
	int mag = (x < 0 ? -x - 1 : x) >> 3;
	int s, q;

	for (s = 7; s > 0 && mag < alaw_seg[s].base; s--)
		;
	q = (mag - alaw_seg[s].base) / alaw_seg[s].step;
	return ((x >= 0 ? 0x80 : 0) | s << 4 | q) ^ 0x55;
}

static int ref_ulaw_decode(unsigned int code)
{
	unsigned int c = ~code & 0xff;
	int s = (c >> 4) & 7, q = c & 15;
	int mag;

	/* The first interval of segment 0 is [0, 1): it decodes to 0. */
	if (s == 0 && q == 0)
		mag = 0;
	else if (s == 0)
		mag = 2 * q;
	else
		mag = ulaw_seg[s].base + q * ulaw_seg[s].step +
		      ulaw_seg[s].step / 2;
	return (code & 0x80) ? mag * 4 : -mag * 4;
}

static unsigned int ref_ulaw_encode(int x)
{
	int mag = (x < 0 ? -x - 1 : x) >> 2;
	int s, q;

	if (mag > 8158)
		mag = 8158;
	if (mag < 1) {
		s = 0;
		q = 0;
	} else if (mag < 31) {
		s = 0;
		q = (mag + 1) / 2;
	} else {
		for (s = 7; mag < ulaw_seg[s].base; s--)
			;
		q = (mag - ulaw_seg[s].base) / ulaw_seg[s].step;
	}
	return (x >= 0 ? 0x80 : 0) | (~(s << 4 | q) & 0x7f);
}

TEST(both_laws_decode_all_256_codes_as_g711_and_spandsp)
{
	int c;

	for (c = 0; c < 256; c++) {
		ASSERT_EQ(ref_alaw_decode(c), fdsp_g711_alaw_decode(c))
			TH_LOG("A-law code 0x%02x", c);
		ASSERT_EQ(alaw_to_linear(c), fdsp_g711_alaw_decode(c))
			TH_LOG("A-law code 0x%02x", c);
		ASSERT_EQ(ref_ulaw_decode(c), fdsp_g711_ulaw_decode(c))
			TH_LOG("mu-law code 0x%02x", c);
		ASSERT_EQ(ulaw_to_linear(c), fdsp_g711_ulaw_decode(c))
			TH_LOG("mu-law code 0x%02x", c);
	}
}

TEST(alaw_encodes_all_65536_inputs_as_g711_and_spandsp)
{
	int x;

	for (x = -32768; x < 32768; x++) {
		ASSERT_EQ(ref_alaw_encode(x), fdsp_g711_alaw_encode(x))
			TH_LOG("input %d", x);
		ASSERT_EQ(linear_to_alaw(x), fdsp_g711_alaw_encode(x))
			TH_LOG("input %d", x);
	}
}

TEST(ulaw_encodes_all_65536_inputs_as_g711_and_spandsp)
{
	int x;

	int differ = 0;

	for (x = -32768; x < 32768; x++) {
		ASSERT_EQ(ref_ulaw_encode(x), fdsp_g711_ulaw_encode(x))
			TH_LOG("input %d", x);
		/*
		 * spandsp takes the magnitude of a negative input as -x where
		 * G.711/G.191 take ~x (= -x - 1): its answer for x is ours
		 * for x - 1.  Below zero it therefore differs at every
		 * decision boundary; above zero it must agree exactly.
		 */
		if (x >= 0) {
			ASSERT_EQ(linear_to_ulaw(x), fdsp_g711_ulaw_encode(x))
				TH_LOG("input %d", x);
		} else {
			ASSERT_EQ(linear_to_ulaw(x),
				  fdsp_g711_ulaw_encode(x > -32768 ? x - 1 : x))
				TH_LOG("input %d", x);
			differ += linear_to_ulaw(x) != fdsp_g711_ulaw_encode(x);
		}
	}
	printf("# mu-law: spandsp 0.0.6 differs from G.711 on %d of 32768 negative inputs (its -x rounding)\n",
	       differ);
	ASSERT_GT(differ, 0);
}

TEST(every_code_survives_decode_then_encode)
{
	int c;

	for (c = 0; c < 256; c++) {
		ASSERT_EQ(c, fdsp_g711_alaw_encode(fdsp_g711_alaw_decode(c)));
		/* mu-law has two zeros: 0x7f (-0) decodes to 0 = +0. */
		if (c != 0x7f)
			ASSERT_EQ(c, fdsp_g711_ulaw_encode(fdsp_g711_ulaw_decode(c)));
	}
	ASSERT_EQ(0xff, fdsp_g711_ulaw_encode(fdsp_g711_ulaw_decode(0x7f)));
}

TEST(lsb_first_cards_get_bit_reversed_octets)
{
	static const s16 in[4] = { 0, 1000, -1000, 32767 };
	struct fdsp_g711_codec msb, lsb;
	u8 a[4], b[4];
	s16 back[4];
	int i, law;

	for (law = FDSP_G711_ALAW; law <= FDSP_G711_ULAW; law++) {
		ASSERT_EQ(0, fdsp_g711_codec_init(&msb, law, false));
		ASSERT_EQ(0, fdsp_g711_codec_init(&lsb, law, true));
		fdsp_g711_encode(&msb, a, in, 4);
		fdsp_g711_encode(&lsb, b, in, 4);
		for (i = 0; i < 4; i++) {
			int j, rev = 0;

			for (j = 0; j < 8; j++)
				rev |= ((a[i] >> j) & 1) << (7 - j);
			ASSERT_EQ(rev, b[i]);
		}
		fdsp_g711_decode(&lsb, back, b, 4);
		for (i = 0; i < 4; i++)
			ASSERT_EQ(law ? fdsp_g711_ulaw_decode(a[i]) :
				  fdsp_g711_alaw_decode(a[i]), back[i]);
		ASSERT_EQ(fdsp_g711_bitrev(law ? 0xff : 0xd5), fdsp_g711_silence(&lsb));
		ASSERT_EQ(0, law ? fdsp_g711_ulaw_decode(fdsp_g711_silence(&msb)) - 0 :
			  fdsp_g711_alaw_decode(fdsp_g711_silence(&msb)) - 8);
	}
}

TEST(codec_init_refuses_an_unknown_law)
{
	struct fdsp_g711_codec c;

	ASSERT_EQ(-EINVAL, fdsp_g711_codec_init(&c, 2, false));
}

TEST(block_encode_matches_per_sample_encode)
{
	struct fdsp_g711_codec c;
	s16 in[512];
	u8 out[512];
	int i;

	for (i = 0; i < 512; i++)
		in[i] = (s16)(i * 127 - 32768);
	ASSERT_EQ(0, fdsp_g711_codec_init(&c, FDSP_G711_ALAW, false));
	fdsp_g711_encode(&c, out, in, 512);
	for (i = 0; i < 512; i++)
		ASSERT_EQ(fdsp_g711_alaw_encode(in[i]), out[i]);
	ASSERT_EQ(0, fdsp_g711_codec_init(&c, FDSP_G711_ULAW, false));
	fdsp_g711_encode(&c, out, in, 512);
	for (i = 0; i < 512; i++)
		ASSERT_EQ(fdsp_g711_ulaw_encode(in[i]), out[i]);
}

TEST_HARNESS_MAIN
