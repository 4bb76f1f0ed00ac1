// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The folders (FaxFolders) on the bus: FAX_BUS_PATH_OUTGOING_QUEUE and
 * _INCOMING_QUEUE with the Queue interface, _OUTGOING_ARCHIVE and
 * _INCOMING_ARCHIVE with the Archive interface. Jobs and messages travel
 * as a{sv} of their model properties (bus_append_job()). Nothing lists a
 * whole folder in one reply: queues are read in pages through
 * GetJobs(cursor, count), archives through GetMessages(after, count),
 * the server half of the client's prefetching iterator.
 *
 * Rights (object-model.md section 6): a submit right shows and manages
 * the caller's own outgoing jobs and sent messages; query-jobs,
 * manage-jobs, query-/manage-out-archive extend to everyone's; the
 * incoming folders need query-jobs / query-in-archive (manage-* to
 * change them).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "bus.h"
#include "caller.h"
#include "discount.h"
#include "events.h"
#include "job.h"
#include "log.h"
#include "manager.h"
#include "queue.h"
#include "spool.h"

struct folder {
	uint32_t id;
	const char *path;
	uint32_t query_all, manage_all;	/* rights over everyone's items */
	bool own;			/* submit rights reach the caller's own */
};

static const struct folder folders[] = {
	{ JOB_OUTGOING_QUEUE, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_RIGHT_QUERY_JOBS,
	  FAX_RIGHT_MANAGE_JOBS, true },
	{ JOB_INCOMING_QUEUE, FAX_BUS_PATH_INCOMING_QUEUE, FAX_RIGHT_QUERY_JOBS,
	  FAX_RIGHT_MANAGE_JOBS, false },
	{ JOB_OUTGOING_ARCHIVE, FAX_BUS_PATH_OUTGOING_ARCHIVE, FAX_RIGHT_QUERY_OUT_ARCHIVE,
	  FAX_RIGHT_MANAGE_OUT_ARCHIVE, true },
	{ JOB_INCOMING_ARCHIVE, FAX_BUS_PATH_INCOMING_ARCHIVE, FAX_RIGHT_QUERY_IN_ARCHIVE,
	  FAX_RIGHT_MANAGE_IN_ARCHIVE, false },
};

static struct manager *the_manager;

static const char *field_sig(enum job_field_type t)
{
	return t == JF_STR ? "s" : t == JF_U32 ? "u" : t == JF_I64 ? "x" : "b";
}

int bus_append_job(sd_bus_message *msg, const struct job *j)
{
	int r = sd_bus_message_open_container(msg, 'a', "{sv}");

	for (size_t i = 0; r >= 0 && i < n_job_fields; i++) {
		const struct job_field *f = &job_fields[i];
		const char *p = (const char *)j + f->offset;

		if (!f->property)
			continue;
		switch (f->type) {
		case JF_STR:
			r = sd_bus_message_append(msg, "{sv}", f->property, "s", *(char *const *)p);
			break;
		case JF_U32:
			r = sd_bus_message_append(msg, "{sv}", f->property, "u", *(const uint32_t *)p);
			break;
		case JF_I64:
			r = sd_bus_message_append(msg, "{sv}", f->property, "x", *(const int64_t *)p);
			break;
		default:
			r = sd_bus_message_append(msg, "{sv}", f->property, "b", (int)*(const bool *)p);
			break;
		}
	}
	if (r >= 0)
		r = sd_bus_message_append(msg, "{sv}", "AvailableOperations", "u", job_operations(j));
	if (r >= 0)
		r = sd_bus_message_close_container(msg);
	return r;
}

/*
 * Who may see (@manage false) or change (@manage true) items of @f: -1
 * for everyone's, the caller's uid for their own, -EACCES otherwise.
 */
static int64_t scope(const struct folder *f, sd_bus_message *msg, bool manage,
		     sd_bus_error *error)
{
	struct caller *c;
	uint32_t all = manage ? f->manage_all : f->query_all;

	if (caller_lookup(the_manager, msg, &c) < 0)
		return sd_bus_error_set(error, SD_BUS_ERROR_ACCESS_DENIED,
					"the caller's identity is unknown");
	if (c->rights & all)
		return -1;
	if (f->own && (c->rights & FAX_RIGHTS_SUBMIT_ANY))
		return c->uid;
	return sd_bus_error_setf(error, SD_BUS_ERROR_ACCESS_DENIED, "%s needs the right %s",
				 manage ? "changing this folder" : "reading this folder",
				 fax_right_name(all));
}

