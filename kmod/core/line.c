// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lines: creation and teardown of a line's device, its call state machine,
 * its event ring, and the control operations shared by the ioctls and
 * netlink (hook, dial, answer, parameters, line model).
 *
 * Locking (see faxcore.h): line->lock (BH-safe spinlock) covers the line's
 * state, parameters, FIFOs, dialler and event ring; card->lock (mutex)
 * covers card->live and every call into card->ops. Order: card->lock,
 * then line->lock. Control operations take card->lock first, so a card
 * driver that is being removed is never called.
 */
#include <linux/export.h>
#include <linux/idr.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "faxcore.h"

static DEFINE_IDA(fax_minor_ida);

static void fax_line_release(struct device *dev)
{
	struct fax_line *line = container_of(dev, struct fax_line, dev);

	fax_dsp_line_free(line);
	kfifo_free(&line->rx_fifo);
	kfifo_free(&line->tx_fifo);
	fax_card_put_ref(line->card);
	kfree(line);
}

static void fax_line_default_params(struct fax_line *line)
{
	line->params.size = sizeof(line->params);
	line->params.format = FAX_FMT_S16LE;
	line->params.buffer_ms = FAX_BUFFER_DEFAULT_MS;
	line->params.dsp = FAX_DSP_DEFAULT;
	line->params.ec_tail_ms = FAX_EC_TAIL_DEFAULT_MS;
	line->rx_gain_q14 = fax_gain_q14(0);
	line->tx_gain_q14 = fax_gain_q14(0);
}

/* A line with its device initialised but not yet visible. */
struct fax_line *fax_line_create(struct fax_card *card, unsigned int index)
{
	struct fax_line *line;

	line = kzalloc(sizeof(*line), GFP_KERNEL);
	if (!line)
		return NULL;
	if (kfifo_alloc(&line->rx_fifo, FAX_FIFO_SAMPLES, GFP_KERNEL))
		goto err_free;
	if (kfifo_alloc(&line->tx_fifo, FAX_FIFO_SAMPLES, GFP_KERNEL))
		goto err_rx_fifo;
	fax_line_default_params(line);
	if (fax_dsp_line_init(line))
		goto err_tx_fifo;

	line->card = card;
	line->index = index;
	spin_lock_init(&line->lock);
	init_waitqueue_head(&line->wait);
	mutex_init(&line->read_lock);
	mutex_init(&line->write_lock);
	INIT_WORK(&line->ntf_work, fax_nl_line_events);

	/* From here on only put_device() frees the line. */
	fax_card_get_ref(card);
	device_initialize(&line->dev);
	line->dev.class = &fax_class;
	line->dev.parent = card->parent;
	line->dev.release = fax_line_release;
	cdev_init(&line->cdev, &fax_fops);
	line->cdev.owner = THIS_MODULE;
	return line;

err_tx_fifo:
	kfifo_free(&line->tx_fifo);
err_rx_fifo:
	kfifo_free(&line->rx_fifo);
err_free:
	kfree(line);
	return NULL;
}

/* Give the line a minor and make /dev/faxN appear. */
int fax_line_add(struct fax_line *line)
{
	int minor, ret;

	minor = ida_alloc_max(&fax_minor_ida, FAX_MINORS - 1, GFP_KERNEL);
	if (minor < 0)
		return minor;
	line->minor = minor;
	line->dev.devt = MKDEV(MAJOR(fax_devt), minor);
	ret = dev_set_name(&line->dev, "fax%d", minor);
	if (ret)
		goto err_minor;
	ret = cdev_device_add(&line->cdev, &line->dev);
	if (ret)
		goto err_minor;
	return 0;

err_minor:
	ida_free(&fax_minor_ida, minor);
	return ret;
}

/*
 * Make the line dead for open files (reads fail with ENODEV, poll says
 * HUP, sleepers wake) and remove /dev/faxN. The memory stays until the
 * last reference goes.
 */
void fax_line_kill(struct fax_line *line)
{
	spin_lock_bh(&line->lock);
	line->dead = true;
	spin_unlock_bh(&line->lock);
	wake_up_all(&line->wait);
	cdev_device_del(&line->cdev, &line->dev);
	/* Listeners still get what happened before the line went. */
	flush_work(&line->ntf_work);
	ida_free(&fax_minor_ida, line->minor);
}

