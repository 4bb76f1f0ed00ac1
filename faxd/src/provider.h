/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Device providers (the model's FSPs): where devices come from. A provider
 * is built in ("builtin:loopback", "builtin:kernel") or a shared object
 * exporting FAXD_PROVIDER_SYMBOL, a pointer to its struct provider_ops.
 * Registrations are read at start only, so (un)registering takes effect
 * after a restart. A provider that fails to load stays listed with the
 * model's status (cant-load, cant-link, bad-version, cant-init) and the
 * negative errno in InitErrorCode.
 *
 * The seam towards jobs (next issue): a provider gives devices; a device
 * will be handed to a job that then drives its line.
 */
#ifndef FAXD_PROVIDER_H
#define FAXD_PROVIDER_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

struct manager;
struct provider;
struct device;

#define FAXD_PROVIDER_ABI 1
#define FAXD_PROVIDER_SYMBOL "faxd_provider_ops"

/**
 * struct provider_ops - what a provider implements.
 * @abi:      FAXD_PROVIDER_ABI.
 * @version:  major, minor, major build, minor build of the provider.
 * @start:    find the devices (provider_add_device()) and watch for more;
 *            a negative errno makes the provider cant-init.
 * @stop:     release everything; devices are removed by the caller.
 * @answer:   answer the call ringing on @d (optional).
 * @test_dial, @test_hangup: drive a line from the Test interface (optional).
 * @line:     the libfax line of @d for a fax call (optional: without it
 *            the device neither sends nor receives). While d->call is set
 *            the provider passes the line's wake-ups to call_process().
 */
struct provider_ops {
	uint32_t abi;
	uint32_t version[4];
	int (*start)(struct provider *p);
	void (*stop)(struct provider *p);
	int (*answer)(struct provider *p, struct device *d);
	int (*test_dial)(struct provider *p, struct device *d, const char *number);
	int (*test_hangup)(struct provider *p, struct device *d);
	struct fax_line *(*line)(struct provider *p, struct device *d);
};

struct provider {
	struct manager *m;
	struct store_provider_reg reg;
	char *path;			/* bus object path */
	const struct provider_ops *ops;	/* NULL unless loaded */
	uint32_t status;		/* enum fax_provider_status */
	int32_t init_error;		/* negative errno */
	bool debug;
	void *dl;
	void *priv;
};

extern const struct provider_ops provider_loopback_ops;
extern const struct provider_ops provider_kernel_ops;

/* provider_load() - make a provider object for @reg and start it; the
 * object exists even when loading failed (see its status). */
int provider_load(struct manager *m, const struct store_provider_reg *reg, struct provider **ret);
void provider_free(struct provider *p);

/* For providers: announce and withdraw devices. @key identifies the device
 * within the provider across restarts (its id is kept for it). */
int provider_add_device(struct provider *p, const char *key, const char *name, void *priv,
			struct device **ret);
void provider_remove_device(struct provider *p, struct device *d);

/* provider_name_valid() - 1..128 of [A-Za-z0-9._{}-]. */
bool provider_name_valid(const char *s);

#endif /* FAXD_PROVIDER_H */
