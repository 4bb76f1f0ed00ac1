// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the queue verbs share: a job or message as JSON and as a table
 * row, finding which folder holds an id, and the exit code that says how
 * a job ended.
 */
#include <errno.h>
#include <stdio.h>

#include "faxtool.h"

json_object *job_json(const struct fax_job_info *j)
{
	json_object *o = json_object_new_object();
	char st[128];

	json_object_object_add(o, "id", json_object_new_string(j->id));
	json_object_object_add(o, "submission_id", json_object_new_string(j->submission_id));
	json_object_object_add(o, "folder", json_object_new_string(folder_name(j->folder)));
	json_object_object_add(o, "status", json_object_new_string(fax_job_status_name(j->status, st, sizeof(st))));
	json_object_object_add(o, "extended_status",
			       json_object_new_string(fax_job_extended_status_name(j->extended_status_code) ?: ""));
	json_object_object_add(o, "available_operations", json_object_new_int((int)j->available_operations));
	json_object_object_add(o, "priority", json_object_new_string(fax_priority_name(j->priority) ?: ""));
	json_object_object_add(o, "recipient", json_object_new_string(j->recipient_number));
	json_object_object_add(o, "subject", json_object_new_string(j->subject));
	json_object_object_add(o, "pages", json_object_new_int((int)j->pages));
	json_object_object_add(o, "current_page", json_object_new_int((int)j->current_page));
	json_object_object_add(o, "retries", json_object_new_int((int)j->retries));
	json_object_object_add(o, "size", json_object_new_int64(j->size));
	json_object_object_add(o, "device", json_object_new_string(j->device_name));
	json_object_object_add(o, "csid", json_object_new_string(j->csid));
	json_object_object_add(o, "tsid", json_object_new_string(j->tsid));
	json_object_object_add(o, "caller_id", json_object_new_string(j->caller_id));
	json_object_object_add(o, "submission_time", json_object_new_int64(j->submission_time));
	json_object_object_add(o, "transmission_start", json_object_new_int64(j->transmission_start));
	json_object_object_add(o, "transmission_end", json_object_new_int64(j->transmission_end));
	json_object_object_add(o, "partially_received", json_object_new_boolean(j->partially_received));
	json_object_object_add(o, "owner_uid", json_object_new_int64(j->owner_uid));
	return o;
}

void show_job(struct faxtool *t, const struct fax_job_info *j, bool header)
{
	char st[128];

	if (t->json) {
		out_json(job_json(j));
		return;
	}
	if (header)
		printf("%-16s %-24s %-14s %5s %-16s %s\n", "ID", "STATUS", "EXTENDED", "PAGES",
		       "NUMBER/CSID", "SUBJECT/TSID");
	printf("%-16s %-24s %-14s %2u/%-2u %-16s %s\n", j->id,
	       fax_job_status_name(j->status, st, sizeof(st)),
	       fax_job_extended_status_name(j->extended_status_code) ?: "?", j->current_page,
	       j->pages, *j->recipient_number ? j->recipient_number : j->csid,
	       *j->subject ? j->subject : j->tsid);
}

const char *folder_name(uint32_t folder)
{
	static const char *const names[] = {
		"outgoing-queue", "incoming-queue", "outgoing-archive", "incoming-archive",
	};

	return folder < 4 ? names[folder] : "?";
}

int job_locate(fax_server_t *s, const char *id, uint32_t *folder, fax_jobs_t **ret,
	       fax_error_t *err)
{
	static const uint32_t order[] = { FAX_FOLDER_OUTGOING_QUEUE, FAX_FOLDER_OUTGOING_ARCHIVE,
					  FAX_FOLDER_INCOMING_ARCHIVE, FAX_FOLDER_INCOMING_QUEUE };
	int r = -ENOENT;

	for (size_t i = 0; i < 4; i++) {
		r = fax_server_get_job(s, order[i], id, ret, err);
		if (r >= 0 && fax_jobs_count(*ret) == 1) {
			*folder = order[i];
			return 0;
		}
		if (r >= 0)
			fax_jobs_free(*ret);
		/* Not here, or not ours to see here: try the next folder. */
		if (r != -ENOENT && r != -EACCES && r != -EBADR && r < 0)
			return r;
	}
	fax_error_set(err, -ENOENT, "no job or message '%s'", id);
	return -ENOENT;
}

int job_exit_code(uint32_t status, uint32_t ext)
{
	if (status & FAX_JOB_COMPLETED)
		return EXIT_OK;
	if (status & FAX_JOB_CANCELED)
		return EXIT_CANCELED;
	switch (ext) {
	case FAX_JOBX_BUSY:
	case FAX_JOBX_NO_ANSWER:
	case FAX_JOBX_BAD_ADDRESS:
	case FAX_JOBX_NO_DIAL_TONE:
	case FAX_JOBX_LINE_UNAVAILABLE:
	case FAX_JOBX_CALL_BLACKLISTED:
		return EXIT_NO_CALL;
	default:
		return EXIT_FAX_FAILED;
	}
}