/*
 * Queue an event for FAX_IOC_GET_EVENT and netlink, dated rx_pos in the
 * read() stream and timestamp_ns. line->lock held; never allocates.
 */
void fax_line_queue_event_at(struct fax_line *line, u32 type, u32 value,
			     u64 rx_pos, u64 timestamp_ns)
{
	u32 seq = line->ev_head++;
	struct fax_event *ev = &line->events[seq % FAX_EVENTS];

	/* A full ring drops its oldest event for that consumer. */
	if (seq - line->ev_read >= FAX_EVENTS) {
		line->ev_read++;
		line->stats.events_lost++;
	}
	if (seq - line->ev_ntf >= FAX_EVENTS)
		line->ev_ntf++;
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->value = value;
	ev->timestamp_ns = timestamp_ns;
	ev->rx_pos = rx_pos;
	ev->seq = seq;
	line->stats.events++;
	wake_up_interruptible(&line->wait);
	schedule_work(&line->ntf_work);
}

/* An event happening now. line->lock held. */
void fax_line_queue_event(struct fax_line *line, u32 type, u32 value)
{
	fax_line_queue_event_at(line, type, value, line->stats.rx_samples,
				ktime_get_ns());
}

/* The state a network signal puts the line in. line->lock held. */
static void fax_line_apply_signal(struct fax_line *line, u32 type)
{
	switch (type) {
	case FAX_EV_RING_START:
		if (line->state == FAX_STATE_IDLE)
			line->state = FAX_STATE_RINGING;
		break;
	case FAX_EV_ANSWERED:
		line->state = FAX_STATE_CONNECTED;
		break;
	case FAX_EV_REMOTE_HANGUP:
		line->state = line->offhook ? FAX_STATE_DISCONNECTED :
			      FAX_STATE_IDLE;
		line->dialing = false;
		if (!line->offhook)
			line->caller[0] = '\0';	/* the caller gave up */
		break;
	case FAX_EV_DIALTONE:
		if (line->offhook)
			line->state = FAX_STATE_DIALTONE;
		break;
	case FAX_EV_BUSY:
		line->state = FAX_STATE_BUSY;
		break;
	case FAX_EV_RINGBACK:
		line->state = FAX_STATE_RINGBACK;
		break;
	}
}

void fax_line_signal(struct fax_line *line, enum fax_event_type type,
		     u32 value)
{
	spin_lock_bh(&line->lock);
	if (!line->dead) {
		fax_line_apply_signal(line, type);
		fax_line_queue_event(line, type, value);
	}
	spin_unlock_bh(&line->lock);
}
EXPORT_SYMBOL_GPL(fax_line_signal);

/* Set the hook state in the core; returns the old one. line->lock held. */
static bool fax_line_set_hook_locked(struct fax_line *line, bool offhook,
				     u32 state)
{
	bool old = line->offhook;

	line->offhook = offhook;
	line->state = state;
	/* The DSP stages hear only off-hook audio: a new call starts them. */
	if (offhook && !old)
		fax_dsp_reset(line);
	if (!offhook) {
		line->caller[0] = '\0';
		line->dialing = false;
		line->tx_primed = false;
		kfifo_reset(&line->tx_fifo);
	}
	return old;
}

/*
 * Change the hook state. The core's state changes, and FAX_EV_HOOK is
 * queued, before the driver is told, so signals the network sends in
 * reply find the line off hook and come after the hook event.
 */
static int fax_line_hook_locked(struct fax_line *line, bool offhook)
{
	struct fax_card *card = line->card;
	u32 old_state, state;
	bool old;
	int ret;

	spin_lock_bh(&line->lock);
	old_state = line->state;
	if (offhook == line->offhook) {
		spin_unlock_bh(&line->lock);
		return 0;
	}
	if (!offhook)
		state = FAX_STATE_IDLE;
	else if (old_state == FAX_STATE_RINGING)
		state = FAX_STATE_RINGING;	/* until the network connects */
	else
		state = FAX_STATE_DIALTONE;
	old = fax_line_set_hook_locked(line, offhook, state);
	/*
	 * Queued before the driver hears of it, so the network's reply
	 * (dial tone) can never come first; a refusal queues the way back.
	 */
	fax_line_queue_event(line, FAX_EV_HOOK, offhook);
	spin_unlock_bh(&line->lock);

	ret = card->ops->hook(line, offhook);
	if (!ret)
		return 0;

	spin_lock_bh(&line->lock);
	fax_line_set_hook_locked(line, old, old_state);
	fax_line_queue_event(line, FAX_EV_HOOK, old);
	spin_unlock_bh(&line->lock);
	return ret;
}

