// SPDX-License-Identifier: GPL-2.0-only
/*
 * faxcore: the card and line registry of the fax server, its /dev/faxN
 * character devices and its "fax" generic netlink family.
 *
 * Module init sets up, in order, everything a card driver may need before
 * the first card registers; exit tears it down in reverse. No card can
 * exist at exit: card drivers use faxcore's symbols, so they are unloaded
 * first, and open files pin the module through fax_fops.owner.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include "faxcore.h"

static int __init faxcore_init(void)
{
	int ret;

	ret = fax_chardev_init();
	if (ret)
		return ret;
	ret = fax_nl_init();
	if (ret)
		goto err_chardev;
	pr_info("version %s loaded\n", FAX_VERSION);
	return 0;

err_chardev:
	fax_chardev_exit();
	return ret;
}

static void __exit faxcore_exit(void)
{
	fax_nl_exit();
	fax_chardev_exit();
	pr_info("unloaded\n");
}

module_init(faxcore_init);
module_exit(faxcore_exit);

MODULE_DESCRIPTION("Fax line core: card registry, /dev/faxN and the fax netlink family");
MODULE_AUTHOR("The faxserver developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(FAX_VERSION);
