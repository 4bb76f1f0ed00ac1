// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Jobs, queues and archives (the model's FaxFolders) seen from a client:
 * job lists and single jobs of the four folders, submission of a
 * FaxDocument (its body as a file descriptor), job operations, CopyTiff
 * into a descriptor, deleting archived messages, the prefetching message
 * iterator and the folders' settings.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client-internal.h"

enum { JS, JU, JX, JB };

static const struct {
	const char *key;
	int type;
	size_t offset;
} job_keys[] = {
#define F(k, t, m) { k, t, offsetof(struct fax_job_info, m) }
	F("Id", JS, id), F("SubmissionId", JS, submission_id), F("Folder", JU, folder),
	F("OwnerUid", JU, owner_uid), F("JobType", JU, job_type), F("Status", JU, status),
	F("ExtendedStatusCode", JU, extended_status_code), F("ExtendedStatus", JS, extended_status),
	F("AvailableOperations", JU, available_operations), F("Priority", JU, priority),
	F("ScheduleType", JU, schedule_type), F("ReceiptType", JU, receipt_type),
	F("ScheduledTime", JX, scheduled_time), F("OriginalScheduledTime", JX, original_scheduled_time),
	F("SubmissionTime", JX, submission_time), F("TransmissionStart", JX, transmission_start),
	F("TransmissionEnd", JX, transmission_end), F("ReceiptAddress", JS, receipt_address),
	F("RecipientNumber", JS, recipient_number), F("RecipientName", JS, recipient_name),
	F("SenderName", JS, sender_name), F("SenderFaxNumber", JS, sender_fax_number),
	F("SenderCompany", JS, sender_company), F("SenderDepartment", JS, sender_department),
	F("SenderEmail", JS, sender_email), F("SenderBillingCode", JS, sender_billing_code),
	F("SenderTSID", JS, sender_tsid), F("Subject", JS, subject), F("Note", JS, note),
	F("DocumentName", JS, document_name), F("Pages", JU, pages),
	F("CurrentPage", JU, current_page), F("Retries", JU, retries), F("DeviceId", JU, device_id),
	F("Size", JX, size), F("DeviceName", JS, device_name), F("CSID", JS, csid),
	F("TSID", JS, tsid), F("CallerId", JS, caller_id),
	F("RoutingInformation", JS, routing_information),
	F("PartiallyReceived", JB, partially_received), F("Read", JB, read),
#undef F
};
#define N_JOB_KEYS (sizeof(job_keys) / sizeof(job_keys[0]))

struct fax_jobs {
	struct fax_job_info *v;
	size_t n;
};

static void job_info_clear(struct fax_job_info *j)
{
	for (size_t i = 0; i < N_JOB_KEYS; i++)
		if (job_keys[i].type == JS)
			free(*(char **)((char *)j + job_keys[i].offset));
}

static int job_info_init(struct fax_job_info *j)
{
	memset(j, 0, sizeof(*j));
	for (size_t i = 0; i < N_JOB_KEYS; i++)
		if (job_keys[i].type == JS) {
			char **p = (char **)((char *)j + job_keys[i].offset);

			*p = strdup("");
			if (!*p)
				return -ENOMEM;
		}
	return 0;
}

static int read_job_key(sd_bus_message *m, const char *key, void *userdata)
{
	struct fax_job_info *j = userdata;
	int b, r;

	for (size_t i = 0; i < N_JOB_KEYS; i++) {
		char *p = (char *)j + job_keys[i].offset;

		if (strcmp(job_keys[i].key, key))
			continue;
		switch (job_keys[i].type) {
		case JS:
			free(*(char **)p);
			*(char **)p = NULL;
			r = client_read_string(m, (char **)p);
			return r < 0 ? r : 1;
		case JU:
			r = sd_bus_message_read(m, "u", (uint32_t *)p);
			return r < 0 ? r : 1;
		case JX:
			r = sd_bus_message_read(m, "x", (int64_t *)p);
			return r < 0 ? r : 1;
		default:
			r = sd_bus_message_read(m, "b", &b);
			*(bool *)p = b;
			return r < 0 ? r : 1;
		}
	}
	return 0;
}

int client_read_job(sd_bus_message *m, struct fax_job_info *j)
{
	int r = job_info_init(j);

	return r < 0 ? r : client_read_dict(m, read_job_key, j);
}

void client_job_clear(struct fax_job_info *j)
{
	job_info_clear(j);
}

