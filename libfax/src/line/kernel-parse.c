// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Messages of the "fax" generic netlink family into plain structures, and
 * names for the kernel's values. Attributes are checked against policies
 * first, so a message with a wrong attribute type is refused, not misread;
 * attributes this file does not know (a newer kernel) are ignored.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/fax.h>
#include <linux/fax_netlink.h>

#include "kernel-internal.h"

static struct nla_policy card_policy[FAX_A_CARD_MAX + 1] = {
	[FAX_A_CARD_ID] = { .type = NLA_U32 },
	[FAX_A_CARD_DRIVER] = { .type = NLA_STRING },
	[FAX_A_CARD_LINES] = { .type = NLA_U32 },
	[FAX_A_CARD_CAPS] = { .type = NLA_U32 },
	[FAX_A_CARD_GENERATION] = { .type = NLA_U32 },
};

static struct nla_policy line_policy[FAX_A_LINE_MAX + 1] = {
	[FAX_A_LINE_CARD_ID] = { .type = NLA_U32 },
	[FAX_A_LINE_INDEX] = { .type = NLA_U32 },
	[FAX_A_LINE_MINOR] = { .type = NLA_U32 },
	[FAX_A_LINE_NUMBER] = { .type = NLA_STRING },
	[FAX_A_LINE_STATE] = { .type = NLA_U32 },
	[FAX_A_LINE_OFFHOOK] = { .type = NLA_U32 },
	[FAX_A_LINE_FORMAT] = { .type = NLA_U32 },
	[FAX_A_LINE_RX_GAIN] = { .type = NLA_U32 },
	[FAX_A_LINE_TX_GAIN] = { .type = NLA_U32 },
	[FAX_A_LINE_BUFFER_MS] = { .type = NLA_U32 },
	[FAX_A_LINE_DSP] = { .type = NLA_U32 },
	[FAX_A_LINE_MODEL] = { .type = NLA_NESTED },
	[FAX_A_LINE_STATS] = { .type = NLA_NESTED },
	[FAX_A_LINE_EVENT] = { .type = NLA_NESTED },
	[FAX_A_LINE_EC_TAIL_MS] = { .type = NLA_U32 },
	[FAX_A_LINE_CALLER] = { .type = NLA_STRING },
};

static struct nla_policy model_policy[FAX_A_MODEL_MAX + 1] = {
	[FAX_A_MODEL_DELAY_MS] = { .type = NLA_U32 },
	[FAX_A_MODEL_LOSS_DB] = { .type = NLA_U32 },
	[FAX_A_MODEL_ECHO_LOSS_DB] = { .type = NLA_U32 },
	[FAX_A_MODEL_ECHO_DELAY_MS] = { .type = NLA_U32 },
	[FAX_A_MODEL_NOISE_DB] = { .type = NLA_U32 },
};

static struct nla_policy stats_policy[FAX_A_STATS_MAX + 1] = {
	[FAX_A_STATS_RX_SAMPLES] = { .type = NLA_U64 },
	[FAX_A_STATS_TX_SAMPLES] = { .type = NLA_U64 },
	[FAX_A_STATS_RX_OVERRUNS] = { .type = NLA_U64 },
	[FAX_A_STATS_TX_UNDERRUNS] = { .type = NLA_U64 },
	[FAX_A_STATS_EVENTS] = { .type = NLA_U64 },
	[FAX_A_STATS_EVENTS_LOST] = { .type = NLA_U64 },
};

static struct nla_policy event_policy[FAX_A_EVENT_MAX + 1] = {
	[FAX_A_EVENT_TYPE] = { .type = NLA_U32 },
	[FAX_A_EVENT_VALUE] = { .type = NLA_U32 },
	[FAX_A_EVENT_TIMESTAMP] = { .type = NLA_U64 },
	[FAX_A_EVENT_RX_POS] = { .type = NLA_U64 },
	[FAX_A_EVENT_SEQ] = { .type = NLA_U32 },
};

static uint32_t u32_or(struct nlattr *a, uint32_t dflt)
{
	return a ? nla_get_u32(a) : dflt;
}

static uint64_t u64_or(struct nlattr *a)
{
	return a ? nla_get_u64(a) : 0;
}

static int parse_card(struct nlmsghdr *nlh, struct fax_kernel_card *c)
{
	struct nlattr *tb[FAX_A_CARD_MAX + 1];

	if (genlmsg_parse(nlh, 0, tb, FAX_A_CARD_MAX, card_policy) < 0 ||
	    !tb[FAX_A_CARD_ID])
		return -EBADMSG;
	c->id = nla_get_u32(tb[FAX_A_CARD_ID]);
	c->lines = u32_or(tb[FAX_A_CARD_LINES], 0);
	c->caps = u32_or(tb[FAX_A_CARD_CAPS], 0);
	c->generation = u32_or(tb[FAX_A_CARD_GENERATION], 0);
	if (tb[FAX_A_CARD_DRIVER])
		nla_strlcpy(c->driver, tb[FAX_A_CARD_DRIVER], sizeof(c->driver));
	return 0;
}