int fax_line_hook(struct fax_line *line, bool offhook)
{
	struct fax_card *card = line->card;
	int ret = -ENODEV;

	mutex_lock(&card->lock);
	if (card->live)
		ret = fax_line_hook_locked(line, offhook);
	mutex_unlock(&card->lock);
	return ret;
}

int fax_line_answer(struct fax_line *line)
{
	struct fax_card *card = line->card;
	int ret = -ENODEV;
	u32 state;

	mutex_lock(&card->lock);
	if (!card->live)
		goto out;
	ret = -EOPNOTSUPP;
	if (!(card->caps & FAX_CAP_ANSWER))
		goto out;
	spin_lock_bh(&line->lock);
	state = line->offhook ? FAX_STATE_IDLE : line->state;
	spin_unlock_bh(&line->lock);
	ret = -ENOENT;			/* no incoming call to answer */
	if (state == FAX_STATE_RINGING)
		ret = fax_line_hook_locked(line, true);
out:
	mutex_unlock(&card->lock);
	return ret;
}

static bool fax_dial_string_valid(const char *digits)
{
	size_t len = strnlen(digits, FAX_DIAL_MAX);

	if (!len || len == FAX_DIAL_MAX)
		return false;
	return strspn(digits, "0123456789*#ABCD,") == len;
}

static void fax_dialer_init(struct fax_dialer *d, const char *digits)
{
	const struct fdsp_dtmf_tx_params p = {
		.on_ms = FAX_DTMF_ON_SAMPLES / (FAX_SAMPLE_RATE / 1000),
		.off_ms = FAX_DTMF_OFF_SAMPLES / (FAX_SAMPLE_RATE / 1000),
		.level_low = -100,	/* dBm0 x 10, as Q.23 suggests */
		.level_high = -80,
	};

	memset(d, 0, sizeof(*d));
	strscpy(d->digits, digits, sizeof(d->digits));
	/* Cannot fail: fixed, valid parameters. */
	fdsp_dtmf_tx_init(&d->dtmf, &p);
}

int fax_line_dial(struct fax_line *line, const char *digits)
{
	struct fax_card *card = line->card;
	int ret;

	if (!fax_dial_string_valid(digits))
		return -EINVAL;
	mutex_lock(&card->lock);
	ret = -ENODEV;
	if (!card->live)
		goto out;
	ret = -EOPNOTSUPP;
	if (!(card->caps & FAX_CAP_DIAL))
		goto out;

	spin_lock_bh(&line->lock);
	if (!line->offhook)
		ret = -ENOTCONN;
	else if (line->state != FAX_STATE_DIALTONE || line->dialing)
		ret = -EBUSY;
	else
		ret = 0;
	if (!ret) {
		fax_dialer_init(&line->dialer, digits);
		line->dialing = true;
		line->state = FAX_STATE_DIALING;
	}
	spin_unlock_bh(&line->lock);
	if (ret || !card->ops->dial)
		goto out;
	ret = card->ops->dial(line, digits);
	if (ret) {
		spin_lock_bh(&line->lock);
		line->dialing = false;
		line->state = FAX_STATE_DIALTONE;
		spin_unlock_bh(&line->lock);
	}
out:
	mutex_unlock(&card->lock);
	return ret;
}

int fax_params_check(const struct fax_params *p)
{
	if (p->flags || memchr_inv(p->reserved, 0, sizeof(p->reserved)))
		return -EINVAL;
	if (p->format > FAX_FMT_ULAW)
		return -EINVAL;
	if (p->rx_gain < FAX_GAIN_MIN || p->rx_gain > FAX_GAIN_MAX ||
	    p->tx_gain < FAX_GAIN_MIN || p->tx_gain > FAX_GAIN_MAX)
		return -EINVAL;
	if (p->buffer_ms < FAX_BUFFER_MIN_MS || p->buffer_ms > FAX_BUFFER_MAX_MS)
		return -EINVAL;
	if (p->dsp & ~FAX_DSP_ALL)
		return -EINVAL;
	if (p->ec_tail_ms > FAX_EC_TAIL_MAX_MS)
		return -EINVAL;
	if (p->rx_wake_ms > FAX_BUFFER_MAX_MS)
		return -EINVAL;
	return 0;
}