static int read_jobs(sd_bus_message *reply, fax_jobs_t *c)
{
	int r = sd_bus_message_enter_container(reply, 'a', "a{sv}");

	while (r >= 0 && (r = sd_bus_message_at_end(reply, false)) == 0) {
		struct fax_job_info *nv = realloc(c->v, (c->n + 1) * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		c->v = nv;
		r = job_info_init(&c->v[c->n]);
		c->n++;
		if (r >= 0)
			r = client_read_dict(reply, read_job_key, &c->v[c->n - 1]);
	}
	if (r >= 0)
		r = sd_bus_message_exit_container(reply);
	return r;
}

static const char *const folder_paths[] = {
	FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_PATH_INCOMING_QUEUE,
	FAX_BUS_PATH_OUTGOING_ARCHIVE, FAX_BUS_PATH_INCOMING_ARCHIVE,
};

const char *fax_folder_path(uint32_t folder)
{
	return folder < 4 ? folder_paths[folder] : NULL;
}

static const char *folder_iface(uint32_t folder)
{
	return folder < 2 ? FAX_BUS_IFACE_QUEUE : FAX_BUS_IFACE_ARCHIVE;
}

static int jobs_call(fax_server_t *s, uint32_t folder, const char *member, fax_jobs_t **ret,
		     fax_error_t *err, const char *types, const char *a, uint32_t b)
{
	sd_bus_message *reply = NULL;
	fax_jobs_t *c;
	int r;

	if (folder > 3)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	if (!strcmp(types, ""))
		r = client_call(s, folder_paths[folder], folder_iface(folder), member, err, &reply, "");
	else if (!strcmp(types, "s"))
		r = client_call(s, folder_paths[folder], folder_iface(folder), member, err, &reply,
				"s", a);
	else
		r = client_call(s, folder_paths[folder], folder_iface(folder), member, err, &reply,
				"su", a, b);
	if (r >= 0) {
		r = read_jobs(reply, c);
		if (r < 0)
			fax_error_set(err, r, "the server's answer is malformed");
	}
	sd_bus_message_unref(reply);
	if (r < 0) {
		fax_jobs_free(c);
		return r;
	}
	*ret = c;
	return 0;
}

/* Jobs per GetJobs request: replies of about 1.3 MB. */
#define JOBS_PAGE 1000

/*
 * The server hands a queue out in pages (a reply holding 100 000 jobs
 * would pass the bus's message limit); the collection is all of them.
 */
int fax_server_get_jobs(fax_server_t *s, uint32_t folder, fax_jobs_t **ret, fax_error_t *err)
{
	char *cursor = strdup("");
	fax_jobs_t *c;
	int r = 0;

	if (folder > FAX_FOLDER_INCOMING_QUEUE) {
		free(cursor);
		return -EINVAL;
	}
	c = calloc(1, sizeof(*c));
	if (!c || !cursor) {
		free(c);
		free(cursor);
		return -ENOMEM;
	}
	for (bool first = true; r >= 0 && (first || *cursor); first = false) {
		sd_bus_message *reply = NULL;

		r = client_call(s, folder_paths[folder], FAX_BUS_IFACE_QUEUE, "GetJobs", err, &reply,
				"su", cursor, (uint32_t)JOBS_PAGE);
		free(cursor);
		cursor = NULL;
		if (r >= 0) {
			r = read_jobs(reply, c);
			if (r >= 0)
				r = client_read_string(reply, &cursor);
			if (r < 0)
				fax_error_set(err, r, "the server's answer is malformed");
		}
		sd_bus_message_unref(reply);
	}
	free(cursor);
	if (r < 0) {
		fax_jobs_free(c);
		return r;
	}
	*ret = c;
	return 0;
}

int fax_server_get_job(fax_server_t *s, uint32_t folder, const char *id, fax_jobs_t **ret,
		       fax_error_t *err)
{
	return jobs_call(s, folder, folder < 2 ? "GetJob" : "GetMessage", ret, err, "s", id, 0);
}

void fax_jobs_free(fax_jobs_t *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		job_info_clear(&c->v[i]);
	free(c->v);
	free(c);
}

size_t fax_jobs_count(const fax_jobs_t *c)
{
	return c->n;
}

const struct fax_job_info *fax_jobs_item(const fax_jobs_t *c, size_t index)
{
	return index >= 1 && index <= c->n ? &c->v[index - 1] : NULL;
}

void fax_strv_free(char **v)
{
	client_strv_free(v);
}

static int append_doc_string(sd_bus_message *m, const char *key, const char *v)
{
	return v ? sd_bus_message_append(m, "{sv}", key, "s", v) : 0;
}

int fax_server_submit(fax_server_t *s, const struct fax_document *doc, char **submission_id,
		      char ***job_ids, fax_error_t *err)
{
	struct fax_document d = { 0 };
	sd_bus_message *m = NULL, *reply = NULL;
	int r;

	memcpy(&d, doc, doc->size < sizeof(d) ? doc->size : sizeof(d));
	if (!d.recipients || d.n_recipients == 0 || d.body_fd < 0)
		return fax_error_set(err, -EINVAL, "a body and at least one recipient are needed");
	r = client_new_call(s, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "Submit", &m, err);
	if (r < 0)
		return r;
	r = sd_bus_message_append(m, "h", d.body_fd);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "{sv}");
	if (r >= 0)
		r = sd_bus_message_append(m, "{sv}{sv}{sv}{sv}", "Priority", "u", d.priority,
					  "ScheduleType", "u", d.schedule_type, "ScheduledTime", "x",
					  d.schedule_time, "ReceiptType", "u", d.receipt_type);
#define STR(key, f) if (r >= 0) r = append_doc_string(m, key, d.f)
	STR("SenderName", sender_name);
	STR("SenderFaxNumber", sender_fax_number);
	STR("SenderCompany", sender_company);
	STR("SenderDepartment", sender_department);
	STR("SenderEmail", sender_email);
	STR("SenderBillingCode", sender_billing_code);
	STR("SenderTSID", sender_tsid);
	STR("Subject", subject);
	STR("Note", note);
	STR("DocumentName", document_name);
	STR("ReceiptAddress", receipt_address);
#undef STR
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "s");
	for (size_t i = 0; r >= 0 && i < d.n_recipients; i++)
		r = sd_bus_message_append(m, "s", d.recipients[i]);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "s");
	for (size_t i = 0; r >= 0 && d.recipient_names && i < d.n_recipients; i++)
		r = sd_bus_message_append(m, "s", d.recipient_names[i] ? d.recipient_names[i] : "");
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r < 0) {
		sd_bus_message_unref(m);
		return fax_error_set(err, r, "cannot build the request");
	}
	r = client_send(s, m, err, &reply);
	if (r < 0)
		return r;
	r = client_read_string(reply, submission_id);
	if (r >= 0) {
		r = sd_bus_message_read_strv(reply, job_ids);
		if (r < 0) {
			free(*submission_id);
			*submission_id = NULL;
		}
	}
	sd_bus_message_unref(reply);
	return r < 0 ? fax_error_set(err, r, "the server's answer is malformed") : 0;
}

