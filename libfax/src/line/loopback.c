// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The loopback pair: two lines of one in-memory exchange.
 *
 * The pair owns one sample clock. fax_loopback_advance() (virtual clock)
 * or the catch-up done before every operation (real-time clock) moves
 * time in blocks: each line's transmit queue gives one block (silence and
 * an underrun when it runs dry during a call), the block crosses the line
 * model when both ends are connected, and lands in the far line's receive
 * queue (an overrun when that queue is full). Rings are produced by the
 * same clock, so ring cadence, T.30 timers and audio agree.
 *
 * No locks: a pair and its lines belong to one thread.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

#include <fax/loopback.h>

#include "fifo.h"
#include "model.h"

#define LB_BLOCK	160	/* samples moved per step: 20 ms */
#define LB_EVENTS	32	/* pending events per line */
#define MS(x)		((size_t)(x) * (FAX_LINE_RATE / 1000))

struct lb_line {
	struct fax_loopback *pair;
	unsigned int index;
	fax_line_t *line;
	enum fax_line_state state;
	char number[FAX_LINE_NUMBER_MAX + 1];
	char caller[FAX_LINE_NUMBER_MAX + 1];
	char name[32];
	struct fax_fifo rx;
	struct fax_fifo tx;
	bool tx_started;	/* the user wrote audio during this call */
	struct fax_line_event events[LB_EVENTS];
	unsigned int ev_head;
	unsigned int ev_len;
	struct fax_line_stats stats;
	uint64_t next_ring;
	uint32_t rings;
	struct fax_model model;	/* what the wire does to audio we send */
	int fd;
	bool fd_signalled;	/* virtual clock: eventfd holds a count */
};

struct fax_loopback {
	struct fax_loopback_config cfg;
	char numbers[2][FAX_LINE_NUMBER_MAX + 1];
	struct lb_line lines[2];
	uint64_t clock;
	struct timespec start;
};

static struct lb_line *peer_of(struct lb_line *l)
{
	return &l->pair->lines[1 - l->index];
}

static void push_event(struct lb_line *l, uint32_t type, const char *number)
{
	struct fax_line_event *ev;

	if (l->ev_len == LB_EVENTS) {
		l->ev_head = (l->ev_head + 1) % LB_EVENTS;
		l->ev_len--;
		l->stats.events_lost++;
	}
	ev = &l->events[(l->ev_head + l->ev_len) % LB_EVENTS];
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->time = l->pair->clock;
	ev->rings = type == FAX_LINE_EV_RING ? l->rings : 0;
	if (number)
		strncpy(ev->number, number, FAX_LINE_NUMBER_MAX);
	l->ev_len++;
}

/* Virtual clock: keep the eventfd readable exactly while there is work. */
static void update_fd(struct lb_line *l)
{
	bool want = l->rx.len || l->ev_len;
	uint64_t v = 1;

	if (l->pair->cfg.clock != FAX_LOOPBACK_CLOCK_VIRTUAL || want == l->fd_signalled)
		return;
	if (want) {
		if (write(l->fd, &v, sizeof(v)) == sizeof(v))
			l->fd_signalled = true;
	} else {
		if (read(l->fd, &v, sizeof(v)) == sizeof(v) || errno == EAGAIN)
			l->fd_signalled = false;
	}
}

static void ring_if_due(struct lb_line *l)
{
	if (l->state != FAX_LINE_RINGING || l->pair->clock < l->next_ring)
		return;
	l->rings++;
	l->next_ring += MS(l->pair->cfg.ring_period_ms);
	push_event(l, FAX_LINE_EV_RING, l->caller);
}

/* What line @l puts on the wire for the next @n samples. */
static void take_tx(struct lb_line *l, int16_t *out, size_t n)
{
	size_t got;

	if (l->state == FAX_LINE_ONHOOK) {
		memset(out, 0, n * sizeof(*out));
		return;
	}
	got = fax_fifo_get(&l->tx, out, n);
	if (got < n) {
		memset(out + got, 0, (n - got) * sizeof(*out));
		if (l->state == FAX_LINE_CONNECTED && l->tx_started) {
			l->stats.underruns++;
			l->stats.underrun_samples += n - got;
		}
	}
	l->stats.tx_samples += n;
}

