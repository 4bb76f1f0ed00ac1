// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctls of /dev/faxN, dispatched through one table. Every structure
 * starts with its size: the argument is copied in with
 * copy_struct_from_user() semantics (shorter than the minimum: EINVAL;
 * longer with non-zero bytes the kernel does not know: E2BIG), and copied
 * out up to the caller's size, which is set to the bytes written.
 *
 * Locking: none of its own; the handlers use the line's operations
 * (line.c), which take card->lock and line->lock as needed.
 */
#include <linux/fs.h>
#include <linux/stddef.h>
#include <linux/uaccess.h>

#include "faxcore.h"

union fax_ioctl_arg {
	u32 size;
	struct fax_info info;
	struct fax_params params;
	struct fax_stats stats;
	struct fax_dial dial;
	struct fax_hook hook;
	struct fax_event event;
};

static bool fax_line_is_dead(struct fax_line *line)
{
	bool dead;

	spin_lock_bh(&line->lock);
	dead = line->dead;
	spin_unlock_bh(&line->lock);
	return dead;
}

static int fax_ioc_get_info(struct fax_line *line, union fax_ioctl_arg *a)
{
	fax_line_fill_info(line, &a->info);
	return 0;
}

static int fax_ioc_hook(struct fax_line *line, union fax_ioctl_arg *a)
{
	if (a->hook.flags || a->hook.reserved || a->hook.offhook > 1)
		return -EINVAL;
	return fax_line_hook(line, a->hook.offhook);
}

static int fax_ioc_dial(struct fax_line *line, union fax_ioctl_arg *a)
{
	if (a->dial.flags)
		return -EINVAL;
	return fax_line_dial(line, a->dial.digits);
}

static int fax_ioc_answer(struct fax_line *line, union fax_ioctl_arg *a)
{
	return fax_line_answer(line);
}

static int fax_ioc_hangup(struct fax_line *line, union fax_ioctl_arg *a)
{
	return fax_line_hook(line, false);
}

static int fax_ioc_get_params(struct fax_line *line, union fax_ioctl_arg *a)
{
	spin_lock_bh(&line->lock);
	a->params = line->params;
	spin_unlock_bh(&line->lock);
	return 0;
}

static int fax_ioc_set_params(struct fax_line *line, union fax_ioctl_arg *a)
{
	return fax_line_set_params(line, &a->params);
}

static int fax_ioc_get_stats(struct fax_line *line, union fax_ioctl_arg *a)
{
	spin_lock_bh(&line->lock);
	a->stats = line->stats;
	spin_unlock_bh(&line->lock);
	return 0;
}

static int fax_ioc_get_event(struct fax_line *line, union fax_ioctl_arg *a)
{
	int ret = -EAGAIN;

	spin_lock_bh(&line->lock);
	if (line->ev_read != line->ev_head) {
		a->event = line->events[line->ev_read++ % FAX_EVENTS];
		ret = 0;
	}
	spin_unlock_bh(&line->lock);
	return ret;
}

enum {
	FAX_IOC_IN = 1,		/* the kernel reads the structure */
	FAX_IOC_OUT = 2,	/* the kernel writes it back */
	FAX_IOC_FIXED = 4,	/* no size field: exactly _IOC_SIZE bytes */
};

struct fax_ioctl_op {
	unsigned int cmd;
	unsigned int flags;
	size_t size;		/* the kernel's structure, 0 for none */
	size_t min_size;	/* the oldest caller's structure */
	int (*fn)(struct fax_line *line, union fax_ioctl_arg *a);
};

#define FAX_IOCTL(_cmd, _fn, _flags, _type, _last)			\
	{ .cmd = _cmd, .fn = _fn, .flags = _flags,			\
	  .size = sizeof(_type), .min_size = offsetofend(_type, _last) }
#define FAX_IOCTL_NOARG(_cmd, _fn)	{ .cmd = _cmd, .fn = _fn }

