/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fax/line.h - a telephone line as libfax sees it.
 *
 * A line carries 16-bit linear PCM at 8000 samples per second in both
 * directions and has the signalling of an analogue phone line: hook, dial,
 * ring, answer, hang up. The line owns the sample clock: it consumes
 * transmitted samples and produces received samples at its own pace, and
 * everything above it (fax sessions, T.30 timers) counts time in the
 * samples it delivers.
 *
 * Transmission is pre-buffered: the user keeps some milliseconds of audio
 * queued (fax_line_tx_fill() says how many samples are waiting). When the
 * queue runs dry while the line is in a call the line sends silence and
 * counts an underrun; when received samples are not read in time the line
 * drops them and counts an overrun.
 *
 * Backends implement struct fax_line_ops: the in-process loopback pair
 * (fax/loopback.h) and the kernel's /dev/faxN lines. Nothing here blocks:
 * reads and writes return -EAGAIN, and fax_line_get_fd() gives a file
 * descriptor to poll for POLLIN (received audio or an event is ready).
 *
 * Thread rule: a line is used from one thread at a time; libfax takes no
 * locks and keeps no global state.
 */
#ifndef FAX_LINE_H
#define FAX_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Samples per second on every line. */
#define FAX_LINE_RATE 8000

/** Longest number accepted by fax_line_dial(), without the NUL. */
#define FAX_LINE_NUMBER_MAX 31

typedef struct fax_line fax_line_t;

/** enum fax_line_state - where the line is in a call. */
enum fax_line_state {
	FAX_LINE_ONHOOK = 0,	/* idle */
	FAX_LINE_OFFHOOK,	/* off hook, nothing dialled (dial tone) */
	FAX_LINE_ALERTING,	/* we dialled; the far end is ringing */
	FAX_LINE_RINGING,	/* an incoming call is ringing here */
	FAX_LINE_CONNECTED,	/* in a call, audio flows */
	FAX_LINE_FAR_HUNGUP,	/* the far end hung up; we are still off hook */
};

/** enum fax_line_event_type - what fax_line_next_event() reports. */
enum fax_line_event_type {
	FAX_LINE_EV_NONE = 0,
	FAX_LINE_EV_RING,		/* one ring burst of an incoming call */
	FAX_LINE_EV_RING_END,		/* the caller gave up before we answered */
	FAX_LINE_EV_ALERTING,		/* our call reached a ringing line */
	FAX_LINE_EV_UNREACHABLE,	/* the dialled number does not exist */
	FAX_LINE_EV_BUSY,		/* the dialled line is in use */
	FAX_LINE_EV_CONNECTED,		/* call answered; audio flows */
	FAX_LINE_EV_FAR_HANGUP,		/* the far end hung up */
};

/**
 * struct fax_line_event - one signalling event.
 * @type:   enum fax_line_event_type.
 * @rings:  for FAX_LINE_EV_RING, the number of this ring (1, 2, ...).
 * @time:   sample clock of the line when the event happened.
 * @number: the calling number for FAX_LINE_EV_RING when known, else "".
 */
struct fax_line_event {
	uint32_t type;
	uint32_t rings;
	uint64_t time;
	char number[FAX_LINE_NUMBER_MAX + 1];
};

/**
 * struct fax_line_stats - counters since the line was created.
 * @rx_samples, @tx_samples: audio moved while off hook.
 * @underruns:        times the transmit queue ran dry during a call.
 * @underrun_samples: silence samples sent because of them.
 * @overruns:         times received audio was dropped (not read in time).
 * @overrun_samples:  samples dropped.
 * @events_lost:      events dropped because nobody read them.
 */
struct fax_line_stats {
	uint64_t rx_samples;
	uint64_t tx_samples;
	uint64_t underruns;
	uint64_t underrun_samples;
	uint64_t overruns;
	uint64_t overrun_samples;
	uint64_t events_lost;
};

