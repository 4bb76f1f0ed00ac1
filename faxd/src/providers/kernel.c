// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel provider: the lines of faxcore.ko (/dev/faxN) as devices,
 * through libfax's kernel backend (fax/kernel.h). The line list comes from
 * the "fax" generic netlink family; its events group brings hotplug (a
 * card added or removed resynchronises the list) and line events (ring
 * start and stop, answer, hang-up), which become RingingNow, the
 * DeviceStatusChange event and NewCall. A device's key is "card/line",
 * so a line keeps its device id across restarts.
 *
 * A call opens the device's /dev/faxN as a libfax line (the line hook)
 * and closes it once the call is over: the kernel keeps one event queue
 * per line, shared by every open file, so an idle faxd must not hold the
 * line and eat the events of other users. Rings are therefore counted
 * from the netlink events; an automatic device answers after its
 * rings-before-answer (device_ring()). While a call owns the device the
 * line's wake-ups go to call_process().
 *
 * Joining the events group needs CAP_NET_ADMIN (the unit grants it);
 * without it the devices are listed once and do not follow hotplug.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-event.h>

#include <linux/fax.h>

#include <fax/kernel.h>

#include "../call.h"
#include "../device.h"
#include "../log.h"
#include "../manager.h"
#include "../provider.h"

struct kernel_provider {
	fax_kernel_t *nl;
	fax_kernel_monitor_t *mon;
	sd_event_source *src;
};

/* What the provider remembers of a line, in struct device's priv. */
struct kernel_line {
	uint32_t card, index, minor;
	unsigned int rings;		/* of the call ringing now */
	struct provider *p;
	struct device *dev;
	fax_line_t *line;		/* open while a call uses it */
	sd_event_source *src;
};

static void kline_close(struct kernel_line *kl)
{
	kl->src = sd_event_source_disable_unref(kl->src);
	fax_line_free(kl->line);
	kl->line = NULL;
}

static void kline_free(struct kernel_line *kl)
{
	if (!kl)
		return;
	kline_close(kl);
	free(kl);
}

/* The line woke up: the call's turn; without a call, the line is done. */
static int on_line(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct kernel_line *kl = userdata;
	struct device *d = kl->dev;

	(void)s; (void)fd; (void)revents;
	if (d->call)
		call_process(d->call);
	/* done() may have started the next call on the same line. */
	if (!d->call)
		kline_close(kl);
	return 0;
}

/* Open /dev/faxN of @kl for a call: NULL (and a log line) on failure. */
static fax_line_t *kline_open(struct kernel_line *kl)
{
	struct fax_kernel_line_options o = { .size = sizeof(o) };
	fax_error_t err = { 0 };
	char path[32];
	int r;

	if (kl->line)
		return kl->line;
	snprintf(path, sizeof(path), "/dev/fax%u", kl->minor);
	r = fax_kernel_line_open(path, &o, &kl->line, &err);
	if (r < 0) {
		log_warning("device %u (%s): cannot open %s: %s", kl->dev->id, kl->dev->name,
			    path, err.message);
		return NULL;
	}
	r = sd_event_add_io(kl->p->m->event, &kl->src, fax_line_get_fd(kl->line), EPOLLIN,
			    on_line, kl);
	if (r < 0) {
		log_warning_errno(r, "device %u (%s): cannot watch %s: %m", kl->dev->id,
				  kl->dev->name, path);
		kline_close(kl);
	}
	return kl->line;
}

static struct device *find(struct provider *p, uint32_t card, uint32_t index)
{
	struct manager *m = p->m;

	for (size_t i = 0; i < m->n_devices; i++) {
		struct device *d = m->devices[i];
		struct kernel_line *kl = d->priv;

		if (d->provider == p && kl->card == card && kl->index == index)
			return d;
	}
	return NULL;
}

static void drop(struct provider *p, struct device *d)
{
	struct kernel_line *kl = d->priv;

	/* A call on a vanished line ends now (its owner archives or retries). */
	if (d->call)
		call_abort(d->call);
	kline_free(kl);
	d->priv = NULL;
	provider_remove_device(p, d);
}