/* The job @id of folder @f if the caller may see it (or change it). */
static int lookup(const struct folder *f, sd_bus_message *msg, const char *id, bool manage,
		  struct job *j, sd_bus_error *error)
{
	int64_t who = scope(f, msg, manage, error);
	int r;

	if (who < -1)
		return (int)who;
	r = store_job_get(the_manager->store, id, j);
	if (r >= 0 && !job_in_folder(j, f->id)) {
		job_clear(j);
		r = -ENOENT;
	}
	/* The model's "own faxes only": someone else's item is refused, as
	 * an operation the caller lacks the right for. */
	if (r >= 0 && who >= 0 && j->owner_uid != (uint32_t)who) {
		job_clear(j);
		return sd_bus_error_setf(error, SD_BUS_ERROR_ACCESS_DENIED,
					 "'%s' is another user's: %s it needs the right %s", id,
					 manage ? "changing" : "reading",
					 fax_right_name(manage ? f->manage_all : f->query_all));
	}
	if (r == -ENOENT)
		return sd_bus_error_setf(error, FAX_BUS_ERROR_NOT_FOUND, "no job or message '%s' here",
					 id);
	if (r < 0)
		return bus_errno(error, r, "cannot read '%s'", id);
	return 0;
}

/*
 * What a reply may carry, well under the bus's message limit (dbus-daemon
 * cuts off a peer that sends more than its max_message_size, 32 MiB on
 * the system bus): a page stops early when its records would pass it,
 * and the client asks for the rest.
 */
#define REPLY_BUDGET (4u << 20)
/* The most records a client may ask for in one page. */
#define PAGE_MAX 10000u

/* A generous estimate of @j's bytes as a{sv} (strings, names, padding). */
static size_t wire_size(const struct job *j)
{
	size_t size = 64;

	for (size_t i = 0; i < n_job_fields; i++) {
		const struct job_field *f = &job_fields[i];

		if (!f->property)
			continue;
		size += strlen(f->property) + 32;
		if (f->type == JF_STR)
			size += strlen(*(char *const *)((const char *)j + f->offset));
	}
	return size;
}

/* How many of @v fit in a reply: at least one (a record is at most some
 * 20 KB: its strings are limited at submission). */
static size_t fitting(const struct job *v, size_t n)
{
	size_t k = 0, size = 0;

	while (k < n && (k == 0 || size + wire_size(&v[k]) <= REPLY_BUDGET))
		size += wire_size(&v[k++]);
	return k;
}

static int append_jobs(sd_bus_message *reply, const struct job *v, size_t n)
{
	int r = sd_bus_message_open_container(reply, 'a', "a{sv}");

	for (size_t i = 0; r >= 0 && i < n; i++)
		r = bus_append_job(reply, &v[i]);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

static int reply_jobs(sd_bus_message *msg, struct job *v, size_t n, const char *next)
{
	sd_bus_message *reply = NULL;
	int r = sd_bus_message_new_method_return(msg, &reply);

	if (r >= 0)
		r = append_jobs(reply, v, n);
	if (r >= 0 && next)
		r = sd_bus_message_append(reply, "s", next);
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
	sd_bus_message_unref(reply);
	return r;
}

static int read_page_args(sd_bus_message *msg, const char **after, uint32_t *count,
			  sd_bus_error *error)
{
	int r = sd_bus_message_read(msg, "su", after, count);

	if (r < 0)
		return r;
	if (*count == 0 || *count > PAGE_MAX)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "the page size must be 1..%u", PAGE_MAX);
	return 0;
}

/* GetMessages(after, count): the archive after message @after. */
static int method_get_messages(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	const struct folder *f = userdata;
	const char *after;
	uint32_t count;
	int64_t who;
	struct job *v;
	size_t n;
	int r = read_page_args(msg, &after, &count, error);

	if (r < 0)
		return r;
	who = scope(f, msg, false, error);
	if (who < -1)
		return (int)who;
	r = store_job_list(the_manager->store, f->id, who, *after ? after : NULL, count, &v, &n);
	if (r < 0)
		return bus_errno(error, r, "cannot list the folder");
	/* A sent job of an unfinished broadcast shows as what it is here. */
	for (size_t i = 0; i < n; i++)
		v[i].folder = f->id;
	r = reply_jobs(msg, v, fitting(v, n), NULL);
	store_job_list_free(v, n);
	return r;
}

