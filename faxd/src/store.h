/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The storage seam: everything faxd keeps across restarts goes through
 * these functions (SQLite today, in store.c; the schema and its
 * migrations in store-schema.c). Every function that changes state is one
 * transaction: it either happened completely or not at all, whatever
 * instant the process dies at.
 *
 * Functions return >= 0 or a negative errno: -ENOENT for a missing row,
 * -EEXIST for a duplicate key, -EIO for a database failure (logged).
 */
#ifndef FAXD_STORE_H
#define FAXD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fax/client.h>

struct store;

/** Schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 4

/* store_open() - open or create @dir/faxd.db and migrate it; refuses a
 * database written by a newer faxd (-EPROTONOSUPPORT). */
int store_open(const char *dir, struct store **ret);
void store_close(struct store *s);

/* Security descriptor. */
int store_security_load(struct store *s, struct fax_ace **ret, size_t *n);
int store_security_save(struct store *s, const struct fax_ace *v, size_t n);
/* store_security_seed() - write @v only if no descriptor was ever stored;
 * Return: 1 when written, 0 when one existed. */
int store_security_seed(struct store *s, const struct fax_ace *v, size_t n);

/* Extension properties; @device 0 = the server level. */
int store_ext_get(struct store *s, uint32_t device, const char *guid, void **data, size_t *len);
int store_ext_set(struct store *s, uint32_t device, const char *guid, const void *data, size_t len);

/* Registrations, read at start. */
struct store_provider_reg {
	char *unique_name, *friendly_name, *image_name, *tsp_name;
	uint32_t api_version;
};
struct store_routing_method {
	char *guid, *name, *friendly_name, *function_name;
};
struct store_routing_ext {
	char *unique_name, *friendly_name, *image_name;
	struct store_routing_method *methods;
	size_t n_methods;
};
int store_provider_regs(struct store *s, struct store_provider_reg **ret, size_t *n);
void store_provider_regs_free(struct store_provider_reg *v, size_t n);
int store_provider_register(struct store *s, const struct store_provider_reg *reg);
int store_provider_unregister(struct store *s, const char *unique_name);
int store_routing_exts(struct store *s, struct store_routing_ext **ret, size_t *n);
void store_routing_exts_free(struct store_routing_ext *v, size_t n);
int store_routing_ext_register(struct store *s, const struct store_routing_ext *ext);
int store_routing_ext_unregister(struct store *s, const char *unique_name);

/* Devices: the configuration half of FaxDevice. */
struct store_device_config {
	char description[FAX_DESCRIPTION_MAX + 1];
	bool send_enabled;
	uint32_t receive_mode;
	uint32_t rings_before_answer;
	char csid[FAX_CSID_MAX + 1];
	char tsid[FAX_CSID_MAX + 1];
};
/* store_device_attach() - the id and configuration of the device that
 * provider @provider knows as @key, created with defaults on first sight. */
int store_device_attach(struct store *s, const char *provider, const char *key,
			const char *name, uint32_t *id, struct store_device_config *cfg);
int store_device_load(struct store *s, uint32_t id, struct store_device_config *cfg);
/* store_device_save() - write @cfg; if it sets manual answer, every other
 * device in manual answer is switched to no-answer in the same
 * transaction, and its id is returned in *@demoted (0 if none). */
int store_device_save(struct store *s, uint32_t id, const struct store_device_config *cfg,
		      uint32_t *demoted);
int store_device_routing(struct store *s, uint32_t id, char ***ret);
int store_device_use_routing(struct store *s, uint32_t id, const char *guid, bool use);

/*
 * Jobs and messages (job.h). Writes are one transaction each; a record's
 * TIFF is in the spool before the row that names it is committed.
 */
struct job;
int store_job_insert(struct store *s, struct job *const *v, size_t n);
/* store_job_update() - write every field of @j; with @reason, also record
 * the attempt that just ended (number j->retries, from @start). */
int store_job_update(struct store *s, const struct job *j, const char *reason, int64_t start);
int store_job_get(struct store *s, const char *id, struct job *j);
int store_job_delete(struct store *s, const char *id);
/*
 * store_job_list() - up to @limit records of @folder (0 = no limit), only
 * those of @owner unless it is -1. Queues come whole in sending order
 * (priority, then age; @after must be NULL), archives in archiving order
 * after the message with id @after (NULL: from the start).
 */
int store_job_list(struct store *s, uint32_t folder, int64_t owner, const char *after,
		   size_t limit, struct job **ret, size_t *n);
/*
 * store_job_page() - up to @limit records of queue @folder in sending
 * order after the place @c (zeroed: the start); moves @c past them. A
 * job that left meanwhile does not disturb the cursor.
 */
struct store_cursor {
	bool started;
	uint32_t priority;
	int64_t submission_time, rowid;
};
int store_job_page(struct store *s, uint32_t folder, int64_t owner, struct store_cursor *c,
		   size_t limit, struct job **ret, size_t *n);
/*
 * store_job_due() - up to @limit outgoing jobs waiting for a line
 * (pending or retrying, not paused) whose scheduled time is not after
 * @now, in sending order; with @noline_too also those marked no-line.
 */
int store_job_due(struct store *s, int64_t now, bool noline_too, size_t limit, struct job **ret,
		  size_t *n);
/* store_job_discount_waiting() - the waiting jobs of the discount window. */
int store_job_discount_waiting(struct store *s, struct job **ret, size_t *n);
/* store_job_next_due() - the earliest scheduled time after @now of a
 * waiting job, INT64_MAX if none. */
int store_job_next_due(struct store *s, int64_t now, int64_t *ret);
/* store_job_waiting() - the number of pending or retrying outgoing jobs
 * (paused ones too), kept by the store; @recount counts them again. */
int store_job_waiting(struct store *s, bool recount, int64_t *ret);
void store_job_list_free(struct job *v, size_t n);
/* store_job_list_submission() - the outgoing-queue jobs of a submission. */
int store_job_list_submission(struct store *s, const char *submission_id, struct job **ret,
			      size_t *n);
/*
 * store_job_older() - up to @limit records of @folder itself (with a
 * status in @statuses unless it is 0) that entered it before @before:
 * messages by the end of their transmission, jobs by their submission.
 */
int store_job_older(struct store *s, uint32_t folder, uint32_t statuses, int64_t before,
		    size_t limit, struct job **ret, size_t *n);
/* store_job_tiffs() - the spool names of all records (NULL-terminated). */
int store_job_tiffs(struct store *s, char ***ret);
/* store_folder_size() - bytes of TIFF of the items of @folder
 * (job_in_folder()). */
int store_folder_size(struct store *s, uint32_t folder, uint64_t *ret);
/* store_job_attempts() - reasons of the attempts of @id, oldest first. */
int store_job_attempts(struct store *s, const char *id, char ***ret);

/* Server settings (queue and archive configuration): text values. */
int store_setting_get(struct store *s, const char *key, char **ret);
int store_setting_set(struct store *s, const char *key, const char *value);

#endif /* FAXD_STORE_H */
