/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fax/kernel.h - the kernel's fax lines: faxcore.ko's /dev/faxN devices and
 * its "fax" generic netlink family.
 *
 * Three parts:
 * - fax_kernel_t: a netlink connection to the family, for listing cards
 *   and lines (dumps are retried when cards come or go while they run),
 *   reading one line and changing a line's parameters and line model.
 * - fax_kernel_monitor_t: a second socket subscribed to the family's
 *   "events" group (cards added and removed, every line event). Joining
 *   the group needs CAP_NET_ADMIN: line events carry DTMF digits.
 * - fax_kernel_line_open(): a /dev/faxN device as a fax_line_t (fax/line.h),
 *   so that sessions (fax/session.h) run over it unchanged.
 *
 * Kernel values (line states, event types, DSP switches, formats) are
 * those of <linux/fax.h>; fax_kernel_state_name() and friends name them.
 * Nothing here blocks except the netlink requests of fax_kernel_t, which
 * wait for the kernel's answer.
 */
#ifndef FAX_KERNEL_H
#define FAX_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fax/error.h>
#include <fax/line.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Any card: for fax_kernel_lines(). */
#define FAX_KERNEL_ANY_CARD UINT32_MAX

/** struct fax_kernel_card - one card (netlink card-get). */
struct fax_kernel_card {
	uint32_t id;
	uint32_t lines;		/* number of lines */
	uint32_t caps;		/* FAX_CAP_* of <linux/fax.h> */
	uint32_t generation;	/* registry generation when it was read */
	char driver[16];
};

/** struct fax_kernel_model - line model of a simulated line (fax_sim). */
struct fax_kernel_model {
	uint32_t delay_ms;	/* one-way delay, 0..500 */
	uint32_t loss_db;	/* attenuation, 0..60 */
	uint32_t echo_loss_db;	/* echo return loss, 0 = no echo */
	uint32_t echo_delay_ms;	/* 0..100 */
	uint32_t noise_db;	/* noise level below full scale, 0 = none */
};

/** struct fax_kernel_counters - the kernel's counters of a line. */
struct fax_kernel_counters {
	uint64_t rx_samples;	/* samples queued for read() */
	uint64_t tx_samples;	/* samples taken from write() */
	uint64_t rx_overruns;	/* samples dropped, reader too slow */
	uint64_t tx_underruns;	/* times the transmit queue ran dry */
	uint64_t events;
	uint64_t events_lost;
};

/** struct fax_kernel_line_info - one line (netlink line-get). */
struct fax_kernel_line_info {
	uint32_t card;
	uint32_t index;		/* line index on the card */
	uint32_t minor;		/* N of /dev/faxN */
	char number[32];	/* the line's own number, may be empty */
	uint32_t state;		/* enum fax_state of <linux/fax.h> */
	bool offhook;
	uint32_t format;	/* enum fax_format */
	int32_t rx_gain;	/* dB */
	int32_t tx_gain;
	uint32_t buffer_ms;
	uint32_t dsp;		/* FAX_DSP_* */
	uint32_t ec_tail_ms;	/* echo canceller tail, 0: not reported */
	bool has_model;		/* the card simulates a line model */
	struct fax_kernel_model model;
	bool has_stats;
	struct fax_kernel_counters stats;
	char caller[32];	/* calling number of the incoming call, or "" */
};

/** struct fax_kernel_event - a kernel line event (struct fax_event). */
struct fax_kernel_event {
	uint32_t type;		/* enum fax_event_type */
	uint32_t value;		/* digit, tone, hook state, by type */
	uint64_t timestamp_ns;	/* CLOCK_MONOTONIC */
	uint64_t rx_pos;	/* position in the line's received stream */
	uint32_t seq;		/* per-line sequence number */
};

/* Which notification fax_kernel_monitor_next() returned. */
enum fax_kernel_notification_kind {
	FAX_KERNEL_NTF_CARD_NEW = 1,	/* @card is valid */
	FAX_KERNEL_NTF_CARD_DEL,	/* @card is valid */
	FAX_KERNEL_NTF_LINE_EVENT,	/* @line and @event are valid */
};

struct fax_kernel_notification {
	uint32_t kind;
	struct fax_kernel_card card;
	struct fax_kernel_line_info line;
	struct fax_kernel_event event;
};

/* struct fax_kernel_line_set.set: which fields to change. */
#define FAX_KERNEL_SET_FORMAT		0x01
#define FAX_KERNEL_SET_RX_GAIN		0x02
#define FAX_KERNEL_SET_TX_GAIN		0x04
#define FAX_KERNEL_SET_BUFFER_MS	0x08
#define FAX_KERNEL_SET_DSP		0x10
#define FAX_KERNEL_SET_MODEL		0x20
#define FAX_KERNEL_SET_EC_TAIL		0x40

/**
 * struct fax_kernel_line_set - changes for fax_kernel_line_set().
 * @size: sizeof(struct fax_kernel_line_set); a caller built before
 *        @ec_tail_ms existed passes the size up to @model and cannot set it.
 * @set:  FAX_KERNEL_SET_* bits; only the fields named there are sent.
 * @ec_tail_ms: echo canceller tail, 1..128 ms, or 0 for the kernel's
 *        default (64 ms); FAX_KERNEL_SET_EC_TAIL.
 */
struct fax_kernel_line_set {
	uint32_t size;
	uint32_t set;
	uint32_t format;
	int32_t rx_gain;
	int32_t tx_gain;
	uint32_t buffer_ms;
	uint32_t dsp;
	struct fax_kernel_model model;
	uint32_t ec_tail_ms;
};

