/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The driver API of faxcore: what a card driver (fax_sim, a PCI or USB
 * card) uses to register its lines and move their samples. See
 * Documentation/kernel/driver-api.rst.
 *
 * Contexts and locking, from the driver's side:
 * - fax_card_alloc/register/unregister/put: process context, may sleep.
 * - fax_card_tick: softirq context (hrtimer in soft mode, tasklet, URB
 *   completion), never concurrently for the same card. It takes each
 *   line's spinlock in turn and never sleeps or allocates.
 * - fax_line_signal: any context but hard IRQ.
 * - The ops are called in process context with the card's mutex held
 *   (so never concurrently for one card), and never after
 *   fax_card_unregister() returned. ops->stop must make sure no tick runs
 *   any more when it returns.
 */
#ifndef _FAX_DRIVER_H
#define _FAX_DRIVER_H

#include <linux/types.h>
#include <linux/fax.h>
#include <linux/fax_netlink.h>

struct device;
struct fax_card;
struct fax_line;

/* Sample format the card exchanges with the core in fax_card_tick(). */
enum fax_card_format {
	FAX_CARD_S16,		/* s16 per sample, host order */
	FAX_CARD_ALAW,		/* u8 per sample */
	FAX_CARD_ULAW,		/* u8 per sample */
};

/* The longest chunk fax_card_tick() accepts, in samples (20 ms). */
#define FAX_TICK_MAX	160

/*
 * How the core plays a dial string into the tx audio: each digit is a
 * DTMF tone followed by as much silence; ',' is a pause. Drivers that
 * take digits out of band (ops->dial) use these to know when dialling
 * ends.
 */
#define FAX_DTMF_ON_SAMPLES	800	/* 100 ms */
#define FAX_DTMF_OFF_SAMPLES	800
#define FAX_DIAL_PAUSE_SAMPLES	8000	/* 1 s */

/* Line model of a simulated connection (FAX_CAP_LINE_MODEL). */
struct fax_line_model {
	u32 delay_ms;		/* one-way delay, 0..FAX_MODEL_DELAY_MAX */
	u32 loss_db;		/* attenuation towards this line */
	u32 echo_loss_db;	/* echo return loss; 0 = no echo */
	u32 echo_delay_ms;	/* echo path delay */
	u32 noise_db;		/* white noise rms, dB below a full-scale sine; 0 = off */
};

struct fax_card_ops {
	struct module *owner;
	/* Start clocking the card: ticks may follow from now on. */
	int (*start)(struct fax_card *card);
	/* Stop clocking; no tick is running or will run when it returns. */
	void (*stop)(struct fax_card *card);
	/* Go off hook (true) or on hook. Required. */
	int (*hook)(struct fax_line *line, bool offhook);
	/*
	 * Optional: the dialled digits, for networks that take them out of
	 * band. The core plays them as DTMF in the tx audio in any case.
	 */
	int (*dial)(struct fax_line *line, const char *digits);
	/* Optional: a file opens the line; an error fails the open(). */
	int (*open)(struct fax_line *line);
	/* Optional: set the line model (FAX_CAP_LINE_MODEL). */
	int (*set_model)(struct fax_line *line, const struct fax_line_model *m);
	/* Optional: read back the line model. */
	void (*get_model)(struct fax_line *line, struct fax_line_model *m);
};

struct fax_card_info {
	const char *driver;		/* short name, < FAX_NAME_MAX */
	const struct fax_card_ops *ops;
	enum fax_card_format format;
	bool lsb_first;			/* law octets travel bit-reversed */
	unsigned int nlines;		/* 1..FAX_MAX_LINES_PER_CARD */
	u32 caps;			/* FAX_CAP_* of every line */
	size_t priv_size;		/* bytes of driver data */
};

#define FAX_MAX_LINES_PER_CARD	64

struct fax_card *fax_card_alloc(struct device *parent,
				const struct fax_card_info *info);
int fax_card_register(struct fax_card *card);
void fax_card_unregister(struct fax_card *card);
void fax_card_put(struct fax_card *card);

void *fax_card_priv(struct fax_card *card);
u32 fax_card_id(const struct fax_card *card);
struct fax_line *fax_card_line(struct fax_card *card, unsigned int index);
struct fax_card *fax_line_card(const struct fax_line *line);
unsigned int fax_line_index(const struct fax_line *line);
int fax_line_set_number(struct fax_line *line, const char *number);
/* The calling number of the incoming call; any context but hard IRQ. */
int fax_line_set_caller(struct fax_line *line, const char *number);

/*
 * Move one chunk of n samples for every line: rx holds what the card
 * received, line after line (n samples each, in the card's format); the
 * core fills tx the same way with what the card must send.
 */
void fax_card_tick(struct fax_card *card, const void *rx, void *tx,
		   unsigned int n);

/*
 * Report a signalling event of a line (ring, answered, busy, ...). The core
 * updates the line state and queues the event for readers and netlink.
 */
void fax_line_signal(struct fax_line *line, enum fax_event_type type,
		     u32 value);

#endif /* _FAX_DRIVER_H */
