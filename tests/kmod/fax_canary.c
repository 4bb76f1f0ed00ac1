// SPDX-License-Identifier: GPL-2.0-only
/*
 * fax_canary: a test-only module that misbehaves on request, so that the
 * test bed can prove it notices a kernel warning in the guest. Loading it
 * with warn=1 raises a WARN() from module init; with the guest booted with
 * panic_on_warn=1 that ends the guest, and tools/vmtest must report it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>

static bool warn;
module_param(warn, bool, 0444);
MODULE_PARM_DESC(warn, "Raise a kernel warning when loaded (tests the test bed)");

static int __init fax_canary_init(void)
{
	WARN(warn, "fax_canary: warning requested by the test bed\n");
	pr_info("loaded\n");
	return 0;
}

static void __exit fax_canary_exit(void)
{
}

module_init(fax_canary_init);
module_exit(fax_canary_exit);

MODULE_DESCRIPTION("Test-only module that raises a kernel warning on request");
MODULE_LICENSE("GPL");
