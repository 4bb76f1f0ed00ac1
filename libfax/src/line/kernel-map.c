// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel's line states and events in the terms of fax/line.h.
 *
 * The kernel reports more than a fax session needs (hook changes, dial
 * tone, detected tones and digits, queue trouble); those are bookkeeping
 * here and stay visible through the netlink monitor. An incoming call the
 * caller abandons is a remote hang-up in the kernel but a ring end in
 * fax/line.h, hence the memory of whether the line is ringing.
 *
 * A call we place learns its fate from the network's signalling where
 * there is some (ISDN, fax_sim) and otherwise only from the tones the
 * line DSP hears (an analogue line): a busy or congestion tone after
 * dialling is busy, ringback is alerting. Each is told once per call,
 * whichever comes first.
 */
#include <string.h>

#include <linux/fax.h>
#include <linux/fax_netlink.h>

#include "kernel-internal.h"

static void call_over(struct fax_kernel_map *m)
{
	m->ringing = false;
	m->rings = 0;
	m->placing = false;
	m->alerting_told = false;
	m->busy_told = false;
}

/* Busy or alerting for our call, unless already told. */
static uint32_t progress(struct fax_kernel_map *m, uint32_t type)
{
	bool *told = type == FAX_LINE_EV_BUSY ? &m->busy_told : &m->alerting_told;

	if (*told)
		return FAX_LINE_EV_NONE;
	*told = true;
	return type;
}

static uint32_t heard(struct fax_kernel_map *m, uint32_t tone)
{
	if (!m->placing)
		return FAX_LINE_EV_NONE;
	switch (tone) {
	case FAX_TONE_BUSY:
	case FAX_TONE_REORDER:
		return progress(m, FAX_LINE_EV_BUSY);
	case FAX_TONE_RINGBACK:
		return progress(m, FAX_LINE_EV_ALERTING);
	default:
		return FAX_LINE_EV_NONE;
	}
}

int fax_kernel_map_event(struct fax_kernel_map *m, const struct fax_kernel_event *kev,
			 struct fax_line_event *out)
{
	uint32_t type = FAX_LINE_EV_NONE;

	switch (kev->type) {
	case FAX_EV_RING_START:
		m->ringing = true;
		m->rings++;
		type = FAX_LINE_EV_RING;
		break;
	case FAX_EV_ANSWERED:
		call_over(m);
		type = FAX_LINE_EV_CONNECTED;
		break;
	case FAX_EV_REMOTE_HANGUP:
		type = m->ringing ? FAX_LINE_EV_RING_END : FAX_LINE_EV_FAR_HANGUP;
		call_over(m);
		break;
	case FAX_EV_DIALED:
		m->placing = true;
		break;
	case FAX_EV_RINGBACK:
		type = progress(m, FAX_LINE_EV_ALERTING);
		break;
	case FAX_EV_BUSY:
		/* The kernel's networks report unknown numbers as busy too. */
		type = progress(m, FAX_LINE_EV_BUSY);
		break;
	case FAX_EV_TONE_START:
		type = heard(m, kev->value);
		break;
	case FAX_EV_HOOK:
		if (!kev->value)
			call_over(m);
		break;
	case FAX_EV_OVERRUN:
		m->overruns++;
		break;
	default:
		break;
	}
	if (type == FAX_LINE_EV_NONE)
		return 0;
	memset(out, 0, sizeof(*out));
	out->type = type;
	out->rings = type == FAX_LINE_EV_RING ? m->rings : 0;
	out->time = kev->rx_pos;
	return 1;
}

enum fax_line_state fax_kernel_map_state(uint32_t kstate)
{
	switch (kstate) {
	case FAX_STATE_RINGING:
		return FAX_LINE_RINGING;
	case FAX_STATE_DIALTONE:
	case FAX_STATE_DIALING:
	case FAX_STATE_BUSY:
		return FAX_LINE_OFFHOOK;
	case FAX_STATE_RINGBACK:
		return FAX_LINE_ALERTING;
	case FAX_STATE_CONNECTED:
		return FAX_LINE_CONNECTED;
	case FAX_STATE_DISCONNECTED:
		return FAX_LINE_FAR_HUNGUP;
	case FAX_STATE_IDLE:
	default:
		return FAX_LINE_ONHOOK;
	}
}
