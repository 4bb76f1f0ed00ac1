// SPDX-License-Identifier: GPL-2.0-only
/*
 * fax_sim's bus: /sys/bus/fax_sim/new_device ("ID NLINES") creates a
 * simulated card with NLINES lines registered with faxcore;
 * /sys/bus/fax_sim/del_device ("ID") removes it. Module init and exit.
 *
 * Locking: fax_sim_devs_lock (mutex) protects fax_sim_devs, the id
 * allocator and fax_sim_enabled, which keeps new_device from racing with
 * module exit. The device's memory is freed by its release, after
 * faxcore has stopped calling the card's ops.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "compat.h"
#include "sim.h"

static DEFINE_MUTEX(fax_sim_devs_lock);	/* see the top of this file */
static LIST_HEAD(fax_sim_devs);
static DEFINE_IDA(fax_sim_ida);
static bool fax_sim_enabled;

#define FAX_SIM_ID_MAX	BIT(20)

static fax_bus_type fax_sim_bus;

static void fax_sim_dev_release(struct device *dev)
{
	struct fax_sim_dev *sdev = container_of(dev, struct fax_sim_dev, dev);

	kfree(sdev->rx);
	kfree(sdev->tx);
	kfree(sdev);
}

static struct fax_sim_dev *fax_sim_dev_alloc(u32 id, unsigned int nlines)
{
	struct fax_sim_dev *sdev;

	sdev = kzalloc(struct_size(sdev, lines, nlines), GFP_KERNEL);
	if (!sdev)
		return NULL;
	sdev->rx = kcalloc(nlines * FAX_SIM_PERIOD, sizeof(s16), GFP_KERNEL);
	sdev->tx = kcalloc(nlines * FAX_SIM_PERIOD, sizeof(s16), GFP_KERNEL);
	sdev->id = id;
	sdev->nlines = nlines;
	INIT_LIST_HEAD(&sdev->running);
	device_initialize(&sdev->dev);
	sdev->dev.bus = &fax_sim_bus;
	sdev->dev.release = fax_sim_dev_release;
	if (!sdev->rx || !sdev->tx || dev_set_name(&sdev->dev, "fax_sim%u", id)) {
		put_device(&sdev->dev);
		return NULL;
	}
	return sdev;
}

static int fax_sim_card_create(struct fax_sim_dev *sdev)
{
	const struct fax_card_info info = {
		.driver = "fax_sim",
		.ops = &fax_sim_card_ops,
		.format = FAX_CARD_S16,
		.nlines = sdev->nlines,
		.caps = FAX_CAP_DIAL | FAX_CAP_ANSWER | FAX_CAP_LINE_MODEL,
		.priv_size = sizeof(sdev),
	};
	unsigned int i;
	int ret;

	sdev->card = fax_card_alloc(&sdev->dev, &info);
	if (IS_ERR(sdev->card))
		return PTR_ERR(sdev->card);
	*(struct fax_sim_dev **)fax_card_priv(sdev->card) = sdev;
	for (i = 0; i < sdev->nlines; i++) {
		fax_sim_line_init(sdev, i);
		ret = fax_line_set_number(sdev->lines[i].line,
					  sdev->lines[i].number);
		if (ret)
			goto err_put;
	}
	ret = fax_card_register(sdev->card);
	if (ret)
		goto err_put;
	return 0;

err_put:
	fax_card_put(sdev->card);
	return ret;
}

static int fax_sim_dev_new(u32 id, unsigned int nlines)
{
	struct fax_sim_dev *sdev;
	int ret;

	ret = ida_alloc_range(&fax_sim_ida, id, id, GFP_KERNEL);
	if (ret < 0)
		return ret == -ENOSPC ? -EEXIST : ret;
	sdev = fax_sim_dev_alloc(id, nlines);
	ret = -ENOMEM;
	if (!sdev)
		goto err_ida;
	ret = device_add(&sdev->dev);
	if (ret)
		goto err_put;
	ret = fax_sim_card_create(sdev);
	if (ret)
		goto err_del;
	fax_sim_debugfs_dev_add(sdev);
	list_add_tail(&sdev->node, &fax_sim_devs);
	return 0;

err_del:
	device_del(&sdev->dev);
err_put:
	put_device(&sdev->dev);
err_ida:
	ida_free(&fax_sim_ida, id);
	return ret;
}

