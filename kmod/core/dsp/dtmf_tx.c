// SPDX-License-Identifier: GPL-2.0-only
/* DTMF transmitter (see dtmf.h): a queue of digits, one tone each. */
#include "dtmf.h"

static const u16 row_hz[4] = { 697, 770, 852, 941 };
static const u16 col_hz[4] = { 1209, 1336, 1477, 1633 };

static int digit_index(char c)
{
	static const char chars[] = "123A456B789C*0#D";
	int i;

	if (c >= 'a' && c <= 'd')
		c -= 'a' - 'A';
	for (i = 0; i < 16; i++)
		if (chars[i] == c)
			return i;
	return -1;
}

int fdsp_dtmf_tx_init(struct fdsp_dtmf_tx *t,
		      const struct fdsp_dtmf_tx_params *params)
{
	static const struct fdsp_dtmf_tx_params defaults =
		FDSP_DTMF_TX_DEFAULTS;

	if (!params)
		params = &defaults;
	if (!params->on_ms || params->on_ms > 10000 ||
	    params->off_ms > 10000 ||
	    params->level_low > 30 || params->level_high > 30)
		return -EINVAL;
	memset(t, 0, sizeof(*t));
	t->p = *params;
	return 0;
}

int fdsp_dtmf_tx_put(struct fdsp_dtmf_tx *t, const char *digits, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (digit_index(digits[i]) < 0)
			return -EINVAL;
	for (i = 0; i < len && t->count < FDSP_DTMF_TX_QUEUE; i++, t->count++)
		t->queue[(t->head + t->count) % FDSP_DTMF_TX_QUEUE] = digits[i];
	return i;
}

/* Start the next queued digit; false when the queue is empty. */
static bool start_digit(struct fdsp_dtmf_tx *t)
{
	struct fdsp_tone_desc d = {
		.level = { t->p.level_low, t->p.level_high },
		.cadence_ms = { t->p.on_ms, t->p.off_ms },
	};
	int idx;

	if (!t->count)
		return false;
	idx = digit_index(t->queue[t->head]);
	t->head = (t->head + 1) % FDSP_DTMF_TX_QUEUE;
	t->count--;
	d.freq[0] = row_hz[idx / 4];
	d.freq[1] = col_hz[idx % 4];
	/* Cannot fail: the levels and frequencies were checked already. */
	fdsp_tonegen_init(&t->gen, &d);
	return true;
}

bool fdsp_dtmf_tx_run(struct fdsp_dtmf_tx *t, s16 *out, size_t n)
{
	while (n) {
		size_t done;

		if (!t->playing) {
			if (!start_digit(t)) {
				memset(out, 0, n * sizeof(*out));
				return false;
			}
			t->playing = true;
		}
		done = fdsp_tonegen_run(&t->gen, out, n);
		out += done;
		n -= done;
		if (fdsp_tonegen_done(&t->gen))
			t->playing = false;
	}
	return t->playing || t->count;
}
