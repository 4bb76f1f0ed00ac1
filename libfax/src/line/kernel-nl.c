// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The "fax" generic netlink family from userspace: one socket per
 * fax_kernel_t, the family resolved once, requests answered before the
 * call returns. Dumps that the kernel flags NLM_F_DUMP_INTR (a card came
 * or went while it ran) are thrown away and run again. Errors carry the
 * kernel's errno and, when it gives one, its extended-ack message.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/fax.h>
#include <linux/fax_netlink.h>

#include "kernel-internal.h"

#define NL_BUFFER	65536	/* socket buffers: dumps of many lines */
#define NL_MSG_BUFFER	32768	/* one receive: many messages of a dump */
#define DUMP_TRIES	8

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct fax_kernel {
	struct nl_sock *sk;
	int family;
};

/* What one request collects: replies parsed into an array, errors. */
struct reply {
	struct fax_kernel_notification *items;
	size_t n, cap;
	bool acked;			/* the kernel's ACK came */
	int kernel_errno;		/* from NLMSG_ERROR, positive */
	char kernel_msg[128];		/* extended ack text */
	int parse_error;
};

int fax_kernel_nlerr(int nlerr)
{
	switch (abs(nlerr)) {
	case 0: return 0;
	case NLE_NOMEM: return -ENOMEM;
	case NLE_INVAL: return -EINVAL;
	case NLE_RANGE: return -ERANGE;
	case NLE_PERM: return -EPERM;
	case NLE_NOACCESS: return -EACCES;
	case NLE_NODEV: return -ENODEV;
	case NLE_OBJ_NOTFOUND: return -ENOENT;
	case NLE_AGAIN: return -EAGAIN;
	case NLE_BUSY: return -EBUSY;
	case NLE_OPNOTSUPP: return -EOPNOTSUPP;
	case NLE_DUMP_INTR: return -EINTR;
	case NLE_MSG_TOOSHORT:
	case NLE_MSG_TRUNC: return -EMSGSIZE;
	case NLE_PROTO_MISMATCH: return -EPROTONOSUPPORT;
	default: return -EIO;
	}
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;
	struct fax_kernel_notification n;

	if (fax_kernel_parse(nlmsg_hdr(msg), &n) < 0) {
		r->parse_error = -EBADMSG;
		return NL_SKIP;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		void *p = realloc(r->items, cap * sizeof(*r->items));

		if (!p) {
			r->parse_error = -ENOMEM;
			return NL_STOP;
		}
		r->items = p;
		r->cap = cap;
	}
	r->items[r->n++] = n;
	return NL_OK;
}

/* The kernel's extended ack message, when the error carries one. */
static void ext_ack_message(struct nlmsgerr *e, char *buf, size_t len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	size_t off = sizeof(*e);
	struct nlattr *msg;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (NLMSG_HDRLEN + off >= nlh->nlmsg_len)
		return;
	msg = nla_find((struct nlattr *)((char *)e + off),
		       (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off), NLMSGERR_ATTR_MSG);
	if (msg)
		nla_strlcpy(buf, msg, len);
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct reply *r = arg;

	(void)who;
	r->kernel_errno = -e->error;
	ext_ack_message(e, r->kernel_msg, sizeof(r->kernel_msg));
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;

	(void)msg;
	r->acked = true;
	return NL_STOP;
}

static void reply_reset(struct reply *r)
{
	free(r->items);
	memset(r, 0, sizeof(*r));
}

