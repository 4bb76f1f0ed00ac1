// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A fax session: spandsp's fax_state_t (modems + T.30) clocked by a line.
 *
 * The line is the only clock. Each fax_session_process() feeds every
 * received sample to fax_rx() (which also runs the T.30 timers from the
 * sample count) and then generates with fax_tx() exactly what the line's
 * transmit queue lacks to hold the pre-buffer. A session that is called
 * late therefore catches up in one call, and one that is called too late
 * shows up as underruns in the line's statistics, never as drift.
 *
 * spandsp's phase B/D/E handlers only record what happened; the user's
 * callbacks run from fax_session_process() after spandsp has returned, so
 * a callback never sees spandsp in the middle of a state change.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <fax/document.h>

#include "session-internal.h"

#define BLOCK 160	/* samples per fax_rx()/fax_tx() call: 20 ms */

struct fax_session {
	fax_line_t *line;
	struct fax_session_options opt;
	char *file;
	char *ident;
	char *header;
	fax_state_t *fax;
	t30_state_t *t30;
	size_t prebuffer;
	int pages_total;
	uint64_t start_clock;
	struct fax_line_stats start_stats;

	/* Set by spandsp handlers, delivered by process(). */
	bool negotiated;	/* phase B happened */
	bool negotiated_pending;
	int pages_pending;	/* page reports not yet delivered */
	int pages_done;
	bool ended;		/* phase E seen */
	bool done_delivered;
	struct fax_session_result result;
};

static void fill_progress(struct fax_session *s, int event, struct fax_session_progress *p)
{
	t30_stats_t st;

	t30_get_transfer_statistics(s->t30, &st);
	memset(p, 0, sizeof(*p));
	p->event = event;
	p->page = s->pages_done;
	p->pages_total = s->pages_total;
	p->bytes = st.image_size;
	p->bit_rate = st.bit_rate;
	p->ecm = st.error_correcting_mode;
	p->compression = fax_compression_from_t4(st.encoding);
	p->x_res = st.x_resolution;
	p->y_res = st.y_resolution;
	p->width = st.width;
	p->length = st.length;
	p->bad_rows = st.bad_rows;
	p->ecm_retries = st.error_correcting_mode_retries;
}

static int on_phase_b(t30_state_t *t30, void *ud, int result)
{
	struct fax_session *s = ud;

	(void)t30, (void)result;
	s->negotiated = true;
	s->negotiated_pending = true;
	return T30_ERR_OK;
}

static int on_phase_d(t30_state_t *t30, void *ud, int result)
{
	struct fax_session *s = ud;
	t30_stats_t st;
	int pages;

	(void)result;
	t30_get_transfer_statistics(t30, &st);
	pages = s->opt.direction == FAX_SEND ? st.pages_tx : st.pages_rx;
	if (pages > s->pages_done + s->pages_pending)
		s->pages_pending = pages - s->pages_done;
	return T30_ERR_OK;
}

static void on_phase_e(t30_state_t *t30, void *ud, int code)
{
	struct fax_session *s = ud;
	struct fax_session_result *r = &s->result;
	struct fax_line_stats now;
	t30_stats_t st;
	const char *id;

	if (s->ended)
		return;
	s->ended = true;
	t30_get_transfer_statistics(t30, &st);
	r->t30_code = code;
	r->t30_text = t30_completion_code_to_str(code);
	r->pages = s->opt.direction == FAX_SEND ? st.pages_tx : st.pages_rx;
	/* Without phase B spandsp's statistics hold defaults, not facts. */
	if (s->negotiated) {
		r->bit_rate = st.bit_rate;
		r->ecm = st.error_correcting_mode;
		r->compression = fax_compression_from_t4(st.encoding);
	}
	id = t30_get_rx_ident(t30);
	snprintf(r->remote_ident, sizeof(r->remote_ident), "%s", id ? id : "");
	r->duration_ms = (fax_line_get_clock(s->line) - s->start_clock) * 1000 / FAX_LINE_RATE;
	if (fax_line_get_stats(s->line, &now) == 0) {
		r->underruns = now.underruns - s->start_stats.underruns;
		r->overruns = now.overruns - s->start_stats.overruns;
	}
	/* Pages that completed but were not reported yet still get a report. */
	if (r->pages > s->pages_done + s->pages_pending)
		s->pages_pending = r->pages - s->pages_done;
}

static void deliver(struct fax_session *s)
{
	struct fax_session_progress p;

	if (s->negotiated_pending) {
		s->negotiated_pending = false;
		if (s->opt.on_progress) {
			fill_progress(s, FAX_PROGRESS_NEGOTIATED, &p);
			s->opt.on_progress(s, &p, s->opt.userdata);
		}
	}
	while (s->pages_pending > 0) {
		s->pages_pending--;
		s->pages_done++;
		if (s->opt.on_progress) {
			fill_progress(s, FAX_PROGRESS_PAGE, &p);
			s->opt.on_progress(s, &p, s->opt.userdata);
		}
	}
	if (s->ended && !s->done_delivered) {
		s->done_delivered = true;
		if (s->opt.on_done)
			s->opt.on_done(s, &s->result, s->opt.userdata);
	}
}

/* End the call from our side; phase E reports "call dropped". */
static void terminate(struct fax_session *s)
{
	if (s->ended)
		return;
	t30_terminate(s->t30);
	if (!s->ended)
		on_phase_e(s->t30, s, T30_ERR_CALLDROPPED);
}

static void handle_events(struct fax_session *s)
{
	struct fax_line_event ev;

	while (fax_line_next_event(s->line, &ev) > 0) {
		if (s->opt.on_line_event)
			s->opt.on_line_event(s, &ev, s->opt.userdata);
		if (ev.type == FAX_LINE_EV_FAR_HANGUP || ev.type == FAX_LINE_EV_RING_END ||
		    ev.type == FAX_LINE_EV_UNREACHABLE || ev.type == FAX_LINE_EV_BUSY)
			terminate(s);
	}
}

