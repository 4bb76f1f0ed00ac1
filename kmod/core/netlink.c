// SPDX-License-Identifier: GPL-2.0-only
/*
 * The "fax" generic netlink family (Documentation/netlink/specs/fax.yaml):
 * card-get and line-get (do and dump), line-set, and the "events"
 * multicast group with card-new, card-del and line-event notifications.
 *
 * Every op has its own strict policy; line-set needs CAP_NET_ADMIN and
 * joining "events" needs CAP_NET_ADMIN too (digits can be PINs). Dumps
 * walk the registry under fax_registry_lock with an index cursor and
 * report fax_generation so changes between parts flag NLM_F_DUMP_INTR.
 * Line events are sent from each line's work item (process context), fed
 * by the line's event ring; card notifications from register/unregister.
 *
 * Locking: fax_registry_lock for lookups and dumps; line->lock around
 * snapshots of a line; card->lock (through line.c) for the line model.
 */
#include <linux/kernel.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "compat.h"
#include "faxcore.h"

enum { FAX_NL_GRP_EVENTS };

static struct genl_family fax_nl_family;

static const struct nla_policy fax_card_get_policy[FAX_A_CARD_ID + 1] = {
	[FAX_A_CARD_ID] = { .type = NLA_U32 },
};

static const struct nla_policy fax_line_get_policy[FAX_A_LINE_INDEX + 1] = {
	[FAX_A_LINE_CARD_ID] = { .type = NLA_U32 },
	[FAX_A_LINE_INDEX] = NLA_POLICY_MAX(NLA_U32, FAX_MAX_LINES_PER_CARD - 1),
};

static const struct nla_policy fax_model_policy[FAX_A_MODEL_MAX + 1] = {
	[FAX_A_MODEL_DELAY_MS] = NLA_POLICY_MAX(NLA_U32, FAX_MODEL_DELAY_MAX_MS),
	[FAX_A_MODEL_LOSS_DB] = NLA_POLICY_MAX(NLA_U32, FAX_MODEL_LOSS_MAX_DB),
	[FAX_A_MODEL_ECHO_LOSS_DB] = NLA_POLICY_MAX(NLA_U32, FAX_MODEL_LOSS_MAX_DB),
	[FAX_A_MODEL_ECHO_DELAY_MS] =
		NLA_POLICY_MAX(NLA_U32, FAX_MODEL_ECHO_DELAY_MAX_MS),
	[FAX_A_MODEL_NOISE_DB] = NLA_POLICY_MAX(NLA_U32, FAX_MODEL_NOISE_MAX_DB),
};

static const struct nla_policy fax_line_set_policy[FAX_A_LINE_EC_TAIL_MS + 1] = {
	[FAX_A_LINE_CARD_ID] = { .type = NLA_U32 },
	[FAX_A_LINE_INDEX] = NLA_POLICY_MAX(NLA_U32, FAX_MAX_LINES_PER_CARD - 1),
	[FAX_A_LINE_FORMAT] = NLA_POLICY_MAX(NLA_U32, FAX_FMT_ULAW),
	[FAX_A_LINE_RX_GAIN] = NLA_POLICY_RANGE(NLA_S32, FAX_GAIN_MIN, FAX_GAIN_MAX),
	[FAX_A_LINE_TX_GAIN] = NLA_POLICY_RANGE(NLA_S32, FAX_GAIN_MIN, FAX_GAIN_MAX),
	[FAX_A_LINE_BUFFER_MS] = NLA_POLICY_RANGE(NLA_U32, FAX_BUFFER_MIN_MS,
						  FAX_BUFFER_MAX_MS),
	[FAX_A_LINE_DSP] = NLA_POLICY_MASK(NLA_U32, FAX_DSP_ALL),
	[FAX_A_LINE_MODEL] = NLA_POLICY_NESTED(fax_model_policy),
	[FAX_A_LINE_EC_TAIL_MS] = NLA_POLICY_MAX(NLA_U32, FAX_EC_TAIL_MAX_MS),
};

