// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exchange of fax_sim: one clock for every simulated card, call
 * routing by number, ringing with a cadence, call progress tones, and the
 * line model (delay, loss, echo, noise) applied to connected audio.
 *
 * The clock is an hrtimer in soft mode (its callback runs in softirq)
 * firing every millisecond; because callbacks come late and in batches,
 * each one processes every period that elapsed (times the clock
 * multiplier), so the sample clock stays exact. A period first advances
 * every line's call state (at most one step), then ticks every card.
 * Each line's transmitted audio is kept in a history indexed by sample
 * time; the far end receives it FAX_SIM_PERIOD + delay samples later.
 *
 * Locking: fax_sim_lock (see sim.h) covers everything here; the clock
 * holds it for whole periods, process context takes it with _bh.
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "sim.h"
#include "core/dsp/cpt.h"
#include "core/dsp/dsp_math.h"

/* Ringing follows the ETSI ringback cadence the line hears: 1 s in 5 s. */
#define FAX_SIM_CADENCE		40000
#define FAX_SIM_RING_ON		8000
#define FAX_SIM_CATCHUP_MAX	1000	/* periods one callback may process */

static DEFINE_SPINLOCK(fax_sim_lock);	/* the exchange, see sim.h */
static LIST_HEAD(fax_sim_running);
static struct hrtimer fax_sim_timer;
static u64 fax_sim_now;			/* sample time of the next period */

static struct fax_sim_line *fax_sim_lookup(const char *number)
{
	struct fax_sim_dev *sdev;
	unsigned int i;

	list_for_each_entry(sdev, &fax_sim_running, running)
		for (i = 0; i < sdev->nlines; i++)
			if (!strcmp(sdev->lines[i].number, number))
				return &sdev->lines[i];
	return NULL;
}

/* The call progress tone a state plays (ETSI 425 Hz), or none. */
static void fax_sim_enter(struct fax_sim_line *sl, enum fax_sim_state state)
{
	const struct fdsp_cpt_region *etsi =
		fdsp_cpt_region(FDSP_CPT_REGION_ETSI);
	struct fdsp_tone_desc d;
	int kind = -1;

	sl->state = state;
	if (state == FAX_SIM_DIALTONE)
		kind = FDSP_CPT_DIAL;
	else if (state == FAX_SIM_RINGBACK)
		kind = FDSP_CPT_RINGBACK;
	else if (state == FAX_SIM_BUSY)
		kind = FDSP_CPT_BUSY;
	/* A finished generator plays silence: the state without a tone. */
	memset(&sl->tone, 0, sizeof(sl->tone));
	sl->tone.segment = 4;
	if (kind >= 0 && !fdsp_cpt_desc(&d, etsi, kind))
		fdsp_tonegen_init(&sl->tone, &d);
}

/* The far end of sl's call is gone (or never answered). */
static void fax_sim_far_end_gone(struct fax_sim_line *sl)
{
	sl->peer = NULL;
	if (sl->state == FAX_SIM_RINGING) {
		if (sl->ring_on)
			fax_line_signal(sl->line, FAX_EV_RING_STOP, 0);
		sl->ring_on = false;
		fax_sim_enter(sl, FAX_SIM_IDLE);
	} else {
		fax_sim_enter(sl, FAX_SIM_CLEARED);
	}
	fax_line_signal(sl->line, FAX_EV_REMOTE_HANGUP, 0);
}

/* sl leaves its call: on hook, or its card is going away. */
static void fax_sim_release(struct fax_sim_line *sl)
{
	if (sl->peer)
		fax_sim_far_end_gone(sl->peer);
	sl->peer = NULL;
	sl->ring_on = false;
	fax_sim_enter(sl, FAX_SIM_IDLE);
}