static int receive(struct fax_session *s)
{
	int16_t buf[BLOCK];

	while (!s->ended) {
		ssize_t n = fax_line_read(s->line, buf, BLOCK);

		if (n == -EAGAIN)
			return 0;
		if (n < 0)
			return (int)n;
		fax_rx(s->fax, buf, (int)n);
	}
	return 0;
}

static int transmit(struct fax_session *s)
{
	int16_t buf[BLOCK];
	int fill = fax_line_tx_fill(s->line);

	if (fill < 0)
		return fill;
	while (!s->ended && (size_t)fill < s->prebuffer) {
		size_t want = s->prebuffer - (size_t)fill;
		int got;
		ssize_t put;

		if (want > BLOCK)
			want = BLOCK;
		got = fax_tx(s->fax, buf, (int)want);
		if (got < 0)
			got = 0;
		/* transmit-on-idle makes spandsp fill the block; be safe anyway. */
		memset(buf + got, 0, (want - (size_t)got) * sizeof(buf[0]));
		put = fax_line_write(s->line, buf, want);
		if (put == -ENOTCONN) {
			terminate(s);	/* the line was hung up under us */
			return 0;
		}
		if (put == -EAGAIN)
			return 0;
		if (put < 0)
			return (int)put;
		fill += (int)put;
	}
	return 0;
}

int fax_session_process(fax_session_t *s)
{
	int r;

	if (!s)
		return -EINVAL;
	if (s->done_delivered)
		return 1;
	handle_events(s);
	r = receive(s);
	if (r == 0)
		r = transmit(s);
	deliver(s);
	if (r < 0)
		return r;
	return s->ended ? 1 : 0;
}

static void session_destroy(struct fax_session *s)
{
	if (s->fax)
		fax_free(s->fax);
	free(s->file);
	free(s->ident);
	free(s->header);
	free(s);
}

static int copy_strings(struct fax_session *s)
{
	s->file = strdup(s->opt.file);
	s->ident = s->opt.ident ? strdup(s->opt.ident) : NULL;
	s->header = s->opt.header_info ? strdup(s->opt.header_info) : NULL;
	if (!s->file || (s->opt.ident && !s->ident) || (s->opt.header_info && !s->header))
		return -ENOMEM;
	s->opt.file = s->file;
	s->opt.ident = s->ident;
	s->opt.header_info = s->header;
	return 0;
}

int fax_session_new(fax_line_t *line, const struct fax_session_options *opt,
		    fax_session_t **ret, fax_error_t *err)
{
	struct fax_document_info info;
	struct fax_session *s;
	int r;

	if (!line || !opt || !ret)
		return fax_error_set(err, -EINVAL, "fax_session_new needs a line and options");
	if (opt->size < offsetof(struct fax_session_options, userdata) + sizeof(void *))
		return fax_error_set(err, -EINVAL, "session options size %zu is too small",
				     opt->size);
	s = calloc(1, sizeof(*s));
	if (!s)
		return fax_error_set(err, -ENOMEM, "out of memory");
	s->opt = *opt;
	s->line = line;
	r = fax_session_options_check(&s->opt, err);
	if (r < 0)
		goto fail;
	r = copy_strings(s);
	if (r < 0) {
		fax_error_set(err, r, "out of memory");
		goto fail;
	}
	s->pages_total = -1;
	if (s->opt.direction == FAX_SEND) {
		r = fax_document_check_sendable(s->file, &info, err);
		if (r < 0)
			goto fail;
		s->pages_total = (int)info.pages;
	}
	s->fax = fax_init(NULL, s->opt.calling);
	if (!s->fax) {
		r = fax_error_set(err, -ENOMEM, "cannot start the fax engine");
		goto fail;
	}
	fax_set_transmit_on_idle(s->fax, 1);
	s->t30 = fax_get_t30_state(s->fax);
	r = fax_session_options_apply(s->t30, &s->opt, err);
	if (r < 0)
		goto fail;
	t30_set_phase_b_handler(s->t30, on_phase_b, s);
	t30_set_phase_d_handler(s->t30, on_phase_d, s);
	t30_set_phase_e_handler(s->t30, on_phase_e, s);
	s->prebuffer = (size_t)s->opt.prebuffer_ms * (FAX_LINE_RATE / 1000);
	s->start_clock = fax_line_get_clock(line);
	fax_line_get_stats(line, &s->start_stats);
	*ret = s;
	return 0;
fail:
	session_destroy(s);
	return r;
}

void fax_session_free(fax_session_t *s)
{
	if (s)
		session_destroy(s);
}

int fax_session_get_fd(fax_session_t *s)
{
	return s ? fax_line_get_fd(s->line) : -EINVAL;
}

int fax_session_get_timeout(fax_session_t *s, uint64_t *ret_usec)
{
	if (!s || !ret_usec)
		return -EINVAL;
	/* The line's fd ticks with its clock; nothing else is time-driven. */
	*ret_usec = UINT64_MAX;
	return 0;
}

void fax_session_abort(fax_session_t *s)
{
	if (s)
		terminate(s);
}

bool fax_session_is_done(fax_session_t *s)
{
	return s && s->ended;
}

int fax_session_get_result(fax_session_t *s, struct fax_session_result *r)
{
	if (!s || !r)
		return -EINVAL;
	if (!s->ended)
		return -EAGAIN;
	*r = s->result;
	return 0;
}

fax_line_t *fax_session_get_line(fax_session_t *s)
{
	return s ? s->line : NULL;
}