/* Start a message; in a dump, tie it to the registry generation. */
static void *fax_nl_put_hdr(struct sk_buff *skb, u32 portid, u32 seq,
			    int flags, u8 cmd, struct netlink_callback *cb)
{
	void *hdr = genlmsg_put(skb, portid, seq, &fax_nl_family, flags, cmd);

	if (hdr && cb)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

static int fax_nl_fill_card(struct sk_buff *skb, struct fax_card *card,
			    u32 portid, u32 seq, int flags, u8 cmd,
			    struct netlink_callback *cb)
{
	void *hdr = fax_nl_put_hdr(skb, portid, seq, flags, cmd, cb);

	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, FAX_A_CARD_ID, card->id) ||
	    nla_put_string(skb, FAX_A_CARD_DRIVER, card->driver) ||
	    nla_put_u32(skb, FAX_A_CARD_LINES, card->nlines) ||
	    nla_put_u32(skb, FAX_A_CARD_CAPS, card->caps | FAX_CAP_LAW) ||
	    nla_put_u32(skb, FAX_A_CARD_GENERATION, READ_ONCE(fax_generation)))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int fax_nl_put_model(struct sk_buff *skb, struct fax_line *line)
{
	struct fax_line_model m;
	struct nlattr *nest;

	if (!fax_line_get_model(line, &m))
		return 0;
	nest = nla_nest_start(skb, FAX_A_LINE_MODEL);
	if (!nest ||
	    nla_put_u32(skb, FAX_A_MODEL_DELAY_MS, m.delay_ms) ||
	    nla_put_u32(skb, FAX_A_MODEL_LOSS_DB, m.loss_db) ||
	    nla_put_u32(skb, FAX_A_MODEL_ECHO_LOSS_DB, m.echo_loss_db) ||
	    nla_put_u32(skb, FAX_A_MODEL_ECHO_DELAY_MS, m.echo_delay_ms) ||
	    nla_put_u32(skb, FAX_A_MODEL_NOISE_DB, m.noise_db))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int fax_nl_put_stats(struct sk_buff *skb, const struct fax_stats *s)
{
	struct nlattr *nest = nla_nest_start(skb, FAX_A_LINE_STATS);

	if (!nest ||
	    nla_put_u64_64bit(skb, FAX_A_STATS_RX_SAMPLES, s->rx_samples,
			      FAX_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, FAX_A_STATS_TX_SAMPLES, s->tx_samples,
			      FAX_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, FAX_A_STATS_RX_OVERRUNS, s->rx_overruns,
			      FAX_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, FAX_A_STATS_TX_UNDERRUNS, s->tx_underruns,
			      FAX_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, FAX_A_STATS_EVENTS, s->events,
			      FAX_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, FAX_A_STATS_EVENTS_LOST, s->events_lost,
			      FAX_A_STATS_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int fax_nl_put_event(struct sk_buff *skb, const struct fax_event *ev)
{
	struct nlattr *nest = nla_nest_start(skb, FAX_A_LINE_EVENT);

	if (!nest ||
	    nla_put_u32(skb, FAX_A_EVENT_TYPE, ev->type) ||
	    nla_put_u32(skb, FAX_A_EVENT_VALUE, ev->value) ||
	    nla_put_u64_64bit(skb, FAX_A_EVENT_TIMESTAMP, ev->timestamp_ns,
			      FAX_A_EVENT_PAD) ||
	    nla_put_u64_64bit(skb, FAX_A_EVENT_RX_POS, ev->rx_pos,
			      FAX_A_EVENT_PAD) ||
	    nla_put_u32(skb, FAX_A_EVENT_SEQ, ev->seq))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

struct fax_nl_line_snap {
	u32 state;
	bool offhook;
	struct fax_params params;
	struct fax_stats stats;
	char caller[FAX_NUMBER_MAX];
};

/*
 * A line in the line-get format; with ev, a line-event notification. The
 * line model is read from the driver for replies only (it takes a mutex
 * and the notifications do not need it).
 */
static int fax_nl_fill_line(struct sk_buff *skb, struct fax_line *line,
			    u32 portid, u32 seq, int flags, u8 cmd,
			    struct netlink_callback *cb,
			    const struct fax_event *ev)
{
	void *hdr = fax_nl_put_hdr(skb, portid, seq, flags, cmd, cb);
	struct fax_nl_line_snap s;

	if (!hdr)
		return -EMSGSIZE;
	spin_lock_bh(&line->lock);
	s.state = line->state;
	s.offhook = line->offhook;
	s.params = line->params;
	s.stats = line->stats;
	strscpy(s.caller, line->caller, sizeof(s.caller));
	spin_unlock_bh(&line->lock);

	if (nla_put_u32(skb, FAX_A_LINE_CARD_ID, line->card->id) ||
	    nla_put_u32(skb, FAX_A_LINE_INDEX, line->index) ||
	    nla_put_u32(skb, FAX_A_LINE_MINOR, line->minor) ||
	    nla_put_string(skb, FAX_A_LINE_NUMBER, line->number) ||
	    nla_put_u32(skb, FAX_A_LINE_STATE, s.state) ||
	    nla_put_u32(skb, FAX_A_LINE_OFFHOOK, s.offhook) ||
	    nla_put_u32(skb, FAX_A_LINE_FORMAT, s.params.format) ||
	    nla_put_s32(skb, FAX_A_LINE_RX_GAIN, s.params.rx_gain) ||
	    nla_put_s32(skb, FAX_A_LINE_TX_GAIN, s.params.tx_gain) ||
	    nla_put_u32(skb, FAX_A_LINE_BUFFER_MS, s.params.buffer_ms) ||
	    nla_put_u32(skb, FAX_A_LINE_DSP, s.params.dsp) ||
	    nla_put_u32(skb, FAX_A_LINE_EC_TAIL_MS, s.params.ec_tail_ms) ||
	    fax_nl_put_stats(skb, &s.stats))
		goto cancel;
	if (s.caller[0] && nla_put_string(skb, FAX_A_LINE_CALLER, s.caller))
		goto cancel;
	if (ev ? fax_nl_put_event(skb, ev) : fax_nl_put_model(skb, line))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int fax_nl_card_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct fax_card *card;
	struct sk_buff *msg;
	int ret = -ENODEV;
	u32 id;

	if (GENL_REQ_ATTR_CHECK(info, FAX_A_CARD_ID))
		return -EINVAL;
	id = nla_get_u32(info->attrs[FAX_A_CARD_ID]);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&fax_registry_lock);
	list_for_each_entry(card, &fax_cards, node) {
		if (card->id == id) {
			ret = fax_nl_fill_card(msg, card, info->snd_portid,
					       info->snd_seq, 0,
					       FAX_CMD_CARD_GET, NULL);
			break;
		}
	}
	mutex_unlock(&fax_registry_lock);
	if (ret) {
		if (ret == -ENODEV)
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[FAX_A_CARD_ID],
					    "no such card");
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

static int fax_nl_card_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	unsigned long idx = 0, start = cb->args[0];
	struct fax_card *card;

	mutex_lock(&fax_registry_lock);
	cb->seq = fax_generation;
	list_for_each_entry(card, &fax_cards, node) {
		if (idx >= start &&
		    fax_nl_fill_card(skb, card, NETLINK_CB(cb->skb).portid,
				     cb->nlh->nlmsg_seq, NLM_F_MULTI,
				     FAX_CMD_CARD_GET, cb))
			break;
		idx++;
	}
	mutex_unlock(&fax_registry_lock);
	cb->args[0] = idx;
	return skb->len;
}

/* The line a request names, with a device reference, or an error. */
static struct fax_line *fax_nl_line_lookup(struct genl_info *info)
{
	struct fax_line *line;

	if (GENL_REQ_ATTR_CHECK(info, FAX_A_LINE_CARD_ID) ||
	    GENL_REQ_ATTR_CHECK(info, FAX_A_LINE_INDEX))
		return ERR_PTR(-EINVAL);
	line = fax_line_get_by_id(nla_get_u32(info->attrs[FAX_A_LINE_CARD_ID]),
				  nla_get_u32(info->attrs[FAX_A_LINE_INDEX]));
	if (!line) {
		NL_SET_ERR_MSG(info->extack, "no such card or line");
		return ERR_PTR(-ENODEV);
	}
	return line;
}

static int fax_nl_line_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct fax_line *line = fax_nl_line_lookup(info);
	struct sk_buff *msg;
	int ret;

	if (IS_ERR(line))
		return PTR_ERR(line);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	ret = -ENOMEM;
	if (!msg)
		goto out;
	ret = fax_nl_fill_line(msg, line, info->snd_portid, info->snd_seq, 0,
			       FAX_CMD_LINE_GET, NULL, NULL);
	if (ret) {
		nlmsg_free(msg);
		goto out;
	}
	ret = genlmsg_reply(msg, info);
out:
	put_device(&line->dev);
	return ret;
}

/*
 * Cursor: args[0] cards done, args[1] lines done on the current card. The
 * request (already validated by the op's policy) may name one card; it is
 * parsed here because where the core keeps it for dumps differs between
 * kernels.
 */
static int fax_nl_line_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	struct nlattr *tb[FAX_A_LINE_INDEX + 1], *only;
	unsigned long cidx = 0, lidx = cb->args[1];
	struct fax_card *card;
	int err;

	err = genlmsg_parse(cb->nlh, &fax_nl_family, tb, FAX_A_LINE_INDEX,
			    fax_line_get_policy, cb->extack);
	if (err)
		return err;
	only = tb[FAX_A_LINE_CARD_ID];

	mutex_lock(&fax_registry_lock);
	cb->seq = fax_generation;
	list_for_each_entry(card, &fax_cards, node) {
		if (cidx < cb->args[0] ||
		    (only && nla_get_u32(only) != card->id)) {
			cidx += cidx >= cb->args[0];
			continue;
		}
		for (; lidx < card->nlines; lidx++) {
			err = fax_nl_fill_line(skb, card->lines[lidx],
					       NETLINK_CB(cb->skb).portid,
					       cb->nlh->nlmsg_seq, NLM_F_MULTI,
					       FAX_CMD_LINE_GET, cb, NULL);
			if (err)
				break;
		}
		if (err)
			break;
		lidx = 0;
		cidx++;
	}
	mutex_unlock(&fax_registry_lock);
	cb->args[0] = cidx;
	cb->args[1] = lidx;
	return skb->len;
}

static int fax_nl_line_set_params(struct fax_line *line,
				  struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct fax_params p;

	if (!a[FAX_A_LINE_FORMAT] && !a[FAX_A_LINE_RX_GAIN] &&
	    !a[FAX_A_LINE_TX_GAIN] && !a[FAX_A_LINE_BUFFER_MS] &&
	    !a[FAX_A_LINE_DSP] && !a[FAX_A_LINE_EC_TAIL_MS])
		return 0;
	spin_lock_bh(&line->lock);
	p = line->params;
	spin_unlock_bh(&line->lock);
	if (a[FAX_A_LINE_FORMAT])
		p.format = nla_get_u32(a[FAX_A_LINE_FORMAT]);
	if (a[FAX_A_LINE_RX_GAIN])
		p.rx_gain = nla_get_s32(a[FAX_A_LINE_RX_GAIN]);
	if (a[FAX_A_LINE_TX_GAIN])
		p.tx_gain = nla_get_s32(a[FAX_A_LINE_TX_GAIN]);
	if (a[FAX_A_LINE_BUFFER_MS])
		p.buffer_ms = nla_get_u32(a[FAX_A_LINE_BUFFER_MS]);
	if (a[FAX_A_LINE_DSP])
		p.dsp = nla_get_u32(a[FAX_A_LINE_DSP]);
	if (a[FAX_A_LINE_EC_TAIL_MS])
		p.ec_tail_ms = nla_get_u32(a[FAX_A_LINE_EC_TAIL_MS]);
	return fax_line_set_params(line, &p);
}

static int fax_nl_line_set_model(struct fax_line *line,
				 struct genl_info *info)
{
	struct nlattr *attr = info->attrs[FAX_A_LINE_MODEL];
	struct nlattr *tb[FAX_A_MODEL_MAX + 1];
	struct fax_line_model m;
	int ret;

	if (!attr)
		return 0;
	ret = nla_parse_nested(tb, FAX_A_MODEL_MAX, attr, fax_model_policy,
			       info->extack);
	if (ret)
		return ret;
	if (!fax_line_get_model(line, &m)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "line has no line model");
		return -EOPNOTSUPP;
	}
	if (tb[FAX_A_MODEL_DELAY_MS])
		m.delay_ms = nla_get_u32(tb[FAX_A_MODEL_DELAY_MS]);
	if (tb[FAX_A_MODEL_LOSS_DB])
		m.loss_db = nla_get_u32(tb[FAX_A_MODEL_LOSS_DB]);
	if (tb[FAX_A_MODEL_ECHO_LOSS_DB])
		m.echo_loss_db = nla_get_u32(tb[FAX_A_MODEL_ECHO_LOSS_DB]);
	if (tb[FAX_A_MODEL_ECHO_DELAY_MS])
		m.echo_delay_ms = nla_get_u32(tb[FAX_A_MODEL_ECHO_DELAY_MS]);
	if (tb[FAX_A_MODEL_NOISE_DB])
		m.noise_db = nla_get_u32(tb[FAX_A_MODEL_NOISE_DB]);
	return fax_line_set_model(line, &m);
}

static int fax_nl_line_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct fax_line *line = fax_nl_line_lookup(info);
	int ret;

	if (IS_ERR(line))
		return PTR_ERR(line);
	ret = fax_nl_line_set_params(line, info);
	if (!ret)
		ret = fax_nl_line_set_model(line, info);
	put_device(&line->dev);
	return ret;
}