int fax_server_job_action(fax_server_t *s, uint32_t folder, const char *id,
			  enum fax_job_action action, fax_error_t *err)
{
	static const char *const names[] = { "Pause", "Resume", "Restart", "Cancel" };

	if (folder > FAX_FOLDER_INCOMING_QUEUE || (unsigned int)action > FAX_JOB_CANCEL)
		return -EINVAL;
	return client_call(s, folder_paths[folder], FAX_BUS_IFACE_QUEUE, names[action], err, NULL,
			   "s", id);
}

int fax_server_copy_tiff(fax_server_t *s, uint32_t folder, const char *id, int fd,
			 fax_error_t *err)
{
	if (folder > 3)
		return -EINVAL;
	return client_call(s, folder_paths[folder], folder_iface(folder), "CopyTiff", err, NULL,
			   "sh", id, fd);
}

int fax_server_delete_message(fax_server_t *s, uint32_t folder, const char *id,
			      fax_error_t *err)
{
	if (folder < FAX_FOLDER_OUTGOING_ARCHIVE || folder > 3)
		return -EINVAL;
	return client_call(s, folder_paths[folder], FAX_BUS_IFACE_ARCHIVE, "Delete", err, NULL,
			   "s", id);
}

struct fax_message_iterator {
	fax_server_t *s;
	uint32_t folder, prefetch;
	fax_jobs_t *batch;
	size_t pos;			/* 0-based in batch */
	bool eof;
};

int fax_server_get_messages(fax_server_t *s, uint32_t folder, uint32_t prefetch,
			    fax_message_iterator_t **ret, fax_error_t *err)
{
	fax_message_iterator_t *it;
	int r;

	if (folder < FAX_FOLDER_OUTGOING_ARCHIVE || folder > 3)
		return -EINVAL;
	it = calloc(1, sizeof(*it));
	if (!it)
		return -ENOMEM;
	it->s = s;
	it->folder = folder;
	it->prefetch = prefetch ? prefetch : FAX_DEFAULT_PREFETCH_SIZE;
	r = fax_message_iterator_move_first(it, err);
	if (r < 0) {
		free(it);
		return r;
	}
	*ret = it;
	return 0;
}

