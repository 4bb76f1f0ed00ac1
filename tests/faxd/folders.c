// SPDX-License-Identifier: GPL-2.0-or-later
/* Helpers of the schedule and archive tests; see folders.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "folders.h"
#include "../libfax/helpers.h"

int folders_body(int pages)
{
	struct bitmap bm = { .width = 1728, .length = 100, .stride = 216 };
	struct test_page pv[4];
	char path[64];
	int fd = -1;

	if (pages < 1 || pages > 4)
		return -EINVAL;
	bm.bits = calloc(bm.length, bm.stride);
	if (!bm.bits)
		return -ENOMEM;
	/* A black bar on every other row: something to compress. */
	for (uint32_t y = 0; y < bm.length; y += 2)
		memset(bm.bits + y * bm.stride + 10, 0xff, 50);
	for (int i = 0; i < pages; i++)
		pv[i] = (struct test_page){ &bm, 204, 98 };
	snprintf(path, sizeof(path), "/tmp/faxd-folders-%d.tif", getpid());
	if (write_pages_tiff(path, pv, pages, CODING_MMR) == 0)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	free(bm.bits);
	return fd < 0 ? -EIO : fd;
}

int folders_set_clock(struct faxd_env *e, int64_t offset, int64_t *now)
{
	sd_bus *bus = env_bus(e);
	sd_bus_message *reply = NULL;
	int r;

	if (!bus)
		return -EIO;
	r = sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH, FAX_BUS_IFACE_TEST,
			       "SetClockOffset", NULL, &reply, "x", offset);
	if (r >= 0 && now)
		r = sd_bus_message_read(reply, "x", now);
	sd_bus_message_unref(reply);
	sd_bus_flush_close_unref(bus);
	return r < 0 ? r : 0;
}

int folders_job(fax_server_t *s, uint32_t folder, const char *id, struct folders_job *ret)
{
	const struct fax_job_info *j;
	fax_jobs_t *c;
	int r = fax_server_get_job(s, folder, id, &c, NULL);

	if (r < 0)
		return r;
	j = fax_jobs_item(c, 1);
	if (j) {
		*ret = (struct folders_job){
			.folder = j->folder, .status = j->status, .ext = j->extended_status_code,
			.schedule_type = j->schedule_type, .retries = j->retries,
			.scheduled_time = j->scheduled_time,
			.transmission_start = j->transmission_start,
		};
		snprintf(ret->submission_id, sizeof(ret->submission_id), "%s", j->submission_id);
	}
	fax_jobs_free(c);
	return j ? 0 : -ENOENT;
}

int folders_count(fax_server_t *s, uint32_t folder)
{
	fax_message_iterator_t *it;
	fax_jobs_t *c;
	int n = 0;

	if (folder == FAX_FOLDER_OUTGOING_QUEUE || folder == FAX_FOLDER_INCOMING_QUEUE) {
		if (fax_server_get_jobs(s, folder, &c, NULL) < 0)
			return -1;
		n = (int)fax_jobs_count(c);
		fax_jobs_free(c);
		return n;
	}
	if (fax_server_get_messages(s, folder, 0, &it, NULL) < 0)
		return -1;
	for (; !fax_message_iterator_at_eof(it); n++)
		if (fax_message_iterator_move_next(it, NULL) < 0 && !fax_message_iterator_at_eof(it))
			break;
	fax_message_iterator_free(it);
	return n;
}

bool folders_wait(fax_server_t *s, struct seen *seen, int type, int n)
{
	/* A generous bound against a server that never sends it. */
	for (int i = 0; i < 3000 && seen->count[type] < n; i++)
		if (fax_server_process(s) <= 0)
			fax_server_wait(s, 20000);
	return seen->count[type] >= n;
}

int folders_spool_files(struct faxd_env *e)
{
	char path[128];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "%s/state/spool", e->dir);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			n++;
	closedir(dir);
	return n;
}

bool folders_spool_has(struct faxd_env *e, const char *id)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/state/spool/%s.tif", e->dir, id);
	return access(path, F_OK) == 0;
}

