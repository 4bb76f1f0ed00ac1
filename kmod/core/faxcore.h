/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal objects of faxcore: cards, lines and the glue between the files
 * that implement them.
 *
 * Locking, outermost first:
 * - fax_registry_lock (mutex, registry.c): the card list, the card and
 *   minor id allocators and the generation counter.
 * - card->lock (mutex): card->live and every call into card->ops, so no op
 *   runs after fax_card_unregister() and ops never run concurrently.
 * - line->read_lock / line->write_lock (mutexes): keep concurrent readers
 *   (writers) of one line from interleaving their samples.
 * - line->lock (spinlock, taken with _bh in process context, plain in the
 *   tick): everything the tick shares with process context: state, params,
 *   FIFOs, the event ring, the dialler, statistics, line->dead.
 * Lifetimes: a line is freed by its device release (last put_device, which
 * an open file holds); each line holds a reference on its card (kref), so
 * a card outlives its lines. The card driver's module may be gone while a
 * file is still open: card->live guards every use of card->ops.
 */
#ifndef _FAXCORE_H
#define _FAXCORE_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/kfifo.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "fax_driver.h"
#include "dsp_stage.h"
#include "dsp/g711.h"

#define FAX_MINORS		1024
#define FAX_EVENTS		64	/* event ring per line, power of two */
#define FAX_FIFO_SAMPLES	16384	/* >= FAX_BUFFER_MAX_MS * 8 */

/*
 * The dialler: plays a dial string into the tx audio, each run of digits
 * between pauses through the DSP library's DTMF generator.
 */
struct fax_dialer {
	char digits[FAX_DIAL_MAX];
	unsigned int next;	/* index of the next character */
	unsigned int left;	/* samples left of the current run or pause */
	bool pause;		/* left counts a ',' pause */
	struct fdsp_dtmf_tx dtmf;
};

struct fax_line {
	struct device dev;
	struct cdev cdev;
	struct fax_card *card;
	unsigned int index;
	unsigned int minor;
	char number[FAX_NUMBER_MAX];	/* set before register, then fixed */
	char caller[FAX_NUMBER_MAX];	/* incoming call's number, under lock */

	spinlock_t lock;		/* the tick's data, see above */
	bool dead;
	u32 state;			/* enum fax_state */
	bool offhook;
	bool dialing;
	bool tx_primed;			/* data written since the FIFO ran dry */
	bool overrun_reported;
	struct fax_params params;
	int rx_gain_q14;
	int tx_gain_q14;
	struct fax_stats stats;
	struct fax_dialer dialer;
	struct fax_event events[FAX_EVENTS];
	u32 ev_head;			/* next sequence number to queue */
	u32 ev_read;			/* next one for FAX_IOC_GET_EVENT */
	u32 ev_ntf;			/* next one for netlink */
	DECLARE_KFIFO_PTR(rx_fifo, s16);
	DECLARE_KFIFO_PTR(tx_fifo, s16);
	struct fax_line_dsp dsp;

	wait_queue_head_t wait;
	struct mutex read_lock;		/* one reader at a time */
	struct mutex write_lock;	/* one writer at a time */
	struct work_struct ntf_work;
};

struct fax_card {
	struct kref ref;
	struct list_head node;		/* fax_cards, under fax_registry_lock */
	u32 id;
	bool listed;			/* on fax_cards */
	struct device *parent;
	const struct fax_card_ops *ops;
	char driver[FAX_NAME_MAX];
	enum fax_card_format format;
	struct fdsp_g711_codec codec;	/* for the law formats */
	u32 caps;
	unsigned int nlines;

	struct mutex lock;		/* live and calls into ops */
	bool live;

	/* Tick scratch; the tick never runs concurrently for one card. */
	s16 rx_buf[FAX_TICK_MAX];
	s16 tx_buf[FAX_TICK_MAX];

	void *priv;
	struct fax_line *lines[];
};

/* registry.c */
extern struct mutex fax_registry_lock;
extern struct list_head fax_cards;
extern u32 fax_generation;
struct fax_line *fax_line_get_by_id(u32 card_id, u32 index);
void fax_card_get_ref(struct fax_card *card);
void fax_card_put_ref(struct fax_card *card);

/* line.c */
struct fax_line *fax_line_create(struct fax_card *card, unsigned int index);
int fax_line_add(struct fax_line *line);
void fax_line_kill(struct fax_line *line);
void fax_line_queue_event(struct fax_line *line, u32 type, u32 value);
void fax_line_queue_event_at(struct fax_line *line, u32 type, u32 value,
			     u64 rx_pos, u64 timestamp_ns);
void fax_line_set_state(struct fax_line *line, u32 state);
int fax_line_hook(struct fax_line *line, bool offhook);
int fax_line_dial(struct fax_line *line, const char *digits);
int fax_line_answer(struct fax_line *line);
int fax_line_set_params(struct fax_line *line, const struct fax_params *p);
int fax_line_set_model(struct fax_line *line, const struct fax_line_model *m);
bool fax_line_get_model(struct fax_line *line, struct fax_line_model *m);
void fax_line_fill_info(struct fax_line *line, struct fax_info *info);
int fax_params_check(const struct fax_params *p);

/* Received samples that make a line readable. line->lock held. */
static inline unsigned int fax_line_rx_wake(const struct fax_line *line)
{
	unsigned int wake = line->params.rx_wake_ms * (FAX_SAMPLE_RATE / 1000);
	unsigned int depth = line->params.buffer_ms * (FAX_SAMPLE_RATE / 1000);

	return clamp(wake, 1U, depth);
}

/* chardev.c */
extern const struct file_operations fax_fops;
int fax_chardev_init(void);
void fax_chardev_exit(void);
extern dev_t fax_devt;
extern struct class fax_class;

/* ioctl.c */
long fax_ioctl(struct fax_line *line, unsigned int cmd, unsigned long arg);

/* tick.c */
void fax_line_tick(struct fax_line *line, s16 *rx, s16 *tx, unsigned int n);

/* gain.c */
int fax_gain_q14(int db);
void fax_gain_apply(s16 *buf, unsigned int n, int q14);

/* netlink.c */
int __init fax_nl_init(void);
void fax_nl_exit(void);
void fax_nl_card_notify(struct fax_card *card, u8 cmd);
void fax_nl_line_events(struct work_struct *work);

#endif /* _FAXCORE_H */