void fax_message_iterator_free(fax_message_iterator_t *it)
{
	if (!it)
		return;
	fax_jobs_free(it->batch);
	free(it);
}

static int fetch(fax_message_iterator_t *it, const char *after, fax_error_t *err)
{
	fax_jobs_t *b;
	int r = jobs_call(it->s, it->folder, "GetMessages", &b, err, "su", after ? after : "",
			  it->prefetch);

	if (r < 0)
		return r;
	fax_jobs_free(it->batch);
	it->batch = b;
	it->pos = 0;
	it->eof = b->n == 0;
	return 0;
}

int fax_message_iterator_move_first(fax_message_iterator_t *it, fax_error_t *err)
{
	return fetch(it, NULL, err);
}

int fax_message_iterator_move_next(fax_message_iterator_t *it, fax_error_t *err)
{
	char *last;
	int r;

	if (it->eof)
		return -ENODATA;
	if (it->pos + 1 < it->batch->n) {
		it->pos++;
		return 0;
	}
	last = strdup(it->batch->v[it->pos].id);
	if (!last)
		return -ENOMEM;
	r = fetch(it, last, err);
	free(last);
	return r;
}

bool fax_message_iterator_at_eof(const fax_message_iterator_t *it)
{
	return it->eof;
}

const struct fax_job_info *fax_message_iterator_message(const fax_message_iterator_t *it)
{
	return it->eof ? NULL : &it->batch->v[it->pos];
}

static int read_folder_key(sd_bus_message *m, const char *key, void *userdata)
{
	struct fax_folder_config *c = userdata;
	int b, r;

#define B(k, f) if (!strcmp(key, k)) { r = sd_bus_message_read(m, "b", &b); c->f = b; return r < 0 ? r : 1; }
#define U(k, f) if (!strcmp(key, k)) { r = sd_bus_message_read(m, "u", &c->f); return r < 0 ? r : 1; }
	B("Blocked", blocked) B("Paused", paused) B("SizeQuotaWarning", quota_warning)
	U("Retries", retries) U("RetryDelay", retry_delay) U("AgeLimit", age_limit)
	U("DiscountRateStart", discount_start) U("DiscountRateEnd", discount_end)
	U("HighQuotaWaterMark", high_watermark) U("LowQuotaWaterMark", low_watermark)
#undef B
#undef U
	if (!strcmp(key, "Size")) {
		r = sd_bus_message_read(m, "t", &c->size);
		return r < 0 ? r : 1;
	}
	return 0;
}

int fax_server_get_folder_config(fax_server_t *s, uint32_t folder, struct fax_folder_config *c,
				 fax_error_t *err)
{
	sd_bus_message *reply = NULL;
	int r;

	if (folder > 3)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	r = client_call(s, folder_paths[folder], folder_iface(folder), "Refresh", err, &reply, "");
	if (r >= 0)
		r = client_read_dict(reply, read_folder_key, c);
	sd_bus_message_unref(reply);
	return r < 0 ? r : 0;
}

int fax_server_set_folder_config(fax_server_t *s, uint32_t folder,
				 const struct fax_folder_config *c, fax_error_t *err)
{
	if (folder == FAX_FOLDER_OUTGOING_QUEUE)
		return client_call(s, folder_paths[folder], FAX_BUS_IFACE_QUEUE, "Save", err, NULL,
				   "a{sv}", 7, "Blocked", "b", (int)c->blocked, "Paused", "b",
				   (int)c->paused, "Retries", "u", c->retries, "RetryDelay", "u",
				   c->retry_delay, "DiscountRateStart", "u", c->discount_start,
				   "DiscountRateEnd", "u", c->discount_end, "AgeLimit", "u",
				   c->age_limit);
	if (folder == FAX_FOLDER_INCOMING_QUEUE)
		return client_call(s, folder_paths[folder], FAX_BUS_IFACE_QUEUE, "Save", err, NULL,
				   "a{sv}", 1, "Blocked", "b", (int)c->blocked);
	if (folder > 3)
		return -EINVAL;
	return client_call(s, folder_paths[folder], FAX_BUS_IFACE_ARCHIVE, "Save", err, NULL,
			   "a{sv}", 4, "AgeLimit", "u", c->age_limit, "SizeQuotaWarning", "b",
			   (int)c->quota_warning, "HighQuotaWaterMark", "u", c->high_watermark,
			   "LowQuotaWaterMark", "u", c->low_watermark);
}
