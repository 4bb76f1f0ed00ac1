// SPDX-License-Identifier: GPL-2.0-only
/*
 * G.711 companding (see g711.h).  Segments are found with one fls()
 * instead of a loop or a table, so encoding costs a few instructions and
 * no cache lines; decoding is a shift and an add.
 */
#include "g711.h"

#define ALAW_EVEN_BITS	0x55

u8 fdsp_g711_alaw_encode(s16 linear)
{
	/* One's complement for negative input, as G.711 defines it. */
	u32 mag = (u32)(linear < 0 ? ~linear : linear) >> 4;	/* 0..2047 */
	u8 code;
	int seg;

	if (mag < 16) {
		code = mag;
	} else {
		seg = fdsp_fls(mag) - 4;			/* 1..7 */
		code = (seg << 4) | ((mag >> (seg - 1)) & 0x0f);
	}
	if (linear >= 0)
		code |= 0x80;
	return code ^ ALAW_EVEN_BITS;
}

s16 fdsp_g711_alaw_decode(u8 code)
{
	u8 c = code ^ ALAW_EVEN_BITS;
	int seg = (c >> 4) & 0x07;
	s32 mag = ((c & 0x0f) << 4) + 8;

	if (seg) {
		mag += 0x100;
		mag <<= seg - 1;
	}
	return (c & 0x80) ? mag : -mag;
}

#define ULAW_BIAS	33	/* in 14-bit units */

u8 fdsp_g711_ulaw_encode(s16 linear)
{
	u32 mag = ((u32)(linear < 0 ? ~linear : linear) >> 2) + ULAW_BIAS;
	int seg;
	u8 code;

	if (mag > 0x1fff)
		mag = 0x1fff;
	seg = fdsp_fls(mag) - 6;				/* 0..7 */
	code = (seg << 4) | ((mag >> (seg + 1)) & 0x0f);
	code = ~code & 0x7f;
	if (linear >= 0)
		code |= 0x80;
	return code;
}

s16 fdsp_g711_ulaw_decode(u8 code)
{
	u8 c = ~code;
	int seg = (c >> 4) & 0x07;
	s32 mag = ((((c & 0x0f) << 1) + ULAW_BIAS) << (seg + 2)) - 4 * ULAW_BIAS;

	return (code & 0x80) ? mag : -mag;
}

u8 fdsp_g711_bitrev(u8 code)
{
	code = (code >> 4) | (code << 4);
	code = ((code & 0xcc) >> 2) | ((code & 0x33) << 2);
	return ((code & 0xaa) >> 1) | ((code & 0x55) << 1);
}

int fdsp_g711_codec_init(struct fdsp_g711_codec *c, unsigned int law, bool lsb_first)
{
	if (law != FDSP_G711_ALAW && law != FDSP_G711_ULAW)
		return -EINVAL;
	c->law = law;
	c->lsb_first = lsb_first;
	return 0;
}

void fdsp_g711_encode(const struct fdsp_g711_codec *c, u8 *dst,
		      const s16 *src, size_t n)
{
	size_t i;

	if (c->law == FDSP_G711_ULAW)
		for (i = 0; i < n; i++)
			dst[i] = fdsp_g711_ulaw_encode(src[i]);
	else
		for (i = 0; i < n; i++)
			dst[i] = fdsp_g711_alaw_encode(src[i]);
	if (c->lsb_first)
		for (i = 0; i < n; i++)
			dst[i] = fdsp_g711_bitrev(dst[i]);
}

void fdsp_g711_decode(const struct fdsp_g711_codec *c, s16 *dst,
		      const u8 *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		u8 code = c->lsb_first ? fdsp_g711_bitrev(src[i]) : src[i];

		dst[i] = c->law == FDSP_G711_ULAW ? fdsp_g711_ulaw_decode(code)
					     : fdsp_g711_alaw_decode(code);
	}
}

u8 fdsp_g711_silence(const struct fdsp_g711_codec *c)
{
	u8 code = c->law == FDSP_G711_ULAW ? FDSP_G711_ULAW_SILENCE : FDSP_G711_ALAW_SILENCE;

	return c->lsb_first ? fdsp_g711_bitrev(code) : code;
}