static void give_rx(struct lb_line *l, const int16_t *in, size_t n)
{
	size_t put;

	if (l->state == FAX_LINE_ONHOOK || l->state == FAX_LINE_RINGING)
		return;
	put = fax_fifo_put(&l->rx, in, n);
	if (put < n) {
		l->stats.overruns++;
		l->stats.overrun_samples += n - put;
	}
	l->stats.rx_samples += put;
}

static void step(struct fax_loopback *lb, size_t n)
{
	int16_t wire[2][LB_BLOCK];
	bool up = lb->lines[0].state == FAX_LINE_CONNECTED &&
		  lb->lines[1].state == FAX_LINE_CONNECTED;

	for (int i = 0; i < 2; i++) {
		take_tx(&lb->lines[i], wire[i], n);
		if (up)
			fax_model_run(&lb->lines[i].model, wire[i], n);
		else
			memset(wire[i], 0, n * sizeof(wire[i][0]));
	}
	for (int i = 0; i < 2; i++)
		give_rx(&lb->lines[i], wire[1 - i], n);
	lb->clock += n;
	for (int i = 0; i < 2; i++)
		ring_if_due(&lb->lines[i]);
}

static void run_clock(struct fax_loopback *lb, uint64_t samples)
{
	while (samples) {
		size_t n = samples < LB_BLOCK ? samples : LB_BLOCK;

		step(lb, n);
		samples -= n;
	}
	for (int i = 0; i < 2; i++)
		update_fd(&lb->lines[i]);
}

/* Real-time clock: bring the pair up to CLOCK_MONOTONIC. */
static void catch_up(struct fax_loopback *lb)
{
	struct timespec now;
	uint64_t ns, target;

	if (lb->cfg.clock != FAX_LOOPBACK_CLOCK_REALTIME)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (uint64_t)(now.tv_sec - lb->start.tv_sec) * 1000000000ull +
	     (uint64_t)now.tv_nsec - (uint64_t)lb->start.tv_nsec;
	/* 2^64 ns is 584 years; times 32 still leaves 18 years of uptime. */
	target = ns * lb->cfg.speed / (1000000000ull / FAX_LINE_RATE);
	if (target > lb->clock)
		run_clock(lb, target - lb->clock);
}

int fax_loopback_advance(fax_loopback_t *lb, uint32_t samples)
{
	if (!lb)
		return -EINVAL;
	if (lb->cfg.clock != FAX_LOOPBACK_CLOCK_VIRTUAL)
		return -EPERM;
	run_clock(lb, samples);
	return 0;
}

/* ---- signalling ---------------------------------------------------- */

static void call_starts(struct lb_line *l)
{
	fax_fifo_clear(&l->rx);
	fax_fifo_clear(&l->tx);
	l->tx_started = false;
}

static void connect_both(struct lb_line *callee)
{
	struct lb_line *caller = peer_of(callee);

	callee->state = FAX_LINE_CONNECTED;
	caller->state = FAX_LINE_CONNECTED;
	call_starts(callee);
	fax_model_reset(&callee->model);
	fax_model_reset(&caller->model);
	push_event(callee, FAX_LINE_EV_CONNECTED, NULL);
	push_event(caller, FAX_LINE_EV_CONNECTED, NULL);
}

static void go_onhook(struct lb_line *l)
{
	struct lb_line *p = peer_of(l);

	switch (l->state) {
	case FAX_LINE_RINGING:
	case FAX_LINE_ONHOOK:
		return;		/* an analogue phone cannot refuse a ringing call */
	case FAX_LINE_ALERTING:
		if (p->state == FAX_LINE_RINGING) {
			p->state = FAX_LINE_ONHOOK;
			push_event(p, FAX_LINE_EV_RING_END, NULL);
		}
		break;
	case FAX_LINE_CONNECTED:
		p->state = FAX_LINE_FAR_HUNGUP;
		push_event(p, FAX_LINE_EV_FAR_HANGUP, NULL);
		break;
	default:
		break;
	}
	l->state = FAX_LINE_ONHOOK;
	call_starts(l);
}

