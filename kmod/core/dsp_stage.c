// SPDX-License-Identifier: GPL-2.0-only
/*
 * The line DSP pipeline: the stages of the DSP library (dsp/) a line runs
 * on its received audio, in order, each behind its FAX_DSP_* switch: the
 * echo canceller first, so the detectors hear the line without our own
 * echo, then the DTMF, fax tone, V.21 preamble and call progress
 * detectors. Detections become line events (FAX_IOC_GET_EVENT and
 * netlink) through the line's fixed event ring: nothing here allocates
 * in the tick.
 *
 * Locking: see dsp_stage.h. Everything that touches line->dsp runs with
 * line->lock held, except line init/free and fax_dsp_prepare(), which
 * only allocates memory nobody else sees yet.
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "faxcore.h"

static unsigned int cpt_region = FDSP_CPT_REGION_ETSI;
module_param(cpt_region, uint, 0444);
MODULE_PARM_DESC(cpt_region,
		 "Call progress tones to detect: 0 North America, 1 ETSI 425 Hz (default), 2 UK");

struct fax_dsp_stage {
	u32 flag;			/* FAX_DSP_* switch */
	void (*run)(struct fax_line_dsp *d, s16 *rx, const s16 *tx,
		    unsigned int n);
};

static void fax_dsp_ec_run(struct fax_line_dsp *d, s16 *rx, const s16 *tx,
			   unsigned int n)
{
	if (d->ec)
		fdsp_echo_process(d->ec, tx, rx, n);
}

static void fax_dsp_dtmf_run(struct fax_line_dsp *d, s16 *rx, const s16 *tx,
			     unsigned int n)
{
	fdsp_dtmf_rx_process(&d->dtmf, rx, n);
}

static void fax_dsp_tone_run(struct fax_line_dsp *d, s16 *rx, const s16 *tx,
			     unsigned int n)
{
	fdsp_faxtone_rx_process(&d->tone, rx, n);
}

static void fax_dsp_v21_run(struct fax_line_dsp *d, s16 *rx, const s16 *tx,
			    unsigned int n)
{
	fdsp_v21pre_rx_process(&d->v21, rx, n);
}

static void fax_dsp_cpt_run(struct fax_line_dsp *d, s16 *rx, const s16 *tx,
			    unsigned int n)
{
	fdsp_cpt_rx_process(&d->cpt, rx, n);
}

/* In processing order. */
static const struct fax_dsp_stage fax_dsp_stages[] = {
	{ FAX_DSP_ECHO_CANCEL, fax_dsp_ec_run },
	{ FAX_DSP_DTMF_DETECT, fax_dsp_dtmf_run },
	{ FAX_DSP_TONE_DETECT, fax_dsp_tone_run },
	{ FAX_DSP_TONE_DETECT, fax_dsp_v21_run },
	{ FAX_DSP_CPT_DETECT, fax_dsp_cpt_run },
};

/* The line event of a detection, false if it has none. */
static bool fax_dsp_map(const struct fdsp_event *ev, u32 *type, u32 *value)
{
	static const u8 cpt_tone[FDSP_CPT_KINDS] = {
		[FDSP_CPT_DIAL] = FAX_TONE_DIAL,
		[FDSP_CPT_RINGBACK] = FAX_TONE_RINGBACK,
		[FDSP_CPT_BUSY] = FAX_TONE_BUSY,
		[FDSP_CPT_REORDER] = FAX_TONE_REORDER,
	};

	*type = ev->on ? FAX_EV_TONE_START : FAX_EV_TONE_STOP;
	switch (ev->type) {
	case FDSP_EV_DTMF:
		/* A digit is one event, at its start. */
		*type = FAX_EV_DIGIT;
		*value = ev->value;
		return ev->on;
	case FDSP_EV_CNG:
		*value = FAX_TONE_CNG;
		return true;
	case FDSP_EV_CED:
		*value = FAX_TONE_CED;
		return true;
	case FDSP_EV_CED_PR:
		*value = FAX_TONE_CED_PR;
		return true;
	case FDSP_EV_ANSAM:
		*value = FAX_TONE_ANSAM;
		return true;
	case FDSP_EV_ANSAM_PR:
		*value = FAX_TONE_ANSAM_PR;
		return true;
	case FDSP_EV_V21_PREAMBLE:
		*value = FAX_TONE_V21;
		return true;
	case FDSP_EV_CPT:
		if (ev->value >= FDSP_CPT_KINDS)
			return false;
		*value = cpt_tone[ev->value];
		return true;
	}
	return false;
}