static void fax_sim_dev_del(struct fax_sim_dev *sdev)
{
	u32 id = sdev->id;

	list_del(&sdev->node);
	fax_sim_debugfs_dev_del(sdev);
	fax_card_unregister(sdev->card);
	fax_card_put(sdev->card);
	device_unregister(&sdev->dev);
	ida_free(&fax_sim_ida, id);
}

static ssize_t new_device_store(fax_bus_type *bus, const char *buf,
				size_t count)
{
	unsigned int id, nlines;
	int ret;

	if (sscanf(buf, "%u %u", &id, &nlines) != 2)
		return -EINVAL;
	if (id >= FAX_SIM_ID_MAX || !nlines || nlines > FAX_MAX_LINES_PER_CARD)
		return -EINVAL;
	mutex_lock(&fax_sim_devs_lock);
	ret = fax_sim_enabled ? fax_sim_dev_new(id, nlines) : -EBUSY;
	mutex_unlock(&fax_sim_devs_lock);
	return ret ? ret : count;
}
static BUS_ATTR_WO(new_device);

static ssize_t del_device_store(fax_bus_type *bus, const char *buf,
				size_t count)
{
	struct fax_sim_dev *sdev;
	unsigned int id;
	int ret = -ENOENT;

	if (kstrtouint(buf, 0, &id))
		return -EINVAL;
	mutex_lock(&fax_sim_devs_lock);
	list_for_each_entry(sdev, &fax_sim_devs, node) {
		if (sdev->id == id) {
			fax_sim_dev_del(sdev);
			ret = 0;
			break;
		}
	}
	mutex_unlock(&fax_sim_devs_lock);
	return ret ? ret : count;
}
static BUS_ATTR_WO(del_device);

static struct attribute *fax_sim_bus_attrs[] = {
	&bus_attr_new_device.attr,
	&bus_attr_del_device.attr,
	NULL,
};
ATTRIBUTE_GROUPS(fax_sim_bus);

static fax_bus_type fax_sim_bus = {
	.name = "fax_sim",
	.bus_groups = fax_sim_bus_groups,
};

static int __init fax_sim_init(void)
{
	int ret;

	fax_sim_debugfs_init();
	ret = fax_sim_exchange_init();
	if (ret)
		goto err_debugfs;
	ret = bus_register(&fax_sim_bus);
	if (ret)
		goto err_exchange;
	mutex_lock(&fax_sim_devs_lock);
	fax_sim_enabled = true;
	mutex_unlock(&fax_sim_devs_lock);
	return 0;

err_exchange:
	fax_sim_exchange_exit();
err_debugfs:
	fax_sim_debugfs_exit();
	return ret;
}

static void __exit fax_sim_exit(void)
{
	struct fax_sim_dev *sdev, *tmp;

	mutex_lock(&fax_sim_devs_lock);
	fax_sim_enabled = false;
	list_for_each_entry_safe(sdev, tmp, &fax_sim_devs, node)
		fax_sim_dev_del(sdev);
	mutex_unlock(&fax_sim_devs_lock);
	bus_unregister(&fax_sim_bus);
	fax_sim_exchange_exit();
	fax_sim_debugfs_exit();
}

module_init(fax_sim_init);
module_exit(fax_sim_exit);

MODULE_DESCRIPTION("Simulated fax card and telephone network for faxcore");
MODULE_AUTHOR("The faxserver developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(FAX_VERSION);