static int lb_set_hook(void *priv, bool offhook)
{
	struct lb_line *l = priv;

	catch_up(l->pair);
	if (!offhook) {
		go_onhook(l);
	} else if (l->state == FAX_LINE_ONHOOK) {
		l->state = FAX_LINE_OFFHOOK;
		call_starts(l);
	} else if (l->state == FAX_LINE_RINGING) {
		connect_both(l);
	}
	for (int i = 0; i < 2; i++)
		update_fd(&l->pair->lines[i]);
	return 0;
}

static int lb_dial(void *priv, const char *number)
{
	struct lb_line *l = priv;
	struct lb_line *p = peer_of(l);

	catch_up(l->pair);
	if (l->state != FAX_LINE_OFFHOOK)
		return -EBUSY;
	if (strcmp(number, p->number) != 0) {
		push_event(l, FAX_LINE_EV_UNREACHABLE, number);
	} else if (p->state != FAX_LINE_ONHOOK) {
		push_event(l, FAX_LINE_EV_BUSY, number);
	} else {
		l->state = FAX_LINE_ALERTING;
		p->state = FAX_LINE_RINGING;
		p->rings = 0;
		p->next_ring = l->pair->clock;
		strcpy(p->caller, l->number);
		push_event(l, FAX_LINE_EV_ALERTING, number);
		ring_if_due(p);
	}
	update_fd(l);
	update_fd(p);
	return 0;
}

/* ---- audio --------------------------------------------------------- */

static void drain_tick(struct lb_line *l)
{
	uint64_t v;

	if (l->pair->cfg.clock == FAX_LOOPBACK_CLOCK_REALTIME)
		(void)!read(l->fd, &v, sizeof(v));
}

static ssize_t lb_read(void *priv, int16_t *buf, size_t max)
{
	struct lb_line *l = priv;
	size_t got;

	catch_up(l->pair);
	got = fax_fifo_get(&l->rx, buf, max);
	if (!l->rx.len)
		drain_tick(l);
	update_fd(l);
	return got ? (ssize_t)got : -EAGAIN;
}

static ssize_t lb_write(void *priv, const int16_t *buf, size_t n)
{
	struct lb_line *l = priv;
	size_t put;

	catch_up(l->pair);
	if (l->state == FAX_LINE_ONHOOK || l->state == FAX_LINE_RINGING)
		return -ENOTCONN;
	put = fax_fifo_put(&l->tx, buf, n);
	if (put)
		l->tx_started = true;
	return put || !n ? (ssize_t)put : -EAGAIN;
}

static int lb_tx_fill(void *priv)
{
	struct lb_line *l = priv;

	catch_up(l->pair);
	return (int)l->tx.len;
}

static int lb_next_event(void *priv, struct fax_line_event *ev)
{
	struct lb_line *l = priv;

	catch_up(l->pair);
	if (!l->ev_len) {
		update_fd(l);
		return 0;
	}
	*ev = l->events[l->ev_head];
	l->ev_head = (l->ev_head + 1) % LB_EVENTS;
	l->ev_len--;
	update_fd(l);
	return 1;
}

static int lb_get_fd(void *priv)
{
	return ((struct lb_line *)priv)->fd;
}

static int lb_get_state(void *priv)
{
	struct lb_line *l = priv;

	catch_up(l->pair);
	return l->state;
}

static uint64_t lb_get_clock(void *priv)
{
	struct lb_line *l = priv;

	catch_up(l->pair);
	return l->pair->clock;
}