static int parse_model(struct nlattr *nest, struct fax_kernel_model *m)
{
	struct nlattr *tb[FAX_A_MODEL_MAX + 1];

	if (nla_parse_nested(tb, FAX_A_MODEL_MAX, nest, model_policy) < 0)
		return -EBADMSG;
	m->delay_ms = u32_or(tb[FAX_A_MODEL_DELAY_MS], 0);
	m->loss_db = u32_or(tb[FAX_A_MODEL_LOSS_DB], 0);
	m->echo_loss_db = u32_or(tb[FAX_A_MODEL_ECHO_LOSS_DB], 0);
	m->echo_delay_ms = u32_or(tb[FAX_A_MODEL_ECHO_DELAY_MS], 0);
	m->noise_db = u32_or(tb[FAX_A_MODEL_NOISE_DB], 0);
	return 0;
}

static int parse_stats(struct nlattr *nest, struct fax_kernel_counters *s)
{
	struct nlattr *tb[FAX_A_STATS_MAX + 1];

	if (nla_parse_nested(tb, FAX_A_STATS_MAX, nest, stats_policy) < 0)
		return -EBADMSG;
	s->rx_samples = u64_or(tb[FAX_A_STATS_RX_SAMPLES]);
	s->tx_samples = u64_or(tb[FAX_A_STATS_TX_SAMPLES]);
	s->rx_overruns = u64_or(tb[FAX_A_STATS_RX_OVERRUNS]);
	s->tx_underruns = u64_or(tb[FAX_A_STATS_TX_UNDERRUNS]);
	s->events = u64_or(tb[FAX_A_STATS_EVENTS]);
	s->events_lost = u64_or(tb[FAX_A_STATS_EVENTS_LOST]);
	return 0;
}

static int parse_event(struct nlattr *nest, struct fax_kernel_event *e)
{
	struct nlattr *tb[FAX_A_EVENT_MAX + 1];

	if (nla_parse_nested(tb, FAX_A_EVENT_MAX, nest, event_policy) < 0 ||
	    !tb[FAX_A_EVENT_TYPE])
		return -EBADMSG;
	e->type = nla_get_u32(tb[FAX_A_EVENT_TYPE]);
	e->value = u32_or(tb[FAX_A_EVENT_VALUE], 0);
	e->timestamp_ns = u64_or(tb[FAX_A_EVENT_TIMESTAMP]);
	e->rx_pos = u64_or(tb[FAX_A_EVENT_RX_POS]);
	e->seq = u32_or(tb[FAX_A_EVENT_SEQ], 0);
	return 0;
}

static int parse_line(struct nlmsghdr *nlh, struct fax_kernel_line_info *l,
		      struct fax_kernel_event *ev)
{
	struct nlattr *tb[FAX_A_LINE_MAX + 1];

	if (genlmsg_parse(nlh, 0, tb, FAX_A_LINE_MAX, line_policy) < 0 ||
	    !tb[FAX_A_LINE_CARD_ID] || !tb[FAX_A_LINE_INDEX])
		return -EBADMSG;
	l->card = nla_get_u32(tb[FAX_A_LINE_CARD_ID]);
	l->index = nla_get_u32(tb[FAX_A_LINE_INDEX]);
	l->minor = u32_or(tb[FAX_A_LINE_MINOR], UINT32_MAX);
	if (tb[FAX_A_LINE_NUMBER])
		nla_strlcpy(l->number, tb[FAX_A_LINE_NUMBER], sizeof(l->number));
	l->state = u32_or(tb[FAX_A_LINE_STATE], FAX_STATE_IDLE);
	l->offhook = u32_or(tb[FAX_A_LINE_OFFHOOK], 0) != 0;
	l->format = u32_or(tb[FAX_A_LINE_FORMAT], FAX_FMT_S16LE);
	l->rx_gain = (int32_t)u32_or(tb[FAX_A_LINE_RX_GAIN], 0);
	l->tx_gain = (int32_t)u32_or(tb[FAX_A_LINE_TX_GAIN], 0);
	l->buffer_ms = u32_or(tb[FAX_A_LINE_BUFFER_MS], 0);
	l->dsp = u32_or(tb[FAX_A_LINE_DSP], 0);
	l->ec_tail_ms = u32_or(tb[FAX_A_LINE_EC_TAIL_MS], 0);
	if (tb[FAX_A_LINE_CALLER])
		nla_strlcpy(l->caller, tb[FAX_A_LINE_CALLER], sizeof(l->caller));
	if (tb[FAX_A_LINE_MODEL]) {
		if (parse_model(tb[FAX_A_LINE_MODEL], &l->model) < 0)
			return -EBADMSG;
		l->has_model = true;
	}
	if (tb[FAX_A_LINE_STATS]) {
		if (parse_stats(tb[FAX_A_LINE_STATS], &l->stats) < 0)
			return -EBADMSG;
		l->has_stats = true;
	}
	if (tb[FAX_A_LINE_EVENT])
		return parse_event(tb[FAX_A_LINE_EVENT], ev);
	return 0;
}

