// SPDX-License-Identifier: GPL-2.0-only
/* Descriptors of the fax connect tones (T.30, V.8, V.25), as data. */
#include "faxtone.h"

static const struct fdsp_tone_desc faxtones[] = {
	[FDSP_TONE_CNG] = {
		.freq = { 1100 }, .cadence_ms = { 500, 3000 }, .repeat = 1,
	},
	[FDSP_TONE_CED] = {
		.freq = { 2100 }, .cadence_ms = { 3300 },
	},
	[FDSP_TONE_CED_PR] = {
		.freq = { 2100 }, .cadence_ms = { 3300 }, .reversal_ms = 450,
	},
	[FDSP_TONE_ANSAM] = {
		.freq = { 2100 }, .cadence_ms = { 3300 },
		.am_hz = 15, .am_percent = 20,
	},
	[FDSP_TONE_ANSAM_PR] = {
		.freq = { 2100 }, .cadence_ms = { 3300 },
		.am_hz = 15, .am_percent = 20, .reversal_ms = 450,
	},
};

int fdsp_faxtone_desc(struct fdsp_tone_desc *d, unsigned int kind,
		      int level)
{
	if (kind >= ARRAY_SIZE(faxtones) || level > 30)
		return -EINVAL;
	*d = faxtones[kind];
	d->level[0] = level;
	return 0;
}
