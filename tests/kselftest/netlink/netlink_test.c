// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The "fax" generic netlink family: card and line get and dump, the
 * generation counter, line-set and its policy rejections. (Tests of the
 * events group and of unprivileged callers are still to come.)
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/fax_netlink.h>

#include "kselftest_harness.h"
#include "../lib/faxsim.h"

struct reply {
	int msgs;
	uint32_t card_id, lines, generation, delay_ms, loss_db, buffer_ms;
	char driver[16], number[32];
	int flags;			/* NLM_F_* seen */
	uint32_t event_type;
	uint8_t cmd;
};

static int parse(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nlattr *tb[FAX_A_LINE_MAX + 1], *sub[FAX_A_MODEL_MAX + 1];
	struct reply *r = arg;
	int max = FAX_A_LINE_MAX;

	r->msgs++;
	r->flags |= nlh->nlmsg_flags;
	r->cmd = g->cmd;
	if (g->cmd == FAX_CMD_CARD_GET || g->cmd == FAX_CMD_CARD_NEW ||
	    g->cmd == FAX_CMD_CARD_DEL) {
		if (genlmsg_parse(nlh, 0, tb, FAX_A_CARD_MAX, NULL))
			return NL_SKIP;
		if (tb[FAX_A_CARD_ID])
			r->card_id = nla_get_u32(tb[FAX_A_CARD_ID]);
		if (tb[FAX_A_CARD_LINES])
			r->lines = nla_get_u32(tb[FAX_A_CARD_LINES]);
		if (tb[FAX_A_CARD_GENERATION])
			r->generation = nla_get_u32(tb[FAX_A_CARD_GENERATION]);
		if (tb[FAX_A_CARD_DRIVER])
			nla_strlcpy(r->driver, tb[FAX_A_CARD_DRIVER], sizeof(r->driver));
		return NL_OK;
	}
	if (genlmsg_parse(nlh, 0, tb, max, NULL))
		return NL_SKIP;
	if (tb[FAX_A_LINE_CARD_ID])
		r->card_id = nla_get_u32(tb[FAX_A_LINE_CARD_ID]);
	if (tb[FAX_A_LINE_BUFFER_MS])
		r->buffer_ms = nla_get_u32(tb[FAX_A_LINE_BUFFER_MS]);
	if (tb[FAX_A_LINE_NUMBER])
		nla_strlcpy(r->number, tb[FAX_A_LINE_NUMBER], sizeof(r->number));
	if (tb[FAX_A_LINE_MODEL] &&
	    !nla_parse_nested(sub, FAX_A_MODEL_MAX, tb[FAX_A_LINE_MODEL], NULL)) {
		if (sub[FAX_A_MODEL_DELAY_MS])
			r->delay_ms = nla_get_u32(sub[FAX_A_MODEL_DELAY_MS]);
		if (sub[FAX_A_MODEL_LOSS_DB])
			r->loss_db = nla_get_u32(sub[FAX_A_MODEL_LOSS_DB]);
	}
	if (tb[FAX_A_LINE_EVENT] &&
	    !nla_parse_nested(sub, FAX_A_EVENT_MAX, tb[FAX_A_LINE_EVENT], NULL) &&
	    sub[FAX_A_EVENT_TYPE])
		r->event_type = nla_get_u32(sub[FAX_A_EVENT_TYPE]);
	return NL_OK;
}

static struct nl_sock *sock_open(int *family)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk || genl_connect(sk))
		return NULL;
	nl_socket_set_buffer_size(sk, 65536, 65536);
	*family = genl_ctrl_resolve(sk, FAX_GENL_NAME);
	return *family < 0 ? NULL : sk;
}

/* Send a request built by the caller; the reply is parsed into r. */
static int request(struct nl_sock *sk, struct nl_msg *msg, struct reply *r)
{
	int err;

	memset(r, 0, sizeof(*r));
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, parse, r);
	err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (err < 0)
		return err;
	return nl_recvmsgs_default(sk);
}

static struct nl_msg *new_msg(int family, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd, 1);
	return msg;
}

FIXTURE(nl) {
	unsigned int id;
	int fd, family;
	uint32_t card;
	struct nl_sock *sk;
};

FIXTURE_SETUP(nl)
{
	self->id = faxsim_pick_id();
	ASSERT_EQ(0, faxsim_new(self->id, 2));
	self->fd = faxsim_open_line(self->id, 0, O_RDWR);
	ASSERT_LE(0, self->fd);
	self->card = faxsim_card_id(self->fd);
	self->sk = sock_open(&self->family);
	ASSERT_NE(NULL, self->sk);
}

FIXTURE_TEARDOWN(nl)
{
	nl_socket_free(self->sk);
	close(self->fd);
	EXPECT_EQ(0, faxsim_del(self->id));
}

TEST_F(nl, card_get_returns_the_card)
{
	struct nl_msg *msg = new_msg(self->family, FAX_CMD_CARD_GET, 0);
	struct reply r;

	nla_put_u32(msg, FAX_A_CARD_ID, self->card);
	ASSERT_EQ(0, request(self->sk, msg, &r));
	EXPECT_EQ(1, r.msgs);
	EXPECT_EQ(self->card, r.card_id);
	EXPECT_EQ(2, r.lines);
	EXPECT_STREQ("fax_sim", r.driver);
}