static int add(struct provider *p, const struct fax_kernel_line_info *li)
{
	struct kernel_line *kl = calloc(1, sizeof(*kl));
	char key[48], name[32];
	struct device *d;
	int r;

	if (!kl)
		return -ENOMEM;
	*kl = (struct kernel_line) { li->card, li->index, li->minor, .p = p };
	snprintf(key, sizeof(key), "card%u/line%u", li->card, li->index);
	snprintf(name, sizeof(name), "fax%u", li->minor);
	r = provider_add_device(p, key, name, kl, &d);
	if (r < 0) {
		free(kl);
		return r;
	}
	kl->dev = d;
	device_set_status(d, false, false, false, li->state == FAX_STATE_RINGING);
	return 0;
}

/*
 * A line found off hook when faxd starts, without a call of ours, was
 * left so by a faxd that died in a call: the kernel keeps a line's hook
 * across the closing of its files, so the line would stay connected to
 * the far end, busy for callers and unable to dial. faxd owns the lines
 * of its devices; put it back on hook.
 */
static void kline_reset(struct kernel_line *kl)
{
	fax_line_t *line = kline_open(kl);

	if (!line)
		return;
	log_info("device %u (%s): off hook at start, left by a call that did not end: hanging up",
		 kl->dev->id, kl->dev->name);
	fax_line_hangup(line);
	kline_close(kl);
}

/* Make the devices match the kernel's lines; @at_start: faxd is starting. */
static int sync_lines(struct provider *p, bool at_start)
{
	struct kernel_provider *kp = p->priv;
	struct fax_kernel_line_info *lines = NULL;
	fax_error_t err = { 0 };
	size_t n = 0;
	int r;

	r = fax_kernel_lines(kp->nl, FAX_KERNEL_ANY_CARD, &lines, &n, &err);
	if (r < 0)
		return log_error_errno(r, "provider %s: cannot list the lines: %s",
				       p->reg.unique_name, err.message);
	for (size_t i = p->m->n_devices; i > 0; i--) {
		struct device *d = p->m->devices[i - 1];
		struct kernel_line *kl = d->priv;
		bool present = false;

		if (d->provider != p)
			continue;
		for (size_t j = 0; j < n && !present; j++)
			present = lines[j].card == kl->card && lines[j].index == kl->index;
		if (!present)
			drop(p, d);
	}
	for (size_t j = 0; j < n; j++) {
		struct device *d = find(p, lines[j].card, lines[j].index);

		if (d)
			device_set_status(d, false, false, false, lines[j].state == FAX_STATE_RINGING);
		else if ((r = add(p, &lines[j])) < 0)
			break;
		if (at_start && lines[j].offhook && (d = find(p, lines[j].card, lines[j].index)))
			kline_reset(d->priv);
	}
	free(lines);
	return r < 0 ? r : 0;
}

static void line_event(struct provider *p, const struct fax_kernel_notification *n)
{
	struct device *d = find(p, n->line.card, n->line.index);
	bool ringing = n->line.state == FAX_STATE_RINGING;

	struct kernel_line *kl;

	if (!d || d->call)
		return;		/* a call's line events are the call's */
	kl = d->priv;
	/* The call that used the line hung up: give the line back. */
	if (kl->line)
		kline_close(kl);
	switch (n->event.type) {
	case FAX_EV_RING_START:
		/* Announces the call (ring 1) and answers it in automatic
		 * mode; the caller id is the line's while it rings. */
		device_ring(d, ++kl->rings, n->line.caller);
		if (d->call)
			return;
		break;
	case FAX_EV_ANSWERED:
	case FAX_EV_REMOTE_HANGUP:
		kl->rings = 0;
		break;
	case FAX_EV_HOOK:
		if (!n->event.value)
			kl->rings = 0;
		break;
	default:
		break;
	}
	device_set_status(d, false, false, false, ringing || n->event.type == FAX_EV_RING_START);
}

