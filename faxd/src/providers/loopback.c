// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The loopback provider: libfax loopback pairs ([loopback] pairs = N in
 * faxd.conf) as devices, for machines without the kernel module and for
 * tests. Each line runs on the real-time clock of its pair (N times
 * faster with [loopback] speed = N); its fd wakes the loop every tick,
 * and the line's signalling (ring, caller gave up, answered, hung up)
 * becomes the device status and the NewCall event.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <systemd/sd-event.h>

#include <fax/fax.h>

#include "../call.h"
#include "../device.h"
#include "../log.h"
#include "../manager.h"
#include "../provider.h"

struct lb_line {
	struct device *dev;
	fax_line_t *line;
	sd_event_source *src;
};

struct lb_provider {
	size_t n_pairs;
	fax_loopback_t **pairs;
	struct lb_line *lines;		/* 2 per pair */
};

static void line_update(struct lb_line *l)
{
	struct fax_line_event ev;
	int16_t pcm[512];
	bool ringing;

	if (l->dev && l->dev->call) {
		call_process(l->dev->call);
		return;
	}
	while (fax_line_next_event(l->line, &ev) > 0) {
		if (ev.type == FAX_LINE_EV_RING && l->dev)
			device_ring(l->dev, (unsigned int)ev.rings, ev.number);
		if (l->dev && l->dev->call)
			return;
	}
	/* Nobody listens to the audio between calls: drain it, which also
	 * consumes the clock tick. */
	while (fax_line_read(l->line, pcm, sizeof(pcm) / sizeof(pcm[0])) > 0)
		;
	ringing = fax_line_get_state(l->line) == FAX_LINE_RINGING;
	if (l->dev)
		device_set_status(l->dev, false, false, false, ringing);
}

static int on_line(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	(void)s;
	(void)fd;
	(void)revents;
	line_update(userdata);
	return 0;
}

static int lb_start(struct provider *p)
{
	struct manager *m = p->m;
	struct lb_provider *lp;
	int r;

	lp = calloc(1, sizeof(*lp));
	if (!lp)
		return -ENOMEM;
	p->priv = lp;
	lp->n_pairs = m->cfg.loopback_pairs;
	lp->pairs = calloc(lp->n_pairs + 1, sizeof(*lp->pairs));
	lp->lines = calloc(2 * lp->n_pairs + 1, sizeof(*lp->lines));
	if (!lp->pairs || !lp->lines)
		return -ENOMEM;
	for (size_t i = 0; i < lp->n_pairs; i++) {
		char num[2][16], key[32], name[32];
		struct fax_loopback_config cfg = {
			.size = sizeof(cfg),
			.clock = FAX_LOOPBACK_CLOCK_REALTIME,
			.tick_ms = m->cfg.loopback_tick_ms,
			.speed = m->cfg.loopback_speed,
			.numbers = { num[0], num[1] },
		};
		fax_error_t err = { 0 };

		snprintf(num[0], sizeof(num[0]), "%zu", 100 + 2 * i);
		snprintf(num[1], sizeof(num[1]), "%zu", 101 + 2 * i);
		r = fax_loopback_new(&cfg, &lp->pairs[i], &err);
		if (r < 0)
			return log_error_errno(r, "loopback: pair %zu: %s", i, err.message);
		for (unsigned int j = 0; j < 2; j++) {
			struct lb_line *l = &lp->lines[2 * i + j];

			l->line = fax_loopback_line(lp->pairs[i], j);
			snprintf(key, sizeof(key), "pair%zu/line%u", i, j);
			snprintf(name, sizeof(name), "loopback%zu", 2 * i + j);
			r = sd_event_add_io(m->event, &l->src, fax_line_get_fd(l->line), EPOLLIN,
					    on_line, l);
			if (r < 0)
				return r;
			r = provider_add_device(p, key, name, l, &l->dev);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

static void lb_stop(struct provider *p)
{
	struct lb_provider *lp = p->priv;

	if (!lp)
		return;
	for (size_t i = 0; lp->lines && i < 2 * lp->n_pairs; i++)
		sd_event_source_disable_unref(lp->lines[i].src);
	for (size_t i = 0; lp->pairs && i < lp->n_pairs; i++)
		fax_loopback_free(lp->pairs[i]);
	free(lp->pairs);
	free(lp->lines);
	free(lp);
	p->priv = NULL;
}

static int lb_answer(struct provider *p, struct device *d)
{
	struct lb_line *l = d->priv;

	(void)p;
	return fax_line_answer(l->line);
}

static int lb_test_dial(struct provider *p, struct device *d, const char *number)
{
	struct lb_line *l = d->priv;
	int r;

	(void)p;
	r = fax_line_offhook(l->line);
	if (r < 0)
		return r;
	r = fax_line_dial(l->line, number);
	if (r < 0)
		fax_line_hangup(l->line);
	return r;
}

static int lb_test_hangup(struct provider *p, struct device *d)
{
	struct lb_line *l = d->priv;
	int r;

	(void)p;
	r = fax_line_hangup(l->line);
	line_update(l);
	return r;
}

static fax_line_t *lb_line(struct provider *p, struct device *d)
{
	struct lb_line *l = d->priv;

	(void)p;
	return l->line;
}

const struct provider_ops provider_loopback_ops = {
	.abi = FAXD_PROVIDER_ABI,
	.version = { 1, 0, 0, 0 },
	.start = lb_start,
	.stop = lb_stop,
	.answer = lb_answer,
	.test_dial = lb_test_dial,
	.test_hangup = lb_test_hangup,
	.line = lb_line,
};
