// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/faxN: open, read, write and poll of a line's PCM streams. The FIFOs
 * hold linear samples; read() and write() convert to and from the line's
 * format through a per-file bounce buffer, because user copies may fault
 * and must not run under the line's spinlock.
 *
 * Locking: line->read_lock (write_lock) serialises readers (writers) so
 * their samples do not interleave; line->lock is held only around FIFO
 * accesses. A dead line (card removed) fails read/write with ENODEV and
 * polls as HUP|ERR; the open file keeps the line's memory until release.
 */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "faxcore.h"

#define FAX_BOUNCE_SAMPLES	1024

struct fax_file {
	struct fax_line *line;
	s16 pcm[FAX_BOUNCE_SAMPLES];
	u8 law[FAX_BOUNCE_SAMPLES];
};

dev_t fax_devt;
struct class fax_class = {
	.name = "fax",
};

static unsigned int fax_sample_bytes(u32 format)
{
	return format == FAX_FMT_S16LE ? 2 : 1;
}

static int fax_open(struct inode *inode, struct file *file)
{
	struct fax_line *line = container_of(inode->i_cdev, struct fax_line, cdev);
	struct fax_card *card = line->card;
	struct fax_file *ff;
	int ret;

	ff = kzalloc(sizeof(*ff), GFP_KERNEL);
	if (!ff)
		return -ENOMEM;
	get_device(&line->dev);
	mutex_lock(&card->lock);
	ret = card->live ? 0 : -ENODEV;
	if (!ret && card->ops->open)
		ret = card->ops->open(line);
	mutex_unlock(&card->lock);
	if (ret)
		goto err_put;
	ff->line = line;
	file->private_data = ff;
	return stream_open(inode, file);

err_put:
	put_device(&line->dev);
	kfree(ff);
	return ret;
}

static int fax_release(struct inode *inode, struct file *file)
{
	struct fax_file *ff = file->private_data;

	put_device(&ff->line->dev);
	kfree(ff);
	return 0;
}

/* Wait conditions; they take the spinlock briefly and never sleep. */
static bool fax_readable(struct fax_line *line)
{
	bool ret;

	spin_lock_bh(&line->lock);
	ret = line->dead ||
	      kfifo_len(&line->rx_fifo) >= fax_line_rx_wake(line);
	spin_unlock_bh(&line->lock);
	return ret;
}

static unsigned int fax_tx_room(struct fax_line *line)
{
	unsigned int depth = line->params.buffer_ms * (FAX_SAMPLE_RATE / 1000);
	unsigned int len = kfifo_len(&line->tx_fifo);

	return len < depth ? depth - len : 0;
}

static bool fax_writable(struct fax_line *line)
{
	bool ret;

	spin_lock_bh(&line->lock);
	ret = line->dead || fax_tx_room(line);
	spin_unlock_bh(&line->lock);
	return ret;
}

/* Take up to max samples; 0 with *format set when none; <0 when dead. */
static int fax_take_rx(struct fax_file *ff, unsigned int max, u32 *format)
{
	struct fax_line *line = ff->line;
	int n;

	spin_lock_bh(&line->lock);
	if (line->dead) {
		n = -ENODEV;
	} else {
		*format = line->params.format;
		n = kfifo_out(&line->rx_fifo, ff->pcm, max);
		if (kfifo_is_empty(&line->rx_fifo))
			line->overrun_reported = false;
	}
	spin_unlock_bh(&line->lock);
	return n;
}

static const void *fax_encode(struct fax_file *ff, unsigned int n, u32 format)
{
	unsigned int i;

	if (format == FAX_FMT_S16LE) {
		for (i = 0; i < n; i++)
			((__le16 *)ff->pcm)[i] = cpu_to_le16(ff->pcm[i]);
		return ff->pcm;
	}
	for (i = 0; i < n; i++)
		ff->law[i] = format == FAX_FMT_ALAW ?
			     fdsp_g711_alaw_encode(ff->pcm[i]) :
			     fdsp_g711_ulaw_encode(ff->pcm[i]);
	return ff->law;
}

static ssize_t fax_read_locked(struct fax_file *ff, char __user *buf,
			       size_t count, bool nonblock)
{
	struct fax_line *line = ff->line;
	bool wait = !nonblock;
	unsigned int width;
	u32 format;
	int n;

	for (;;) {
		/* The format may change; the size of a sample with it. */
		spin_lock_bh(&line->lock);
		width = fax_sample_bytes(line->params.format);
		spin_unlock_bh(&line->lock);
		if (count < width)
			return -EINVAL;
		/* A blocking reader waits for rx_wake_ms of audio first. */
		if (wait) {
			if (wait_event_interruptible(line->wait,
						     fax_readable(line)))
				return -ERESTARTSYS;
			wait = false;
			continue;
		}
		n = fax_take_rx(ff, min_t(size_t, count / width,
					  FAX_BOUNCE_SAMPLES), &format);
		if (n)
			break;
		if (nonblock)
			return -EAGAIN;
		wait = true;
	}
	if (n < 0)
		return n;
	width = fax_sample_bytes(format);
	if (copy_to_user(buf, fax_encode(ff, n, format), n * width))
		return -EFAULT;
	return n * width;
}