static int on_monitor(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct provider *p = userdata;
	struct kernel_provider *kp = p->priv;
	struct fax_kernel_notification n;
	int r;

	(void)s; (void)fd; (void)revents;
	while ((r = fax_kernel_monitor_next(kp->mon, &n)) != 0) {
		if (r == -ENOBUFS) {
			log_warning("provider %s: kernel events were lost; rereading the lines",
				    p->reg.unique_name);
			sync_lines(p, false);
			continue;
		}
		if (r < 0) {
			log_error_errno(r, "provider %s: kernel events: %m", p->reg.unique_name);
			return 0;
		}
		if (n.kind == FAX_KERNEL_NTF_LINE_EVENT)
			line_event(p, &n);
		else
			sync_lines(p, false);	/* a card came or went */
	}
	return 0;
}

static int kernel_start(struct provider *p)
{
	struct kernel_provider *kp = calloc(1, sizeof(*kp));
	fax_error_t err = { 0 };
	int r;

	if (!kp)
		return -ENOMEM;
	p->priv = kp;
	r = fax_kernel_open(&kp->nl, &err);
	if (r < 0)
		return log_warning_errno(r, "provider %s: %s", p->reg.unique_name,
					 r == -ENOENT ? "the fax netlink family is not there (is faxcore.ko loaded?)"
						      : err.message);
	/* Subscribe before listing, so no card slips between the two. */
	r = fax_kernel_monitor_new(&kp->mon, &err);
	if (r == -EPERM)
		log_warning("provider %s: no CAP_NET_ADMIN: devices will not follow hotplug or ringing",
			    p->reg.unique_name);
	else if (r < 0)
		return log_warning_errno(r, "provider %s: cannot watch kernel events: %s",
					 p->reg.unique_name, err.message);
	if (kp->mon) {
		r = sd_event_add_io(p->m->event, &kp->src, fax_kernel_monitor_get_fd(kp->mon),
				    EPOLLIN, on_monitor, p);
		if (r < 0)
			return r;
	}
	return sync_lines(p, true);
}

static void kernel_stop(struct provider *p)
{
	struct kernel_provider *kp = p->priv;

	if (!kp)
		return;
	for (size_t i = p->m->n_devices; i > 0; i--) {
		struct device *d = p->m->devices[i - 1];

		/* queue_stop() has ended the calls already. */
		if (d->provider == p) {
			kline_free(d->priv);
			d->priv = NULL;
		}
	}
	sd_event_source_disable_unref(kp->src);
	fax_kernel_monitor_free(kp->mon);
	fax_kernel_close(kp->nl);
	free(kp);
	p->priv = NULL;
}

static fax_line_t *kernel_line(struct provider *p, struct device *d)
{
	struct kernel_line *kl = d->priv;

	(void)p;
	return kl ? kline_open(kl) : NULL;
}

static int kernel_answer(struct provider *p, struct device *d)
{
	fax_line_t *line = kernel_line(p, d);

	return line ? fax_line_answer(line) : -ENODEV;
}

static int kernel_test_dial(struct provider *p, struct device *d, const char *number)
{
	fax_line_t *line = kernel_line(p, d);
	int r;

	if (!line)
		return -ENODEV;
	r = fax_line_offhook(line);
	if (r < 0)
		return r;
	r = fax_line_dial(line, number);
	if (r < 0)
		fax_line_hangup(line);
	return r;
}

static int kernel_test_hangup(struct provider *p, struct device *d)
{
	fax_line_t *line = kernel_line(p, d);

	return line ? fax_line_hangup(line) : -ENODEV;
}

const struct provider_ops provider_kernel_ops = {
	.abi = FAXD_PROVIDER_ABI,
	.version = { 1, 1, 0, 0 },
	.start = kernel_start,
	.stop = kernel_stop,
	.answer = kernel_answer,
	.test_dial = kernel_test_dial,
	.test_hangup = kernel_test_hangup,
	.line = kernel_line,
};
