// SPDX-License-Identifier: GPL-2.0-only
/*
 * G.711 A-law and mu-law conversion for the read()/write() formats and for
 * cards that exchange companded samples. A minimal computed version, to be
 * replaced by the DSP library's table-driven one (kmod/core/dsp/) when it
 * lands. Pure functions; no locking.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>

#include "faxcore.h"

u8 fax_lin2alaw(s16 s)
{
	/* Work on the 12-bit magnitude of the 13-bit sample. */
	int mag = (s >= 0 ? s : -s - 1) >> 3;
	u8 mask = s >= 0 ? 0xd5 : 0x55;
	int seg = mag < 32 ? 0 : fls(mag) - 5;
	int shift = seg ? seg : 1;

	return ((seg << 4) | ((mag >> shift) & 0x0f)) ^ mask;
}

s16 fax_alaw2lin(u8 a)
{
	int seg, t;

	a ^= 0x55;
	seg = (a & 0x70) >> 4;
	t = (a & 0x0f) << 4;
	if (seg == 0)
		t += 8;
	else
		t = (t + 0x108) << (seg - 1);
	return (a & 0x80) ? t : -t;
}

#define FAX_ULAW_BIAS	0x84
#define FAX_ULAW_CLIP	32635

u8 fax_lin2ulaw(s16 s)
{
	int mag = s >= 0 ? s : -(int)s;
	u8 mask = s >= 0 ? 0xff : 0x7f;
	int seg;

	mag = min(mag, FAX_ULAW_CLIP) + FAX_ULAW_BIAS;
	seg = fls(mag) - 8;
	return ((seg << 4) | ((mag >> (seg + 3)) & 0x0f)) ^ mask;
}

s16 fax_ulaw2lin(u8 u)
{
	int t;

	u = ~u;
	t = (((u & 0x0f) << 3) + FAX_ULAW_BIAS) << ((u & 0x70) >> 4);
	return (u & 0x80) ? FAX_ULAW_BIAS - t : t - FAX_ULAW_BIAS;
}
