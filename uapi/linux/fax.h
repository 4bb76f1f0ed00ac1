/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Userspace API of the fax line core: the /dev/faxN character devices.
 * The "fax" generic netlink family is in <linux/fax_netlink.h>.
 *
 * Conventions (Documentation/process/botching-up-ioctls.rst):
 * - Every extensible structure starts with __u32 size, set by the caller to
 *   sizeof() of the structure it was compiled with. The kernel accepts a
 *   smaller size (older programs: missing fields read as zero) and a larger
 *   one if the bytes it does not know are zero (else E2BIG). Structures the
 *   kernel fills are written up to min(size, kernel size) and size is set to
 *   the number of bytes written.
 * - Flags, reserved fields and padding must be zero, or the call fails
 *   with EINVAL. Unknown ioctl commands fail with ENOTTY.
 * - Timestamps are CLOCK_MONOTONIC nanoseconds.
 */
#ifndef _UAPI_LINUX_FAX_H
#define _UAPI_LINUX_FAX_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* Generic netlink family (see Documentation/netlink/specs/fax.yaml). */
#define FAX_GENL_NAME		"fax"
#define FAX_GENL_VERSION	1

/* ioctl type of /dev/faxN. */
#define FAX_IOC_MAGIC		0xFA

/* Lines are clocked at 8000 samples per second. */
#define FAX_SAMPLE_RATE		8000
#define FAX_NUMBER_MAX		32	/* phone number, NUL included */
#define FAX_NAME_MAX		16	/* driver name, NUL included */
#define FAX_DIAL_MAX		32	/* dial string, NUL included */

/* Sample formats of read() and write(). */
enum fax_format {
	FAX_FMT_S16LE = 0,	/* signed 16-bit little-endian linear */
	FAX_FMT_ALAW = 1,	/* G.711 A-law, one byte per sample */
	FAX_FMT_ULAW = 2,	/* G.711 mu-law, one byte per sample */
};

/* Call state of a line. */
enum fax_state {
	FAX_STATE_IDLE = 0,		/* on hook, no call */
	FAX_STATE_RINGING = 1,		/* on hook, an incoming call rings */
	FAX_STATE_DIALTONE = 2,		/* off hook, waiting for digits */
	FAX_STATE_DIALING = 3,		/* off hook, digits being sent */
	FAX_STATE_RINGBACK = 4,		/* the called line rings */
	FAX_STATE_CONNECTED = 5,	/* a call is up: audio both ways */
	FAX_STATE_BUSY = 6,		/* the called line was busy */
	FAX_STATE_DISCONNECTED = 7,	/* the far end hung up */
};

/* Line events, dequeued with FAX_IOC_GET_EVENT and sent over netlink. */
enum fax_event_type {
	FAX_EV_NONE = 0,
	FAX_EV_RING_START = 1,		/* ring cadence on */
	FAX_EV_RING_STOP = 2,		/* ring cadence off */
	FAX_EV_HOOK = 3,		/* value: 1 off hook, 0 on hook */
	FAX_EV_ANSWERED = 4,		/* the call is connected */
	FAX_EV_REMOTE_HANGUP = 5,	/* the far end hung up */
	FAX_EV_DIALTONE = 6,
	FAX_EV_BUSY = 7,
	FAX_EV_RINGBACK = 8,
	FAX_EV_TONE_START = 9,		/* value: enum fax_tone */
	FAX_EV_TONE_STOP = 10,		/* value: enum fax_tone */
	FAX_EV_DIGIT = 11,		/* value: ASCII digit detected */
	FAX_EV_UNDERRUN = 12,		/* write() fell behind the line */
	FAX_EV_OVERRUN = 13,		/* read() fell behind the line */
	FAX_EV_DIALED = 14,		/* the last dialled digit was sent */
	FAX_EV_MAX = FAX_EV_DIALED,
};

