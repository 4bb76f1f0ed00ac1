/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fax/session.h - one fax call (T.30 with spandsp) over a fax_line_t.
 *
 * A session sends a multi-page TIFF or receives into a TIFF. It is driven
 * by the line's sample clock and never blocks or sleeps, so one thread can
 * run hundreds of sessions inside any event loop:
 *
 *     fd = fax_session_get_fd(s);         watch for POLLIN
 *     fax_session_get_timeout(s, &usec);  absolute CLOCK_MONOTONIC, or
 *                                         UINT64_MAX for "only the fd"
 *     fax_session_process(s);             when either fires
 *
 * (With sd-event: sd_event_add_io() on the fd and sd_event_add_time() on
 * the timeout, both calling fax_session_process().)
 *
 * Each fax_session_process() call reads every received sample the line
 * holds, runs them through the modems and T.30, handles line events (a far
 * hang-up ends the call), and tops the line's transmit queue up to the
 * pre-buffer. Callbacks are invoked only from fax_session_process(), never
 * from another libfax call; a callback must not free its session.
 *
 * Lines are dialled, answered and hung up by the caller (fax/line.h): the
 * calling side creates its session right after fax_line_dial() (it then
 * hears the ringing and times out like a fax machine when nobody answers),
 * the answering side right after fax_line_answer().
 */
#ifndef FAX_SESSION_H
#define FAX_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fax/error.h>
#include <fax/line.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fax_session fax_session_t;

/** Image modems (bit mask). */
enum fax_modem {
	FAX_MODEM_V27TER = 1 << 0,	/* 2400, 4800 bit/s */
	FAX_MODEM_V29 = 1 << 1,		/* 7200, 9600 bit/s */
	FAX_MODEM_V17 = 1 << 2,		/* 7200 .. 14400 bit/s */
	FAX_MODEM_ALL = 7,
};

/** Image codings on the line (bit mask). */
enum fax_compression {
	FAX_COMPRESSION_MH = 1 << 0,	/* T.4 one-dimensional */
	FAX_COMPRESSION_MR = 1 << 1,	/* T.4 two-dimensional */
	FAX_COMPRESSION_MMR = 1 << 2,	/* T.6; needs ECM */
	FAX_COMPRESSION_ALL = 7,
};

/** Vertical resolutions accepted (bit mask). */
enum fax_resolution {
	FAX_RES_STANDARD = 1 << 0,	/* 98 lines/inch */
	FAX_RES_FINE = 1 << 1,		/* 196 lines/inch */
	FAX_RES_SUPERFINE = 1 << 2,	/* 391 lines/inch */
	FAX_RES_ALL = 7,
};

enum fax_direction {
	FAX_SEND = 0,
	FAX_RECEIVE = 1,
};

/** Longest identity (TSI/CSI) of T.30, without the NUL. */
#define FAX_IDENT_MAX 20

/**
 * struct fax_session_progress - reported through @on_progress.
 * @event:       FAX_PROGRESS_NEGOTIATED when the modem and coding are
 *               agreed (phase B), FAX_PROGRESS_PAGE after each page.
 * @page:        pages completed so far in this call (1 after the first).
 * @pages_total: pages in the file being sent, or -1 when receiving.
 * @bytes:       coded bytes of the last page.
 * @bit_rate:    image bit rate in use.
 * @ecm:         error correction in use.
 * @compression: FAX_COMPRESSION_* in use.
 * @x_res, @y_res: resolution of the last page, pixels per metre.
 * @width, @length: size of the last page in pixels.
 * @bad_rows:    rows received damaged on the last page.
 * @ecm_retries: ECM frames sent again so far.
 */
struct fax_session_progress {
	int event;
	int page;
	int pages_total;
	int bytes;
	int bit_rate;
	bool ecm;
	int compression;
	int x_res;
	int y_res;
	int width;
	int length;
	int bad_rows;
	int ecm_retries;
};

enum {
	FAX_PROGRESS_NEGOTIATED = 1,
	FAX_PROGRESS_PAGE = 2,
};

/**
 * struct fax_session_result - the end of a call.
 * @t30_code:    T.30 completion code (spandsp's T30_ERR_*, 0 = success).
 * @t30_text:    its text ("OK", "The call dropped prematurely", ...).
 * @pages:       pages sent (FAX_SEND) or received (FAX_RECEIVE).
 * @bit_rate:    last image bit rate, 0 if none was negotiated.
 * @ecm:         error correction was used.
 * @compression: FAX_COMPRESSION_* used, 0 if none.
 * @remote_ident: the far end's CSI (when sending) or TSI (receiving).
 * @duration_ms: call time by the line's sample clock.
 * @underruns, @overruns: the line's counters during this session.
 */