static const struct genl_ops fax_nl_ops[] = {
	{
		.cmd = FAX_CMD_CARD_GET,
		.doit = fax_nl_card_get_doit,
		.dumpit = fax_nl_card_get_dumpit,
		.policy = fax_card_get_policy,
		.maxattr = ARRAY_SIZE(fax_card_get_policy) - 1,
	},
	{
		.cmd = FAX_CMD_LINE_GET,
		.doit = fax_nl_line_get_doit,
		.dumpit = fax_nl_line_get_dumpit,
		.policy = fax_line_get_policy,
		.maxattr = ARRAY_SIZE(fax_line_get_policy) - 1,
	},
	{
		.cmd = FAX_CMD_LINE_SET,
		.doit = fax_nl_line_set_doit,
		.policy = fax_line_set_policy,
		.maxattr = ARRAY_SIZE(fax_line_set_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group fax_nl_mcgrps[] = {
	[FAX_NL_GRP_EVENTS] = {
		.name = FAX_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

static struct genl_family fax_nl_family __ro_after_init = {
	.name = FAX_GENL_NAME,
	.version = FAX_GENL_VERSION,
	.module = THIS_MODULE,
	.ops = fax_nl_ops,
	.n_ops = ARRAY_SIZE(fax_nl_ops),
	.mcgrps = fax_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(fax_nl_mcgrps),
};

static bool fax_nl_listening(void)
{
	return genl_has_listeners(&fax_nl_family, &init_net, FAX_NL_GRP_EVENTS);
}

void fax_nl_card_notify(struct fax_card *card, u8 cmd)
{
	struct sk_buff *msg;

	if (!fax_nl_listening())
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	if (fax_nl_fill_card(msg, card, 0, 0, 0, cmd, NULL)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast(&fax_nl_family, msg, 0, FAX_NL_GRP_EVENTS, GFP_KERNEL);
}

/* The line's work item: send the events the tick queued, oldest first. */
void fax_nl_line_events(struct work_struct *work)
{
	struct fax_line *line = container_of(work, struct fax_line, ntf_work);
	struct fax_event ev;
	struct sk_buff *msg;

	for (;;) {
		spin_lock_bh(&line->lock);
		if (line->ev_ntf == line->ev_head) {
			spin_unlock_bh(&line->lock);
			return;
		}
		ev = line->events[line->ev_ntf++ % FAX_EVENTS];
		spin_unlock_bh(&line->lock);

		if (!fax_nl_listening())
			continue;
		msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
		if (!msg)
			continue;
		if (fax_nl_fill_line(msg, line, 0, 0, 0, FAX_CMD_LINE_EVENT,
				     NULL, &ev)) {
			nlmsg_free(msg);
			continue;
		}
		genlmsg_multicast(&fax_nl_family, msg, 0, FAX_NL_GRP_EVENTS,
				  GFP_KERNEL);
	}
}

int __init fax_nl_init(void)
{
	return genl_register_family(&fax_nl_family);
}

void fax_nl_exit(void)
{
	genl_unregister_family(&fax_nl_family);
}
