// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The "fax" generic netlink family: card and line get and dump, the
 * generation counter and interrupted dumps, line-set and its policy
 * rejections, the "events" group (card-new, card-del and line events in
 * the get-reply format), and what an unprivileged process may not do.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
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
	char driver[16], number[32], caller[32];
	int flags;			/* NLM_F_* seen */
	uint32_t event_type, event_value, index, state;
	uint8_t cmd;
	bool has_stats;
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
	if (tb[FAX_A_LINE_INDEX])
		r->index = nla_get_u32(tb[FAX_A_LINE_INDEX]);
	if (tb[FAX_A_LINE_STATE])
		r->state = nla_get_u32(tb[FAX_A_LINE_STATE]);
	r->has_stats = tb[FAX_A_LINE_STATS] != NULL;
	if (tb[FAX_A_LINE_BUFFER_MS])
		r->buffer_ms = nla_get_u32(tb[FAX_A_LINE_BUFFER_MS]);
	if (tb[FAX_A_LINE_NUMBER])
		nla_strlcpy(r->number, tb[FAX_A_LINE_NUMBER], sizeof(r->number));
	if (tb[FAX_A_LINE_CALLER])
		nla_strlcpy(r->caller, tb[FAX_A_LINE_CALLER], sizeof(r->caller));
	if (tb[FAX_A_LINE_MODEL] &&
	    !nla_parse_nested(sub, FAX_A_MODEL_MAX, tb[FAX_A_LINE_MODEL], NULL)) {
		if (sub[FAX_A_MODEL_DELAY_MS])
			r->delay_ms = nla_get_u32(sub[FAX_A_MODEL_DELAY_MS]);
		if (sub[FAX_A_MODEL_LOSS_DB])
			r->loss_db = nla_get_u32(sub[FAX_A_MODEL_LOSS_DB]);
	}
	if (tb[FAX_A_LINE_EVENT] &&
	    !nla_parse_nested(sub, FAX_A_EVENT_MAX, tb[FAX_A_LINE_EVENT], NULL) &&
	    sub[FAX_A_EVENT_TYPE] && sub[FAX_A_EVENT_VALUE]) {
		r->event_type = nla_get_u32(sub[FAX_A_EVENT_TYPE]);
		r->event_value = nla_get_u32(sub[FAX_A_EVENT_VALUE]);
	}
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

/* A notification the test waits for; card 0xffffffff matches any card. */
struct want {
	uint8_t cmd;
	uint32_t card, event_type;
	bool found;
	struct reply r;
};

static int match(struct nl_msg *msg, void *arg)
{
	struct want *w = arg;
	struct reply r = { 0 };

	parse(msg, &r);
	if (w->found || r.cmd != w->cmd ||
	    (w->card != 0xffffffff && r.card_id != w->card))
		return NL_OK;
	if (w->cmd == FAX_CMD_LINE_EVENT && r.event_type != w->event_type)
		return NL_OK;
	w->r = r;
	w->found = true;
	return NL_OK;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Wait for a notification on a subscribed socket; 0 or -ETIMEDOUT. */
static int wait_ntf(struct nl_sock *sk, struct want *w, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	struct pollfd p = { .fd = nl_socket_get_fd(sk), .events = POLLIN };

	w->found = false;
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, match, w);
	while (!w->found) {
		if (now_ms() >= end)
			return -ETIMEDOUT;
		if (poll(&p, 1, (int)(end - now_ms())) > 0)
			nl_recvmsgs_default(sk);
	}
	return 0;
}

static struct nl_sock *sock_subscribe(void)
{
	int family, grp;
	struct nl_sock *sk = sock_open(&family);

	if (!sk)
		return NULL;
	grp = genl_ctrl_resolve_grp(sk, FAX_GENL_NAME, FAX_MCGRP_EVENTS);
	if (grp < 0 || nl_socket_add_membership(sk, grp)) {
		nl_socket_free(sk);
		return NULL;
	}
	nl_socket_disable_seq_check(sk);
	nl_socket_set_nonblocking(sk);
	return sk;
}