static void fax_sim_route(struct fax_sim_line *sl, u64 now)
{
	struct fax_sim_line *far = fax_sim_lookup(sl->dialed);

	if (!far || far == sl || far->state != FAX_SIM_IDLE || far->offhook) {
		fax_sim_enter(sl, FAX_SIM_BUSY);
		sl->cadence_start = now;
		fax_line_signal(sl->line, FAX_EV_BUSY, 0);
		return;
	}
	sl->peer = far;
	far->peer = sl;
	/* Presented like ISDN's calling party number: before the first ring. */
	fax_line_set_caller(far->line, sl->number);
	fax_sim_enter(sl, FAX_SIM_RINGBACK);
	fax_sim_enter(far, FAX_SIM_RINGING);
	sl->cadence_start = now;
	far->cadence_start = now;
	fax_line_signal(sl->line, FAX_EV_RINGBACK, 0);
}

static void fax_sim_ring(struct fax_sim_line *sl, u64 now)
{
	u64 phase = (now - sl->cadence_start) % FAX_SIM_CADENCE;

	if (phase == 0) {
		sl->ring_on = true;
		fax_line_signal(sl->line, FAX_EV_RING_START, 0);
	} else if (phase == FAX_SIM_RING_ON && sl->ring_on) {
		sl->ring_on = false;
		fax_line_signal(sl->line, FAX_EV_RING_STOP, 0);
	}
}

static void fax_sim_answer(struct fax_sim_line *sl)
{
	struct fax_sim_line *far = sl->peer;

	if (sl->ring_on)
		fax_line_signal(sl->line, FAX_EV_RING_STOP, 0);
	sl->ring_on = false;
	fax_sim_enter(sl, FAX_SIM_CONNECTED);
	fax_sim_enter(far, FAX_SIM_CONNECTED);
	fax_line_signal(far->line, FAX_EV_ANSWERED, 0);
	fax_line_signal(sl->line, FAX_EV_ANSWERED, 0);
}

/* One step of a line's call state at the start of a period. */
static void fax_sim_signal(struct fax_sim_line *sl, u64 now)
{
	if (!sl->offhook) {
		if (sl->state == FAX_SIM_RINGING)
			fax_sim_ring(sl, now);
		else if (sl->state != FAX_SIM_IDLE)
			fax_sim_release(sl);
		return;
	}
	switch (sl->state) {
	case FAX_SIM_IDLE:
		fax_sim_enter(sl, FAX_SIM_DIALTONE);
		fax_line_signal(sl->line, FAX_EV_DIALTONE, 0);
		break;
	case FAX_SIM_DIALING:
		/* A period after the last digit, so DIALED precedes the answer. */
		if (now >= sl->route_at + FAX_SIM_PERIOD)
			fax_sim_route(sl, now);
		break;
	case FAX_SIM_RINGING:
		fax_sim_answer(sl);
		break;
	default:
		break;
	}
}

static s16 fax_sim_hist(const struct fax_sim_line *sl, u64 t)
{
	return sl->hist[t & (FAX_SIM_HIST - 1)];
}

static u32 fax_sim_random(struct fax_sim_line *sl)
{
	u32 x = sl->noise_seed;

	/* xorshift32: white enough for line noise, cheap in softirq. */
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	sl->noise_seed = x;
	return x;
}

/*
 * White noise with the rms of a full-scale sine (uniform on +-40131:
 * sqrt(3/2) times full scale), so noise_db is its level in dBFS.
 */
static s32 fax_sim_noise(struct fax_sim_line *sl)
{
	return ((s32)(s16)fax_sim_random(sl) * 40132) >> 15;
}

/* Connected audio towards sl: the far end's, plus echo and noise. */
static void fax_sim_connected_rx(struct fax_sim_line *sl, s16 *rx, u64 now)
{
	const struct fax_line_model *m = &sl->model;
	u64 far_t = now - FAX_SIM_PERIOD - m->delay_ms * 8;
	u64 echo_t = now - FAX_SIM_PERIOD - m->echo_delay_ms * 8;
	unsigned int i;
	s32 s;

	for (i = 0; i < FAX_SIM_PERIOD; i++) {
		s = (fax_sim_hist(sl->peer, far_t + i) * (s32)sl->loss_q15) >> 15;
		if (sl->echo_q15)
			s += (fax_sim_hist(sl, echo_t + i) * (s32)sl->echo_q15) >> 15;
		if (sl->noise_q15)
			s += (fax_sim_noise(sl) * (s32)sl->noise_q15) >> 15;
		rx[i] = clamp_t(s32, s, S16_MIN, S16_MAX);
	}
}

