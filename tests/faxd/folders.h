/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the schedule and archive tests: a body to submit, faxd's
 * test clock, the state of one job, records written straight into a
 * stopped server's store and spool, and faxd started without waiting
 * for it (to kill it at any point of its start).
 */
#ifndef TESTS_FAXD_FOLDERS_H
#define TESTS_FAXD_FOLDERS_H

#include <stdbool.h>
#include <stdint.h>

#include "env.h"

#define USEC_PER_MIN (60LL * 1000000LL)
#define USEC_PER_DAY (1440LL * USEC_PER_MIN)

/* folders_body() - a @pages-page fax-shaped TIFF open for reading. */
int folders_body(int pages);
/* folders_set_clock() - Test.SetClockOffset(@offset); faxd's time then. */
int folders_set_clock(struct faxd_env *e, int64_t offset, int64_t *now);

/* What the tests look at in a job or message. */
struct folders_job {
	uint32_t folder, status, ext, schedule_type, retries;
	int64_t scheduled_time, transmission_start;
	char submission_id[32];
};
/* folders_job() - job or message @id as an item of @folder; -ENOENT if
 * it is not there. */
int folders_job(fax_server_t *s, uint32_t folder, const char *id, struct folders_job *ret);
/* folders_count() - items of @folder (a queue's jobs, an archive's
 * messages), -1 on error. */
int folders_count(fax_server_t *s, uint32_t folder);
/* folders_wait() - process events until @type arrived @n times. */
bool folders_wait(fax_server_t *s, struct seen *seen, int type, int n);

/* Spool: files in it, and whether @id's TIFF is one of them. */
int folders_spool_files(struct faxd_env *e);
bool folders_spool_has(struct faxd_env *e, const char *id);
/* folders_rows() - rows of the job table (-1 on error); with @dangling,
 * also the rows whose spool file is missing. */
int folders_rows(struct faxd_env *e, int *dangling);

/*
 * folders_insert() - with faxd stopped: a record @id in @folder with
 * @status whose transmission ended at @end (submitted then too), and its
 * spool file of @size bytes.
 */
int folders_insert(struct faxd_env *e, const char *id, uint32_t folder, uint32_t status,
		   int64_t end, int64_t size);
/* folders_setting() - with faxd stopped: a server setting in the store. */
int folders_setting(struct faxd_env *e, const char *key, unsigned int value);
/* folders_spawn() - start faxd on @e's bus and state, without waiting. */
pid_t folders_spawn(struct faxd_env *e);
/* folders_now() - the real time, microseconds since the epoch. */
int64_t folders_now(void);

#endif /* TESTS_FAXD_FOLDERS_H */