/* Tones reported by FAX_EV_TONE_START/STOP (detected by the line DSP). */
enum fax_tone {
	FAX_TONE_CNG = 1,	/* 1100 Hz calling tone */
	FAX_TONE_CED = 2,	/* 2100 Hz answer tone */
	FAX_TONE_ANSAM = 3,	/* 2100 Hz with phase reversals */
	FAX_TONE_V21 = 4,	/* V.21 preamble flags */
	FAX_TONE_CED_PR = 5,	/* 2100 Hz with phase reversals (/ANS) */
	FAX_TONE_ANSAM_PR = 6,	/* ANSam with phase reversals (/ANSam) */
	/* Call progress tones heard in the audio (FAX_DSP_CPT_DETECT). */
	FAX_TONE_DIAL = 7,
	FAX_TONE_RINGBACK = 8,
	FAX_TONE_BUSY = 9,
	FAX_TONE_REORDER = 10,	/* congestion, "fast busy" */
};

/* struct fax_info.caps: what the card and the core can do on this line. */
#define FAX_CAP_DIAL		0x01	/* dials (FAX_IOC_DIAL) */
#define FAX_CAP_ANSWER		0x02	/* answers incoming calls */
#define FAX_CAP_LINE_MODEL	0x04	/* simulated line model */
#define FAX_CAP_LAW		0x08	/* A-law/mu-law formats */

/*
 * struct fax_params.dsp: line DSP switches. The stages run on the received
 * audio while the line is off hook; detections become line events.
 */
#define FAX_DSP_ECHO_CANCEL	0x01	/* line echo canceller */
#define FAX_DSP_TONE_DETECT	0x02	/* CNG, CED/ANSam, V.21 preamble */
#define FAX_DSP_DTMF_DETECT	0x04	/* DTMF digit detector */
#define FAX_DSP_CPT_DETECT	0x08	/* call progress tone detector */
#define FAX_DSP_EC_NLP		0x10	/* echo canceller's non-linear processor */
/*
 * Plain 2100 Hz (CED, ANSam) disables the echo canceller too; phase
 * reversals (/ANS, /ANSam) always do (G.165).
 */
#define FAX_DSP_EC_CED_DISABLE	0x20
#define FAX_DSP_ALL		(FAX_DSP_ECHO_CANCEL | FAX_DSP_TONE_DETECT | \
				 FAX_DSP_DTMF_DETECT | FAX_DSP_CPT_DETECT | \
				 FAX_DSP_EC_NLP | FAX_DSP_EC_CED_DISABLE)
/* What a new line starts with: everything but the NLP. */
#define FAX_DSP_DEFAULT		(FAX_DSP_ALL & ~FAX_DSP_EC_NLP)

/* Echo canceller tail, ms; 0 in FAX_IOC_SET_PARAMS picks the default. */
#define FAX_EC_TAIL_MAX_MS	128
#define FAX_EC_TAIL_DEFAULT_MS	64

/* Gains in dB, buffer depth in ms. */
#define FAX_GAIN_MIN		(-24)
#define FAX_GAIN_MAX		12
#define FAX_BUFFER_MIN_MS	10
#define FAX_BUFFER_MAX_MS	2000
#define FAX_BUFFER_DEFAULT_MS	200

/* Limits of the line model of simulated lines (netlink FAX_A_MODEL_*). */
#define FAX_MODEL_DELAY_MAX_MS	500
#define FAX_MODEL_LOSS_MAX_DB	60
#define FAX_MODEL_ECHO_DELAY_MAX_MS	100
#define FAX_MODEL_NOISE_MAX_DB	90

/* FAX_IOC_GET_INFO: who and where the line is. */
struct fax_info {
	__u32 size;
	__u32 card;		/* card id (netlink FAX_A_CARD_ID) */
	__u32 line;		/* line index on the card */
	__u32 minor;		/* N of /dev/faxN */
	__u32 caps;		/* FAX_CAP_* */
	__u32 state;		/* enum fax_state */
	__u32 offhook;		/* 1 off hook, 0 on hook */
	__u32 reserved;
	char number[FAX_NUMBER_MAX];	/* NUL-terminated, may be empty */
	char driver[FAX_NAME_MAX];	/* card driver, NUL-terminated */
	/*
	 * The calling number of the incoming call that rings or was
	 * answered, as the network presented it; empty when it gave none
	 * (withheld, unavailable, or a card that cannot tell). Cleared when
	 * the line goes idle. Appended after the first version: callers
	 * passing the shorter size get the shorter structure.
	 */
	char caller[FAX_NUMBER_MAX];
};

