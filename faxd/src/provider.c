// SPDX-License-Identifier: GPL-2.0-or-later
/* Loading device providers and their devices; see provider.h. */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-bus.h>

#include "device.h"
#include "events.h"
#include "log.h"
#include "manager.h"
#include "provider.h"

bool provider_name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 128)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._{}-") == n;
}

static int copy_reg(struct store_provider_reg *dst, const struct store_provider_reg *src)
{
	*dst = (struct store_provider_reg) {
		.unique_name = strdup(src->unique_name),
		.friendly_name = strdup(src->friendly_name),
		.image_name = strdup(src->image_name),
		.tsp_name = strdup(src->tsp_name),
		.api_version = src->api_version,
	};
	if (!dst->unique_name || !dst->friendly_name || !dst->image_name || !dst->tsp_name)
		return -ENOMEM;
	return 0;
}

/* Find the ops: built in, or from a shared object. Sets status on failure. */
static void resolve(struct provider *p)
{
	const char *image = p->reg.image_name;
	const struct provider_ops *ops;

	if (p->reg.api_version != FAX_PROVIDER_API_VERSION) {
		p->status = FAX_PROVIDER_BAD_VERSION;
		p->init_error = -EPROTONOSUPPORT;
		return;
	}
	if (!strcmp(image, "builtin:loopback")) {
		p->ops = &provider_loopback_ops;
		return;
	}
	if (!strcmp(image, "builtin:kernel")) {
		p->ops = &provider_kernel_ops;
		return;
	}
	if (image[0] != '/') {
		log_warning("provider %s: image '%s' is neither builtin:NAME nor an absolute path",
			    p->reg.unique_name, image);
		p->status = FAX_PROVIDER_CANT_LOAD;
		p->init_error = -EINVAL;
		return;
	}
	p->dl = dlopen(image, RTLD_NOW | RTLD_LOCAL);
	if (!p->dl) {
		log_warning("provider %s: cannot load %s: %s", p->reg.unique_name, image, dlerror());
		p->status = FAX_PROVIDER_CANT_LOAD;
		p->init_error = -ENOENT;
		return;
	}
	ops = dlsym(p->dl, FAXD_PROVIDER_SYMBOL);
	if (!ops) {
		log_warning("provider %s: %s exports no %s", p->reg.unique_name, image,
			    FAXD_PROVIDER_SYMBOL);
		p->status = FAX_PROVIDER_CANT_LINK;
		p->init_error = -ENOENT;
		return;
	}
	if (ops->abi != FAXD_PROVIDER_ABI || !ops->start || !ops->stop) {
		p->status = FAX_PROVIDER_BAD_VERSION;
		p->init_error = -EPROTONOSUPPORT;
		return;
	}
	p->ops = ops;
}

int provider_load(struct manager *m, const struct store_provider_reg *reg, struct provider **ret)
{
	struct provider *p = calloc(1, sizeof(*p));
	int r;

	if (!p)
		return -ENOMEM;
	p->m = m;
#ifdef __SANITIZE_ADDRESS__
	p->debug = true;
#endif
	r = copy_reg(&p->reg, reg);
	if (r >= 0)
		r = sd_bus_path_encode(FAX_BUS_PATH_PROVIDER, reg->unique_name, &p->path);
	if (r < 0) {
		provider_free(p);
		return -ENOMEM;
	}
	resolve(p);
	if (p->ops) {
		r = p->ops->start(p);
		if (r < 0) {
			log_warning_errno(r, "provider %s: cannot start: %m", reg->unique_name);
			p->status = FAX_PROVIDER_CANT_INIT;
			p->init_error = r;
			p->ops->stop(p);
			p->ops = NULL;
		}
	}
	if (p->status == FAX_PROVIDER_SUCCESS)
		log_info("provider %s (%s) loaded", reg->unique_name, reg->image_name);
	*ret = p;
	return 0;
}

void provider_free(struct provider *p)
{
	if (!p)
		return;
	if (p->ops)
		p->ops->stop(p);
	/* Devices the provider left behind go with it. */
	for (size_t i = p->m->n_devices; i > 0; i--) {
		struct device *d = p->m->devices[i - 1];

		if (d->provider == p) {
			manager_remove_device(p->m, d);
			device_free(d);
		}
	}
	if (p->dl)
		dlclose(p->dl);
	free(p->reg.unique_name);
	free(p->reg.friendly_name);
	free(p->reg.image_name);
	free(p->reg.tsp_name);
	free(p->path);
	free(p);
}

int provider_add_device(struct provider *p, const char *key, const char *name, void *priv,
			struct device **ret)
{
	struct device *d;
	int r;

	r = device_new(p->m, p, key, name, &d);
	if (r < 0)
		return log_error_errno(r, "provider %s: cannot add device %s: %m",
				       p->reg.unique_name, name);
	d->priv = priv;
	r = manager_add_device(p->m, d);
	if (r < 0) {
		device_free(d);
		return r;
	}
	log_info("device %u: %s from provider %s", d->id, name, p->reg.unique_name);
	events_emit(p->m, FAX_SERVER_EV_DEVICES_CONFIG_CHANGE);
	if (ret)
		*ret = d;
	return 0;
}

void provider_remove_device(struct provider *p, struct device *d)
{
	log_info("device %u: %s removed by provider %s", d->id, d->name, p->reg.unique_name);
	manager_remove_device(p->m, d);
	events_emit(p->m, FAX_SERVER_EV_DEVICES_CONFIG_CHANGE);
	device_free(d);
}