TEST_F(nl, events_report_cards_added_and_removed)
{
	struct nl_sock *ev = sock_subscribe();
	struct want w = { .cmd = FAX_CMD_CARD_NEW, .card = 0xffffffff };
	struct reply r;
	struct nl_msg *msg;
	uint32_t card;
	int fd;

	ASSERT_NE(NULL, ev);
	ASSERT_EQ(0, faxsim_new(self->id + 1, 3));
	fd = faxsim_open_line(self->id + 1, 0, O_RDONLY);
	ASSERT_LE(0, fd);
	card = faxsim_card_id(fd);
	close(fd);

	/* card-new in the card-get format. */
	do {
		ASSERT_EQ(0, wait_ntf(ev, &w, 10000));
	} while (w.r.card_id != card);
	EXPECT_EQ(3, w.r.lines);
	EXPECT_STREQ("fax_sim", w.r.driver);
	msg = new_msg(self->family, FAX_CMD_CARD_GET, 0);
	nla_put_u32(msg, FAX_A_CARD_ID, card);
	ASSERT_EQ(0, request(self->sk, msg, &r));
	EXPECT_EQ(r.generation, w.r.generation);

	ASSERT_EQ(0, faxsim_del(self->id + 1));
	w.cmd = FAX_CMD_CARD_DEL;
	w.card = card;
	ASSERT_EQ(0, wait_ntf(ev, &w, 10000));
	EXPECT_EQ(3, w.r.lines);
	EXPECT_LT(r.generation, w.r.generation);
	nl_socket_free(ev);
}

/*
 * Line events of one card seen so far, per line and type; each checked to
 * be in the line-get format (number, state and statistics present).
 */
struct seen {
	uint32_t card;
	bool ev[2][FAX_EV_MAX + 1];
	uint32_t value[2][FAX_EV_MAX + 1];
	char caller[2][FAX_EV_MAX + 1][32];
	int bad_format;
};

static int record(struct nl_msg *msg, void *arg)
{
	struct seen *s = arg;
	struct reply r = { 0 };

	parse(msg, &r);
	if (r.cmd != FAX_CMD_LINE_EVENT || r.card_id != s->card ||
	    r.index > 1 || r.event_type > FAX_EV_MAX)
		return NL_OK;
	if (!r.has_stats || !r.number[0])
		s->bad_format++;
	/* The first of each kind counts (tones start and stop). */
	if (!s->ev[r.index][r.event_type]) {
		s->value[r.index][r.event_type] = r.event_value;
		memcpy(s->caller[r.index][r.event_type], r.caller, sizeof(r.caller));
	}
	s->ev[r.index][r.event_type] = true;
	return NL_OK;
}

/* Wait until line index has had an event of the type; 0 or -ETIMEDOUT. */
static int wait_seen(struct nl_sock *sk, struct seen *s, unsigned int index,
		     uint32_t type, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	struct pollfd p = { .fd = nl_socket_get_fd(sk), .events = POLLIN };

	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, record, s);
	while (!s->ev[index][type]) {
		if (now_ms() >= end)
			return -ETIMEDOUT;
		if (poll(&p, 1, (int)(end - now_ms())) > 0)
			nl_recvmsgs_default(sk);
	}
	return 0;
}

static void expect_line_event(struct __test_metadata *_metadata,
			      struct nl_sock *ev, struct seen *s,
			      unsigned int index, uint32_t type)
{
	EXPECT_EQ(0, wait_seen(ev, s, index, type, 20000)) {
		TH_LOG("no line event %u on line %u", type, index);
	}
	EXPECT_EQ(0, s->bad_format);
}