TEST_F(nl, card_get_of_a_missing_card_is_enodev)
{
	struct nl_msg *msg = new_msg(self->family, FAX_CMD_CARD_GET, 0);
	struct reply r;

	nla_put_u32(msg, FAX_A_CARD_ID, 0x7fffffff);
	EXPECT_EQ(-NLE_NODEV, request(self->sk, msg, &r));
}

TEST_F(nl, card_get_without_an_id_is_einval)
{
	struct reply r;

	EXPECT_EQ(-NLE_INVAL, request(self->sk, new_msg(self->family,
			FAX_CMD_CARD_GET, 0), &r));
}

TEST_F(nl, dumps_list_cards_and_lines_with_the_generation)
{
	struct nl_msg *msg;
	struct reply r;
	uint32_t gen;

	ASSERT_EQ(0, request(self->sk, new_msg(self->family, FAX_CMD_CARD_GET,
					       NLM_F_DUMP), &r));
	EXPECT_LE(1, r.msgs);
	EXPECT_TRUE(r.flags & NLM_F_MULTI);
	gen = r.generation;

	msg = new_msg(self->family, FAX_CMD_LINE_GET, NLM_F_DUMP);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
	ASSERT_EQ(0, request(self->sk, msg, &r));
	EXPECT_EQ(2, r.msgs);
	EXPECT_EQ(self->card, r.card_id);

	/* A new card moves the generation on. */
	ASSERT_EQ(0, faxsim_new(self->id + 1, 1));
	ASSERT_EQ(0, request(self->sk, new_msg(self->family, FAX_CMD_CARD_GET,
					       NLM_F_DUMP), &r));
	EXPECT_NE(gen, r.generation);
	EXPECT_EQ(0, faxsim_del(self->id + 1));
}

TEST_F(nl, line_set_changes_params_and_model)
{
	struct nl_msg *msg = new_msg(self->family, FAX_CMD_LINE_SET, 0);
	struct nlattr *nest;
	struct fax_params p;
	struct reply r;

	nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	nla_put_u32(msg, FAX_A_LINE_BUFFER_MS, 321);
	nest = nla_nest_start(msg, FAX_A_LINE_MODEL);
	nla_put_u32(msg, FAX_A_MODEL_DELAY_MS, 40);
	nla_put_u32(msg, FAX_A_MODEL_LOSS_DB, 6);
	nla_nest_end(msg, nest);
	ASSERT_EQ(0, request(self->sk, msg, &r));

	ASSERT_EQ(0, fax_get_params(self->fd, &p));
	EXPECT_EQ(321, p.buffer_ms);
	msg = new_msg(self->family, FAX_CMD_LINE_GET, 0);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	ASSERT_EQ(0, request(self->sk, msg, &r));
	EXPECT_EQ(321, r.buffer_ms);
	EXPECT_EQ(40, r.delay_ms);
	EXPECT_EQ(6, r.loss_db);
}

TEST_F(nl, policies_reject_bad_attributes)
{
	struct nl_msg *msg;
	struct nlattr *nest;
	struct reply r;

	/* Out of range. */
	msg = new_msg(self->family, FAX_CMD_LINE_SET, 0);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	nla_put_u32(msg, FAX_A_LINE_BUFFER_MS, 5);
	EXPECT_EQ(-NLE_RANGE, request(self->sk, msg, &r));
	/* Too long a delay in the nested model. */
	msg = new_msg(self->family, FAX_CMD_LINE_SET, 0);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	nest = nla_nest_start(msg, FAX_A_LINE_MODEL);
	nla_put_u32(msg, FAX_A_MODEL_DELAY_MS, 501);
	nla_nest_end(msg, nest);
	EXPECT_EQ(-NLE_RANGE, request(self->sk, msg, &r));
	/* Unknown DSP bits. */
	msg = new_msg(self->family, FAX_CMD_LINE_SET, 0);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	nla_put_u32(msg, FAX_A_LINE_DSP, 0x100);
	EXPECT_GT(0, request(self->sk, msg, &r));
	/* An attribute line-get does not take (strict per-op policy). */
	msg = new_msg(self->family, FAX_CMD_LINE_GET, 0);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	nla_put_u32(msg, FAX_A_LINE_STATE, 1);
	EXPECT_GT(0, request(self->sk, msg, &r));
	/* A wrong type: a u8 where a u32 belongs. */
	msg = new_msg(self->family, FAX_CMD_CARD_GET, 0);
	nla_put_u8(msg, FAX_A_CARD_ID, 1);
	EXPECT_EQ(-NLE_INVAL, request(self->sk, msg, &r));
	/* A line index past the card's lines. */
	msg = new_msg(self->family, FAX_CMD_LINE_GET, 0);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 5);
	EXPECT_EQ(-NLE_NODEV, request(self->sk, msg, &r));
}

TEST_HARNESS_MAIN