static void fax_sim_line_rx(struct fax_sim_line *sl, s16 *rx, u64 now)
{
	if (sl->state == FAX_SIM_CONNECTED && sl->peer)
		fax_sim_connected_rx(sl, rx, now);
	else
		fdsp_tonegen_run(&sl->tone, rx, FAX_SIM_PERIOD);
}

static void fax_sim_card_period(struct fax_sim_dev *sdev, u64 now)
{
	unsigned int i, j;
	u64 t0;

	for (i = 0; i < sdev->nlines; i++)
		fax_sim_line_rx(&sdev->lines[i], sdev->rx + i * FAX_SIM_PERIOD,
				now);
	if (sdev->drop_chunks) {
		memset(sdev->tx, 0, sdev->nlines * FAX_SIM_PERIOD * sizeof(s16));
	} else {
		t0 = ktime_get_ns();
		fax_card_tick(sdev->card, sdev->rx, sdev->tx, FAX_SIM_PERIOD);
		fax_sim_tick_ns += ktime_get_ns() - t0;
		fax_sim_tick_lines += sdev->nlines;
	}
	for (i = 0; i < sdev->nlines; i++)
		for (j = 0; j < FAX_SIM_PERIOD; j++)
			sdev->lines[i].hist[(now + j) & (FAX_SIM_HIST - 1)] =
				sdev->tx[i * FAX_SIM_PERIOD + j];
}

static void fax_sim_period(u64 now)
{
	struct fax_sim_dev *sdev;
	unsigned int i;

	list_for_each_entry(sdev, &fax_sim_running, running)
		for (i = 0; i < sdev->nlines; i++)
			fax_sim_signal(&sdev->lines[i], now);
	list_for_each_entry(sdev, &fax_sim_running, running)
		fax_sim_card_period(sdev, now);
	fax_sim_periods++;
}

static enum hrtimer_restart fax_sim_clock(struct hrtimer *timer)
{
	u64 periods = hrtimer_forward_now(timer, ms_to_ktime(1));

	spin_lock(&fax_sim_lock);
	if (fax_sim_stall_clock) {
		fax_sim_lost_periods += periods;
		periods = 0;
	}
	periods *= fax_sim_clock_mult;
	if (periods > FAX_SIM_CATCHUP_MAX) {
		fax_sim_lost_periods += periods - FAX_SIM_CATCHUP_MAX;
		periods = FAX_SIM_CATCHUP_MAX;
	}
	while (periods--) {
		fax_sim_period(fax_sim_now);
		fax_sim_now += FAX_SIM_PERIOD;
	}
	spin_unlock(&fax_sim_lock);
	return HRTIMER_RESTART;
}

static struct fax_sim_dev *fax_sim_of(struct fax_card *card)
{
	return *(struct fax_sim_dev **)fax_card_priv(card);
}

static struct fax_sim_line *fax_sim_line_of(struct fax_line *line)
{
	return &fax_sim_of(fax_line_card(line))->lines[fax_line_index(line)];
}

static int fax_sim_start(struct fax_card *card)
{
	struct fax_sim_dev *sdev = fax_sim_of(card);

	spin_lock_bh(&fax_sim_lock);
	list_add_tail(&sdev->running, &fax_sim_running);
	spin_unlock_bh(&fax_sim_lock);
	return 0;
}

/* After this the clock never ticks the card again: it runs under the lock. */
static void fax_sim_stop(struct fax_card *card)
{
	struct fax_sim_dev *sdev = fax_sim_of(card);
	unsigned int i;

	spin_lock_bh(&fax_sim_lock);
	list_del_init(&sdev->running);
	for (i = 0; i < sdev->nlines; i++)
		fax_sim_release(&sdev->lines[i]);
	spin_unlock_bh(&fax_sim_lock);
}

