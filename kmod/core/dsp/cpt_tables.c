// SPDX-License-Identifier: GPL-2.0-only
/*
 * Call-progress tone tables (see cpt.h), as data.  A region is added by
 * adding a table here (or by passing one to fdsp_cpt_rx_init()).
 *
 * Sources: North America, the Precise Tone Plan (ANSI T1.401, as in
 * ITU-T E.180 Supplement 2); ETSI/CEPT, ETSI TR 101 041 (425 Hz, the
 * congestion cadence varies by country: 250/250 ms is the common one);
 * UK, BT SIN 350.
 */
#include "cpt.h"

static const struct fdsp_cpt_region regions[FDSP_CPT_REGIONS] = {
	[FDSP_CPT_REGION_NA] = {
		.name = "na",
		.ntones = 4,
		.tone = {
			{ FDSP_CPT_DIAL, { 350, 440 }, -130, { 0 } },
			{ FDSP_CPT_RINGBACK, { 440, 480 }, -190, { 2000, 4000 } },
			{ FDSP_CPT_BUSY, { 480, 620 }, -240, { 500, 500 } },
			{ FDSP_CPT_REORDER, { 480, 620 }, -240, { 250, 250 } },
		},
	},
	[FDSP_CPT_REGION_ETSI] = {
		.name = "etsi",
		.ntones = 4,
		.tone = {
			{ FDSP_CPT_DIAL, { 425 }, -100, { 0 } },
			{ FDSP_CPT_RINGBACK, { 425 }, -100, { 1000, 4000 } },
			{ FDSP_CPT_BUSY, { 425 }, -100, { 500, 500 } },
			{ FDSP_CPT_REORDER, { 425 }, -100, { 250, 250 } },
		},
	},
	[FDSP_CPT_REGION_UK] = {
		.name = "uk",
		.ntones = 4,
		.tone = {
			{ FDSP_CPT_DIAL, { 350, 450 }, -130, { 0 } },
			{ FDSP_CPT_RINGBACK, { 400, 450 }, -190,
			  { 400, 200, 400, 2000 } },
			{ FDSP_CPT_BUSY, { 400 }, -140, { 375, 375 } },
			{ FDSP_CPT_REORDER, { 400 }, -140, { 400, 350, 225, 525 } },
		},
	},
};

const struct fdsp_cpt_region *fdsp_cpt_region(unsigned int id)
{
	return id < FDSP_CPT_REGIONS ? &regions[id] : NULL;
}

int fdsp_cpt_desc(struct fdsp_tone_desc *d, const struct fdsp_cpt_region *r,
		  unsigned int kind)
{
	const struct fdsp_cpt_tone *t;
	unsigned int i;

	for (i = 0; r && i < r->ntones && i < FDSP_CPT_MAX_TONES; i++) {
		t = &r->tone[i];
		if (t->kind != kind)
			continue;
		memset(d, 0, sizeof(*d));
		d->freq[0] = t->freq[0];
		d->freq[1] = t->freq[1];
		d->level[0] = t->level;
		d->level[1] = t->level;
		memcpy(d->cadence_ms, t->cadence_ms, sizeof(d->cadence_ms));
		d->repeat = 1;
		return 0;
	}
	return -EINVAL;
}