struct fax_session_result {
	int t30_code;
	const char *t30_text;
	int pages;
	int bit_rate;
	bool ecm;
	int compression;
	char remote_ident[FAX_IDENT_MAX + 1];
	uint64_t duration_ms;
	uint64_t underruns;
	uint64_t overruns;
};

typedef void (*fax_session_progress_fn)(fax_session_t *s,
					const struct fax_session_progress *p,
					void *userdata);
typedef void (*fax_session_done_fn)(fax_session_t *s,
				    const struct fax_session_result *r,
				    void *userdata);
typedef void (*fax_session_line_event_fn)(fax_session_t *s,
					  const struct fax_line_event *ev,
					  void *userdata);

/**
 * struct fax_session_options - everything about one call.
 * @size:         sizeof(struct fax_session_options); fields past @size are
 *                taken as zero, so older callers keep working.
 * @direction:    FAX_SEND or FAX_RECEIVE.
 * @calling:      true on the side that dialled (sends CNG, waits for DIS).
 * @file:         TIFF to send, or to create when receiving.
 * @modems:       FAX_MODEM_* allowed; 0 = all.
 * @ecm:          offer/accept error correction.
 * @compressions: FAX_COMPRESSION_* allowed; 0 = MH|MR, plus MMR with ECM.
 *                MMR without ECM is refused (-EINVAL): T.30 forbids it.
 * @resolutions:  FAX_RES_* accepted; 0 = all.
 * @ident:        our TSI (sending) or CSI (receiving), printable, <= 20.
 * @header_info:  text of the page header line (tagline) put on every sent
 *                page; NULL for none.
 * @min_scan_line_ms: minimum scan-line time we demand as receiver:
 *                0, 5, 10, 20 or 40.
 * @prebuffer_ms: audio kept queued on the line (10..1000, default 200);
 *                it must exceed the longest wake-up delay of the loop.
 * @on_progress, @on_done, @on_line_event: callbacks, each may be NULL.
 * @userdata:     passed to the callbacks.
 */
struct fax_session_options {
	size_t size;
	uint32_t direction;
	bool calling;
	const char *file;
	uint32_t modems;
	bool ecm;
	uint32_t compressions;
	uint32_t resolutions;
	const char *ident;
	const char *header_info;
	uint32_t min_scan_line_ms;
	uint32_t prebuffer_ms;
	fax_session_progress_fn on_progress;
	fax_session_done_fn on_done;
	fax_session_line_event_fn on_line_event;
	void *userdata;
};

/**
 * fax_session_new() - start a call on @line.
 * @line: a line in a call or in the course of one; not owned.
 * @opt:  options (copied; strings are copied).
 * @ret:  the session.
 * @err:  optional explanation of a failure.
 *
 * A file to send is validated first (fax/document.h): a TIFF that is
 * broken or not fax-shaped is refused here, before anything goes on the
 * line.
 *
 * Return: 0; -EINVAL for a bad option (named in @err); -EBADMSG,
 * -EMEDIUMTYPE, -ENOENT ... for a file that cannot be sent; -ENOMEM.
 */
int fax_session_new(fax_line_t *line, const struct fax_session_options *opt,
		    fax_session_t **ret, fax_error_t *err);

/** fax_session_free() - stop and free; the line is left as it is. */
void fax_session_free(fax_session_t *s);

/**
 * fax_session_process() - do all work that is due.
 * Return: 1 when the call has ended (the result is ready; further calls
 * return 1 and do nothing), 0 when it goes on, negative errno on a line
 * failure.
 */
int fax_session_process(fax_session_t *s);

/** fax_session_get_fd() - the line's descriptor to poll for POLLIN. */
int fax_session_get_fd(fax_session_t *s);

/**
 * fax_session_get_timeout() - when to call fax_session_process() even if
 * the fd stays quiet: absolute CLOCK_MONOTONIC microseconds, UINT64_MAX
 * when the fd is enough. Return: 0.
 */
int fax_session_get_timeout(fax_session_t *s, uint64_t *ret_usec);

/**
 * fax_session_abort() - end the call now, locally (the result says
 * "call dropped"). The line is not hung up: do that yourself.
 */
void fax_session_abort(fax_session_t *s);

/** fax_session_is_done() - true once the result is ready. */
bool fax_session_is_done(fax_session_t *s);

/**
 * fax_session_get_result() - copy the result.
 * Return: 0, or -EAGAIN while the call is still running.
 */
int fax_session_get_result(fax_session_t *s, struct fax_session_result *r);

/** fax_session_get_line() - the line the session runs on. */
fax_line_t *fax_session_get_line(fax_session_t *s);

/** fax_t30_code_text() - text of a T.30 completion code. */
const char *fax_t30_code_text(int code);

/** fax_compression_name() - "MH", "MR", "MMR" for one FAX_COMPRESSION_*. */
const char *fax_compression_name(int compression);

#ifdef __cplusplus
}
#endif

#endif /* FAX_SESSION_H */
