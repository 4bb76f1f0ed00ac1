// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A whole fax call on a virtual-clock loopback pair, as a fax machine on
 * each line would run it: line 0 goes off hook, dials line 1 and starts
 * sending at once (it hears ringing, then the answer); line 1 answers on
 * the first ring and starts receiving. Each side hangs up when its session
 * says the call is over. Virtual time runs in 20 ms steps, as fast as the
 * CPU allows.
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"

#define STEP 160	/* samples: 20 ms */

static void on_progress(fax_session_t *s, const struct fax_session_progress *p, void *ud)
{
	struct call *c = ud;
	bool tx = fax_line_get_name(fax_session_get_line(s))[8] == '0';

	if (p->event == FAX_PROGRESS_NEGOTIATED)
		c->negotiated_reported++;
	else if (tx) {
		c->tx_pages_reported++;
		c->tx_page_bytes = p->bytes;
	}
	else
		c->rx_pages_reported++;
}

void call_init(struct call *c, const char *tx_file, const char *rx_file)
{
	memset(c, 0, sizeof(*c));
	c->lb.size = sizeof(c->lb);
	c->tx.size = sizeof(c->tx);
	c->tx.direction = FAX_SEND;
	c->tx.calling = true;
	c->tx.file = tx_file;
	c->tx.ident = "+1 555 0100";
	c->tx.prebuffer_ms = 60;
	c->rx.size = sizeof(c->rx);
	c->rx.direction = FAX_RECEIVE;
	c->rx.file = rx_file;
	c->rx.ident = "+1 555 0101";
	c->rx.prebuffer_ms = 60;
	c->max_seconds = 900;
}

int call_run(struct call *c)
{
	fax_loopback_t *lb = NULL;
	fax_session_t *tx = NULL, *rx = NULL;
	fax_line_t *l0, *l1;
	bool tx_done = false, rx_done = false;
	uint64_t t = 0, negotiated_at = 0, limit;
	fax_error_t err = { 0 };
	int r;

	c->lb.clock = FAX_LOOPBACK_CLOCK_VIRTUAL;
	c->tx.on_progress = c->rx.on_progress = on_progress;
	c->tx.userdata = c->rx.userdata = c;
	r = fax_loopback_new(&c->lb, &lb, &err);
	if (r < 0)
		return r;
	l0 = fax_loopback_line(lb, 0);
	l1 = fax_loopback_line(lb, 1);
	r = fax_line_offhook(l0);
	if (r == 0)
		r = fax_line_dial(l0, "101");
	if (r == 0)
		r = fax_session_new(l0, &c->tx, &tx, &err);
	if (r < 0)
		goto out;
	limit = (uint64_t)c->max_seconds * 1000;
	for (t = 0; t < limit && !(tx_done && (rx_done || !rx)); t += STEP / 8) {
		bool starving = c->starve_ms && negotiated_at &&
				t >= negotiated_at + c->starve_at_ms &&
				t < negotiated_at + c->starve_at_ms + c->starve_ms;

		fax_loopback_advance(lb, STEP);
		if (!tx_done && !starving) {
			r = fax_session_process(tx);
			if (r < 0)
				goto out;
			if (r == 1) {
				tx_done = true;
				fax_line_get_stats(l0, &c->tx_stats);
				fax_line_hangup(l0);
			}
		}
		if (!negotiated_at && c->negotiated_reported)
			negotiated_at = t;
		if (!rx) {
			struct fax_line_event ev;

			while (fax_line_next_event(l1, &ev) > 0) {
				if (ev.type == FAX_LINE_EV_RING)
					c->rings = ev.rings;
				if (ev.type != FAX_LINE_EV_RING || c->never_answer || rx)
					continue;
				r = fax_line_answer(l1);
				if (r == 0)
					r = fax_session_new(l1, &c->rx, &rx, &err);
				if (r < 0)
					goto out;
				c->rx_started = true;
			}
			continue;
		}
		if (rx_done)
			continue;
		if (c->hangup_after_ms && negotiated_at &&
		    t >= negotiated_at + c->hangup_after_ms) {
			fax_line_hangup(l1);
			fax_session_abort(rx);
		}
		r = fax_session_process(rx);
		if (r < 0)
			goto out;
		if (r == 1) {
			rx_done = true;
			fax_line_hangup(l1);
		}
	}
	r = tx_done && (rx_done || !rx) ? 0 : -ETIMEDOUT;
	if (tx_done)
		fax_session_get_result(tx, &c->tx_result);
	if (rx_done)
		fax_session_get_result(rx, &c->rx_result);
out:
	c->virtual_ms = t;
	fax_session_free(tx);
	fax_session_free(rx);
	fax_loopback_free(lb);
	return r;
}
