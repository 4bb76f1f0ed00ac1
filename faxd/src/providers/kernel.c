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
 * Joining the events group needs CAP_NET_ADMIN (the unit grants it);
 * without it the devices are listed once and do not follow hotplug.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-event.h>

/* The kernel's enum fax_line_state has the name of fax/line.h's. */
#define fax_line_state fax_uapi_line_state
#include <linux/fax.h>
#undef fax_line_state

#include <fax/kernel.h>

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
};

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
	free(d->priv);
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
	*kl = (struct kernel_line) { li->card, li->index, li->minor };
	snprintf(key, sizeof(key), "card%u/line%u", li->card, li->index);
	snprintf(name, sizeof(name), "fax%u", li->minor);
	r = provider_add_device(p, key, name, kl, &d);
	if (r < 0) {
		free(kl);
		return r;
	}
	device_set_status(d, false, false, false, li->state == FAX_STATE_RINGING);
	return 0;
}

/* Make the devices match the kernel's lines. */
static int sync_lines(struct provider *p)
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
	}
	free(lines);
	return r < 0 ? r : 0;
}

static void line_event(struct provider *p, const struct fax_kernel_notification *n)
{
	struct device *d = find(p, n->line.card, n->line.index);
	bool ringing = n->line.state == FAX_STATE_RINGING;

	if (!d)
		return;
	if (n->event.type == FAX_EV_RING_START && !d->ringing)
		device_new_call(d, "");		/* the kernel reports no caller id */
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
			sync_lines(p);
			continue;
		}
		if (r < 0) {
			log_error_errno(r, "provider %s: kernel events: %m", p->reg.unique_name);
			return 0;
		}
		if (n.kind == FAX_KERNEL_NTF_LINE_EVENT)
			line_event(p, &n);
		else
			sync_lines(p);	/* a card came or went */
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
	return sync_lines(p);
}

static void kernel_stop(struct provider *p)
{
	struct kernel_provider *kp = p->priv;

	if (!kp)
		return;
	for (size_t i = p->m->n_devices; i > 0; i--) {
		struct device *d = p->m->devices[i - 1];

		if (d->provider == p) {
			free(d->priv);
			d->priv = NULL;
		}
	}
	sd_event_source_disable_unref(kp->src);
	fax_kernel_monitor_free(kp->mon);
	fax_kernel_close(kp->nl);
	free(kp);
	p->priv = NULL;
}

const struct provider_ops provider_kernel_ops = {
	.abi = FAXD_PROVIDER_ABI,
	.version = { 1, 0, 0, 0 },
	.start = kernel_start,
	.stop = kernel_stop,
};