/**
 * struct fax_line_ops - what a backend provides. Every operation gets the
 * backend's private pointer given to fax_line_new(). Operations return
 * >= 0 or a negative errno and never block.
 * @kind:       short name of the backend ("loopback", "kernel").
 * @set_hook:   go off hook (true) or on hook (false). Off hook while
 *              RINGING answers the call; on hook ends any call.
 * @dial:       dial @number; only in OFFHOOK state (-EBUSY otherwise).
 * @read:       up to @max received samples; -EAGAIN when none.
 * @write:      queue @n samples for transmission; returns how many were
 *              queued (fewer when the queue is full), -EAGAIN if none.
 * @tx_fill:    samples queued and not yet sent.
 * @next_event: 1 and the event, or 0 when none is pending.
 * @get_fd:     descriptor that polls readable when audio or an event is
 *              ready, or -EOPNOTSUPP.
 * @get_state:  enum fax_line_state.
 * @get_clock:  samples the line's clock has counted since it was created.
 * @get_stats:  fill struct fax_line_stats.
 * @get_name:   a name for people ("loopback0", "fax3").
 * @destroy:    release the backend's state (called by fax_line_free()).
 */
struct fax_line_ops {
	const char *kind;
	int (*set_hook)(void *priv, bool offhook);
	int (*dial)(void *priv, const char *number);
	ssize_t (*read)(void *priv, int16_t *buf, size_t max);
	ssize_t (*write)(void *priv, const int16_t *buf, size_t n);
	int (*tx_fill)(void *priv);
	int (*next_event)(void *priv, struct fax_line_event *ev);
	int (*get_fd)(void *priv);
	int (*get_state)(void *priv);
	uint64_t (*get_clock)(void *priv);
	int (*get_stats)(void *priv, struct fax_line_stats *st);
	const char *(*get_name)(void *priv);
	void (*destroy)(void *priv);
};

/**
 * fax_line_new() - wrap a backend into a line object.
 * @ops:  backend operations; must outlive the line. All members are
 *        required.
 * @priv: the backend's state, passed to every operation.
 * @ret:  the new line.
 *
 * Return: 0, -EINVAL for a NULL or incomplete @ops, -ENOMEM.
 */
int fax_line_new(const struct fax_line_ops *ops, void *priv, fax_line_t **ret);

/** fax_line_free() - destroy the backend and the line; NULL is allowed. */
void fax_line_free(fax_line_t *line);

/* Signalling. Return 0 or a negative errno (-EBUSY: wrong state). */
int fax_line_offhook(fax_line_t *line);
int fax_line_dial(fax_line_t *line, const char *number);
int fax_line_answer(fax_line_t *line);	/* -ENOTCONN when not ringing */
int fax_line_hangup(fax_line_t *line);

/* Audio, see struct fax_line_ops. */
ssize_t fax_line_read(fax_line_t *line, int16_t *buf, size_t max);
ssize_t fax_line_write(fax_line_t *line, const int16_t *buf, size_t n);
int fax_line_tx_fill(fax_line_t *line);

/* Events and state. */
int fax_line_next_event(fax_line_t *line, struct fax_line_event *ev);
int fax_line_get_fd(fax_line_t *line);
enum fax_line_state fax_line_get_state(fax_line_t *line);
uint64_t fax_line_get_clock(fax_line_t *line);
int fax_line_get_stats(fax_line_t *line, struct fax_line_stats *st);
const char *fax_line_get_name(fax_line_t *line);
const char *fax_line_get_kind(fax_line_t *line);

/** fax_line_state_name() - "onhook", "connected", ... ("?" if unknown). */
const char *fax_line_state_name(int state);
/** fax_line_event_name() - "ring", "far-hangup", ... ("?" if unknown). */
const char *fax_line_event_name(int type);

#ifdef __cplusplus
}
#endif

#endif /* FAX_LINE_H */