static int lb_get_stats(void *priv, struct fax_line_stats *st)
{
	struct lb_line *l = priv;

	catch_up(l->pair);
	*st = l->stats;
	return 0;
}

static const char *lb_get_name(void *priv)
{
	return ((struct lb_line *)priv)->name;
}

/* The pair owns its lines: freeing one line alone is not possible. */
static void lb_destroy(void *priv)
{
	(void)priv;
}

static const struct fax_line_ops loopback_ops = {
	.kind = "loopback",
	.set_hook = lb_set_hook,
	.dial = lb_dial,
	.read = lb_read,
	.write = lb_write,
	.tx_fill = lb_tx_fill,
	.next_event = lb_next_event,
	.get_fd = lb_get_fd,
	.get_state = lb_get_state,
	.get_clock = lb_get_clock,
	.get_stats = lb_get_stats,
	.get_name = lb_get_name,
	.destroy = lb_destroy,
};

/* ---- construction -------------------------------------------------- */

static int check_config(struct fax_loopback_config *c, fax_error_t *err)
{
	if (c->clock > FAX_LOOPBACK_CLOCK_REALTIME)
		return fax_error_set(err, -EINVAL, "unknown loopback clock %u", c->clock);
	if (!c->tick_ms)
		c->tick_ms = 20;
	if (!c->rx_buffer_ms)
		c->rx_buffer_ms = 2000;
	if (!c->tx_buffer_ms)
		c->tx_buffer_ms = 1000;
	if (!c->ring_period_ms)
		c->ring_period_ms = 6000;
	if (!c->speed)
		c->speed = 1;
	if (c->speed > FAX_LOOPBACK_SPEED_MAX)
		return fax_error_set(err, -EINVAL, "loopback speed %u is out of range (1..%d)",
				     c->speed, FAX_LOOPBACK_SPEED_MAX);
	if (c->speed > 1 && c->clock != FAX_LOOPBACK_CLOCK_REALTIME)
		return fax_error_set(err, -EINVAL,
				     "loopback speed %u needs the real-time clock (a virtual clock moves only when advanced)",
				     c->speed);
	if (c->tick_ms > 1000 || c->rx_buffer_ms > 60000 || c->tx_buffer_ms > 60000 ||
	    c->ring_period_ms > 60000)
		return fax_error_set(err, -EINVAL,
				     "loopback tick/buffer/ring period out of range (max 1000/60000/60000/60000 ms)");
	for (int i = 0; i < 2; i++) {
		const char *n = c->numbers[i] ? c->numbers[i] : (i ? "101" : "100");
		size_t len = strlen(n);

		if (!len || len > FAX_LINE_NUMBER_MAX || strspn(n, "0123456789") != len)
			return fax_error_set(err, -EINVAL,
					     "loopback line number '%s' is not 1..%d digits",
					     n, FAX_LINE_NUMBER_MAX);
	}
	if (c->numbers[0] && c->numbers[1] && !strcmp(c->numbers[0], c->numbers[1]))
		return fax_error_set(err, -EINVAL, "both loopback lines have number %s",
				     c->numbers[0]);
	return fax_model_check(&c->model, err);
}

