// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-card tick: every chunk the card driver hands in is converted to
 * linear samples, run through the line DSP and queued for read(); the
 * chunk the card sends comes from the dialler, from what write() queued,
 * or is silence.
 *
 * Context and locking: softirq only (the driver's clock), never
 * concurrently for one card; each line's spinlock is held while that line
 * is processed. Nothing here sleeps, allocates or takes a mutex.
 */
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "faxcore.h"

#define FAX_DTMF_AMP	8000	/* each of the two tones, about -12 dBFS */

/* Start the next part of the dial string; false when it is all sent. */
static bool fax_dial_next(struct fax_dialer *d)
{
	char c;

	if (d->on) {
		d->on = false;
		d->left = FAX_DTMF_OFF_SAMPLES;
		return true;
	}
	c = d->digits[d->next];
	if (!c)
		return false;
	d->next++;
	if (c == ',') {
		d->left = FAX_DIAL_PAUSE_SAMPLES;
		return true;
	}
	d->on = fax_dtmf_tone(&d->gen, c, FAX_DTMF_AMP);
	d->left = FAX_DTMF_ON_SAMPLES;
	return true;
}

static void fax_dial_fill(struct fax_line *line, s16 *tx, unsigned int n)
{
	struct fax_dialer *d = &line->dialer;
	unsigned int done = 0, len;

	while (done < n) {
		if (!d->left && !fax_dial_next(d)) {
			line->dialing = false;
			fax_line_queue_event(line, FAX_EV_DIALED, 0);
			memset(tx + done, 0, (n - done) * sizeof(*tx));
			return;
		}
		len = min(n - done, d->left);
		if (d->on)
			fax_tone_fill(&d->gen, tx + done, len);
		else
			memset(tx + done, 0, len * sizeof(*tx));
		d->left -= len;
		done += len;
	}
}

static void fax_tick_tx(struct fax_line *line, s16 *tx, unsigned int n)
{
	unsigned int got = 0;

	if (line->dialing) {
		fax_dial_fill(line, tx, n);
		return;
	}
	/* write()'s audio goes out only while a call is up. */
	if (line->state == FAX_STATE_CONNECTED) {
		got = kfifo_out(&line->tx_fifo, tx, n);
		line->stats.tx_samples += got;
		fax_gain_apply(tx, got, line->tx_gain_q14);
		if (got < n && line->tx_primed) {
			line->tx_primed = false;
			line->stats.tx_underruns++;
			fax_line_queue_event(line, FAX_EV_UNDERRUN, 0);
		}
	}
	memset(tx + got, 0, (n - got) * sizeof(*tx));
}

/* Queue received audio for read(), up to the configured depth. */
static void fax_tick_rx(struct fax_line *line, s16 *rx, unsigned int n)
{
	unsigned int depth = line->params.buffer_ms * (FAX_SAMPLE_RATE / 1000);
	unsigned int len = kfifo_len(&line->rx_fifo);
	unsigned int put = len < depth ? min(n, depth - len) : 0;

	fax_gain_apply(rx, put, line->rx_gain_q14);
	kfifo_in(&line->rx_fifo, rx, put);
	line->stats.rx_samples += put;
	if (put < n) {
		line->stats.rx_overruns += n - put;
		if (!line->overrun_reported) {
			line->overrun_reported = true;
			fax_line_queue_event(line, FAX_EV_OVERRUN, 0);
		}
	}
}

void fax_line_tick(struct fax_line *line, s16 *rx, s16 *tx, unsigned int n)
{
	bool moved = false;

	spin_lock(&line->lock);
	if (line->dead) {
		spin_unlock(&line->lock);
		memset(tx, 0, n * sizeof(*tx));
		return;
	}
	fax_tick_tx(line, tx, n);
	fax_dsp_tx(line, tx, n);
	fax_dsp_rx(line, rx, tx, n);
	if (line->offhook) {
		fax_tick_rx(line, rx, n);
		moved = true;
	}
	moved |= line->state == FAX_STATE_CONNECTED;
	spin_unlock(&line->lock);

	/* Readers and writers sleep on line->wait; skip the wake-up when idle. */
	if (moved && wq_has_sleeper(&line->wait))
		wake_up_interruptible(&line->wait);
}

static void fax_from_card(const struct fax_card *card, const void *in,
			  s16 *out, unsigned int n)
{
	const u8 *law = in;
	unsigned int i;

	switch (card->format) {
	case FAX_CARD_S16:
		memcpy(out, in, n * sizeof(*out));
		break;
	case FAX_CARD_ALAW:
		for (i = 0; i < n; i++)
			out[i] = fax_alaw2lin(law[i]);
		break;
	case FAX_CARD_ULAW:
		for (i = 0; i < n; i++)
			out[i] = fax_ulaw2lin(law[i]);
		break;
	}
}

static void fax_to_card(const struct fax_card *card, const s16 *in,
			void *out, unsigned int n)
{
	u8 *law = out;
	unsigned int i;

	switch (card->format) {
	case FAX_CARD_S16:
		memcpy(out, in, n * sizeof(*in));
		break;
	case FAX_CARD_ALAW:
		for (i = 0; i < n; i++)
			law[i] = fax_lin2alaw(in[i]);
		break;
	case FAX_CARD_ULAW:
		for (i = 0; i < n; i++)
			law[i] = fax_lin2ulaw(in[i]);
		break;
	}
}

void fax_card_tick(struct fax_card *card, const void *rx, void *tx,
		   unsigned int n)
{
	size_t width = card->format == FAX_CARD_S16 ? sizeof(s16) : 1;
	unsigned int i;

	if (WARN_ON_ONCE(n > FAX_TICK_MAX))
		return;
	for (i = 0; i < card->nlines; i++) {
		fax_from_card(card, rx + i * n * width, card->rx_buf, n);
		fax_line_tick(card->lines[i], card->rx_buf, card->tx_buf, n);
		fax_to_card(card, card->tx_buf, tx + i * n * width, n);
	}
}
EXPORT_SYMBOL_GPL(fax_card_tick);