/*
 * GetJobs(cursor, count) -> (jobs, next): a page of the queue in sending
 * order. The cursor is the place after the last job of the previous page
 * ("priority:submission time:row"), so jobs that leave the queue meanwhile
 * do not disturb it; "" is the start, and a next cursor "" the end.
 */
static int parse_cursor(const char *s, struct store_cursor *c)
{
	unsigned int p;
	long long t, row;
	int end = 0;

	memset(c, 0, sizeof(*c));
	if (!*s)
		return 0;
	if (sscanf(s, "%u:%lld:%lld%n", &p, &t, &row, &end) != 3 || s[end] || p > FAX_PRIORITY_HIGH)
		return -EINVAL;
	c->started = true;
	c->priority = p;
	c->submission_time = t;
	c->rowid = row;
	return 0;
}

static int method_get_jobs(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	const struct folder *f = userdata;
	struct store_cursor c;
	const char *cursor;
	char next[64] = "";
	uint32_t count;
	int64_t who;
	struct job *v;
	size_t n, k;
	int r = read_page_args(msg, &cursor, &count, error);

	if (r < 0)
		return r;
	if (parse_cursor(cursor, &c) < 0)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "'%s' is not a cursor GetJobs returned", cursor);
	who = scope(f, msg, false, error);
	if (who < -1)
		return (int)who;
	/* One more than asked tells whether the page is the last. */
	r = store_job_page(the_manager->store, f->id, who, &c, (size_t)count + 1, &v, &n);
	if (r < 0)
		return bus_errno(error, r, "cannot list the folder");
	k = fitting(v, n < count ? n : count);
	if (k < n)
		snprintf(next, sizeof(next), "%u:%lld:%lld", v[k - 1].priority,
			 (long long)v[k - 1].submission_time, (long long)v[k - 1].rowid);
	r = reply_jobs(msg, v, k, next);
	store_job_list_free(v, n);
	return r;
}

static int method_get_job(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	const char *id;
	struct job j;
	int r = sd_bus_message_read(msg, "s", &id);

	if (r >= 0)
		r = lookup(userdata, msg, id, false, &j, error);
	if (r < 0)
		return r;
	j.folder = ((const struct folder *)userdata)->id;	/* as list() shows it */
	r = reply_jobs(msg, &j, 1, NULL);
	job_clear(&j);
	return r;
}

