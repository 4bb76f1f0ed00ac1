// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * End-to-end seconds per page through faxd: the demo's fax (ITU charts
 * 1-3, fine, MMR) and chart 1 alone, submitted to a fresh faxd whose
 * loopback pair runs in real time, against the protocol bound of
 * peers.md 7.5. The time on the line is the archive's TransmissionStart
 * to TransmissionEnd (dialling, ringing, the whole T.30 call); the bound
 * has no dialling or ringing in it, so the 3-page minus 1-page difference
 * (two pages, no fixed cost) is the fair per-page figure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tiffio.h>

#include "../../tests/faxd/env.h"
#include "../../tests/libfax/helpers.h"
#include "bench.h"

#define RATE 14400.0		/* V.17: a clean loopback line trains at the top rate */
#define FIXED 13.3		/* peers.md 7.5: CED, DIS/DCS, training, TCF, DCN */
#define PER_PAGE_ECM 3.0	/* peers.md 7.5: per-page protocol cost with ECM */

/* Coded bytes of each page of @path into @bytes; the number of pages. */
static int page_bytes(const char *path, double *bytes, int max)
{
	TIFF *t = TIFFOpen(path, "r");
	int n = 0;

	if (!t)
		return -EIO;
	do {
		uint64_t *bc = NULL;
		tstrip_t strips = TIFFNumberOfStrips(t);

		bytes[n] = 0;
		if (TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &bc))
			for (tstrip_t i = 0; i < strips; i++)
				bytes[n] += (double)bc[i];
		n++;
	} while (n < max && TIFFReadDirectory(t));
	TIFFClose(t);
	return n;
}

static double page_bound(double bytes)
{
	return 8.0 * bytes / RATE * 1.043 + PER_PAGE_ECM;
}

struct waiter {
	const char *id;
	bool done;
};

static void on_event(fax_server_t *s, const struct fax_server_event *ev, void *userdata)
{
	struct waiter *w = userdata;

	(void)s;
	if (!ev->id || strcmp(ev->id, w->id))
		return;
	if (ev->type == FAX_SERVER_EV_OUTGOING_MESSAGE_ADDED ||
	    (ev->job && fax_job_status_is_final(ev->job->status)))
		w->done = true;
}

/* Send @path to the other loopback line: seconds on the line, < 0 if it failed. */
static double send_one(fax_server_t *s, const char *path)
{
	const char *to[] = { "101" };
	struct fax_document doc = {
		.size = sizeof(doc), .recipients = to, .n_recipients = 1,
		.priority = FAX_PRIORITY_NORMAL,
	};
	fax_error_t err = { 0 };
	struct waiter w = { 0 };
	char *sub = NULL, **ids = NULL;
	double secs = -1;
	fax_jobs_t *c;

	doc.body_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (doc.body_fd < 0 ||
	    fax_server_listen_to_events(s, FAX_EVENTS_OUT_QUEUE | FAX_EVENTS_OUT_ARCHIVE, on_event,
					&w, &err) < 0 ||
	    fax_server_submit(s, &doc, &sub, &ids, &err) < 0) {
		fprintf(stderr, "bench_faxd_queue: cannot submit %s: %s\n", path, err.message);
		goto out;
	}
	w.id = ids[0];
	while (!w.done) {
		int r = fax_server_process(s);

		if (r == 0)
			r = fax_server_wait(s, 600 * 1000000ULL);
		if (r < 0)
			goto out;
	}
	if (fax_server_get_job(s, FAX_FOLDER_OUTGOING_ARCHIVE, w.id, &c, &err) < 0) {
		fprintf(stderr, "bench_faxd_queue: %s was not sent: %s\n", path, err.message);
		goto out;
	}
	secs = (double)(fax_jobs_item(c, 1)->transmission_end -
			fax_jobs_item(c, 1)->transmission_start) / 1e6;
	fax_jobs_free(c);
out:
	if (doc.body_fd >= 0)
		close(doc.body_fd);
	free(sub);
	fax_strv_free(ids);
	return secs;
}

void bench_e2e(void)
{
	static const int one[] = { 1 }, three[] = { 1, 2, 3 };
	char p1[128], p3[128];
	double b[3], t1, t3, bound1, bound3;
	struct faxd_env e = { 0 };
	fax_server_t *s;

	/* Line time is wall time only on a real-time line: the test servers
	 * may run their loopback lines faster. */
	setenv("FAXD_TEST_SPEED", "1", 1);
	if (env_start(&e, NULL) < 0) {
		fprintf(stderr, "bench_faxd_queue: cannot start dbus-daemon and faxd\n");
		return;
	}
	snprintf(p1, sizeof(p1), "%s/chart1.tif", e.dir);
	snprintf(p3, sizeof(p3), "%s/charts123.tif", e.dir);
	if (write_chart_tiff(p1, one, 1, true, CODING_MMR) < 0 ||
	    write_chart_tiff(p3, three, 3, true, CODING_MMR) < 0 || page_bytes(p3, b, 3) != 3) {
		printf("end to end: skipped, no ITU charts (set FAX_TESTDATA)\n");
		env_stop(&e);
		return;
	}
	s = env_connect(&e);
	t1 = s ? send_one(s, p1) : -1;
	t3 = s ? send_one(s, p3) : -1;
	fax_server_free(s);
	env_stop(&e);
	if (t1 < 0 || t3 < 0) {
		printf("end to end: a fax failed\n");
		return;
	}
	bound1 = FIXED + page_bound(b[0]);
	bound3 = bound1 + page_bound(b[1]) + page_bound(b[2]);
	printf("\nend to end through faxd, loopback line in real time, V.17 ECM MMR, fine\n");
	printf("%-44s %10s %14s %8s\n", "measure", "figure", "bound", "ratio");
	printf("%-44s %10.1f s %12.1f s %7.0f%%   (%.0f+%.0f+%.0f bytes)\n",
	       "3-page call (charts 1-3), on the line", t3, bound3, 100 * t3 / bound3, b[0], b[1],
	       b[2]);
	printf("%-44s %10.1f s %12.1f s %7.0f%%\n", "1-page call (chart 1), on the line", t1, bound1,
	       100 * t1 / bound1);
	printf("%-44s %10.2f s %12.2f s %7.0f%%   ((3-page - 1-page) / 2)\n",
	       "seconds per page (charts 2 and 3)", (t3 - t1) / 2, (bound3 - bound1) / 2,
	       100 * (t3 - t1) / (bound3 - bound1));
	printf("%-44s %10.2f s %12.2f s %7.0f%%\n", "seconds per page, whole 3-page call / 3",
	       t3 / 3, bound3 / 3, 100 * t3 / bound3);
}
