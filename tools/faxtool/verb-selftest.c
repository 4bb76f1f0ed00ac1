// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool selftest: send a TIFF from one loopback line to the other inside
 * this process, both ends run by one poll() loop, and report progress and
 * results. With --realtime the pair runs at the pace of a real line (the
 * call takes as long as on a phone line); otherwise time is virtual and
 * the call completes as fast as the CPU allows.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "faxtool.h"

struct selftest {
	struct faxtool *t;
	fax_loopback_t *lb;
	fax_session_t *s[2];
	bool done[2];
	uint64_t deadline_ms;	/* line time */
};

static const char *const roles[] = { "send", "receive" };

static void on_progress(fax_session_t *s, const struct fax_session_progress *p, void *ud)
{
	struct selftest *st = ud;
	int role = st->s[1] == s;

	if (st->t->json) {
		out_json(json_progress(p, roles[role]));
		return;
	}
	if (role)
		return;		/* the sender's view is enough on a terminal */
	if (p->event == FAX_PROGRESS_NEGOTIATED)
		progress_line(st->t, "negotiated %d bit/s, %s%s", p->bit_rate,
			      fax_compression_name(p->compression), p->ecm ? ", ECM" : "");
	else
		progress_line(st->t, "page %d/%d sent, %d bytes, %d bit/s", p->page,
			      p->pages_total, p->bytes, p->bit_rate);
}

static int parse(int argc, char **argv, struct fax_loopback_config *lc,
		 struct fax_session_options *tx, struct fax_session_options *rx,
		 const char **out, unsigned int *timeout_s)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "modem", required_argument, NULL, 'm' },
		{ "compression", required_argument, NULL, 'c' },
		{ "ecm", no_argument, NULL, 'e' },
		{ "delay", required_argument, NULL, 'D' },
		{ "loss", required_argument, NULL, 'L' },
		{ "noise", required_argument, NULL, 'N' },
		{ "ident", required_argument, NULL, 'i' },
		{ "header", required_argument, NULL, 'H' },
		{ "realtime", no_argument, NULL, 'R' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:m:c:e", opts, NULL)) != -1) {
		switch (c) {
		case 'o': *out = optarg; break;
		case 'm':
			if (parse_modems(optarg, &tx->modems) < 0)
				return err_exit(-EXIT_USAGE, "unknown modem list '%s' (v27ter,v29,v17)", optarg);
			break;
		case 'c':
			if (parse_compressions(optarg, &tx->compressions) < 0)
				return err_exit(-EXIT_USAGE, "unknown coding list '%s' (mh,mr,mmr)", optarg);
			break;
		case 'e': tx->ecm = rx->ecm = true; break;
		case 'D': lc->model.delay_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
		case 'L': lc->model.attenuation_db = (uint32_t)strtoul(optarg, NULL, 10); break;
		case 'N': lc->model.noise_dbm0 = (int32_t)strtol(optarg, NULL, 10); break;
		case 'i': tx->ident = optarg; break;
		case 'H': tx->header_info = optarg; break;
		case 'R': lc->clock = FAX_LOOPBACK_CLOCK_REALTIME; break;
		case 't': *timeout_s = (unsigned int)strtoul(optarg, NULL, 10); break;
		default: return -EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return err_exit(-EXIT_USAGE, "selftest: give one TIFF file to send");
	tx->file = argv[optind];
	rx->file = *out;
	return 0;
}

static int step(struct selftest *st)
{
	for (int i = 0; i < 2; i++) {
		int r;

		if (st->done[i])
			continue;
		r = fax_session_process(st->s[i]);
		if (r < 0)
			return r;
		if (r == 1) {
			st->done[i] = true;
			fax_line_hangup(fax_session_get_line(st->s[i]));
		}
	}
	return 0;
}

static int run(struct selftest *st, bool realtime)
{
	fax_line_t *a = fax_loopback_line(st->lb, 0);

	while (!(st->done[0] && st->done[1])) {
		if (fax_line_get_clock(a) / 8 > st->deadline_ms)
			return -ETIMEDOUT;
		if (realtime) {
			struct pollfd p[2] = {
				{ .fd = fax_session_get_fd(st->s[0]), .events = POLLIN },
				{ .fd = fax_session_get_fd(st->s[1]), .events = POLLIN },
			};

			if (poll(p, 2, 1000) < 0 && errno != EINTR)
				return -errno;
		} else {
			fax_loopback_advance(st->lb, 160);
		}
		int r = step(st);

		if (r < 0)
			return r;
	}
	return 0;
}

int verb_selftest(struct faxtool *t, int argc, char **argv)
{
	struct fax_loopback_config lc = { .size = sizeof(lc) };
	struct selftest st = { .t = t };
	struct fax_session_options tx = {
		.size = sizeof(tx), .direction = FAX_SEND, .calling = true,
		.ident = "faxtool selftest", .on_progress = on_progress, .userdata = &st,
	};
	struct fax_session_options rx = tx;
	struct fax_session_result res[2];
	const char *out = "selftest-received.tif";
	unsigned int timeout_s = 900;
	fax_error_t err = { 0 };
	int r, code = EXIT_OK;

	rx.direction = FAX_RECEIVE;
	rx.calling = false;
	rx.ident = "faxtool loopback";
	r = parse(argc, argv, &lc, &tx, &rx, &out, &timeout_s);
	if (r < 0)
		return -r;
	rx.file = out;
	st.deadline_ms = (uint64_t)timeout_s * 1000;
	r = fax_loopback_new(&lc, &st.lb, &err);
	if (r < 0)
		return err_exit(EXIT_USAGE, "%s", err.message);
	fax_line_t *a = fax_loopback_line(st.lb, 0), *b = fax_loopback_line(st.lb, 1);

	fax_line_offhook(a);
	fax_line_dial(a, "101");
	fax_line_answer(b);
	r = fax_session_new(a, &tx, &st.s[0], &err);
	if (r == 0)
		r = fax_session_new(b, &rx, &st.s[1], &err);
	if (r < 0) {
		code = err_exit(r == -EINVAL ? EXIT_USAGE : EXIT_BAD_DOCUMENT, "%s", err.message);
		goto out;
	}
	r = run(&st, lc.clock == FAX_LOOPBACK_CLOCK_REALTIME);
	progress_clear(t);
	if (r == -ETIMEDOUT) {
		code = err_exit(EXIT_TIMEOUT, "selftest: no result after %u s of line time", timeout_s);
		goto out;
	}
	if (r < 0) {
		code = err_exit(EXIT_FAILURE_GENERIC, "selftest: line failure: %s", strerror(-r));
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		fax_session_get_result(st.s[i], &res[i]);
		if (t->json) {
			out_json(json_result(&res[i], roles[i]));
		} else {
			printf("%-7s %s: %d page(s), %d bit/s, %s%s, remote \"%s\", %.1f s, %llu underrun(s)\n",
			       roles[i], res[i].t30_text, res[i].pages, res[i].bit_rate,
			       fax_compression_name(res[i].compression), res[i].ecm ? " ECM" : "",
			       res[i].remote_ident, (double)res[i].duration_ms / 1000.0,
			       (unsigned long long)res[i].underruns);
		}
		if (res[i].t30_code)
			code = EXIT_FAX_FAILED;
	}
out:
	fax_session_free(st.s[0]);
	fax_session_free(st.s[1]);
	fax_loopback_free(st.lb);
	return code;
}