static const struct fax_ioctl_op fax_ioctl_ops[] = {
	FAX_IOCTL(FAX_IOC_GET_INFO, fax_ioc_get_info, FAX_IOC_OUT,
		  struct fax_info, driver),
	FAX_IOCTL(FAX_IOC_HOOK, fax_ioc_hook, FAX_IOC_IN,
		  struct fax_hook, reserved),
	FAX_IOCTL(FAX_IOC_DIAL, fax_ioc_dial, FAX_IOC_IN,
		  struct fax_dial, digits),
	FAX_IOCTL_NOARG(FAX_IOC_ANSWER, fax_ioc_answer),
	FAX_IOCTL_NOARG(FAX_IOC_HANGUP, fax_ioc_hangup),
	FAX_IOCTL(FAX_IOC_GET_PARAMS, fax_ioc_get_params, FAX_IOC_OUT,
		  struct fax_params, reserved),
	FAX_IOCTL(FAX_IOC_SET_PARAMS, fax_ioc_set_params, FAX_IOC_IN,
		  struct fax_params, reserved),
	FAX_IOCTL(FAX_IOC_GET_STATS, fax_ioc_get_stats, FAX_IOC_OUT,
		  struct fax_stats, events_lost),
	FAX_IOCTL(FAX_IOC_GET_EVENT, fax_ioc_get_event,
		  FAX_IOC_OUT | FAX_IOC_FIXED, struct fax_event, reserved),
};

/*
 * A structure that grows changes its _IOC_SIZE, so a program built against
 * an older header sends another command number: sized structures match on
 * direction, type and number, and their size field tells the version.
 */
static bool fax_ioctl_match(const struct fax_ioctl_op *op, unsigned int cmd)
{
	if (!op->size || (op->flags & FAX_IOC_FIXED))
		return op->cmd == cmd;
	return (op->cmd & ~IOCSIZE_MASK) == (cmd & ~IOCSIZE_MASK);
}

static const struct fax_ioctl_op *fax_ioctl_find(unsigned int cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fax_ioctl_ops); i++)
		if (fax_ioctl_match(&fax_ioctl_ops[i], cmd))
			return &fax_ioctl_ops[i];
	return NULL;
}

/* Fetch the caller's structure; *usize is the size it declared. */
static int fax_ioctl_copy_in(const struct fax_ioctl_op *op,
			     union fax_ioctl_arg *a, void __user *uarg,
			     u32 *usize)
{
	if (op->flags & FAX_IOC_FIXED) {
		*usize = op->size;
		return 0;
	}
	if (get_user(*usize, (u32 __user *)uarg))
		return -EFAULT;
	if (*usize < op->min_size)
		return -EINVAL;
	if (!(op->flags & FAX_IOC_IN))
		return 0;
	return copy_struct_from_user(a, op->size, uarg, *usize);
}

long fax_ioctl(struct fax_line *line, unsigned int cmd, unsigned long arg)
{
	const struct fax_ioctl_op *op = fax_ioctl_find(cmd);
	void __user *uarg = (void __user *)arg;
	union fax_ioctl_arg a;
	u32 usize;
	int ret;

	if (!op)
		return -ENOTTY;
	if (fax_line_is_dead(line))
		return -ENODEV;
	memset(&a, 0, sizeof(a));
	if (!op->size) {
		if (arg)
			return -EINVAL;
		return op->fn(line, &a);
	}
	ret = fax_ioctl_copy_in(op, &a, uarg, &usize);
	if (ret)
		return ret;
	ret = op->fn(line, &a);
	if (ret || !(op->flags & FAX_IOC_OUT))
		return ret;
	usize = min_t(u32, usize, op->size);
	if (!(op->flags & FAX_IOC_FIXED))
		a.size = usize;
	if (copy_to_user(uarg, &a, usize))
		return -EFAULT;
	return 0;
}
