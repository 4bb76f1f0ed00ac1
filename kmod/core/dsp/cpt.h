/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Call-progress tones (ITU-T E.180/Q.35): dial tone, ringback, busy and
 * reorder (congestion).  A region is a table of tones, each a frequency
 * pair and a cadence, held as data: fdsp_cpt_region() returns the built-in
 * tables, and a caller may pass a table of its own to the detector.
 *
 * The generator is struct fdsp_tonegen playing fdsp_cpt_desc().
 *
 * The detector runs Goertzel filters at the region's distinct frequencies
 * over blocks of 200 samples (25 ms: 40 Hz resolution, so that 440 and
 * 480 Hz are told apart) and classifies each block: the frequency pair of
 * a table entry is present when each of its tones is above the level
 * threshold, within 10 dB of the other, and the pair carries at least
 * 70 % of the block's energy (speech spreads its energy, tones do not).
 * Consecutive blocks make "on" segments, whose edges are refined to a
 * quarter block (50 samples) from the energy of the quarters.  A
 * cadenced tone is reported once a whole cycle of on and off segments
 * matches its table entry within 12.5 % + 40 ms per segment (two cycles
 * when a four-segment cadence shares its frequencies); a steady
 * tone once it lasted longer than every cadenced tone of the same pair
 * could (and at least one second).  It stops when the cadence breaks or
 * the tone ends; the stop timestamp is the end of the last good "on".
 */
#ifndef FAX_DSP_CPT_H
#define FAX_DSP_CPT_H

#include "dsp_types.h"
#include "event.h"
#include "goertzel.h"
#include "tonegen.h"

/* The value of an FDSP_EV_CPT event. */
enum fdsp_cpt_kind {
	FDSP_CPT_DIAL,
	FDSP_CPT_RINGBACK,
	FDSP_CPT_BUSY,
	FDSP_CPT_REORDER,	/* also congestion, "fast busy" */
	FDSP_CPT_KINDS
};

enum fdsp_cpt_region_id {
	FDSP_CPT_REGION_NA,	/* North America (Precise Tone Plan) */
	FDSP_CPT_REGION_ETSI,	/* ETSI/CEPT 425 Hz (TR 101 041) */
	FDSP_CPT_REGION_UK,	/* United Kingdom, 400 Hz family */
	FDSP_CPT_REGIONS
};

#define FDSP_CPT_MAX_TONES	8
#define FDSP_CPT_MAX_FREQS	6
#define FDSP_CPT_BLOCK		200

/* One tone of a region; cadence_ms all 0 means steady. */
struct fdsp_cpt_tone {
	u8 kind;		/* enum fdsp_cpt_kind */
	u16 freq[2];		/* Hz; freq[1] 0 for a single tone */
	s16 level;		/* nominal level per sine, 0.1 dBm0 */
	u16 cadence_ms[4];	/* on, off[, on, off] */
};

struct fdsp_cpt_region {
	const char *name;
	u8 ntones;
	struct fdsp_cpt_tone tone[FDSP_CPT_MAX_TONES];
};

/* The built-in table of a region, NULL if there is none. */
const struct fdsp_cpt_region *fdsp_cpt_region(unsigned int id);

/*
 * Generator descriptor of a region's tone at its nominal level (change
 * d->level to play it louder or softer); -EINVAL if the region has no
 * such tone.
 */
int fdsp_cpt_desc(struct fdsp_tone_desc *d, const struct fdsp_cpt_region *r,
		  unsigned int kind);

/* A segment of tone (on) or of its absence (off) of the current pair. */
struct fdsp_cpt_seg {
	u64 start;
	u32 len;		/* samples */
	bool on;
};

struct fdsp_cpt_rx {
	struct fdsp_sink sink;
	const struct fdsp_cpt_region *region;
	struct fdsp_goertzel g[FDSP_CPT_MAX_FREQS];
	u8 nfreq;
	u8 fidx[FDSP_CPT_MAX_TONES][2];	/* index into g, 0xff none */
	u8 pair[FDSP_CPT_MAX_TONES];	/* first tone with the same pair */
	u8 need[FDSP_CPT_MAX_TONES];	/* segments that must match */
	u32 steady_len[FDSP_CPT_MAX_TONES];	/* samples before "steady" */
	u64 min_power;			/* |X|^2 at the threshold */
	u64 now;			/* samples consumed */
	u64 energy;			/* of the block */
	u64 quarter[4];			/* energy of the block's quarters */
	u16 fill;
	/* Debounced block classification. */
	s8 cur;			/* pair of the current segment, -1 none */
	s8 cand;		/* differing classification seen */
	u8 cand_run;
	u64 cand_start, cand_end;
	u64 seg_start;		/* of the current segment */
	u64 on_end;		/* refined end of the last "on" block */
	s16 level;		/* of the current tone, 0.1 dBm0 */
	/* Completed segments of the current pair, newest last. */
	struct fdsp_cpt_seg hist[4];
	u8 nhist;
	s8 pair_of_hist;	/* pair the history belongs to, -1 none */
	/* Reported tone. */
	s8 reported;		/* tone index, -1 none */
	u8 phase;		/* next cadence segment expected */
	u64 good_end;		/* end of the last "on" that fitted */
};

/*
 * region: a table (built-in or the caller's, which must outlive the
 * detector); threshold: minimum level per tone in 0.1 dBm0 (0: -420).
 * -EINVAL if the table is empty, too large, has a frequency outside
 * 100..3900 Hz or more than FDSP_CPT_MAX_FREQS distinct frequencies.
 */
int fdsp_cpt_rx_init(struct fdsp_cpt_rx *s,
		     const struct fdsp_cpt_region *region, int threshold,
		     const struct fdsp_sink *sink);
void fdsp_cpt_rx_process(struct fdsp_cpt_rx *s, const s16 *x, size_t n);

#endif /* FAX_DSP_CPT_H */
