// SPDX-License-Identifier: GPL-2.0-only
/*
 * The line DSP pipeline: which stages exist, creating their per-line state
 * and running them from the tick. Until the DSP library (dsp/) provides
 * stages the pipeline is empty, so lines pass audio through unchanged.
 *
 * Locking: fax_dsp_line_init/free run in process context on a line nobody
 * else can reach yet (or any more); the others run in the tick under
 * line->lock.
 */
#include <linux/kernel.h>

#include "faxcore.h"

/* The DSP library adds its stages here, in processing order. */
static const struct fax_dsp_ops *const fax_dsp_stages[] = {
	NULL,
};

int fax_dsp_line_init(struct fax_line *line)
{
	unsigned int i, n = 0;

	BUILD_BUG_ON(ARRAY_SIZE(fax_dsp_stages) > FAX_DSP_STAGES + 1);
	for (i = 0; i < ARRAY_SIZE(fax_dsp_stages); i++) {
		const struct fax_dsp_ops *ops = fax_dsp_stages[i];

		if (!ops)
			continue;
		line->dsp[n].state = ops->create();
		if (!line->dsp[n].state) {
			fax_dsp_line_free(line);
			return -ENOMEM;
		}
		line->dsp[n++].ops = ops;
	}
	return 0;
}

void fax_dsp_line_free(struct fax_line *line)
{
	unsigned int i;

	for (i = 0; i < FAX_DSP_STAGES; i++) {
		if (line->dsp[i].ops)
			line->dsp[i].ops->destroy(line->dsp[i].state);
		line->dsp[i].ops = NULL;
		line->dsp[i].state = NULL;
	}
}

void fax_dsp_reset(struct fax_line *line)
{
	unsigned int i;

	for (i = 0; i < FAX_DSP_STAGES && line->dsp[i].ops; i++)
		if (line->dsp[i].ops->reset)
			line->dsp[i].ops->reset(line->dsp[i].state);
}

void fax_dsp_tx(struct fax_line *line, s16 *tx, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < FAX_DSP_STAGES && line->dsp[i].ops; i++) {
		const struct fax_dsp_ops *ops = line->dsp[i].ops;

		if (ops->tx && (line->params.dsp & ops->flag))
			ops->tx(line->dsp[i].state, tx, n);
	}
}

void fax_dsp_rx(struct fax_line *line, s16 *rx, const s16 *tx,
		unsigned int n)
{
	unsigned int i;

	for (i = 0; i < FAX_DSP_STAGES && line->dsp[i].ops; i++) {
		const struct fax_dsp_ops *ops = line->dsp[i].ops;

		if (ops->rx && (line->params.dsp & ops->flag))
			ops->rx(line->dsp[i].state, line, rx, tx, n);
	}
}

void fax_dsp_event(struct fax_line *line, u32 type, u32 value)
{
	fax_line_queue_event(line, type, value);
}