/*
 * Every change restarts the DSP stages, on fresh echo canceller memory
 * allocated here, outside the spinlock, for the (new) tail.
 */
int fax_line_set_params(struct fax_line *line, const struct fax_params *in)
{
	struct fax_params p = *in;
	struct fax_dsp_ec_mem m;
	int ret = fax_params_check(&p);

	if (ret)
		return ret;
	p.size = sizeof(p);
	if (!p.ec_tail_ms)
		p.ec_tail_ms = FAX_EC_TAIL_DEFAULT_MS;
	ret = fax_dsp_prepare(line, &p, &m);
	if (ret)
		return ret;
	spin_lock_bh(&line->lock);
	if (line->dead) {
		ret = -ENODEV;
	} else {
		line->params = p;
		line->rx_gain_q14 = fax_gain_q14(p.rx_gain);
		line->tx_gain_q14 = fax_gain_q14(p.tx_gain);
		fax_dsp_commit(line, &m);
	}
	spin_unlock_bh(&line->lock);
	kvfree(m.mem);
	/* A deeper tx FIFO may have room for a blocked writer now. */
	wake_up_interruptible(&line->wait);
	return ret;
}

int fax_line_set_model(struct fax_line *line, const struct fax_line_model *m)
{
	struct fax_card *card = line->card;
	int ret = -ENODEV;

	mutex_lock(&card->lock);
	if (card->live)
		ret = card->ops->set_model ? card->ops->set_model(line, m) :
		      -EOPNOTSUPP;
	mutex_unlock(&card->lock);
	return ret;
}

bool fax_line_get_model(struct fax_line *line, struct fax_line_model *m)
{
	struct fax_card *card = line->card;
	bool ok = false;

	mutex_lock(&card->lock);
	if (card->live && card->ops->get_model) {
		card->ops->get_model(line, m);
		ok = true;
	}
	mutex_unlock(&card->lock);
	return ok;
}

void fax_line_fill_info(struct fax_line *line, struct fax_info *info)
{
	struct fax_card *card = line->card;

	info->card = card->id;
	info->line = line->index;
	info->minor = line->minor;
	info->caps = card->caps | FAX_CAP_LAW;
	strscpy(info->number, line->number, sizeof(info->number));
	strscpy(info->driver, card->driver, sizeof(info->driver));
	spin_lock_bh(&line->lock);
	info->state = line->state;
	info->offhook = line->offhook;
	strscpy(info->caller, line->caller, sizeof(info->caller));
	spin_unlock_bh(&line->lock);
}

int fax_line_set_number(struct fax_line *line, const char *number)
{
	if (strscpy(line->number, number, sizeof(line->number)) < 0)
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_GPL(fax_line_set_number);

/*
 * The network presents the calling number of an incoming call: before its
 * first ring on digital lines and simulated ones, between the first two
 * rings on analogue lines (caller id). It is shown to readers until the
 * line goes idle. A number with characters no network sends is refused
 * and leaves the caller unknown rather than showing garbage.
 */
int fax_line_set_caller(struct fax_line *line, const char *number)
{
	size_t len = strnlen(number, FAX_NUMBER_MAX);
	int ret = 0;

	if (len == FAX_NUMBER_MAX || strspn(number, "+0123456789*#") != len)
		ret = -EINVAL;
	spin_lock_bh(&line->lock);
	if (ret)
		line->caller[0] = '\0';
	else
		strscpy(line->caller, number, sizeof(line->caller));
	spin_unlock_bh(&line->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(fax_line_set_caller);

struct fax_card *fax_line_card(const struct fax_line *line)
{
	return line->card;
}
EXPORT_SYMBOL_GPL(fax_line_card);

unsigned int fax_line_index(const struct fax_line *line)
{
	return line->index;
}
EXPORT_SYMBOL_GPL(fax_line_index);
