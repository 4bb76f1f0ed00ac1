/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * G.711 A-law and mu-law companding, bit-exact with ITU-T G.711 (and its
 * reference implementation in G.191) for every code and every 16-bit
 * linear input.  Linear samples are 16-bit, left-justified: A-law uses the
 * top 13 bits, mu-law the top 14, as G.191 does.
 *
 * Codes on the wire are in G.711's order: bit 1 (the sign) is sent first,
 * and the A-law even bits are already inverted.  Some framers deliver each
 * octet least significant bit first; struct fdsp_g711_codec carries that per
 * card, so the line code never has to care.
 */
#ifndef FAX_DSP_G711_H
#define FAX_DSP_G711_H

#include "dsp_types.h"

enum fdsp_g711_law {
	FDSP_G711_ALAW = 0,
	FDSP_G711_ULAW = 1,
};

/* The code a silent line carries (positive zero). */
#define FDSP_G711_ALAW_SILENCE	0xd5
#define FDSP_G711_ULAW_SILENCE	0xff

struct fdsp_g711_codec {
	u8 law;		/* enum fdsp_g711_law */
	u8 lsb_first;	/* octets travel bit-reversed on this card */
};

u8 fdsp_g711_alaw_encode(s16 linear);
s16 fdsp_g711_alaw_decode(u8 code);
u8 fdsp_g711_ulaw_encode(s16 linear);
s16 fdsp_g711_ulaw_decode(u8 code);
u8 fdsp_g711_bitrev(u8 code);

/*
 * Block conversion for one line's chunk.  Never fails: an unknown law is
 * treated as A-law (fdsp_g711_codec_init() refuses it before it gets here).
 */
int fdsp_g711_codec_init(struct fdsp_g711_codec *c, unsigned int law, bool lsb_first);
void fdsp_g711_encode(const struct fdsp_g711_codec *c, u8 *dst,
		      const s16 *src, size_t n);
void fdsp_g711_decode(const struct fdsp_g711_codec *c, s16 *dst,
		      const u8 *src, size_t n);
u8 fdsp_g711_silence(const struct fdsp_g711_codec *c);

#endif /* FAX_DSP_G711_H */
