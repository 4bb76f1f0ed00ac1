// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The schema of faxd.db as a list of migrations. Migration N takes a
 * database at user_version N-1 to N; all pending ones run in one
 * transaction that ends by setting user_version, so a crash leaves the
 * database at the old version or the new one. Never edit a migration that
 * has shipped: append one.
 */
#include <stddef.h>

#include "store-internal.h"

static const char *const migrations[] = {
	/* 1: security, extension properties, registrations. */
	"CREATE TABLE security_entry ("
	"  pos INTEGER PRIMARY KEY,"
	"  kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"
	"  xid INTEGER NOT NULL CHECK (xid BETWEEN 0 AND 4294967295),"
	"  rights INTEGER NOT NULL CHECK (rights BETWEEN 0 AND 2047)) STRICT;"
	"CREATE TABLE server_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
	"CREATE TABLE extension_property ("
	"  device_id INTEGER NOT NULL, guid TEXT NOT NULL, value BLOB NOT NULL,"
	"  PRIMARY KEY (device_id, guid)) STRICT;"
	"CREATE TABLE provider_registration ("
	"  unique_name TEXT PRIMARY KEY, friendly_name TEXT NOT NULL,"
	"  image_name TEXT NOT NULL, tsp_name TEXT NOT NULL,"
	"  api_version INTEGER NOT NULL) STRICT;"
	"CREATE TABLE routing_extension ("
	"  unique_name TEXT PRIMARY KEY, friendly_name TEXT NOT NULL,"
	"  image_name TEXT NOT NULL) STRICT;"
	"CREATE TABLE routing_method ("
	"  guid TEXT PRIMARY KEY,"
	"  extension TEXT NOT NULL REFERENCES routing_extension (unique_name) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, name TEXT NOT NULL, friendly_name TEXT NOT NULL,"
	"  function_name TEXT NOT NULL) STRICT;"
	"INSERT INTO provider_registration VALUES"
	"  ('loopback', 'Loopback lines', 'builtin:loopback', '', 65536),"
	"  ('kernel', 'Kernel fax lines (/dev/faxN)', 'builtin:kernel', '', 65536);",

	/* 2: devices: ids that are never reused, configuration, routing. */
	"CREATE TABLE device ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  provider TEXT NOT NULL, hw_key TEXT NOT NULL, name TEXT NOT NULL,"
	"  description TEXT NOT NULL DEFAULT '',"
	"  send_enabled INTEGER NOT NULL DEFAULT 1 CHECK (send_enabled IN (0, 1)),"
	"  receive_mode INTEGER NOT NULL DEFAULT 1 CHECK (receive_mode IN (0, 1, 2)),"
	"  rings_before_answer INTEGER NOT NULL DEFAULT 2"
	"    CHECK (rings_before_answer BETWEEN 1 AND 99),"
	"  csid TEXT NOT NULL DEFAULT '' CHECK (length(csid) <= 20),"
	"  tsid TEXT NOT NULL DEFAULT '' CHECK (length(tsid) <= 20),"
	"  UNIQUE (provider, hw_key)) STRICT;"
	"CREATE TABLE device_routing_method ("
	"  device_id INTEGER NOT NULL REFERENCES device (id) ON DELETE CASCADE,"
	"  guid TEXT NOT NULL, PRIMARY KEY (device_id, guid)) STRICT;",

	/* 3: jobs and messages (one record in one of four folders, see
	 * job.h), the attempts of outgoing jobs. */
	"CREATE TABLE job ("
	"  id TEXT PRIMARY KEY, submission_id TEXT NOT NULL,"
	"  folder INTEGER NOT NULL CHECK (folder BETWEEN 0 AND 3),"
	"  owner_uid INTEGER NOT NULL, job_type INTEGER NOT NULL,"
	"  status INTEGER NOT NULL, ext_status INTEGER NOT NULL, ext_text TEXT NOT NULL,"
	"  priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 2),"
	"  schedule_type INTEGER NOT NULL CHECK (schedule_type BETWEEN 0 AND 2),"
	"  scheduled_time INTEGER NOT NULL, original_scheduled_time INTEGER NOT NULL,"
	"  submission_time INTEGER NOT NULL, transmission_start INTEGER NOT NULL,"
	"  transmission_end INTEGER NOT NULL, receipt_type INTEGER NOT NULL,"
	"  receipt_address TEXT NOT NULL, recipient_number TEXT NOT NULL,"
	"  recipient_name TEXT NOT NULL, sender_name TEXT NOT NULL,"
	"  sender_fax_number TEXT NOT NULL, sender_company TEXT NOT NULL,"
	"  sender_department TEXT NOT NULL, sender_email TEXT NOT NULL,"
	"  sender_billing_code TEXT NOT NULL, sender_tsid TEXT NOT NULL,"
	"  subject TEXT NOT NULL, note TEXT NOT NULL, document_name TEXT NOT NULL,"
	"  pages INTEGER NOT NULL, current_page INTEGER NOT NULL, retries INTEGER NOT NULL,"
	"  size INTEGER NOT NULL, device_id INTEGER NOT NULL, device_name TEXT NOT NULL,"
	"  csid TEXT NOT NULL, tsid TEXT NOT NULL, caller_id TEXT NOT NULL,"
	"  routing_info TEXT NOT NULL, partial INTEGER NOT NULL, read INTEGER NOT NULL,"
	"  tiff TEXT NOT NULL UNIQUE) STRICT;"
	"CREATE INDEX job_folder ON job (folder, priority, submission_time);"
	"CREATE TABLE job_attempt ("
	"  job_id TEXT NOT NULL REFERENCES job (id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL, device_id INTEGER NOT NULL, start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL, ext_status INTEGER NOT NULL, reason TEXT NOT NULL,"
	"  PRIMARY KEY (job_id, n)) STRICT;",

	/* 4: indexes for folders of 100 000 records. Archive pages go in
	 * rowid order (job_folder_rowid; a sent job of an unfinished
	 * broadcast is found through job_sent_queued, whose condition
	 * store-job.c spells exactly). The scheduler takes the waiting jobs
	 * in sending order per status (job_waiting) and the next due time
	 * (job_waiting_time). A job that ends settles its submission
	 * (job_submission). These three hold the outgoing queue's rows
	 * only (the queries spell "folder = 0"), so an archived message
	 * does not pay for them. job_count keeps the outgoing queue's waiting
	 * jobs (pending or retrying, FaxActivity.QueuedMessages) counted by
	 * triggers, in the transaction that changes them. */
	"CREATE INDEX job_folder_rowid ON job (folder);"
	"CREATE INDEX job_sent_queued ON job (folder) WHERE (status & 256) != 0;"
	"CREATE INDEX job_waiting ON job (status, priority DESC, submission_time)"
	"  WHERE folder = 0;"
	"CREATE INDEX job_waiting_time ON job (status, scheduled_time) WHERE folder = 0;"
	"CREATE INDEX job_submission ON job (submission_id) WHERE folder = 0;"
	"CREATE TABLE job_count ("
	"  id INTEGER PRIMARY KEY CHECK (id = 0), waiting INTEGER NOT NULL) STRICT;"
	"INSERT INTO job_count SELECT 0, count(*) FROM job"
	"  WHERE folder = 0 AND (status & 65) != 0;"
	"CREATE TRIGGER job_count_insert AFTER INSERT ON job"
	"  WHEN NEW.folder = 0 AND (NEW.status & 65) != 0"
	"  BEGIN UPDATE job_count SET waiting = waiting + 1; END;"
	"CREATE TRIGGER job_count_delete AFTER DELETE ON job"
	"  WHEN OLD.folder = 0 AND (OLD.status & 65) != 0"
	"  BEGIN UPDATE job_count SET waiting = waiting - 1; END;"
	"CREATE TRIGGER job_count_update AFTER UPDATE OF folder, status ON job"
	"  WHEN (OLD.folder = 0 AND (OLD.status & 65) != 0) !="
	"       (NEW.folder = 0 AND (NEW.status & 65) != 0)"
	"  BEGIN UPDATE job_count SET waiting = waiting +"
	"    (CASE WHEN NEW.folder = 0 THEN 1 ELSE -1 END) *"
	"    (CASE WHEN (NEW.status & 65) != 0 THEN 1 ELSE -1 END); END;",
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

const char *store_migration(unsigned int version)
{
	if (version < 1 || version > STORE_SCHEMA_VERSION)
		return NULL;
	return migrations[version - 1];
}