/*
 * The detectors' sink, called from their process functions in the tick
 * with line->lock held. The event is dated back to the sample the
 * detector names: d->fed is the detectors' position at the end of the
 * chunk being processed.
 */
static void fax_dsp_sink(void *ctx, const struct fdsp_event *ev)
{
	struct fax_line *line = ctx;
	struct fax_line_dsp *d = &line->dsp;
	u64 ago = ev->sample < d->fed ? d->fed - ev->sample : 0;
	u32 type, value;

	if (!fax_dsp_map(ev, &type, &value))
		return;
	fax_line_queue_event_at(line, type, value, d->rx_pos0 + ev->sample,
				ktime_get_ns() - ago * (NSEC_PER_SEC / FAX_SAMPLE_RATE));
}

/* Start every stage afresh with the line's parameters. line->lock held. */
void fax_dsp_reset(struct fax_line *line)
{
	struct fax_line_dsp *d = &line->dsp;
	const struct fdsp_echo_params ep = {
		.tail_ms = line->params.ec_tail_ms,
		.nlp = !!(line->params.dsp & FAX_DSP_EC_NLP),
		.disable_on_ced = !!(line->params.dsp & FAX_DSP_EC_CED_DISABLE),
	};
	const struct fdsp_sink sink = { .fn = fax_dsp_sink, .ctx = line };

	d->ec = d->ec_mem ? fdsp_echo_init(d->ec_mem, d->ec_len, &ep) : NULL;
	/* Cannot fail: default parameters, and the region checked at init. */
	fdsp_dtmf_rx_init(&d->dtmf, NULL, &sink);
	fdsp_faxtone_rx_init(&d->tone, 0, &sink);
	fdsp_v21pre_rx_init(&d->v21, 0, &sink);
	fdsp_cpt_rx_init(&d->cpt, fdsp_cpt_region(cpt_region), 0, &sink);
	d->rx_pos0 = line->stats.rx_samples;
	d->fed = 0;
}

/* Allocate echo canceller memory for the tail in p (process context). */
int fax_dsp_prepare(struct fax_line *line, const struct fax_params *p,
		    struct fax_dsp_ec_mem *m)
{
	m->len = fdsp_echo_size(p->ec_tail_ms);
	if (!m->len)
		return -EINVAL;
	m->mem = kvzalloc(m->len, GFP_KERNEL);
	return m->mem ? 0 : -ENOMEM;
}

/*
 * Swap the prepared memory in, with line->lock held and the new
 * parameters in place; m then holds the old memory, for kvfree() after
 * the lock is dropped.
 */
void fax_dsp_commit(struct fax_line *line, struct fax_dsp_ec_mem *m)
{
	swap(line->dsp.ec_mem, m->mem);
	swap(line->dsp.ec_len, m->len);
	fax_dsp_reset(line);
}

/* Process context, on a line nobody else can reach yet. */
int fax_dsp_line_init(struct fax_line *line)
{
	struct fax_dsp_ec_mem m;
	int ret;

	if (!fdsp_cpt_region(cpt_region))
		return -EINVAL;
	ret = fax_dsp_prepare(line, &line->params, &m);
	if (ret)
		return ret;
	fax_dsp_commit(line, &m);
	return 0;
}

void fax_dsp_line_free(struct fax_line *line)
{
	kvfree(line->dsp.ec_mem);
	line->dsp.ec_mem = NULL;
	line->dsp.ec = NULL;
}

void fax_dsp_rx(struct fax_line *line, s16 *rx, const s16 *tx,
		unsigned int n)
{
	u32 on = line->params.dsp;
	unsigned int i;

	line->dsp.fed += n;
	for (i = 0; i < ARRAY_SIZE(fax_dsp_stages); i++)
		if (on & fax_dsp_stages[i].flag)
			fax_dsp_stages[i].run(&line->dsp, rx, tx, n);
}