static int method_copy_tiff(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	const struct folder *f = userdata;
	const char *id;
	struct job j;
	int fd, r = sd_bus_message_read(msg, "sh", &id, &fd);

	if (r < 0)
		return r;
	/* The model asks manage-out-archive for the sent messages' TIFFs. */
	r = lookup(f, msg, id, f->id == JOB_OUTGOING_ARCHIVE, &j, error);
	if (r < 0)
		return r;
	r = spool_copy_to(the_manager, j.tiff, fd);
	job_clear(&j);
	if (r < 0)
		return bus_errno(error, r, "cannot copy the TIFF of '%s'", id);
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_delete(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	const char *id;
	struct job j;
	int r = sd_bus_message_read(msg, "s", &id);

	if (r >= 0)
		r = lookup(userdata, msg, id, true, &j, error);
	if (r < 0)
		return r;
	r = queue_delete(the_manager, &j);
	job_clear(&j);
	if (r < 0)
		return bus_errno(error, r, "cannot delete '%s'", id);
	return sd_bus_reply_method_return(msg, NULL);
}

static int action(sd_bus_message *msg, void *userdata, sd_bus_error *error, enum fax_job_action a)
{
	const struct folder *f = userdata;
	const char *id;
	struct job j;
	int r = sd_bus_message_read(msg, "s", &id);

	if (r < 0)
		return r;
	if (f->id != JOB_OUTGOING_QUEUE && a != FAX_JOB_CANCEL)
		return sd_bus_error_set(error, FAX_BUS_ERROR_NOT_SUPPORTED,
					"incoming jobs can only be cancelled");
	r = lookup(f, msg, id, true, &j, error);
	if (r < 0)
		return r;
	r = queue_action(the_manager, &j, a);
	job_clear(&j);
	if (r == -EBUSY)
		return sd_bus_error_setf(error, FAX_BUS_ERROR_INVALID_STATE,
					 "job %s does not offer this operation in its state", id);
	if (r < 0)
		return bus_errno(error, r, "job %s", id);
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_pause(sd_bus_message *m, void *u, sd_bus_error *e) { return action(m, u, e, FAX_JOB_PAUSE); }
static int method_resume(sd_bus_message *m, void *u, sd_bus_error *e) { return action(m, u, e, FAX_JOB_RESUME); }
static int method_restart(sd_bus_message *m, void *u, sd_bus_error *e) { return action(m, u, e, FAX_JOB_RESTART); }
static int method_cancel(sd_bus_message *m, void *u, sd_bus_error *e) { return action(m, u, e, FAX_JOB_CANCEL); }

/* Submission: the document properties a client may set. */
static const char *const submit_keys[] = {
	"SenderName", "SenderFaxNumber", "SenderCompany", "SenderDepartment", "SenderEmail",
	"SenderBillingCode", "SenderTSID", "Subject", "Note", "DocumentName", "Priority",
	"ScheduleType", "ScheduledTime", "ReceiptType", "ReceiptAddress",
};

static const struct job_field *submit_field(const char *name)
{
	for (size_t i = 0; i < sizeof(submit_keys) / sizeof(submit_keys[0]); i++)
		if (!strcmp(submit_keys[i], name))
			for (size_t k = 0; k < n_job_fields; k++)
				if (job_fields[k].property && !strcmp(job_fields[k].property, name))
					return &job_fields[k];
	return NULL;
}

static int read_document(sd_bus_message *msg, struct job *t, sd_bus_error *error)
{
	int r = sd_bus_message_enter_container(msg, 'a', "{sv}");

	while (r >= 0 && (r = sd_bus_message_enter_container(msg, 'e', "sv")) > 0) {
		const struct job_field *f;
		const char *name, *s;
		char *p;

		r = sd_bus_message_read(msg, "s", &name);
		if (r < 0)
			return r;
		f = submit_field(name);
		if (!f)
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
						 "'%s' is not a document property", name);
		r = sd_bus_message_enter_container(msg, 'v', field_sig(f->type));
		if (r < 0)
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
						 "%s takes a value of type '%s'", name,
						 field_sig(f->type));
		p = (char *)t + f->offset;
		if (f->type == JF_STR) {
			r = sd_bus_message_read(msg, "s", &s);
			if (r >= 0 && strlen(s) > 1024)
				return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
							 "%s is longer than 1024 bytes", name);
			if (r >= 0) {
				free(*(char **)p);
				*(char **)p = strdup(s);
				if (!*(char **)p)
					return -ENOMEM;
			}
		} else if (f->type == JF_U32) {
			r = sd_bus_message_read(msg, "u", (uint32_t *)p);
		} else {
			r = sd_bus_message_read(msg, "x", (int64_t *)p);
		}
		if (r >= 0)
			r = sd_bus_message_exit_container(msg);
		if (r >= 0)
			r = sd_bus_message_exit_container(msg);
	}
	if (r >= 0)
		r = sd_bus_message_exit_container(msg);
	if (r < 0)
		return r;
	if (t->priority > FAX_PRIORITY_HIGH || t->schedule_type > FAX_SCHEDULE_DISCOUNT_PERIOD ||
	    (t->receipt_type & ~(uint32_t)(FAX_RECEIPT_MAIL | FAX_RECEIPT_MSGBOX)))
		return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
					"Priority, ScheduleType or ReceiptType out of range");
	if (strlen(t->sender_tsid ? t->sender_tsid : "") > FAX_CSID_MAX)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "SenderTSID is longer than %d characters", FAX_CSID_MAX);
	return 0;
}

static bool number_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 64 && strspn(s, "0123456789+*#,-() ") == n;
}

