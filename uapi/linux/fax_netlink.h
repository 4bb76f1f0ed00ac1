/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The "fax" generic netlink family: cards and lines of the fax line core.
 * Documentation/netlink/specs/fax.yaml is the record of the protocol; the
 * names here follow it mechanically (FAX_A_<SET>_<ATTR>, FAX_CMD_<OP>).
 *
 * - card-get, line-get: do and dump, unprivileged. Dumps carry the
 *   registry's generation in nlmsg_seq and are flagged NLM_F_DUMP_INTR
 *   when cards come or go while they run.
 * - line-set: parameters and line model of a line; needs CAP_NET_ADMIN.
 * - Group "events" (joining needs CAP_NET_ADMIN, digits can be PINs):
 *   card-new and card-del in the card-get format, line-event in the
 *   line-get format plus a nested event.
 */
#ifndef _UAPI_LINUX_FAX_NETLINK_H
#define _UAPI_LINUX_FAX_NETLINK_H

#define FAX_MCGRP_EVENTS	"events"

enum {
	FAX_A_CARD_UNSPEC,
	FAX_A_CARD_ID,		/* u32 */
	FAX_A_CARD_DRIVER,	/* string */
	FAX_A_CARD_LINES,	/* u32: number of lines */
	FAX_A_CARD_CAPS,	/* u32: FAX_CAP_* */
	FAX_A_CARD_GENERATION,	/* u32: registry generation */

	__FAX_A_CARD_MAX,
	FAX_A_CARD_MAX = __FAX_A_CARD_MAX - 1
};

enum {
	FAX_A_LINE_UNSPEC,
	FAX_A_LINE_PAD,
	FAX_A_LINE_CARD_ID,	/* u32 */
	FAX_A_LINE_INDEX,	/* u32: line index on the card */
	FAX_A_LINE_MINOR,	/* u32: N of /dev/faxN */
	FAX_A_LINE_NUMBER,	/* string */
	FAX_A_LINE_STATE,	/* u32: enum fax_state */
	FAX_A_LINE_OFFHOOK,	/* u32: 0 or 1 */
	FAX_A_LINE_FORMAT,	/* u32: enum fax_format */
	FAX_A_LINE_RX_GAIN,	/* s32: dB */
	FAX_A_LINE_TX_GAIN,	/* s32: dB */
	FAX_A_LINE_BUFFER_MS,	/* u32 */
	FAX_A_LINE_DSP,		/* u32: FAX_DSP_* */
	FAX_A_LINE_MODEL,	/* nest: FAX_A_MODEL_* */
	FAX_A_LINE_STATS,	/* nest: FAX_A_STATS_* */
	FAX_A_LINE_EVENT,	/* nest: FAX_A_EVENT_* (line-event only) */
	FAX_A_LINE_EC_TAIL_MS,	/* u32: echo canceller tail */
	FAX_A_LINE_CALLER,	/* string: calling number, when known */

	__FAX_A_LINE_MAX,
	FAX_A_LINE_MAX = __FAX_A_LINE_MAX - 1
};

enum {
	FAX_A_MODEL_UNSPEC,
	FAX_A_MODEL_DELAY_MS,		/* u32: one-way delay */
	FAX_A_MODEL_LOSS_DB,		/* u32: attenuation */
	FAX_A_MODEL_ECHO_LOSS_DB,	/* u32: echo return loss, 0 = none */
	FAX_A_MODEL_ECHO_DELAY_MS,	/* u32 */
	FAX_A_MODEL_NOISE_DB,		/* u32: dB below full scale, 0 = none */

	__FAX_A_MODEL_MAX,
	FAX_A_MODEL_MAX = __FAX_A_MODEL_MAX - 1
};

enum {
	FAX_A_STATS_UNSPEC,
	FAX_A_STATS_PAD,
	FAX_A_STATS_RX_SAMPLES,		/* u64 */
	FAX_A_STATS_TX_SAMPLES,		/* u64 */
	FAX_A_STATS_RX_OVERRUNS,	/* u64 */
	FAX_A_STATS_TX_UNDERRUNS,	/* u64 */
	FAX_A_STATS_EVENTS,		/* u64 */
	FAX_A_STATS_EVENTS_LOST,	/* u64 */

	__FAX_A_STATS_MAX,
	FAX_A_STATS_MAX = __FAX_A_STATS_MAX - 1
};

enum {
	FAX_A_EVENT_UNSPEC,
	FAX_A_EVENT_PAD,
	FAX_A_EVENT_TYPE,		/* u32: enum fax_event_type */
	FAX_A_EVENT_VALUE,		/* u32 */
	FAX_A_EVENT_TIMESTAMP,		/* u64: CLOCK_MONOTONIC ns */
	FAX_A_EVENT_RX_POS,		/* u64 */
	FAX_A_EVENT_SEQ,		/* u32 */

	__FAX_A_EVENT_MAX,
	FAX_A_EVENT_MAX = __FAX_A_EVENT_MAX - 1
};

enum {
	FAX_CMD_UNSPEC,
	FAX_CMD_CARD_GET,
	FAX_CMD_LINE_GET,
	FAX_CMD_LINE_SET,
	FAX_CMD_CARD_NEW,	/* notification */
	FAX_CMD_CARD_DEL,	/* notification */
	FAX_CMD_LINE_EVENT,	/* notification */

	__FAX_CMD_MAX,
	FAX_CMD_MAX = __FAX_CMD_MAX - 1
};

#endif /* _UAPI_LINUX_FAX_NETLINK_H */