static int fax_sim_hook(struct fax_line *line, bool offhook)
{
	struct fax_sim_line *sl = fax_sim_line_of(line);

	spin_lock_bh(&fax_sim_lock);
	sl->offhook = offhook;
	spin_unlock_bh(&fax_sim_lock);
	return 0;
}

/* The time the core needs to play the digits, in samples. */
static u64 fax_sim_dial_samples(const char *digits)
{
	u64 n = 0;

	for (; *digits; digits++)
		n += *digits == ',' ? FAX_DIAL_PAUSE_SAMPLES :
		     FAX_DTMF_ON_SAMPLES + FAX_DTMF_OFF_SAMPLES;
	return n;
}

static int fax_sim_dial(struct fax_line *line, const char *digits)
{
	struct fax_sim_line *sl = fax_sim_line_of(line);
	int ret = -EBUSY;

	spin_lock_bh(&fax_sim_lock);
	if (sl->offhook && sl->state == FAX_SIM_DIALTONE) {
		strscpy(sl->dialed, digits, sizeof(sl->dialed));
		sl->route_at = fax_sim_now + fax_sim_dial_samples(digits);
		sl->state = FAX_SIM_DIALING;
		ret = 0;
	}
	spin_unlock_bh(&fax_sim_lock);
	return ret;
}

static int fax_sim_open(struct fax_line *line)
{
	struct fax_sim_dev *sdev = fax_sim_of(fax_line_card(line));

	return READ_ONCE(sdev->fail_open) ? -EIO : 0;
}

/* Model values are range-checked by netlink's policy. */
static int fax_sim_set_model(struct fax_line *line,
			     const struct fax_line_model *m)
{
	struct fax_sim_line *sl = fax_sim_line_of(line);

	spin_lock_bh(&fax_sim_lock);
	sl->model = *m;
	/* 0 dB passes samples unchanged, not 0.0003 dB down. */
	sl->loss_q15 = m->loss_db ? fdsp_db_gain(m->loss_db * 10) : 1 << 15;
	sl->echo_q15 = m->echo_loss_db ? fdsp_db_gain(m->echo_loss_db * 10) : 0;
	sl->noise_q15 = m->noise_db ? fdsp_db_gain(m->noise_db * 10) : 0;
	spin_unlock_bh(&fax_sim_lock);
	return 0;
}

static void fax_sim_get_model(struct fax_line *line, struct fax_line_model *m)
{
	struct fax_sim_line *sl = fax_sim_line_of(line);

	spin_lock_bh(&fax_sim_lock);
	*m = sl->model;
	spin_unlock_bh(&fax_sim_lock);
}

const struct fax_card_ops fax_sim_card_ops = {
	.owner = THIS_MODULE,
	.start = fax_sim_start,
	.stop = fax_sim_stop,
	.hook = fax_sim_hook,
	.dial = fax_sim_dial,
	.open = fax_sim_open,
	.set_model = fax_sim_set_model,
	.get_model = fax_sim_get_model,
};

/* A line as the exchange first sees it: idle, a clean line model. */
void fax_sim_line_init(struct fax_sim_dev *sdev, unsigned int i)
{
	struct fax_sim_line *sl = &sdev->lines[i];

	sl->line = fax_card_line(sdev->card, i);
	snprintf(sl->number, sizeof(sl->number), "%u%03u", sdev->id, i);
	sl->loss_q15 = 1 << 15;
	sl->noise_seed = 0x9e3779b9 ^ (sdev->id << 8) ^ i;
	fax_sim_enter(sl, FAX_SIM_IDLE);
}

int fax_sim_exchange_init(void)
{
	hrtimer_init(&fax_sim_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	fax_sim_timer.function = fax_sim_clock;
	hrtimer_start(&fax_sim_timer, ms_to_ktime(1), HRTIMER_MODE_REL_SOFT);
	return 0;
}

void fax_sim_exchange_exit(void)
{
	hrtimer_cancel(&fax_sim_timer);
}