int folders_rows(struct faxd_env *e, int *dangling)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_open_v2(env_db_path(e), &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(db, 10000) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT tiff FROM job", -1, &st, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	if (dangling)
		*dangling = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char path[192];

		snprintf(path, sizeof(path), "%s/state/spool/%s", e->dir,
			 (const char *)sqlite3_column_text(st, 0));
		if (dangling && access(path, F_OK) != 0)
			(*dangling)++;
		n++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static int exec_sql(struct faxd_env *e, const char *sql, const char *text, const int64_t *nums,
		    int n_nums)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_open(env_db_path(e), &db) != SQLITE_OK) {
		sqlite3_close(db);
		return -EIO;
	}
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		for (int i = 0; i < n_nums; i++)
			sqlite3_bind_int64(st, i + 2, nums[i]);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE)
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_DONE ? 0 : -EIO;
}

int folders_insert(struct faxd_env *e, const char *id, uint32_t folder, uint32_t status,
		   int64_t end, int64_t size)
{
	static const char sql[] =
		"INSERT INTO job (id, submission_id, folder, owner_uid, job_type, status,"
		" ext_status, ext_text, priority, schedule_type, scheduled_time,"
		" original_scheduled_time, submission_time, transmission_start, transmission_end,"
		" receipt_type, receipt_address, recipient_number, recipient_name, sender_name,"
		" sender_fax_number, sender_company, sender_department, sender_email,"
		" sender_billing_code, sender_tsid, subject, note, document_name, pages,"
		" current_page, retries, size, device_id, device_name, csid, tsid, caller_id,"
		" routing_info, partial, read, tiff)"
		" VALUES (?1, ?1, ?2, 0, ?3, ?4, 0, '', 1, 0, ?5, ?5, ?5, ?6, ?7, 0, '', '101', '',"
		" '', '', '', '', '', '', '', 'aged', '', '', 1, 1, 0, ?8, 1, 'loopback0', '', '',"
		" '', '', 0, 0, ?1 || '.tif')";
	bool incoming = folder == FAX_FOLDER_INCOMING_QUEUE || folder == FAX_FOLDER_INCOMING_ARCHIVE;
	bool sent = folder == FAX_FOLDER_OUTGOING_ARCHIVE || folder == FAX_FOLDER_INCOMING_ARCHIVE;
	int64_t nums[] = { folder, incoming ? FAX_JOB_TYPE_RECEIVE : FAX_JOB_TYPE_SEND, status,
			   end, sent ? end : 0, sent ? end : 0, size };
	char path[160];
	int fd, r;

	snprintf(path, sizeof(path), "%s/state/spool/%s.tif", e->dir, id);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd < 0)
		return -errno;
	r = ftruncate(fd, size) < 0 ? -errno : 0;	/* sparse: the size is what counts */
	close(fd);
	if (r >= 0)
		r = exec_sql(e, sql, id, nums, 7);
	return r;
}

int folders_setting(struct faxd_env *e, const char *key, unsigned int value)
{
	int64_t v = value;

	return exec_sql(e, "INSERT OR REPLACE INTO server_setting VALUES (?1, CAST(?2 AS TEXT))",
			key, &v, 1);
}

pid_t folders_spawn(struct faxd_env *e)
{
	char self[PATH_MAX - 16], bin[PATH_MAX], conf[128], state[128];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	pid_t pid;

	self[n > 0 ? n : 0] = '\0';
	if (strrchr(self, '/'))
		*strrchr(self, '/') = '\0';
	snprintf(bin, sizeof(bin), "%s/faxd", self);
	snprintf(conf, sizeof(conf), "%s/faxd.conf", e->dir);
	snprintf(state, sizeof(state), "%s/state", e->dir);
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(devnull, 1);
		dup2(devnull, 2);
		execl(bin, "faxd", "--config", conf, "--state-dir", state, "--bus-address",
		      e->address, (char *)NULL);
		_exit(127);
	}
	return pid;
}

int64_t folders_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
