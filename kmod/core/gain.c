// SPDX-License-Identifier: GPL-2.0-only
/*
 * The line gains of struct fax_params (whole dB, FAX_GAIN_MIN..MAX) as
 * Q14 factors, from the DSP library's attenuation table: a gain above
 * 0 dB is the inverse of the same attenuation. Pure functions; no
 * locking.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>

#include "faxcore.h"
#include "dsp/dsp_math.h"

int fax_gain_q14(int db)
{
	/* fdsp_db_gain() is Q15: halve it, or invert it for gains. */
	if (!db)
		return 1 << 14;		/* exactly unity */
	if (db < 0)
		return fdsp_db_gain(-db * 10) >> 1;
	return (1 << 29) / fdsp_db_gain(db * 10);
}

void fax_gain_apply(s16 *buf, unsigned int n, int q14)
{
	unsigned int i;

	if (q14 == 1 << 14)
		return;
	for (i = 0; i < n; i++)
		buf[i] = clamp_t(s32, (buf[i] * q14) >> 14, S16_MIN, S16_MAX);
}
