// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench_session: what a fax session on a libfax line costs, against the
 * baseline of bare spandsp on the same pages, measured in the same run.
 *
 *  1. CPU per call-second: the same call (ITU chart 1, fine, V.17) run
 *     through libfax sessions on a virtual-clock loopback pair and through
 *     two bare fax_state_t; ratio = our cost / bare cost.
 *  2. Seconds per page against the protocol bound of peers.md section 7.5:
 *     per page = (3-page call - 1-page call) / 2 in line time; bound =
 *     8 * bytes / rate * (1.043 with ECM) + 2.6 s (non-ECM) or 3.0 s (ECM).
 *  3. Real-time pacing: N pairs (2N sessions) on real-time loopback lines in
 *     one thread under poll(), for a while; underruns counted, CPU share
 *     measured, sessions per core = 2N / CPU share (valid with 0 underruns).
 *
 * Usage: bench_session [PAIRS [SECONDS]]   (default 40 pairs for 45 s)
 * Nothing here asserts on time; read the ratios.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fax/fax.h>

#include "../../tests/libfax/helpers.h"
#include "bench.h"

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int ours(const struct bench_case *bc, const char *tx, const char *rx, double *secs,
		int *bit_rate, int *page_bytes)
{
	struct call c;
	int r;

	call_init(&c, tx, rx);
	c.tx.ecm = c.rx.ecm = bc->ecm;
	c.tx.compressions = bc->ecm ? FAX_COMPRESSION_MMR : FAX_COMPRESSION_MH;
	c.tx.prebuffer_ms = c.rx.prebuffer_ms = 200;
	r = call_run(&c);
	*secs = (double)c.tx_result.duration_ms / 1000.0;
	*bit_rate = c.tx_result.bit_rate;
	if (page_bytes)
		*page_bytes = c.tx_page_bytes;
	return r < 0 ? r : c.tx_result.t30_code;
}

/* The same 3-page call through libfax and through bare spandsp. */
static void cost(const struct bench_case *bc, const char *tx, const char *rx, int reps)
{
	double ours_cpu = 0, bare_cpu = 0, ours_s = 0, bare_s = 0, s, t0;
	int rate = 0;

	for (int i = 0; i < reps; i++) {
		t0 = cpu_now();
		if (ours(bc, tx, rx, &s, &rate, NULL))
			printf("  our call failed\n");
		ours_cpu += cpu_now() - t0;
		ours_s += s;
		t0 = cpu_now();
		if (bare_call(bc, tx, rx, &s))
			printf("  bare call failed\n");
		bare_cpu += cpu_now() - t0;
		bare_s += s;
	}
	printf("%-22s libfax %.3f ms CPU per call-second (both ends), bare spandsp %.3f ms, ratio %.2f\n",
	       bc->name, 1000 * ours_cpu / ours_s, 1000 * bare_cpu / bare_s,
	       (ours_cpu / ours_s) / (bare_cpu / bare_s));
}

static void per_page(const struct bench_case *bc, const char *one, const char *three,
		     const char *rx)
{
	double s1, s3, bound, per;
	int rate, bytes;

	ours(bc, one, rx, &s1, &rate, &bytes);
	ours(bc, three, rx, &s3, &rate, NULL);
	per = (s3 - s1) / 2;
	bound = 8.0 * bytes / (rate ? rate : 14400) * (bc->ecm ? 1.043 : 1.0) +
		(bc->ecm ? 3.0 : 2.6);
	printf("%-22s %.2f s per page (1-page call %.1f s, 3-page %.1f s); bound %.2f s for %d bytes at %d bit/s: %.0f%% of bound\n",
	       bc->name, per, s1, s3, bound, bytes, rate, 100 * per / bound);
}

struct rt_pair {
	fax_loopback_t *lb;
	fax_session_t *s[2];
	bool done[2];
};

/*
 * Start pair @i: dial, answer, both sessions. Calls start staggered, as on
 * a real server; starting them all at once would make every sender code
 * its first page in the same millisecond.
 */
