// SPDX-License-Identifier: GPL-2.0-or-later
/* The job/message record, its field table and its state rules; see job.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>

#include "job.h"

#define S(col, prop, member) { col, prop, JF_STR, offsetof(struct job, member) }
#define U(col, prop, member) { col, prop, JF_U32, offsetof(struct job, member) }
#define I(col, prop, member) { col, prop, JF_I64, offsetof(struct job, member) }
#define B(col, prop, member) { col, prop, JF_BOOL, offsetof(struct job, member) }

const struct job_field job_fields[] = {
	S("id", "Id", id),
	S("submission_id", "SubmissionId", submission_id),
	U("folder", "Folder", folder),
	U("owner_uid", "OwnerUid", owner_uid),
	U("job_type", "JobType", job_type),
	U("status", "Status", status),
	U("ext_status", "ExtendedStatusCode", ext_status),
	S("ext_text", "ExtendedStatus", ext_text),
	U("priority", "Priority", priority),
	U("schedule_type", "ScheduleType", schedule_type),
	I("scheduled_time", "ScheduledTime", scheduled_time),
	I("original_scheduled_time", "OriginalScheduledTime", original_scheduled_time),
	I("submission_time", "SubmissionTime", submission_time),
	I("transmission_start", "TransmissionStart", transmission_start),
	I("transmission_end", "TransmissionEnd", transmission_end),
	U("receipt_type", "ReceiptType", receipt_type),
	S("receipt_address", "ReceiptAddress", receipt_address),
	S("recipient_number", "RecipientNumber", recipient_number),
	S("recipient_name", "RecipientName", recipient_name),
	S("sender_name", "SenderName", sender_name),
	S("sender_fax_number", "SenderFaxNumber", sender_fax_number),
	S("sender_company", "SenderCompany", sender_company),
	S("sender_department", "SenderDepartment", sender_department),
	S("sender_email", "SenderEmail", sender_email),
	S("sender_billing_code", "SenderBillingCode", sender_billing_code),
	S("sender_tsid", "SenderTSID", sender_tsid),
	S("subject", "Subject", subject),
	S("note", "Note", note),
	S("document_name", "DocumentName", document_name),
	U("pages", "Pages", pages),
	U("current_page", "CurrentPage", current_page),
	U("retries", "Retries", retries),
	I("size", "Size", size),
	U("device_id", "DeviceId", device_id),
	S("device_name", "DeviceName", device_name),
	S("csid", "CSID", csid),
	S("tsid", "TSID", tsid),
	S("caller_id", "CallerId", caller_id),
	S("routing_info", "RoutingInformation", routing_info),
	B("partial", "PartiallyReceived", partial),
	B("read", "Read", read),
	S("tiff", NULL, tiff),
};
const size_t n_job_fields = sizeof(job_fields) / sizeof(job_fields[0]);

void job_clear(struct job *j)
{
	for (size_t i = 0; i < n_job_fields; i++)
		if (job_fields[i].type == JF_STR) {
			char **p = job_field_str(j, &job_fields[i]);

			free(*p);
			*p = NULL;
		}
}

void job_free(struct job *j)
{
	if (!j)
		return;
	job_clear(j);
	free(j);
}

int job_new_id(char **ret)
{
	uint64_t v;

	if (getrandom(&v, sizeof(v), 0) != sizeof(v))
		return -errno;
	return asprintf(ret, "%016llx", (unsigned long long)v) < 0 ? -ENOMEM : 0;
}

/* Set only through the Test interface; 0 in every real server. */
static int64_t clock_offset;

void job_clock_set_offset(int64_t usec)
{
	clock_offset = usec;
}

int64_t job_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 + clock_offset;
}

bool job_in_folder(const struct job *j, uint32_t folder)
{
	if (j->folder == folder)
		return true;
	return folder == JOB_OUTGOING_ARCHIVE && j->folder == JOB_OUTGOING_QUEUE &&
	       (j->status & FAX_JOB_COMPLETED);
}

bool job_is_final(const struct job *j)
{
	return j->status & (FAX_JOB_COMPLETED | FAX_JOB_CANCELED | FAX_JOB_FAILED |
			    FAX_JOB_RETRIES_EXCEEDED);
}

/*
 * What a job offers in each state (the model's operations enum): a
 * queued job can be paused, resumed when paused, cancelled unless it is
 * final; restart only for a job that failed for good; the TIFF and the
 * sender/recipient information are always available for outgoing jobs.
 */
uint32_t job_operations(const struct job *j)
{
	uint32_t ops = FAX_JOB_OP_VIEW;

	if (j->folder == JOB_OUTGOING_ARCHIVE || j->folder == JOB_INCOMING_ARCHIVE)
		return ops | FAX_JOB_OP_DELETE;
	if (j->folder == JOB_INCOMING_QUEUE)
		return job_is_final(j) ? ops : ops | FAX_JOB_OP_DELETE;
	ops |= FAX_JOB_OP_RECIPIENT_INFO | FAX_JOB_OP_SENDER_INFO;
	if (j->status & FAX_JOB_PAUSED)
		return ops | FAX_JOB_OP_RESUME | FAX_JOB_OP_DELETE;
	if (j->status & (FAX_JOB_PENDING | FAX_JOB_RETRYING))
		return ops | FAX_JOB_OP_PAUSE | FAX_JOB_OP_DELETE;
	if (j->status & FAX_JOB_INPROGRESS)
		return ops | FAX_JOB_OP_DELETE;
	if (j->status & (FAX_JOB_RETRIES_EXCEEDED | FAX_JOB_FAILED | FAX_JOB_CANCELED))
		return ops | FAX_JOB_OP_RESTART | FAX_JOB_OP_DELETE;
	return ops;
}