static ssize_t fax_read(struct file *file, char __user *buf, size_t count,
			loff_t *ppos)
{
	struct fax_file *ff = file->private_data;
	ssize_t ret;

	if (mutex_lock_interruptible(&ff->line->read_lock))
		return -ERESTARTSYS;
	ret = fax_read_locked(ff, buf, count, file->f_flags & O_NONBLOCK);
	mutex_unlock(&ff->line->read_lock);
	return ret;
}

static void fax_decode(struct fax_file *ff, unsigned int n, u32 format)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (format == FAX_FMT_S16LE)
			ff->pcm[i] = le16_to_cpu(((__le16 *)ff->pcm)[i]);
		else if (format == FAX_FMT_ALAW)
			ff->pcm[i] = fdsp_g711_alaw_decode(ff->law[i]);
		else
			ff->pcm[i] = fdsp_g711_ulaw_decode(ff->law[i]);
	}
}

/* Room in samples, 0 when full, <0 when dead; *format set when >0. */
static int fax_tx_reserve(struct fax_line *line, u32 *format)
{
	int room;

	spin_lock_bh(&line->lock);
	if (line->dead) {
		room = -ENODEV;
	} else {
		room = fax_tx_room(line);
		*format = line->params.format;
	}
	spin_unlock_bh(&line->lock);
	return room;
}

static ssize_t fax_write_locked(struct fax_file *ff, const char __user *buf,
				size_t count, bool nonblock)
{
	struct fax_line *line = ff->line;
	unsigned int width, n;
	u32 format = 0;
	int room;

	for (;;) {
		room = fax_tx_reserve(line, &format);
		if (room)
			break;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(line->wait, fax_writable(line)))
			return -ERESTARTSYS;
	}
	if (room < 0)
		return room;
	width = fax_sample_bytes(format);
	if (count < width)
		return -EINVAL;
	n = min3(count / width, (size_t)room, (size_t)FAX_BOUNCE_SAMPLES);
	if (copy_from_user(format == FAX_FMT_S16LE ? (void *)ff->pcm : ff->law,
			   buf, n * width))
		return -EFAULT;
	fax_decode(ff, n, format);

	/* Only writers add to the FIFO and they hold write_lock: room stays. */
	spin_lock_bh(&line->lock);
	if (line->dead) {
		n = 0;
	} else {
		kfifo_in(&line->tx_fifo, ff->pcm, n);
		line->tx_primed = true;
	}
	spin_unlock_bh(&line->lock);
	return n ? n * width : -ENODEV;
}

static ssize_t fax_write(struct file *file, const char __user *buf,
			 size_t count, loff_t *ppos)
{
	struct fax_file *ff = file->private_data;
	ssize_t ret;

	if (mutex_lock_interruptible(&ff->line->write_lock))
		return -ERESTARTSYS;
	ret = fax_write_locked(ff, buf, count, file->f_flags & O_NONBLOCK);
	mutex_unlock(&ff->line->write_lock);
	return ret;
}

static __poll_t fax_poll(struct file *file, poll_table *wait)
{
	struct fax_file *ff = file->private_data;
	struct fax_line *line = ff->line;
	__poll_t mask = 0;

	poll_wait(file, &line->wait, wait);
	spin_lock_bh(&line->lock);
	if (line->dead) {
		mask = EPOLLHUP | EPOLLERR;
	} else {
		if (kfifo_len(&line->rx_fifo) >= fax_line_rx_wake(line))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (fax_tx_room(line))
			mask |= EPOLLOUT | EPOLLWRNORM;
		if (line->ev_head != line->ev_read)
			mask |= EPOLLPRI;
	}
	spin_unlock_bh(&line->lock);
	return mask;
}

static long fax_unlocked_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	struct fax_file *ff = file->private_data;

	return fax_ioctl(ff->line, cmd, arg);
}

const struct file_operations fax_fops = {
	.owner = THIS_MODULE,
	.open = fax_open,
	.release = fax_release,
	.read = fax_read,
	.write = fax_write,
	.poll = fax_poll,
	.unlocked_ioctl = fax_unlocked_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

int fax_chardev_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&fax_devt, 0, FAX_MINORS, "fax");
	if (ret)
		return ret;
	ret = class_register(&fax_class);
	if (ret)
		goto err_region;
	return 0;

err_region:
	unregister_chrdev_region(fax_devt, FAX_MINORS);
	return ret;
}

void fax_chardev_exit(void)
{
	class_unregister(&fax_class);
	unregister_chrdev_region(fax_devt, FAX_MINORS);
}
