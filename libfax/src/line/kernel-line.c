// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A /dev/faxN device as a fax_line_t.
 *
 * Clock: the line's position in the kernel's received stream (the index
 * the kernel's events give as rx_pos). The device delivers audio only off
 * hook, so the clock stands still on hook, as the line's time does.
 *
 * Events are pulled from the kernel into a queue and handed out once the
 * reader has consumed the audio that came before them: a session then
 * decodes the far end's last frames before it hears of the hang-up.
 *
 * Transmit fill: the kernel says how many samples it took (tx_samples);
 * what we wrote minus that is what still waits. Going on hook empties the
 * kernel's queue, so the count starts again there.
 *
 * Dialling: the exchange takes digits only once it gives dial tone, a
 * moment after the line goes off hook. A number dialled before that is
 * kept and dialled when the dial tone event arrives, as a modem waits for
 * dial tone; if the kernel then refuses it, the caller hears "busy".
 *
 * The descriptor a user polls is an epoll instance over the device, for
 * POLLIN and POLLPRI: it is readable when audio or an event is waiting,
 * which is what fax/line.h promises.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/fax.h>
#include <linux/fax_netlink.h>

#include "kernel-internal.h"

#define EVQ		256	/* kernel events waiting for their audio */
#define BUFFER_MS	1000	/* default depth of the kernel's queues */
#define DRAIN_BLOCK	1024

struct kline {
	int fd;			/* /dev/faxN */
	int ep;			/* what users poll */
	char name[24];
	bool offhook;		/* as we set it */
	bool dialtone;		/* the exchange gave dial tone since */
	char pending_dial[FAX_DIAL_MAX];	/* dialled before the dial tone */
	uint64_t read_pos;	/* samples of the rx stream consumed */
	uint64_t written;	/* samples written since tx_base */
	uint64_t tx_base;	/* the kernel's tx_samples when written was 0 */
	uint64_t events_dropped;	/* our queue overflowed */
	struct fax_kernel_map map;
	struct fax_kernel_event q[EVQ];
	unsigned int head, tail;	/* free-running */
};

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

static int get_kstats(struct kline *l, struct fax_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	return xioctl(l->fd, FAX_IOC_GET_STATS, st);
}

static int get_info(struct kline *l, struct fax_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return xioctl(l->fd, FAX_IOC_GET_INFO, info);
}

static void queue_event(struct kline *l, const struct fax_event *ev)
{
	if (l->tail - l->head == EVQ) {
		l->head++;
		l->events_dropped++;
	}
	l->q[l->tail++ % EVQ] = (struct fax_kernel_event) {
		.type = ev->type, .value = ev->value, .timestamp_ns = ev->timestamp_ns,
		.rx_pos = ev->rx_pos, .seq = ev->seq,
	};
}

static int dial_now(struct kline *l, const char *digits)
{
	struct fax_dial d = { .size = sizeof(d) };

	snprintf(d.digits, sizeof(d.digits), "%s", digits);
	return xioctl(l->fd, FAX_IOC_DIAL, &d);
}

/* The dial tone came: dial what waits; a refusal sounds busy. */
static void dial_pending(struct kline *l, const struct fax_event *tone)
{
	struct fax_event busy = *tone;

	if (!l->pending_dial[0])
		return;
	if (dial_now(l, l->pending_dial) < 0) {
		busy.type = FAX_EV_BUSY;
		queue_event(l, &busy);
	}
	l->pending_dial[0] = '\0';
}

/* Move the kernel's pending events into our queue. */
static void pull_events(struct kline *l)
{
	struct fax_event ev;

	while (ioctl(l->fd, FAX_IOC_GET_EVENT, &ev) == 0) {
		queue_event(l, &ev);
		if (ev.type == FAX_EV_DIALTONE && l->offhook) {
			l->dialtone = true;
			dial_pending(l, &ev);
		}
	}
}

/* Read and forget what is queued for reading: 0 or -errno. */
static int drain_rx(struct kline *l)
{
	int16_t buf[DRAIN_BLOCK];
	ssize_t n;

	while ((n = read(l->fd, buf, sizeof(buf))) > 0)
		l->read_pos += (uint64_t)n / sizeof(buf[0]);
	return n < 0 && errno != EAGAIN ? -errno : 0;
}

/* Start counting transmitted samples afresh (the kernel's queue is empty). */
static int tx_restart(struct kline *l)
{
	struct fax_stats st;
	int r = get_kstats(l, &st);

	if (r < 0)
		return r;
	l->tx_base = st.tx_samples;
	l->written = 0;
	return 0;
}

static int kl_set_hook(void *priv, bool offhook)
{
	struct kline *l = priv;
	struct fax_hook h = { .size = sizeof(h), .offhook = offhook };
	struct fax_info info;
	int r;

	if (offhook == l->offhook)
		return 0;
	if (!offhook) {
		r = xioctl(l->fd, FAX_IOC_HANGUP, NULL);
		if (r < 0)
			return r;
		l->offhook = false;
		l->dialtone = false;
		l->pending_dial[0] = '\0';
		/* Nothing is received on hook: what is left is the past call's. */
		r = drain_rx(l);
		return r < 0 ? r : tx_restart(l);
	}
	r = get_info(l, &info);
	if (r < 0)
		return r;
	if (info.state == FAX_STATE_RINGING)
		r = xioctl(l->fd, FAX_IOC_ANSWER, NULL);
	else
		r = xioctl(l->fd, FAX_IOC_HOOK, &h);
	if (r == 0)
		l->offhook = true;
	return r;
}

static int kl_dial(void *priv, const char *number)
{
	struct kline *l = priv;
	size_t len = strlen(number);
	int r;

	if (!l->offhook || l->pending_dial[0])
		return -EBUSY;
	/* The kernel dials DTMF digits and pauses; there is no '+' key. */
	if (len >= sizeof(l->pending_dial) || strspn(number, "0123456789*#,") != len)
		return -EINVAL;
	pull_events(l);
	r = dial_now(l, number);
	if (r != -EBUSY || l->dialtone)
		return r;
	memcpy(l->pending_dial, number, len + 1);
	return 0;
}

static ssize_t kl_read(void *priv, int16_t *buf, size_t max)
{
	struct kline *l = priv;
	ssize_t n;

	if (!max)
		return 0;
	n = read(l->fd, buf, max * sizeof(*buf));
	if (n < 0)
		return -errno;
	if (n == 0)
		return -EAGAIN;
	l->read_pos += (uint64_t)n / sizeof(*buf);
	return n / (ssize_t)sizeof(*buf);
}

static ssize_t kl_write(void *priv, const int16_t *buf, size_t n)
{
	struct kline *l = priv;
	ssize_t w;

	if (!l->offhook)
		return -ENOTCONN;
	if (!n)
		return 0;
	w = write(l->fd, buf, n * sizeof(*buf));
	if (w < 0)
		return -errno;
	l->written += (uint64_t)w / sizeof(*buf);
	return w / (ssize_t)sizeof(*buf);
}

static int kl_tx_fill(void *priv)
{
	struct kline *l = priv;
	struct fax_stats st;
	uint64_t sent;
	int r = get_kstats(l, &st);

	if (r < 0)
		return r;
	sent = st.tx_samples - l->tx_base;
	return sent >= l->written ? 0 : (int)(l->written - sent);
}

static int kl_next_event(void *priv, struct fax_line_event *ev)
{
	struct kline *l = priv;

	pull_events(l);
	while (l->head != l->tail) {
		struct fax_kernel_event *kev = &l->q[l->head % EVQ];

		/* Audio from before the event is still unread: it waits. */
		if (kev->rx_pos > l->read_pos)
			return 0;
		l->head++;
		if (fax_kernel_map_event(&l->map, kev, ev)) {
			struct fax_info info;

			/* The caller is the line's while it rings: ask now. */
			if (ev->type == FAX_LINE_EV_RING && !get_info(l, &info))
				snprintf(ev->number, sizeof(ev->number), "%s", info.caller);
			return 1;
		}
	}
	return 0;
}

static int kl_get_fd(void *priv)
{
	return ((struct kline *)priv)->ep;
}

static int kl_get_state(void *priv)
{
	struct kline *l = priv;
	struct fax_info info;

	if (get_info(l, &info) < 0)
		return FAX_LINE_ONHOOK;
	return fax_kernel_map_state(info.state);
}

static uint64_t kl_get_clock(void *priv)
{
	return ((struct kline *)priv)->read_pos;
}

static int kl_get_stats(void *priv, struct fax_line_stats *st)
{
	struct kline *l = priv;
	struct fax_stats k;
	int r;

	pull_events(l);
	r = get_kstats(l, &k);
	if (r < 0)
		return r;
	/* Overruns the kernel reports once per episode; the samples it counts. */
	for (unsigned int i = l->head; i != l->tail; i++)
		if (l->q[i % EVQ].type == FAX_EV_OVERRUN)
			st->overruns++;
	st->overruns += l->map.overruns;
	st->rx_samples = k.rx_samples;
	st->tx_samples = k.tx_samples;
	st->underruns = k.tx_underruns;
	st->overrun_samples = k.rx_overruns;
	st->events_lost = k.events_lost + l->events_dropped;
	return 0;
}

static const char *kl_get_name(void *priv)
{
	return ((struct kline *)priv)->name;
}

static void kl_destroy(void *priv)
{
	struct kline *l = priv;

	if (l->offhook)
		ioctl(l->fd, FAX_IOC_HANGUP, NULL);
	if (l->ep >= 0)
		close(l->ep);
	if (l->fd >= 0)
		close(l->fd);
	free(l);
}

static const struct fax_line_ops kernel_line_ops = {
	.kind = "kernel",
	.set_hook = kl_set_hook,
	.dial = kl_dial,
	.read = kl_read,
	.write = kl_write,
	.tx_fill = kl_tx_fill,
	.next_event = kl_next_event,
	.get_fd = kl_get_fd,
	.get_state = kl_get_state,
	.get_clock = kl_get_clock,
	.get_stats = kl_get_stats,
	.get_name = kl_get_name,
	.destroy = kl_destroy,
};

/* 16-bit linear samples, the queue depth and DSP switches asked for. */
static int set_params(struct kline *l, const struct fax_kernel_line_options *opt,
		      const char *path, fax_error_t *err)
{
	struct fax_params p = { .size = sizeof(p) };
	int r = xioctl(l->fd, FAX_IOC_GET_PARAMS, &p);

	if (r < 0)
		return fax_error_set(err, r, "%s: cannot read the line's parameters: %s", path,
				     strerror(-r));
	p.size = sizeof(p);
	p.format = FAX_FMT_S16LE;
	p.buffer_ms = opt->buffer_ms ? opt->buffer_ms : BUFFER_MS;
	if (opt->set_dsp)
		p.dsp = opt->dsp;
	r = xioctl(l->fd, FAX_IOC_SET_PARAMS, &p);
	if (r == -EINVAL)
		return fax_error_set(err, r, "%s: the kernel refused buffer %u ms / DSP 0x%x",
				     path, p.buffer_ms, p.dsp);
	if (r < 0)
		return fax_error_set(err, r, "%s: cannot set the line's parameters: %s", path,
				     strerror(-r));
	return 0;
}

static int kline_setup(struct kline *l, const char *path,
		       const struct fax_kernel_line_options *opt, fax_error_t *err)
{
	struct epoll_event ee = { .events = EPOLLIN | EPOLLPRI };
	struct fax_info info;
	int r;

	l->fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (l->fd < 0)
		return fax_error_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	r = get_info(l, &info);
	if (r < 0)
		return fax_error_set(err, r, "%s is not a fax line: %s", path, strerror(-r));
	snprintf(l->name, sizeof(l->name), "fax%u", info.minor);
	l->offhook = info.offhook;
	l->dialtone = info.offhook && info.state == FAX_STATE_DIALTONE;
	r = set_params(l, opt, path, err);
	if (r < 0)
		return r;
	l->ep = epoll_create1(EPOLL_CLOEXEC);
	if (l->ep < 0 || epoll_ctl(l->ep, EPOLL_CTL_ADD, l->fd, &ee) < 0)
		return fax_error_set(err, -errno, "%s: epoll: %s", path, strerror(errno));
	/* Start at the end of the stream: earlier audio and events are stale. */
	r = drain_rx(l);
	if (r == 0) {
		struct fax_stats st;

		r = get_kstats(l, &st);
		if (r == 0) {
			l->read_pos = st.rx_samples;
			l->tx_base = st.tx_samples;
		}
	}
	if (r < 0)
		return fax_error_set(err, r, "%s: %s", path, strerror(-r));
	pull_events(l);
	l->head = l->tail;
	return 0;
}

int fax_kernel_line_open(const char *path, const struct fax_kernel_line_options *opt,
			 fax_line_t **ret, fax_error_t *err)
{
	struct fax_kernel_line_options dflt = { .size = sizeof(dflt) };
	struct kline *l;
	int r;

	if (!path || !ret)
		return fax_error_set(err, -EINVAL, "fax_kernel_line_open needs a path");
	if (!opt)
		opt = &dflt;
	if (opt->size < sizeof(*opt))
		return fax_error_set(err, -EINVAL, "line options size %u is too small", opt->size);
	if (opt->buffer_ms && (opt->buffer_ms < FAX_BUFFER_MIN_MS ||
			       opt->buffer_ms > FAX_BUFFER_MAX_MS))
		return fax_error_set(err, -EINVAL, "buffer %u ms is outside %d..%d ms",
				     opt->buffer_ms, FAX_BUFFER_MIN_MS, FAX_BUFFER_MAX_MS);
	if (opt->set_dsp && (opt->dsp & ~(uint32_t)FAX_DSP_ALL))
		return fax_error_set(err, -EINVAL, "unknown DSP switches 0x%x", opt->dsp);
	l = calloc(1, sizeof(*l));
	if (!l)
		return fax_error_set(err, -ENOMEM, "out of memory");
	l->fd = l->ep = -1;
	r = kline_setup(l, path, opt, err);
	if (r == 0)
		r = fax_line_new(&kernel_line_ops, l, ret);
	if (r < 0) {
		l->offhook = false;	/* not ours to hang up */
		kl_destroy(l);
		return fax_error_set(err, r, "%s: %s", path, strerror(-r));
	}
	return 0;
}
