/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fax_sim: a simulated fax card and the small telephone network its lines
 * are connected to. See Documentation/kernel/fax_sim.rst.
 *
 * Locking:
 * - fax_sim_devs_lock (mutex, bus.c): the list of devices created through
 *   the bus (fax_sim_devs) and fax_sim_enabled.
 * - fax_sim_lock (spinlock, exchange.c; _bh in process context): the
 *   exchange: the list of running cards and every call state, line model
 *   and history buffer of every line, and the debugfs fault switches. The
 *   clock holds it for a whole period, card ticks included, so the order
 *   is fax_sim_lock, then faxcore's line->lock.
 * - The card ops run under faxcore's card->lock (a mutex), so order is
 *   card->lock, then fax_sim_lock.
 */
#ifndef _FAX_SIM_H
#define _FAX_SIM_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/types.h>

#include "fax_driver.h"
#include "core/dsp/tonegen.h"

#define FAX_SIM_PERIOD		8	/* samples per clock period (1 ms) */
#define FAX_SIM_HIST		8192	/* tx history per line, power of two */
#define FAX_SIM_NUMBER_MAX	16

/* The network's view of a line. */
enum fax_sim_state {
	FAX_SIM_IDLE,		/* on hook, no call */
	FAX_SIM_DIALTONE,	/* off hook, dial tone */
	FAX_SIM_DIALING,	/* digits being sent */
	FAX_SIM_RINGBACK,	/* calling, the far end rings */
	FAX_SIM_RINGING,	/* called, ringing */
	FAX_SIM_CONNECTED,
	FAX_SIM_BUSY,		/* busy tone until on hook */
	FAX_SIM_CLEARED,	/* the far end hung up; silence until on hook */
};

struct fax_sim_line {
	struct fax_line *line;
	char number[FAX_SIM_NUMBER_MAX];
	enum fax_sim_state state;
	bool offhook;			/* as the card's hook op last set it */
	bool ring_on;
	struct fax_sim_line *peer;
	char dialed[FAX_DIAL_MAX];
	u64 route_at;			/* sample time dialling ends */
	u64 cadence_start;		/* sample time ringing began */
	struct fdsp_tonegen tone;	/* call progress tone of the state */
	struct fax_line_model model;	/* of the path towards this line */
	u32 loss_q15;			/* the model's levels as Q15 gains */
	u32 echo_q15;
	u32 noise_q15;
	u32 noise_seed;
	s16 hist[FAX_SIM_HIST];		/* what this line sent, by sample time */
};

struct fax_sim_dev {
	struct device dev;
	struct list_head node;		/* fax_sim_devs */
	struct list_head running;	/* the exchange's cards */
	u32 id;
	unsigned int nlines;
	struct fax_card *card;
	struct dentry *ddir;
	bool drop_chunks;		/* debugfs fault: skip card ticks */
	bool fail_open;			/* debugfs fault: open() fails */
	s16 *rx;			/* nlines * FAX_SIM_PERIOD */
	s16 *tx;
	struct fax_sim_line lines[];
};

/* exchange.c */
extern const struct fax_card_ops fax_sim_card_ops;
int fax_sim_exchange_init(void);
void fax_sim_exchange_exit(void);
void fax_sim_line_init(struct fax_sim_dev *sdev, unsigned int i);

/* debugfs.c */
extern struct dentry *fax_sim_debugfs;
extern u32 fax_sim_clock_mult;
extern bool fax_sim_stall_clock;
extern u64 fax_sim_tick_ns;
extern u64 fax_sim_tick_lines;
extern u64 fax_sim_periods;
extern u64 fax_sim_lost_periods;
void fax_sim_debugfs_init(void);
void fax_sim_debugfs_exit(void);
void fax_sim_debugfs_dev_add(struct fax_sim_dev *sdev);
void fax_sim_debugfs_dev_del(struct fax_sim_dev *sdev);

#endif /* _FAX_SIM_H */