/* FAX_IOC_GET_PARAMS / FAX_IOC_SET_PARAMS: per-line settings. */
struct fax_params {
	__u32 size;
	__u32 flags;		/* must be zero */
	__u32 format;		/* enum fax_format */
	__s32 rx_gain;		/* dB applied to what read() returns */
	__s32 tx_gain;		/* dB applied to what write() sent */
	__u32 buffer_ms;	/* depth of each of the rx and tx FIFOs */
	__u32 dsp;		/* FAX_DSP_* */
	__u32 ec_tail_ms;	/* 0 (default) or 1..FAX_EC_TAIL_MAX_MS */
	/*
	 * Received audio wakes readers (poll EPOLLIN, blocking read) once
	 * this much of it waits, at most buffer_ms; 0, the default, wakes
	 * them every tick. Cuts a busy server's wake-ups per line from one
	 * per millisecond to one per rx_wake_ms; non-blocking reads still
	 * return whatever is there.
	 */
	__u32 rx_wake_ms;	/* 0..FAX_BUFFER_MAX_MS */
	__u32 reserved[3];	/* must be zero */
};

/* FAX_IOC_GET_STATS: counters since the line was created. */
struct fax_stats {
	__u32 size;
	__u32 reserved;
	__u64 rx_samples;	/* samples queued for read() */
	__u64 tx_samples;	/* samples taken from write() */
	__u64 rx_overruns;	/* samples dropped: read() too slow */
	__u64 tx_underruns;	/* times the tx FIFO ran dry during a call */
	__u64 events;		/* events queued */
	__u64 events_lost;	/* events dropped: queue full */
};

/* FAX_IOC_DIAL: digits 0-9 * # A-D, and ',' for a 1 s pause. */
struct fax_dial {
	__u32 size;
	__u32 flags;		/* must be zero */
	char digits[FAX_DIAL_MAX];	/* NUL-terminated, not empty */
};

/* FAX_IOC_HOOK: go off hook (1) or on hook (0). */
struct fax_hook {
	__u32 size;
	__u32 flags;		/* must be zero */
	__u32 offhook;		/* 0 or 1 */
	__u32 reserved;		/* must be zero */
};

/*
 * FAX_IOC_GET_EVENT: dequeue the oldest line event; EAGAIN when none is
 * pending (poll() reports POLLPRI while one is). rx_pos is the position in
 * the read() stream, in samples, at which the event happened: an event at
 * rx_pos P happened just before the sample with index P was received.
 */
struct fax_event {
	__u32 type;		/* enum fax_event_type */
	__u32 value;
	__u64 timestamp_ns;	/* CLOCK_MONOTONIC */
	__u64 rx_pos;
	__u32 seq;		/* per-line event sequence number */
	__u32 reserved;
};

#define FAX_IOC_GET_INFO	_IOWR(FAX_IOC_MAGIC, 0x00, struct fax_info)
#define FAX_IOC_HOOK		_IOW(FAX_IOC_MAGIC, 0x01, struct fax_hook)
#define FAX_IOC_DIAL		_IOW(FAX_IOC_MAGIC, 0x02, struct fax_dial)
#define FAX_IOC_ANSWER		_IO(FAX_IOC_MAGIC, 0x03)
#define FAX_IOC_HANGUP		_IO(FAX_IOC_MAGIC, 0x04)
#define FAX_IOC_GET_PARAMS	_IOWR(FAX_IOC_MAGIC, 0x05, struct fax_params)
#define FAX_IOC_SET_PARAMS	_IOW(FAX_IOC_MAGIC, 0x06, struct fax_params)
#define FAX_IOC_GET_STATS	_IOWR(FAX_IOC_MAGIC, 0x07, struct fax_stats)
#define FAX_IOC_GET_EVENT	_IOR(FAX_IOC_MAGIC, 0x08, struct fax_event)

#endif /* _UAPI_LINUX_FAX_H */
