/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Internals of the kernel line backend shared by its files and its unit
 * tests: parsing the family's messages, and turning the kernel's line
 * events into the events of fax/line.h.
 */
#ifndef FAX_LINE_KERNEL_INTERNAL_H
#define FAX_LINE_KERNEL_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <fax/kernel.h>

struct nl_msg;
struct nlmsghdr;

/*
 * Parse one message of the "fax" family into @n: a card (card-get,
 * card-new, card-del) or a line (line-get, line-event). Returns 0, or
 * -EBADMSG for a message that is not ours or is malformed.
 */
int fax_kernel_parse(struct nlmsghdr *nlh, struct fax_kernel_notification *n);

/* What a line remembers to turn kernel events into fax/line.h events. */
struct fax_kernel_map {
	bool ringing;		/* an incoming call rings, not yet answered */
	uint32_t rings;		/* ring bursts of that call */
	bool placing;		/* our call is dialled, not yet answered */
	bool alerting_told;	/* FAX_LINE_EV_ALERTING given for it */
	bool busy_told;		/* FAX_LINE_EV_BUSY given for it */
	uint64_t overruns;	/* FAX_EV_OVERRUN seen */
};

/*
 * Account for @kev and translate it: 1 and @out filled when it has a
 * fax/line.h counterpart, 0 when it is only bookkeeping.
 */
int fax_kernel_map_event(struct fax_kernel_map *m, const struct fax_kernel_event *kev,
			 struct fax_line_event *out);

/* enum fax_state of <linux/fax.h> to fax/line.h's enum fax_line_state. */
enum fax_line_state fax_kernel_map_state(uint32_t kstate);

/* How a person named a line (fax_kernel_find_line()). */
enum fax_kernel_spec_kind {
	FAX_KERNEL_SPEC_MINOR = 1,	/* "/dev/faxN" or "faxN": @a = N */
	FAX_KERNEL_SPEC_CARD_INDEX,	/* "CARD:INDEX": @a, @b */
	FAX_KERNEL_SPEC_NUMBER,		/* the line's own phone number */
};

struct fax_kernel_spec {
	uint32_t kind;
	uint32_t a, b;
	char number[32];
};

/* Parse @spec: 0 or -EINVAL. */
int fax_kernel_parse_spec(const char *spec, struct fax_kernel_spec *ret);

/* A kernel errno for a libnl error code. */
int fax_kernel_nlerr(int nlerr);

#endif /* FAX_LINE_KERNEL_INTERNAL_H */