static int method_submit(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	static const uint32_t need[] = { FAX_RIGHT_SUBMIT_LOW, FAX_RIGHT_SUBMIT_NORMAL,
					 FAX_RIGHT_SUBMIT_HIGH };
	const struct folder *f = userdata;
	struct manager *m = the_manager;
	char **numbers = NULL, **names = NULL, *sub = NULL, **ids = NULL, text[512] = "";
	sd_bus_message *reply = NULL;
	struct caller *c;
	struct job t = { 0 };
	size_t n = 0, nn = 0;
	int fd, r;

	if (f->id != JOB_OUTGOING_QUEUE)
		return sd_bus_error_set(error, FAX_BUS_ERROR_NOT_SUPPORTED, "submit to the outgoing queue");
	r = sd_bus_message_read(msg, "h", &fd);
	if (r >= 0)
		r = read_document(msg, &t, error);
	if (r >= 0)
		r = sd_bus_message_read_strv(msg, &numbers);
	if (r >= 0)
		r = sd_bus_message_read_strv(msg, &names);
	if (r < 0)
		goto out;
	while (numbers && numbers[n])
		n++;
	while (names && names[nn])
		nn++;
	if (n == 0 || n > 1000 || (nn && nn != n)) {
		r = sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
				     "1..1000 recipients, and as many names or none");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (!number_valid(numbers[i])) {
			r = sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					      "'%s' is not a fax number", numbers[i]);
			goto out;
		}
	r = caller_require(m, msg, need[t.priority], "Submit at this priority", error);
	if (r < 0)
		goto out;
	r = caller_lookup(m, msg, &c);
	if (r < 0)
		goto out;
	t.owner_uid = (uint32_t)c->uid;
	r = queue_submit(m, &t, fd, numbers, nn ? names : NULL, &sub, &ids, text, sizeof(text));
	if (r == -EBUSY) {
		r = sd_bus_error_setf(error, FAX_BUS_ERROR_INVALID_STATE, "%s", text);
		goto out;
	}
	if (r == -EBADMSG || r == -EMEDIUMTYPE || r == -EFBIG || r == -ENOSPC) {
		/* System.Error.E*: the client gets this very errno back. */
		r = sd_bus_error_set_errnof(error, -r, "%s", text);
		goto out;
	}
	if (r < 0) {
		r = bus_errno(error, r, "%s", *text ? text : "cannot queue the fax");
		goto out;
	}
	r = sd_bus_message_new_method_return(msg, &reply);
	if (r >= 0)
		r = sd_bus_message_append(reply, "s", sub);
	if (r >= 0)
		r = sd_bus_message_append_strv(reply, ids);
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
out:
	sd_bus_message_unref(reply);
	job_clear(&t);
	bus_strv_free(numbers);
	bus_strv_free(names);
	bus_strv_free(ids);
	free(sub);
	return r;
}

/* An archive's settings, its size (whole, and as the model's two 32-bit
 * halves) and whether its quota warning is raised now. */
static int reply_archive(sd_bus_message *msg, uint32_t folder, uint64_t size)
{
	const struct queue_config *c = &the_manager->queue.cfg;
	bool out = folder == JOB_OUTGOING_ARCHIVE;

	return sd_bus_reply_method_return(
		msg, "a{sv}", 8, "AgeLimit", "u", out ? c->out_archive_age_limit :
		c->in_archive_age_limit, "Size", "t", size, "SizeLow", "u", (uint32_t)size,
		"SizeHigh", "u", (uint32_t)(size >> 32), "SizeQuotaWarning", "b",
		(int)(out ? c->out_quota_warning : c->in_quota_warning), "HighQuotaWaterMark", "u",
		out ? c->out_high_mb : c->in_high_mb, "LowQuotaWaterMark", "u",
		out ? c->out_low_mb : c->in_low_mb, "SizeQuotaExceeded", "b",
		(int)archive_quota_exceeded(the_manager, folder));
}

