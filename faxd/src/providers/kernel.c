// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel provider: /dev/faxN lines of faxcore.ko, with hotplug from
 * the "fax" generic netlink family. Its line backend is not written yet
 * (it waits for the kernel uAPI to be final); until then the provider
 * reports cant-init with -EOPNOTSUPP, or -ENODEV when no fax device
 * node exists at all, so an administrator sees why it has no devices.
 */
#include <errno.h>
#include <glob.h>

#include "../log.h"
#include "../provider.h"

static int kernel_start(struct provider *p)
{
	glob_t g;
	int found;

	found = glob("/dev/fax[0-9]*", 0, NULL, &g) == 0;
	globfree(&g);
	if (!found)
		return log_warning_errno(ENODEV, "provider %s: no /dev/faxN lines (is faxcore loaded?)",
					 p->reg.unique_name);
	return log_warning_errno(EOPNOTSUPP, "provider %s: /dev/faxN lines exist but the kernel line backend is not built yet",
				 p->reg.unique_name);
}

static void kernel_stop(struct provider *p)
{
	(void)p;
}

const struct provider_ops provider_kernel_ops = {
	.abi = FAXD_PROVIDER_ABI,
	.version = { 0, 1, 0, 0 },
	.start = kernel_start,
	.stop = kernel_stop,
};
