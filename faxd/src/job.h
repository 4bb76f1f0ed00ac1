/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fax in the server: an outgoing or incoming job while it is queued or
 * on the line, then a message in an archive. One record type serves all
 * four folders, because a message keeps its job's id, properties and TIFF
 * (object-model.md 2.6): archiving a job is changing its folder, one
 * UPDATE in one transaction, and the TIFF in the spool stays where it is.
 *
 * Every field is described once in job_fields[] (its column in the store,
 * its property name on the bus, its type), so the store and the bus walk
 * the same table and cannot disagree.
 */
#ifndef FAXD_JOB_H
#define FAXD_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fax/client.h>

enum job_folder {
	JOB_OUTGOING_QUEUE = 0,
	JOB_INCOMING_QUEUE = 1,
	JOB_OUTGOING_ARCHIVE = 2,
	JOB_INCOMING_ARCHIVE = 3,
};

#define JOB_ID_LEN 16

/* Times are microseconds since the epoch (UTC), 0 = not set. */
struct job {
	char *id;
	char *submission_id;
	uint32_t folder;
	uint32_t owner_uid;
	uint32_t job_type;		/* enum fax_job_type */
	uint32_t status;		/* FAX_JOB_STATUS_* */
	uint32_t ext_status;		/* enum fax_job_extended_status */
	char *ext_text;
	uint32_t priority;
	uint32_t schedule_type;
	int64_t scheduled_time;
	int64_t original_scheduled_time;
	int64_t submission_time;
	int64_t transmission_start;
	int64_t transmission_end;
	uint32_t receipt_type;
	char *receipt_address;
	char *recipient_number, *recipient_name;
	char *sender_name, *sender_fax_number, *sender_company, *sender_department;
	char *sender_email, *sender_billing_code, *sender_tsid;
	char *subject, *note, *document_name;
	uint32_t pages, current_page, retries;
	int64_t size;
	uint32_t device_id;
	char *device_name;
	char *csid, *tsid, *caller_id, *routing_info;
	bool partial;
	bool read;
	char *tiff;			/* file name inside the spool */
	int64_t rowid;			/* the store's row, read only (not a field) */
};

enum job_field_type { JF_STR, JF_U32, JF_I64, JF_BOOL };

struct job_field {
	const char *column;
	const char *property;	/* NULL: not on the bus */
	enum job_field_type type;
	size_t offset;
};

extern const struct job_field job_fields[];
extern const size_t n_job_fields;

void job_clear(struct job *j);
void job_free(struct job *j);
/* job_field_str() - the char * slot of a JF_STR field. */
static inline char **job_field_str(struct job *j, const struct job_field *f)
{
	return (char **)((char *)j + f->offset);
}

/* job_new_id() - 16 hex digits from the kernel's random pool. */
int job_new_id(char **ret);
/*
 * job_now() - faxd's clock, microseconds since the epoch (UTC): the real
 * time plus an offset that only the Test interface sets
 * (job_clock_set_offset()), so tests can reach a discount window or an
 * age limit without waiting for it. Every time faxd stores or compares
 * comes from here.
 */
int64_t job_now(void);
void job_clock_set_offset(int64_t usec);

/* job_operations() - FAX_JOB_OPERATIONS_ENUM for @j in its state. */
uint32_t job_operations(const struct job *j);
/*
 * job_in_folder() - whether @j is an item of @folder: its own, and for a
 * job of a broadcast that was sent while others of its submission are
 * not final, the outgoing archive too (it is in both until the
 * submission settles; see queue.c). store-job.c says the same in SQL.
 */
bool job_in_folder(const struct job *j, uint32_t folder);
/* job_is_final() - completed, failed for good, or cancelled. */
bool job_is_final(const struct job *j);

#endif /* FAXD_JOB_H */