/* Refresh/Save of the folder's configuration. */
static int method_refresh(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	const struct folder *f = userdata;
	const struct queue_config *c = &the_manager->queue.cfg;
	uint64_t size = 0;
	int r;

	r = caller_require(the_manager, msg, FAX_RIGHT_QUERY_CONFIG, "reading a folder's configuration",
			   error);
	if (r < 0)
		return r;
	store_folder_size(the_manager->store, f->id, &size);
	switch (f->id) {
	case JOB_OUTGOING_QUEUE:
		return sd_bus_reply_method_return(msg, "a{sv}", 7, "Blocked", "b", (int)c->out_blocked,
						  "Paused", "b", (int)c->out_paused, "Retries", "u",
						  c->retries, "RetryDelay", "u", c->retry_delay,
						  "DiscountRateStart", "u", c->discount_start,
						  "DiscountRateEnd", "u", c->discount_end,
						  "AgeLimit", "u", c->out_age_limit);
	case JOB_INCOMING_QUEUE:
		return sd_bus_reply_method_return(msg, "a{sv}", 1, "Blocked", "b", (int)c->in_blocked);
	default:
		return reply_archive(msg, f->id, size);
	}
}

static int method_save(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	const struct folder *f = userdata;
	struct queue_config c = the_manager->queue.cfg;
	bool out = f->id == JOB_OUTGOING_QUEUE || f->id == JOB_OUTGOING_ARCHIVE;
	bool queue = f->id == JOB_OUTGOING_QUEUE || f->id == JOB_INCOMING_QUEUE;
	int r;

	r = caller_require(the_manager, msg, FAX_RIGHT_QUERY_CONFIG | FAX_RIGHT_MANAGE_CONFIG,
			   "changing a folder's configuration", error);
	if (r >= 0)
		r = sd_bus_message_enter_container(msg, 'a', "{sv}");
	while (r >= 0 && (r = sd_bus_message_enter_container(msg, 'e', "sv")) > 0) {
		const char *name, *sig;
		void *dst = NULL;
		bool is_bool = false;
		int b;

		r = sd_bus_message_read(msg, "s", &name);
		if (r < 0)
			return r;
#define K(n, cond, field, isb) else if (!strcmp(name, n) && (cond)) { dst = &c.field; is_bool = isb; }
		if (0) {}
		K("Blocked", f->id == JOB_OUTGOING_QUEUE, out_blocked, true)
		K("Blocked", f->id == JOB_INCOMING_QUEUE, in_blocked, true)
		K("Paused", f->id == JOB_OUTGOING_QUEUE, out_paused, true)
		K("Retries", f->id == JOB_OUTGOING_QUEUE, retries, false)
		K("RetryDelay", f->id == JOB_OUTGOING_QUEUE, retry_delay, false)
		K("DiscountRateStart", f->id == JOB_OUTGOING_QUEUE, discount_start, false)
		K("DiscountRateEnd", f->id == JOB_OUTGOING_QUEUE, discount_end, false)
		K("AgeLimit", f->id == JOB_OUTGOING_QUEUE, out_age_limit, false)
		K("AgeLimit", !queue && out, out_archive_age_limit, false)
		K("AgeLimit", !queue && !out, in_archive_age_limit, false)
		K("SizeQuotaWarning", !queue && out, out_quota_warning, true)
		K("SizeQuotaWarning", !queue && !out, in_quota_warning, true)
		K("HighQuotaWaterMark", !queue && out, out_high_mb, false)
		K("HighQuotaWaterMark", !queue && !out, in_high_mb, false)
		K("LowQuotaWaterMark", !queue && out, out_low_mb, false)
		K("LowQuotaWaterMark", !queue && !out, in_low_mb, false)
#undef K
		if (!dst)
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
						 "'%s' is not a writable setting of this folder", name);
		sig = is_bool ? "b" : "u";
		r = sd_bus_message_enter_container(msg, 'v', sig);
		if (r < 0)
			return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
						 "%s takes a value of type '%s'", name, sig);
		if (is_bool) {
			r = sd_bus_message_read(msg, "b", &b);
			*(bool *)dst = b;
		} else {
			r = sd_bus_message_read(msg, "u", (uint32_t *)dst);
		}
		if (r >= 0)
			r = sd_bus_message_exit_container(msg);
		if (r >= 0)
			r = sd_bus_message_exit_container(msg);
	}
	if (r >= 0)
		r = sd_bus_message_exit_container(msg);
	if (r < 0)
		return r;
	if (c.retries > 100 || c.retry_delay > 7 * 24 * 60)
		return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
					"Retries is 0..100, RetryDelay 0..10080 minutes");
	if (c.discount_start >= DISCOUNT_MINUTES_PER_DAY || c.discount_end >= DISCOUNT_MINUTES_PER_DAY)
		return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
					"DiscountRateStart and DiscountRateEnd are minutes after "
					"midnight, 0..1439");
	if (c.in_low_mb > c.in_high_mb || c.out_low_mb > c.out_high_mb)
		return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS,
					"LowQuotaWaterMark must not be above HighQuotaWaterMark");
	r = queue_set_config(the_manager, &c);
	if (r < 0)
		return bus_errno(error, r, "cannot save the configuration");
	return sd_bus_reply_method_return(msg, NULL);
}

