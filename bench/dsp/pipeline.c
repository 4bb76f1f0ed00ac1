// SPDX-License-Identifier: GPL-2.0-or-later
/* One line's DSP work per tick (see pipeline.h). */
#include "pipeline.h"

const char *pipe_build(void)
{
#ifdef PIPE_KERNEL_FLAGS
	return "kernel flags";
#else
	return "normal";
#endif
}

static void count(void *ctx, const struct fdsp_event *ev)
{
	struct pipe_line *l = ctx;

	l->events += ev->on;
}

int pipe_init(struct pipe_line *l, unsigned int tail_ms, void *ec_mem,
	      size_t ec_len, const char *digits)
{
	struct fdsp_echo_params ep = { .tail_ms = tail_ms };
	struct fdsp_sink sink = { .fn = count, .ctx = l };
	int err;

	memset(l, 0, sizeof(*l));
	l->ec = fdsp_echo_init(ec_mem, ec_len, &ep);
	if (!l->ec)
		return -EINVAL;
	err = fdsp_g711_codec_init(&l->codec, FDSP_G711_ALAW, false);
	if (!err)
		err = fdsp_dtmf_rx_init(&l->dtmf, NULL, &sink);
	if (!err)
		err = fdsp_cpt_rx_init(&l->cpt,
				       fdsp_cpt_region(FDSP_CPT_REGION_ETSI),
				       0, &sink);
	if (!err)
		err = fdsp_dtmf_tx_init(&l->gen, NULL);
	if (!err && fdsp_dtmf_tx_put(&l->gen, digits, strlen(digits)) < 0)
		err = -EINVAL;
	fdsp_faxtone_rx_init(&l->fax, 0, &sink);
	fdsp_v21pre_rx_init(&l->v21, 0, &sink);
	return err;
}

void pipe_tick(struct pipe_line *l, unsigned int stages, const s16 *sig,
	       u8 *tx_out, const u8 *rx_in, const s16 *rx_lin, size_t n)
{
	size_t i;

	/* Transmit: tones mixed into what the line sends. */
	memcpy(l->tx, sig, n * sizeof(*sig));
	if (stages & PIPE_GEN) {
		fdsp_dtmf_tx_run(&l->gen, l->tone, n);
		for (i = 0; i < n; i++)
			l->tx[i] = fdsp_sat16((s32)l->tx[i] + l->tone[i]);
	}
	if (stages & PIPE_ENCODE)
		fdsp_g711_encode(&l->codec, tx_out, l->tx, n);
	/* Receive. */
	if (stages & PIPE_DECODE)
		fdsp_g711_decode(&l->codec, l->rx, rx_in, n);
	else
		memcpy(l->rx, rx_lin, n * sizeof(*rx_lin));
	if (stages & PIPE_ECHO)
		fdsp_echo_process(l->ec, l->tx, l->rx, n);
	if (stages & PIPE_DTMF)
		fdsp_dtmf_rx_process(&l->dtmf, l->rx, n);
	if (stages & PIPE_FAXTONE)
		fdsp_faxtone_rx_process(&l->fax, l->rx, n);
	if (stages & PIPE_V21)
		fdsp_v21pre_rx_process(&l->v21, l->rx, n);
	if (stages & PIPE_CPT)
		fdsp_cpt_rx_process(&l->cpt, l->rx, n);
}