typedef struct fax_kernel fax_kernel_t;

/**
 * fax_kernel_open() - connect to the "fax" generic netlink family.
 * Return: 0, -ENOENT when the family is not registered (faxcore.ko not
 * loaded), -ENOMEM, or another negative errno.
 */
int fax_kernel_open(fax_kernel_t **ret, fax_error_t *err);
/** fax_kernel_close() - NULL is allowed. */
void fax_kernel_close(fax_kernel_t *k);

/**
 * fax_kernel_cards() - list every card.
 * @ret: a malloc()ed array the caller frees (NULL when @n is 0).
 */
int fax_kernel_cards(fax_kernel_t *k, struct fax_kernel_card **ret, size_t *n,
		     fax_error_t *err);

/**
 * fax_kernel_lines() - list the lines of @card, or of every card with
 * FAX_KERNEL_ANY_CARD, ordered as the kernel dumps them.
 * @ret: a malloc()ed array the caller frees (NULL when @n is 0).
 */
int fax_kernel_lines(fax_kernel_t *k, uint32_t card,
		     struct fax_kernel_line_info **ret, size_t *n,
		     fax_error_t *err);

/** fax_kernel_line_get() - one line. -ENODEV when it does not exist. */
int fax_kernel_line_get(fax_kernel_t *k, uint32_t card, uint32_t index,
			struct fax_kernel_line_info *ret, fax_error_t *err);

/**
 * fax_kernel_line_set() - change parameters or the line model.
 * Needs CAP_NET_ADMIN (-EPERM). Values out of range give -ERANGE or
 * -EINVAL with the kernel's explanation in @err when it gives one.
 */
int fax_kernel_line_set(fax_kernel_t *k, uint32_t card, uint32_t index,
			const struct fax_kernel_line_set *set, fax_error_t *err);

/**
 * fax_kernel_find_line() - resolve a line given by a person:
 * "/dev/faxN", "faxN", "CARD:INDEX", or the line's own phone number
 * (digits only). -ENODEV when no line matches, -EINVAL for a malformed
 * @spec.
 */
int fax_kernel_find_line(fax_kernel_t *k, const char *spec,
			 struct fax_kernel_line_info *ret, fax_error_t *err);

typedef struct fax_kernel_monitor fax_kernel_monitor_t;

/**
 * fax_kernel_monitor_new() - subscribe to the family's "events" group on
 * a socket of its own (non-blocking).
 * Return: 0, -EPERM without CAP_NET_ADMIN, -ENOENT without the family.
 */
int fax_kernel_monitor_new(fax_kernel_monitor_t **ret, fax_error_t *err);
void fax_kernel_monitor_free(fax_kernel_monitor_t *m);
/** fax_kernel_monitor_get_fd() - poll it for POLLIN. */
int fax_kernel_monitor_get_fd(fax_kernel_monitor_t *m);
/**
 * fax_kernel_monitor_next() - the next notification.
 * Return: 1 with @n filled, 0 when none is pending, -ENOBUFS when the
 * socket overflowed and notifications were lost (the next call goes on;
 * re-read the state with fax_kernel_lines()), another negative errno.
 */
int fax_kernel_monitor_next(fax_kernel_monitor_t *m,
			    struct fax_kernel_notification *n);

/**
 * struct fax_kernel_line_options - how fax_kernel_line_open() sets up the
 * device.
 * @size:      sizeof(struct fax_kernel_line_options).
 * @buffer_ms: depth of the kernel's receive and transmit queues
 *             (10..2000; 0: 1000). It must exceed the session's
 *             pre-buffer and the longest time the caller may not read.
 * @set_dsp:   also switch the line DSP stages to @dsp (FAX_DSP_*); when
 *             false they stay as they are.
 * @dsp:       see @set_dsp.
 */
struct fax_kernel_line_options {
	uint32_t size;
	uint32_t buffer_ms;
	bool set_dsp;
	uint32_t dsp;
};

/**
 * fax_kernel_line_open() - open a /dev/faxN device as a line.
 * @path: the device, e.g. "/dev/fax3".
 * @opt:  NULL for the defaults.
 *
 * The device is opened non-blocking and switched to 16-bit linear
 * samples. The line's clock is its position in the kernel's received
 * stream; events are delivered in step with it: an event is returned by
 * fax_line_next_event() once every sample received before it has been
 * read, so a session sees the far end's last signals before its hang-up.
 * While off hook, a user that wants the events must therefore also read
 * the audio. fax_line_get_fd() is readable when audio or an event is
 * waiting (it is an epoll descriptor over the device).
 *
 * Return: 0, -ENOENT or -EACCES from open(2), -ENOTTY when @path is not
 * a fax line, -EINVAL for bad options, another negative errno.
 */
int fax_kernel_line_open(const char *path,
			 const struct fax_kernel_line_options *opt,
			 fax_line_t **ret, fax_error_t *err);

/** Names for people: "ringing", "ring-start", "ec,tone,dtmf" ... */
const char *fax_kernel_state_name(uint32_t state);
const char *fax_kernel_event_name(uint32_t type);
const char *fax_kernel_tone_name(uint32_t tone);
/**
 * fax_kernel_event_value_text() - an event's value for people: the hook
 * state, the tone's name or the digit; "" when the type has no value.
 */
const char *fax_kernel_event_value_text(uint32_t type, uint32_t value, char *buf,
					size_t len);
/** fax_kernel_dsp_names() - the DSP switches as "ec,tone" ("none"). */
const char *fax_kernel_dsp_names(uint32_t dsp, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* FAX_KERNEL_H */