#define U SD_BUS_VTABLE_UNPRIVILEGED

static const sd_bus_vtable queue_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("Submit",
				SD_BUS_ARGS("h", body, "a{sv}", document, "as", recipients,
					    "as", recipient_names),
				SD_BUS_RESULT("s", submission_id, "as", job_ids), method_submit, U),
	SD_BUS_METHOD_WITH_ARGS("GetJobs", SD_BUS_ARGS("s", cursor, "u", count),
				SD_BUS_RESULT("aa{sv}", jobs, "s", next_cursor), method_get_jobs, U),
	SD_BUS_METHOD_WITH_ARGS("GetJob", SD_BUS_ARGS("s", id), SD_BUS_RESULT("aa{sv}", job),
				method_get_job, U),
	SD_BUS_METHOD_WITH_ARGS("Pause", SD_BUS_ARGS("s", id), SD_BUS_NO_RESULT, method_pause, U),
	SD_BUS_METHOD_WITH_ARGS("Resume", SD_BUS_ARGS("s", id), SD_BUS_NO_RESULT, method_resume, U),
	SD_BUS_METHOD_WITH_ARGS("Restart", SD_BUS_ARGS("s", id), SD_BUS_NO_RESULT, method_restart, U),
	SD_BUS_METHOD_WITH_ARGS("Cancel", SD_BUS_ARGS("s", id), SD_BUS_NO_RESULT, method_cancel, U),
	SD_BUS_METHOD_WITH_ARGS("CopyTiff", SD_BUS_ARGS("s", id, "h", fd), SD_BUS_NO_RESULT,
				method_copy_tiff, U),
	SD_BUS_METHOD_WITH_ARGS("Refresh", SD_BUS_NO_ARGS, SD_BUS_RESULT("a{sv}", properties),
				method_refresh, U),
	SD_BUS_METHOD_WITH_ARGS("Save", SD_BUS_ARGS("a{sv}", changes), SD_BUS_NO_RESULT,
				method_save, U),
	SD_BUS_VTABLE_END
};

static const sd_bus_vtable archive_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("GetMessages", SD_BUS_ARGS("s", after, "u", count),
				SD_BUS_RESULT("aa{sv}", messages), method_get_messages, U),
	SD_BUS_METHOD_WITH_ARGS("GetMessage", SD_BUS_ARGS("s", id), SD_BUS_RESULT("aa{sv}", message),
				method_get_job, U),
	SD_BUS_METHOD_WITH_ARGS("CopyTiff", SD_BUS_ARGS("s", id, "h", fd), SD_BUS_NO_RESULT,
				method_copy_tiff, U),
	SD_BUS_METHOD_WITH_ARGS("Delete", SD_BUS_ARGS("s", id), SD_BUS_NO_RESULT, method_delete, U),
	SD_BUS_METHOD_WITH_ARGS("Refresh", SD_BUS_NO_ARGS, SD_BUS_RESULT("a{sv}", properties),
				method_refresh, U),
	SD_BUS_METHOD_WITH_ARGS("Save", SD_BUS_ARGS("a{sv}", changes), SD_BUS_NO_RESULT,
				method_save, U),
	SD_BUS_VTABLE_END
};

int bus_register_folders(struct manager *m)
{
	the_manager = m;
	for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
		bool queue = folders[i].id == JOB_OUTGOING_QUEUE || folders[i].id == JOB_INCOMING_QUEUE;
		int r = sd_bus_add_object_vtable(m->bus, NULL, folders[i].path,
						 queue ? FAX_BUS_IFACE_QUEUE : FAX_BUS_IFACE_ARCHIVE,
						 queue ? queue_vtable : archive_vtable,
						 (void *)&folders[i]);

		if (r < 0)
			return r;
	}
	return 0;
}