int fax_kernel_open(fax_kernel_t **ret, fax_error_t *err)
{
	fax_kernel_t *k;
	int one = 1, r;

	if (!ret)
		return fax_error_set(err, -EINVAL, "fax_kernel_open needs a result pointer");
	k = calloc(1, sizeof(*k));
	if (!k)
		return fax_error_set(err, -ENOMEM, "out of memory");
	k->sk = nl_socket_alloc();
	if (!k->sk) {
		r = fax_error_set(err, -ENOMEM, "out of memory");
		goto fail;
	}
	r = genl_connect(k->sk);
	if (r < 0) {
		r = fax_error_set(err, fax_kernel_nlerr(r), "cannot open a generic netlink socket: %s",
				  nl_geterror(r));
		goto fail;
	}
	nl_socket_set_buffer_size(k->sk, NL_BUFFER, NL_BUFFER);
	nl_socket_set_msg_buf_size(k->sk, NL_MSG_BUFFER);
	nl_socket_enable_msg_peek(k->sk);
	/* Requests ask for their ACK themselves; dumps end with NLMSG_DONE. */
	nl_socket_disable_auto_ack(k->sk);
	/* Best effort: kernels without them still answer, only less clearly. */
	setsockopt(nl_socket_get_fd(k->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(k->sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	k->family = genl_ctrl_resolve(k->sk, FAX_GENL_NAME);
	if (k->family < 0) {
		r = fax_error_set(err, -ENOENT,
				  "the \"%s\" netlink family is not there (is faxcore loaded?)",
				  FAX_GENL_NAME);
		goto fail;
	}
	*ret = k;
	return 0;
fail:
	fax_kernel_close(k);
	return r;
}

void fax_kernel_close(fax_kernel_t *k)
{
	if (!k)
		return;
	nl_socket_free(k->sk);
	free(k);
}

static struct nl_msg *new_request(fax_kernel_t *k, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!(flags & NLM_F_DUMP))
		flags |= NLM_F_ACK;
	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, k->family, 0, flags, cmd,
				FAX_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/*
 * Send @msg (consumed) and collect the answer into @r: 0 or -errno. A
 * dump ends with NLMSG_DONE, which libnl waits for; a request ends with
 * its ACK (or error), which may come in a datagram after the reply.
 */
static int transact(fax_kernel_t *k, struct nl_msg *msg, struct reply *r,
		    const char *what, fax_error_t *err)
{
	bool is_dump = nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP;
	int e;

	nl_socket_modify_cb(k->sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, r);
	nl_socket_modify_cb(k->sk, NL_CB_ACK, NL_CB_CUSTOM, on_ack, r);
	nl_socket_modify_err_cb(k->sk, NL_CB_CUSTOM, on_error, r);
	e = nl_send_auto(k->sk, msg);
	nlmsg_free(msg);
	if (e >= 0)
		e = nl_recvmsgs_default(k->sk);
	while (!is_dump && e >= 0 && !r->acked && !r->kernel_errno && !r->parse_error)
		e = nl_recvmsgs_default(k->sk);
	if (e == -NLE_DUMP_INTR)
		return -EINTR;
	if (r->kernel_errno)
		return fax_error_set(err, -r->kernel_errno, "%s: %s%s%s", what,
				     strerror(r->kernel_errno), r->kernel_msg[0] ? ": " : "",
				     r->kernel_msg);
	if (e < 0)
		return fax_error_set(err, fax_kernel_nlerr(e), "%s: %s", what, nl_geterror(e));
	if (r->parse_error)
		return fax_error_set(err, r->parse_error, "%s: the kernel's answer is malformed",
				     what);
	return 0;
}

/* A dump, run again while the kernel says it was interrupted. */
static int dump(fax_kernel_t *k, uint8_t cmd, uint32_t card, struct reply *r,
		const char *what, fax_error_t *err)
{
	for (int i = 0; i < DUMP_TRIES; i++) {
		struct nl_msg *msg = new_request(k, cmd, NLM_F_DUMP);
		int e;

		reply_reset(r);
		if (!msg)
			return fax_error_set(err, -ENOMEM, "out of memory");
		if (card != FAX_KERNEL_ANY_CARD && nla_put_u32(msg, FAX_A_LINE_CARD_ID, card) < 0) {
			nlmsg_free(msg);
			return fax_error_set(err, -ENOMEM, "out of memory");
		}
		e = transact(k, msg, r, what, err);
		if (e != -EINTR)
			return e;
	}
	return fax_error_set(err, -EAGAIN, "%s: cards kept changing during %d tries", what,
			     DUMP_TRIES);
}

/* Copy the card or the line of a notification into slot @i of @dst. */
typedef void (*pick_fn)(const struct fax_kernel_notification *n, void *dst, size_t i);

static void pick_card(const struct fax_kernel_notification *n, void *dst, size_t i)
{
	((struct fax_kernel_card *)dst)[i] = n->card;
}

static void pick_line(const struct fax_kernel_notification *n, void *dst, size_t i)
{
	((struct fax_kernel_line_info *)dst)[i] = n->line;
}

/* A dump into a malloc()ed array of @size-byte items. */
static int dump_array(fax_kernel_t *k, uint8_t cmd, uint32_t card, const char *what,
		      size_t size, pick_fn pick, void **ret, size_t *n, fax_error_t *err)
{
	struct reply r = { 0 };
	int e;

	if (!k || !ret || !n)
		return fax_error_set(err, -EINVAL, "%s: missing argument", what);
	e = dump(k, cmd, card, &r, what, err);
	*ret = NULL;
	*n = 0;
	if (e == 0 && r.n) {
		*ret = calloc(r.n, size);
		if (!*ret)
			e = fax_error_set(err, -ENOMEM, "out of memory");
		for (size_t i = 0; *ret && i < r.n; i++)
			pick(&r.items[i], *ret, i);
	}
	if (e == 0)
		*n = r.n;
	reply_reset(&r);
	return e;
}

int fax_kernel_cards(fax_kernel_t *k, struct fax_kernel_card **ret, size_t *n,
		     fax_error_t *err)
{
	return dump_array(k, FAX_CMD_CARD_GET, FAX_KERNEL_ANY_CARD, "listing cards",
			  sizeof(**ret), pick_card, (void **)ret, n, err);
}

int fax_kernel_lines(fax_kernel_t *k, uint32_t card, struct fax_kernel_line_info **ret,
		     size_t *n, fax_error_t *err)
{
	return dump_array(k, FAX_CMD_LINE_GET, card, "listing lines", sizeof(**ret), pick_line,
			  (void **)ret, n, err);
}

int fax_kernel_line_get(fax_kernel_t *k, uint32_t card, uint32_t index,
			struct fax_kernel_line_info *ret, fax_error_t *err)
{
	struct reply r = { 0 };
	struct nl_msg *msg;
	int e;

	if (!k || !ret)
		return fax_error_set(err, -EINVAL, "fax_kernel_line_get: missing argument");
	msg = new_request(k, FAX_CMD_LINE_GET, 0);
	if (!msg || nla_put_u32(msg, FAX_A_LINE_CARD_ID, card) < 0 ||
	    nla_put_u32(msg, FAX_A_LINE_INDEX, index) < 0) {
		nlmsg_free(msg);
		return fax_error_set(err, -ENOMEM, "out of memory");
	}
	e = transact(k, msg, &r, "reading the line", err);
	if (e == 0 && r.n != 1)
		e = fax_error_set(err, -EBADMSG, "reading line %u:%u: %zu answers", card, index,
				  r.n);
	if (e == 0)
		*ret = r.items[0].line;
	reply_reset(&r);
	return e;
}

static int put_model(struct nl_msg *msg, const struct fax_kernel_model *m)
{
	struct nlattr *nest = nla_nest_start(msg, FAX_A_LINE_MODEL);

	if (!nest || nla_put_u32(msg, FAX_A_MODEL_DELAY_MS, m->delay_ms) < 0 ||
	    nla_put_u32(msg, FAX_A_MODEL_LOSS_DB, m->loss_db) < 0 ||
	    nla_put_u32(msg, FAX_A_MODEL_ECHO_LOSS_DB, m->echo_loss_db) < 0 ||
	    nla_put_u32(msg, FAX_A_MODEL_ECHO_DELAY_MS, m->echo_delay_ms) < 0 ||
	    nla_put_u32(msg, FAX_A_MODEL_NOISE_DB, m->noise_db) < 0)
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return 0;
}

/* Size of struct fax_kernel_line_set up to and including @field. */
#define SET_SIZE_TO(field) (offsetof(struct fax_kernel_line_set, field) + \
			    sizeof(((struct fax_kernel_line_set *)0)->field))

static int put_set(struct nl_msg *msg, const struct fax_kernel_line_set *s)
{
	if ((s->set & FAX_KERNEL_SET_FORMAT) && nla_put_u32(msg, FAX_A_LINE_FORMAT, s->format) < 0)
		return -ENOMEM;
	if ((s->set & FAX_KERNEL_SET_RX_GAIN) &&
	    nla_put_u32(msg, FAX_A_LINE_RX_GAIN, (uint32_t)s->rx_gain) < 0)
		return -ENOMEM;
	if ((s->set & FAX_KERNEL_SET_TX_GAIN) &&
	    nla_put_u32(msg, FAX_A_LINE_TX_GAIN, (uint32_t)s->tx_gain) < 0)
		return -ENOMEM;
	if ((s->set & FAX_KERNEL_SET_BUFFER_MS) &&
	    nla_put_u32(msg, FAX_A_LINE_BUFFER_MS, s->buffer_ms) < 0)
		return -ENOMEM;
	if ((s->set & FAX_KERNEL_SET_DSP) && nla_put_u32(msg, FAX_A_LINE_DSP, s->dsp) < 0)
		return -ENOMEM;
	if ((s->set & FAX_KERNEL_SET_MODEL) && put_model(msg, &s->model) < 0)
		return -ENOMEM;
	if ((s->set & FAX_KERNEL_SET_EC_TAIL) &&
	    nla_put_u32(msg, FAX_A_LINE_EC_TAIL_MS, s->ec_tail_ms) < 0)
		return -ENOMEM;
	return 0;
}

int fax_kernel_line_set(fax_kernel_t *k, uint32_t card, uint32_t index,
			const struct fax_kernel_line_set *set, fax_error_t *err)
{
	struct reply r = { 0 };
	struct nl_msg *msg;
	int e;

	if (!k || !set)
		return fax_error_set(err, -EINVAL, "fax_kernel_line_set: missing argument");
	if (set->size < SET_SIZE_TO(model) ||
	    ((set->set & FAX_KERNEL_SET_EC_TAIL) && set->size < SET_SIZE_TO(ec_tail_ms)))
		return fax_error_set(err, -EINVAL, "line settings size %u is too small", set->size);
	if (set->set & ~(uint32_t)(FAX_KERNEL_SET_EC_TAIL * 2 - 1))
		return fax_error_set(err, -EINVAL, "unknown line settings 0x%x", set->set);
	msg = new_request(k, FAX_CMD_LINE_SET, 0);
	if (!msg || nla_put_u32(msg, FAX_A_LINE_CARD_ID, card) < 0 ||
	    nla_put_u32(msg, FAX_A_LINE_INDEX, index) < 0 || put_set(msg, set) < 0) {
		nlmsg_free(msg);
		return fax_error_set(err, -ENOMEM, "out of memory");
	}
	e = transact(k, msg, &r, "changing the line", err);
	reply_reset(&r);
	return e;
}