static void start_pair(struct rt_pair *p, int i, struct pollfd *pf, const char *tx,
		       const char *dir)
{
	struct fax_loopback_config lc = {
		.size = sizeof(lc), .clock = FAX_LOOPBACK_CLOCK_REALTIME, .tick_ms = 20,
	};
	struct fax_session_options o = {
		.size = sizeof(o), .direction = FAX_SEND, .calling = true, .file = tx,
		.ecm = true, .prebuffer_ms = 200,
	};
	char rx[400];
	fax_line_t *a, *b;

	if (fax_loopback_new(&lc, &p->lb, NULL) < 0)
		exit(1);
	a = fax_loopback_line(p->lb, 0);
	b = fax_loopback_line(p->lb, 1);
	fax_line_offhook(a);
	fax_line_dial(a, "101");
	fax_line_answer(b);
	if (fax_session_new(a, &o, &p->s[0], NULL) < 0)
		exit(1);
	snprintf(rx, sizeof(rx), "%s/rt%d.tif", dir, i);
	o.direction = FAX_RECEIVE;
	o.calling = false;
	o.file = rx;
	if (fax_session_new(b, &o, &p->s[1], NULL) < 0)
		exit(1);
	for (int k = 0; k < 2; k++) {
		pf[k].fd = fax_session_get_fd(p->s[k]);
		pf[k].events = POLLIN;
	}
}

static void realtime(int pairs, int seconds, const char *tx, const char *dir)
{
	struct rt_pair *p = calloc((size_t)pairs, sizeof(*p));
	struct pollfd *pf = calloc((size_t)pairs * 2, sizeof(*pf));
	uint64_t underruns = 0, overruns = 0;
	double t0, c0, end;
	int completed = 0, ok = 0, started = 0;
	double stagger = seconds / 3.0 / pairs;

	t0 = wall_now();
	c0 = cpu_now();
	end = t0 + seconds;
	for (int i = 0; i < 2 * pairs; i++)
		pf[i].fd = -1;
	while (wall_now() < end && completed < 2 * pairs) {
		while (started < pairs && wall_now() >= t0 + started * stagger) {
			start_pair(&p[started], started, &pf[2 * started], tx, dir);
			started++;
		}
		if (poll(pf, (nfds_t)pairs * 2, 10) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2 * pairs; i++) {
			struct rt_pair *rp = &p[i / 2];
			int k = i % 2;

			if (rp->done[k] || !(pf[i].revents & POLLIN))
				continue;
			if (fax_session_process(rp->s[k]) == 1) {
				struct fax_session_result r;

				rp->done[k] = true;
				completed++;
				fax_session_get_result(rp->s[k], &r);
				ok += r.t30_code == 0;
				fax_line_hangup(fax_session_get_line(rp->s[k]));
				pf[i].fd = -1;
			}
		}
	}
	double cpu = cpu_now() - c0, wall = wall_now() - t0;

	for (int i = 0; i < started; i++) {
		for (int k = 0; k < 2; k++) {
			struct fax_line_stats st;

			fax_line_get_stats(fax_loopback_line(p[i].lb, (unsigned)k), &st);
			underruns += st.underruns;
			overruns += st.overruns;
			fax_session_free(p[i].s[k]);
		}
		fax_loopback_free(p[i].lb);
	}
	printf("realtime: %d sessions (%d pairs, 1-page V.17 ECM calls started over %.0f s) for %.1f s in one thread: CPU %.1f%% of one core, %llu underruns, %llu overruns, %d/%d sessions ended (%d OK)\n",
	       2 * pairs, pairs, seconds / 3.0, wall, 100 * cpu / wall, (unsigned long long)underruns,
	       (unsigned long long)overruns, completed, 2 * pairs, ok);
	if (cpu > 0)
		printf("realtime: => about %.0f concurrent sessions per core at this load%s\n",
		       2 * pairs / (cpu / wall), underruns ? " (NOT valid: underruns seen)" : "");
	free(p);
	free(pf);
}

int main(int argc, char **argv)
{
	static const struct bench_case cases[] = {
		{ "V.17 fine ECM MMR", true },
		{ "V.17 fine non-ECM MH", false },
	};
	static const int one[] = { 1 }, three[] = { 1, 1, 1 };
	int pairs = argc > 1 ? atoi(argv[1]) : 40;
	int seconds = argc > 2 ? atoi(argv[2]) : 45;
	char dir[256], f1[300], f3[300], rx[300];

	if (!test_chart_dir() || tmpdir_make(dir, sizeof(dir)) < 0) {
		fprintf(stderr, "bench_session: ITU charts not found (set FAX_TESTDATA)\n");
		return 1;
	}
	snprintf(f1, sizeof(f1), "%s/one.tif", dir);
	snprintf(f3, sizeof(f3), "%s/three.tif", dir);
	snprintf(rx, sizeof(rx), "%s/rx.tif", dir);
	write_chart_tiff(f1, one, 1, true, CODING_MMR);
	write_chart_tiff(f3, three, 3, true, CODING_MMR);
	printf("page: ITU chart 1, 1728x2376 fine\n");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cost(&cases[i], f3, rx, 3);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		per_page(&cases[i], f1, f3, rx);
	if (pairs > 0)
		realtime(pairs, seconds, f1, dir);
	tmpdir_remove(dir);
	return 0;
}