int fax_kernel_parse(struct nlmsghdr *nlh, struct fax_kernel_notification *n)
{
	struct genlmsghdr *g;

	memset(n, 0, sizeof(*n));
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	g = nlmsg_data(nlh);
	switch (g->cmd) {
	case FAX_CMD_CARD_GET:
	case FAX_CMD_CARD_NEW:
	case FAX_CMD_CARD_DEL:
		n->kind = g->cmd == FAX_CMD_CARD_DEL ? FAX_KERNEL_NTF_CARD_DEL :
			  FAX_KERNEL_NTF_CARD_NEW;
		return parse_card(nlh, &n->card);
	case FAX_CMD_LINE_GET:
	case FAX_CMD_LINE_EVENT:
		n->kind = FAX_KERNEL_NTF_LINE_EVENT;
		return parse_line(nlh, &n->line, &n->event);
	default:
		return -EBADMSG;
	}
}

static const char *name_of(const char *const *names, size_t n, uint32_t v)
{
	return v < n && names[v] ? names[v] : "?";
}

#define NAME_OF(names, v) name_of(names, sizeof(names) / sizeof(names[0]), v)

const char *fax_kernel_state_name(uint32_t state)
{
	static const char *const names[] = {
		[FAX_STATE_IDLE] = "idle",
		[FAX_STATE_RINGING] = "ringing",
		[FAX_STATE_DIALTONE] = "dialtone",
		[FAX_STATE_DIALING] = "dialing",
		[FAX_STATE_RINGBACK] = "ringback",
		[FAX_STATE_CONNECTED] = "connected",
		[FAX_STATE_BUSY] = "busy",
		[FAX_STATE_DISCONNECTED] = "disconnected",
	};

	return NAME_OF(names, state);
}

const char *fax_kernel_event_name(uint32_t type)
{
	static const char *const names[] = {
		[FAX_EV_NONE] = "none",
		[FAX_EV_RING_START] = "ring-start",
		[FAX_EV_RING_STOP] = "ring-stop",
		[FAX_EV_HOOK] = "hook",
		[FAX_EV_ANSWERED] = "answered",
		[FAX_EV_REMOTE_HANGUP] = "remote-hangup",
		[FAX_EV_DIALTONE] = "dialtone",
		[FAX_EV_BUSY] = "busy",
		[FAX_EV_RINGBACK] = "ringback",
		[FAX_EV_TONE_START] = "tone-start",
		[FAX_EV_TONE_STOP] = "tone-stop",
		[FAX_EV_DIGIT] = "digit",
		[FAX_EV_UNDERRUN] = "underrun",
		[FAX_EV_OVERRUN] = "overrun",
		[FAX_EV_DIALED] = "dialed",
	};

	return NAME_OF(names, type);
}

const char *fax_kernel_tone_name(uint32_t tone)
{
	static const char *const names[] = {
		[FAX_TONE_CNG] = "cng",
		[FAX_TONE_CED] = "ced",
		[FAX_TONE_ANSAM] = "ansam",
		[FAX_TONE_V21] = "v21",
		[FAX_TONE_CED_PR] = "ced-pr",
		[FAX_TONE_ANSAM_PR] = "ansam-pr",
		[FAX_TONE_DIAL] = "dial",
		[FAX_TONE_RINGBACK] = "ringback",
		[FAX_TONE_BUSY] = "busy",
		[FAX_TONE_REORDER] = "reorder",
	};

	return NAME_OF(names, tone);
}

const char *fax_kernel_dsp_names(uint32_t dsp, char *buf, size_t len)
{
	static const struct { uint32_t bit; const char *name; } stages[] = {
		{ FAX_DSP_ECHO_CANCEL, "ec" },
		{ FAX_DSP_TONE_DETECT, "tone" },
		{ FAX_DSP_DTMF_DETECT, "dtmf" },
		{ FAX_DSP_CPT_DETECT, "cpt" },
		{ FAX_DSP_EC_NLP, "ec-nlp" },
		{ FAX_DSP_EC_CED_DISABLE, "ec-ced-disable" },
	};
	uint32_t unnamed = dsp;
	size_t used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		if (!(dsp & stages[i].bit))
			continue;
		unnamed &= ~stages[i].bit;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
					 used ? "," : "", stages[i].name);
	}
	/* Switches of a newer kernel show as a number, never vanish. */
	if (unnamed)
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s0x%x",
					 used ? "," : "", unnamed);
	if (!used)
		snprintf(buf, len, "none");
	return buf;
}

const char *fax_kernel_event_value_text(uint32_t type, uint32_t value, char *buf, size_t len)
{
	if (!len)
		return buf;
	switch (type) {
	case FAX_EV_HOOK:
		snprintf(buf, len, "%s", value ? "offhook" : "onhook");
		break;
	case FAX_EV_TONE_START:
	case FAX_EV_TONE_STOP:
		snprintf(buf, len, "%s", fax_kernel_tone_name(value));
		break;
	case FAX_EV_DIGIT:
		snprintf(buf, len, "%c", value >= 0x20 && value < 0x7f ? (char)value : '?');
		break;
	default:
		buf[0] = '\0';
		break;
	}
	return buf;
}