TEST_F(nl, events_report_a_call_ring_answer_and_hang_up)
{
	struct nl_sock *ev = sock_subscribe();
	int b = faxsim_open_line(self->id, 1, O_RDWR);

	struct seen s = { .card = self->card };
	struct fax_info a;

	ASSERT_NE(NULL, ev);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, fax_get_info(self->fd, &a));
	ASSERT_EQ(0, fax_call(self->fd, b));
	expect_line_event(_metadata, ev, &s, 0, FAX_EV_HOOK);
	EXPECT_EQ(1, s.value[0][FAX_EV_HOOK]);
	expect_line_event(_metadata, ev, &s, 0, FAX_EV_DIALTONE);
	expect_line_event(_metadata, ev, &s, 0, FAX_EV_DIALED);
	expect_line_event(_metadata, ev, &s, 1, FAX_EV_RING_START);
	expect_line_event(_metadata, ev, &s, 1, FAX_EV_ANSWERED);
	expect_line_event(_metadata, ev, &s, 0, FAX_EV_ANSWERED);
	/* The called line's events name the caller; the caller's do not. */
	EXPECT_STREQ(a.number, s.caller[1][FAX_EV_RING_START]);
	EXPECT_STREQ(a.number, s.caller[1][FAX_EV_ANSWERED]);
	EXPECT_STREQ("", s.caller[0][FAX_EV_ANSWERED]);
	ASSERT_EQ(0, ioctl(b, FAX_IOC_HANGUP, 0));
	expect_line_event(_metadata, ev, &s, 0, FAX_EV_REMOTE_HANGUP);
	close(b);
	nl_socket_free(ev);
}

/* Drop every privilege, as an ordinary user would run. */
static int become_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return -1;
	return 0;
}

TEST_F(nl, an_unprivileged_process_cannot_listen_or_set)
{
	int status, family;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct nl_sock *sk;
		struct nl_msg *msg;
		struct reply r;
		int grp, code = 0;

		if (become_nobody())
			_exit(100);
		sk = sock_open(&family);
		if (!sk)
			_exit(101);
		grp = genl_ctrl_resolve_grp(sk, FAX_GENL_NAME, FAX_MCGRP_EVENTS);
		if (grp < 0)
			_exit(102);
		if (nl_socket_add_membership(sk, grp) != -NLE_PERM)
			code |= 1;
		msg = new_msg(family, FAX_CMD_LINE_SET, 0);
		nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
		nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
		nla_put_u32(msg, FAX_A_LINE_BUFFER_MS, 300);
		if (request(sk, msg, &r) != -NLE_PERM)
			code |= 2;
		/* Reading is allowed. */
		msg = new_msg(family, FAX_CMD_LINE_GET, 0);
		nla_put_u32(msg, FAX_A_LINE_CARD_ID, self->card);
		nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
		if (request(sk, msg, &r) || r.buffer_ms != FAX_BUFFER_DEFAULT_MS)
			code |= 4;
		_exit(code);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) {
		TH_LOG("child status %d: 1 joined, 2 set, 4 get failed",
		       WEXITSTATUS(status));
	}
}

struct churn {
	unsigned int id;
	volatile bool stop;
	int errors;
};

static void *churn_cards(void *arg)
{
	struct churn *c = arg;

	while (!c->stop) {
		if (faxsim_new(c->id, 1) || faxsim_del(c->id))
			c->errors++;
	}
	return NULL;
}

static int count_dump_intr(struct nl_msg *msg __attribute__((unused)), void *arg)
{
	(*(int *)arg)++;
	return NL_OK;
}

TEST_F(nl, dumps_racing_with_card_changes_are_flagged_interrupted)
{
	struct churn c = { .id = self->id + 5 };
	int i, err, intr = 0, ok = 0;
	struct reply r;
	pthread_t t;

	/* Enough lines that a dump takes several messages. */
	for (i = 1; i <= 3; i++)
		ASSERT_EQ(0, faxsim_new(self->id + i, 64));
	ASSERT_EQ(0, pthread_create(&t, NULL, churn_cards, &c));
	for (i = 0; i < 500 && !intr; i++) {
		nl_socket_modify_cb(self->sk, NL_CB_DUMP_INTR, NL_CB_CUSTOM,
				    count_dump_intr, &intr);
		err = request(self->sk, new_msg(self->family, FAX_CMD_LINE_GET,
						NLM_F_DUMP), &r);
		if (err == -NLE_DUMP_INTR || (r.flags & NLM_F_DUMP_INTR))
			intr++;
		else if (!err)
			ok++;
		else
			ASSERT_EQ(0, err);
	}
	c.stop = true;
	pthread_join(t, NULL);
	EXPECT_EQ(0, c.errors);
	EXPECT_LT(0, intr) {
		TH_LOG("%d dumps, none flagged NLM_F_DUMP_INTR", ok);
	}
	for (i = 1; i <= 3; i++)
		EXPECT_EQ(0, faxsim_del(self->id + i));
}

TEST_HARNESS_MAIN
