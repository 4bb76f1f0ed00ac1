/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Keeping the archives (and the failed jobs of the outgoing queue) in
 * bounds: records older than their folder's AgeLimit (days, 0 = for
 * ever) are deleted with their TIFF, at start and then every hour; the
 * archives' sizes are watched against the quota water marks. A pass runs
 * on the event loop, soon after archive_kick().
 */
#ifndef FAXD_ARCHIVE_H
#define FAXD_ARCHIVE_H

#include <stdbool.h>
#include <stdint.h>

struct manager;

int archive_start(struct manager *m);
void archive_stop(struct manager *m);
/* archive_kick() - run a pass soon: a message arrived or left, the
 * configuration or faxd's clock changed. */
void archive_kick(struct manager *m);
/* archive_quota_exceeded() - whether the quota warning of archive
 * @folder is raised (its size passed the high water mark and has not
 * yet fallen under the low one). */
bool archive_quota_exceeded(const struct manager *m, uint32_t folder);

#endif /* FAXD_ARCHIVE_H */