static int open_fd(struct fax_loopback *lb)
{
	struct itimerspec its = { 0 };
	uint64_t ns;

	if (lb->cfg.clock == FAX_LOOPBACK_CLOCK_VIRTUAL)
		return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);

	if (fd < 0)
		return -1;
	/* A tick carries tick_ms of samples whatever the speed, so buffers
	 * sized in line time keep their margin in ticks. */
	ns = (uint64_t)lb->cfg.tick_ms * 1000000 / lb->cfg.speed;
	its.it_interval.tv_sec = (time_t)(ns / 1000000000);
	its.it_interval.tv_nsec = (long)(ns % 1000000000);
	its.it_value = its.it_interval;
	if (timerfd_settime(fd, 0, &its, NULL) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int line_init(struct fax_loopback *lb, unsigned int i)
{
	struct lb_line *l = &lb->lines[i];
	struct fax_line_model m = lb->cfg.model;
	int r;

	l->pair = lb;
	l->index = i;
	l->fd = -1;
	strcpy(l->number, lb->numbers[i]);
	snprintf(l->name, sizeof(l->name), "loopback%u", i);
	r = fax_fifo_init(&l->rx, MS(lb->cfg.rx_buffer_ms));
	if (r < 0)
		return r;
	r = fax_fifo_init(&l->tx, MS(lb->cfg.tx_buffer_ms));
	if (r < 0)
		return r;
	/* Each direction gets its own noise sequence. */
	m.seed += i * 7919;
	r = fax_model_init(&l->model, &m);
	if (r < 0)
		return r;
	l->fd = open_fd(lb);
	if (l->fd < 0)
		return -errno;
	return fax_line_new(&loopback_ops, l, &l->line);
}

static void line_release(struct lb_line *l)
{
	fax_line_free(l->line);
	if (l->fd >= 0)
		close(l->fd);
	fax_model_release(&l->model);
	fax_fifo_release(&l->rx);
	fax_fifo_release(&l->tx);
}

int fax_loopback_new(const struct fax_loopback_config *cfg, fax_loopback_t **ret,
		     fax_error_t *err)
{
	struct fax_loopback *lb;
	int r;

	if (!ret)
		return -EINVAL;
	if (cfg && cfg->size < offsetof(struct fax_loopback_config, model) +
			       sizeof(cfg->model))
		return fax_error_set(err, -EINVAL, "loopback config size %zu is too small",
				     cfg->size);
	lb = calloc(1, sizeof(*lb));
	if (!lb)
		return -ENOMEM;
	/* Fields after the caller's size (added since it was built) stay 0,
	 * their default. */
	if (cfg)
		memcpy(&lb->cfg, cfg, cfg->size < sizeof(*cfg) ? cfg->size : sizeof(*cfg));
	lb->cfg.size = sizeof(lb->cfg);
	r = check_config(&lb->cfg, err);
	if (r < 0)
		goto err_free;
	for (int i = 0; i < 2; i++) {
		snprintf(lb->numbers[i], sizeof(lb->numbers[i]), "%s",
			 lb->cfg.numbers[i] ? lb->cfg.numbers[i] : (i ? "101" : "100"));
		lb->cfg.numbers[i] = lb->numbers[i];
		lb->lines[i].fd = -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &lb->start);
	for (unsigned int i = 0; i < 2; i++) {
		r = line_init(lb, i);
		if (r < 0) {
			fax_error_set(err, r, "cannot create loopback line %u", i);
			goto err_lines;
		}
	}
	*ret = lb;
	return 0;

err_lines:
	for (int i = 0; i < 2; i++)
		line_release(&lb->lines[i]);
err_free:
	free(lb);
	return r;
}

void fax_loopback_free(fax_loopback_t *lb)
{
	if (!lb)
		return;
	for (int i = 0; i < 2; i++)
		line_release(&lb->lines[i]);
	free(lb);
}

fax_line_t *fax_loopback_line(fax_loopback_t *lb, unsigned int index)
{
	if (!lb || index > 1)
		return NULL;
	return lb->lines[index].line;
}

int fax_loopback_set_model(fax_loopback_t *lb, const struct fax_line_model *m,
			   fax_error_t *err)
{
	struct fax_model fresh[2];
	int r;

	if (!lb || !m)
		return -EINVAL;
	r = fax_model_check(m, err);
	if (r < 0)
		return r;
	for (unsigned int i = 0; i < 2; i++) {
		struct fax_line_model mi = *m;

		mi.seed += i * 7919;
		r = fax_model_init(&fresh[i], &mi);
		if (r < 0) {
			if (i)
				fax_model_release(&fresh[0]);
			return r;
		}
	}
	for (int i = 0; i < 2; i++) {
		fax_model_release(&lb->lines[i].model);
		lb->lines[i].model = fresh[i];
	}
	lb->cfg.model = *m;
	return 0;
}
