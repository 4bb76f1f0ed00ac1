// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-card tick: every chunk the card driver hands in is converted to
 * linear samples (G.711 through the DSP library for law cards), run
 * through the line DSP while the line is off hook and queued for read();
 * the chunk the card sends comes from the dialler (the library's DTMF
 * generator), from what write() queued, or is silence.
 *
 * Context and locking: softirq only (the driver's clock), never
 * concurrently for one card; each line's spinlock is held while that line
 * is processed. Nothing here sleeps, allocates or takes a mutex.
 */
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/poll.h>
#include <linux/string.h>

#include "faxcore.h"

/* Start the next run of digits or pause; false when all is sent. */
static bool fax_dial_next(struct fax_dialer *d)
{
	size_t len;

	if (!d->digits[d->next])
		return false;
	d->pause = d->digits[d->next] == ',';
	if (d->pause) {
		d->next++;
		d->left = FAX_DIAL_PAUSE_SAMPLES;
		return true;
	}
	/* The dial string was checked: only DTMF digits up to the pause. */
	len = strcspn(d->digits + d->next, ",");
	fdsp_dtmf_tx_put(&d->dtmf, d->digits + d->next, len);
	d->next += len;
	d->left = len * (FAX_DTMF_ON_SAMPLES + FAX_DTMF_OFF_SAMPLES);
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
		if (d->pause)
			memset(tx + done, 0, len * sizeof(*tx));
		else
			fdsp_dtmf_tx_run(&d->dtmf, tx + done, len);
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
	__poll_t ready = 0;

	spin_lock(&line->lock);
	if (line->dead) {
		spin_unlock(&line->lock);
		memset(tx, 0, n * sizeof(*tx));
		return;
	}
	fax_tick_tx(line, tx, n);
	if (line->offhook) {
		fax_dsp_rx(line, rx, tx, n);
		fax_tick_rx(line, rx, n);
		if (kfifo_len(&line->rx_fifo) >= fax_line_rx_wake(line))
			ready |= EPOLLIN | EPOLLRDNORM;
	}
	if (line->offhook || line->state == FAX_STATE_CONNECTED)
		ready |= EPOLLOUT | EPOLLWRNORM;	/* the tx FIFO drained */
	spin_unlock(&line->lock);

	/*
	 * Readers and writers sleep on line->wait; skip the wake-up when
	 * idle. The key lets epoll wake only those waiting for what is
	 * ready: a reader polling for EPOLLIN sleeps until rx_wake_ms of
	 * audio waits, however often the tx side drains.
	 */
	if (ready && wq_has_sleeper(&line->wait))
		wake_up_interruptible_poll(&line->wait, ready);
}

static void fax_from_card(const struct fax_card *card, const void *in,
			  s16 *out, unsigned int n)
{
	if (card->format == FAX_CARD_S16)
		memcpy(out, in, n * sizeof(*out));
	else
		fdsp_g711_decode(&card->codec, out, in, n);
}

static void fax_to_card(const struct fax_card *card, const s16 *in,
			void *out, unsigned int n)
{
	if (card->format == FAX_CARD_S16)
		memcpy(out, in, n * sizeof(*in));
	else
		fdsp_g711_encode(&card->codec, out, in, n);
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
