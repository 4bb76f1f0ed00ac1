// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debugfs of fax_sim (test knobs, no stable ABI), in /sys/kernel/debug/fax_sim/:
 *   clock_mult	periods processed per millisecond of real time (1..100)
 *   stall_clock	while 1 the clock processes nothing (time stands still)
 *   periods, lost_periods	periods processed, periods skipped
 *   tick_ns, tick_lines	ns spent in fax_card_tick and line-ticks done
 *   fax_simN/drop_chunks	while 1 the card is not ticked
 *   fax_simN/fail_open	while 1 opening its lines fails with EIO
 *
 * Locking: the values are read and written without a lock as single
 * words (the clock reads them under fax_sim_lock); the counters are only
 * written by the clock.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>

#include "sim.h"

struct dentry *fax_sim_debugfs;
u32 fax_sim_clock_mult = 1;
bool fax_sim_stall_clock;
u64 fax_sim_tick_ns;
u64 fax_sim_tick_lines;
u64 fax_sim_periods;
u64 fax_sim_lost_periods;

static int fax_sim_mult_get(void *data, u64 *val)
{
	*val = READ_ONCE(fax_sim_clock_mult);
	return 0;
}

static int fax_sim_mult_set(void *data, u64 val)
{
	if (val < 1 || val > 100)
		return -EINVAL;
	WRITE_ONCE(fax_sim_clock_mult, val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(fax_sim_mult_fops, fax_sim_mult_get,
			 fax_sim_mult_set, "%llu\n");

static int fax_sim_mult_param_set(const char *val, const struct kernel_param *kp)
{
	u32 mult;
	int ret = kstrtou32(val, 0, &mult);

	if (ret)
		return ret;
	return fax_sim_mult_set(NULL, mult);
}

static const struct kernel_param_ops fax_sim_mult_param_ops = {
	.set = fax_sim_mult_param_set,
	.get = param_get_uint,
};

module_param_cb(clock_mult, &fax_sim_mult_param_ops, &fax_sim_clock_mult, 0444);
MODULE_PARM_DESC(clock_mult, "Simulated milliseconds per real millisecond (1..100)");

void fax_sim_debugfs_init(void)
{
	struct dentry *d = debugfs_create_dir("fax_sim", NULL);

	fax_sim_debugfs = d;
	debugfs_create_file_unsafe("clock_mult", 0600, d, NULL,
				   &fax_sim_mult_fops);
	debugfs_create_bool("stall_clock", 0600, d, &fax_sim_stall_clock);
	debugfs_create_u64("periods", 0400, d, &fax_sim_periods);
	debugfs_create_u64("lost_periods", 0400, d, &fax_sim_lost_periods);
	debugfs_create_u64("tick_ns", 0400, d, &fax_sim_tick_ns);
	debugfs_create_u64("tick_lines", 0400, d, &fax_sim_tick_lines);
}

void fax_sim_debugfs_exit(void)
{
	debugfs_remove_recursive(fax_sim_debugfs);
}

void fax_sim_debugfs_dev_add(struct fax_sim_dev *sdev)
{
	sdev->ddir = debugfs_create_dir(dev_name(&sdev->dev), fax_sim_debugfs);
	debugfs_create_bool("drop_chunks", 0600, sdev->ddir, &sdev->drop_chunks);
	debugfs_create_bool("fail_open", 0600, sdev->ddir, &sdev->fail_open);
}

void fax_sim_debugfs_dev_del(struct fax_sim_dev *sdev)
{
	debugfs_remove_recursive(sdev->ddir);
}
