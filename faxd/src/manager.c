// SPDX-License-Identifier: GPL-2.0-or-later
/* The server object: construction, start-up order, shutdown; see manager.h. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caller.h"
#include "device.h"
#include "events.h"
#include "log.h"
#include "manager.h"
#include "provider.h"
#include "security.h"

int manager_new(struct manager **ret, const char *state_dir, const struct faxd_config *cfg)
{
	struct manager *m = calloc(1, sizeof(*m));
	char host[256];
	int r;

	if (!m)
		return -ENOMEM;
	m->cfg = *cfg;
	if (!cfg->server_name && gethostname(host, sizeof(host)) < 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	m->server_name = strdup(cfg->server_name ? cfg->server_name : host);
	m->state_dir = strdup(state_dir);
	if (!m->server_name || !m->state_dir ||
	    asprintf(&m->spool_dir, "%s/spool", state_dir) < 0) {
		r = -ENOMEM;
		goto fail;
	}
	if (mkdir(m->spool_dir, 0750) < 0 && errno != EEXIST) {
		r = log_error_errno(errno, "cannot create the spool directory %s: %m", m->spool_dir);
		goto fail;
	}
	r = store_open(state_dir, &m->store);
	if (r < 0)
		goto fail;
	*ret = m;
	return 0;
fail:
	manager_free(m);
	return r;
}

/* Routing extensions: nothing runs them yet (the receive path comes with
 * jobs), but their methods become usable on devices once loaded. */
static void load_routing(struct manager *m)
{
	m->routing = calloc(m->n_routing + 1, sizeof(*m->routing));
	if (!m->routing) {
		m->n_routing = 0;
		return;
	}
	for (size_t i = 0; i < m->n_routing; i++) {
		struct routing_ext *e = &m->routing[i];
		const char *image = m->routing_regs[i].image_name;

		e->reg = m->routing_regs[i];
		if (!strncmp(image, "builtin:", 8) || (image[0] == '/' && access(image, R_OK) == 0)) {
			e->status = FAX_PROVIDER_SUCCESS;
		} else {
			e->status = FAX_PROVIDER_CANT_LOAD;
			e->init_error = -ENOENT;
			log_warning("routing extension %s: cannot load '%s'", e->reg.unique_name, image);
		}
	}
}

int manager_start(struct manager *m)
{
	struct store_provider_reg *regs;
	size_t n;
	int r;

	r = security_load(m);
	if (r < 0)
		return log_error_errno(r, "cannot load the security descriptor: %m");
	r = store_routing_exts(m->store, &m->routing_regs, &m->n_routing);
	if (r < 0)
		return r;
	load_routing(m);
	r = store_provider_regs(m->store, &regs, &n);
	if (r < 0)
		return r;
	m->providers = calloc(n + 1, sizeof(*m->providers));
	if (!m->providers) {
		store_provider_regs_free(regs, n);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		r = provider_load(m, &regs[i], &m->providers[m->n_providers]);
		if (r < 0)
			break;
		m->n_providers++;
	}
	store_provider_regs_free(regs, n);
	if (r < 0)
		return r;
	return queue_start(m);
}

void manager_stop(struct manager *m)
{
	if (m->shutting_down)
		return;
	m->shutting_down = true;
	queue_stop(m);
	if (m->bus) {
		events_emit(m, FAX_SERVER_EV_SERVER_SHUTDOWN);
		sd_bus_flush(m->bus);
	}
}

void manager_free(struct manager *m)
{
	if (!m)
		return;
	queue_stop(m);
	for (size_t i = m->n_providers; i > 0; i--)
		provider_free(m->providers[i - 1]);
	free(m->providers);
	free(m->devices);
	free(m->routing);
	store_routing_exts_free(m->routing_regs, m->n_routing);
	events_free(m);
	callers_free(m);
	free(m->acl);
	store_close(m->store);
	free(m->server_name);
	free(m->state_dir);
	free(m->spool_dir);
	free(m);
}

struct device *manager_find_device(struct manager *m, uint32_t id)
{
	size_t lo = 0, hi = m->n_devices;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->devices[mid]->id == id)
			return m->devices[mid];
		if (m->devices[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int manager_add_device(struct manager *m, struct device *d)
{
	struct device **v;
	size_t i;

	if (manager_find_device(m, d->id))
		return -EEXIST;
	v = realloc(m->devices, (m->n_devices + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	m->devices = v;
	for (i = m->n_devices; i > 0 && v[i - 1]->id > d->id; i--)
		v[i] = v[i - 1];
	v[i] = d;
	m->n_devices++;
	return 0;
}

void manager_remove_device(struct manager *m, struct device *d)
{
	for (size_t i = 0; i < m->n_devices; i++)
		if (m->devices[i] == d) {
			memmove(&m->devices[i], &m->devices[i + 1],
				(m->n_devices - i - 1) * sizeof(*m->devices));
			m->n_devices--;
			return;
		}
}

bool manager_routing_method_known(struct manager *m, const char *guid)
{
	for (size_t i = 0; i < m->n_routing; i++) {
		if (m->routing[i].status != FAX_PROVIDER_SUCCESS)
			continue;
		for (size_t j = 0; j < m->routing[i].reg.n_methods; j++)
			if (!strcasecmp(m->routing[i].reg.methods[j].guid, guid))
				return true;
	}
	return false;
}
