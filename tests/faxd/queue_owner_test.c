// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whose jobs a user sees and manages (object-model.md, rights model): with
 * a submit right only their own, and someone else's job is refused with
 * AccessDenied whether they list it, read it, pause or cancel it; with
 * query-jobs and manage-jobs everyone's. The users are forked children
 * that setuid to Debian's static system users "daemon" and "bin", both in
 * the test's submit group.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "env.h"
#include "folders.h"
#include "jobs.h"

#define UID_ALICE 1	/* daemon */
#define UID_BOB 2	/* bin */

FIXTURE(owner) {
	struct faxd_env env;
	fax_server_t *s;
	struct body body;
};

FIXTURE_SETUP(owner)
{
	self->body.fd = -1;
	if (!getpwuid(UID_ALICE) || !getpwuid(UID_BOB))
		SKIP(return, "uids 1 and 2 have no passwd entry (dbus-daemon needs one)");
	ASSERT_EQ(0, env_start(&self->env, NULL));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
	/* The jobs stay in the queue for the whole test. */
	ASSERT_EQ(0, queue_pause(self->s, true));
	ASSERT_EQ(0, body_make(&self->env, "owner", 1, &self->body));
}

FIXTURE_TEARDOWN(owner)
{
	body_close(&self->body);
	fax_server_free(self->s);
	env_stop(&self->env);
}

/* What a child did as another user. */
struct as_result {
	int r;			/* the client's return value */
	int n;			/* jobs listed */
	int pos;		/* 1-based position of the asked-for job in the list, 0 = absent */
	char id[64];		/* a submitted job */
};

enum as_op { AS_SUBMIT, AS_LIST, AS_GET, AS_PAUSE, AS_RESUME, AS_CANCEL };

struct as_args {
	enum as_op op;
	struct body *b;
	const char *id;
};

static void as_do(fax_server_t *s, const void *arg, void *out)
{
	const struct as_args *a = arg;
	enum as_op op = a->op;
	struct body *b = a->b;
	const char *id = a->id;
	struct as_result *res = out;
	static const enum fax_job_action action[] = {
		[AS_PAUSE] = FAX_JOB_PAUSE, [AS_RESUME] = FAX_JOB_RESUME,
		[AS_CANCEL] = FAX_JOB_CANCEL,
	};
	fax_jobs_t *c = NULL;

	switch (op) {
	case AS_SUBMIT:
		res->r = job_submit(s, b, "101", FAX_PRIORITY_NORMAL, res->id, NULL);
		break;
	case AS_LIST:
		res->r = fax_server_get_jobs(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);
		for (size_t i = 1; res->r >= 0 && i <= fax_jobs_count(c); i++)
			if (!strcmp(fax_jobs_item(c, i)->id, id))
				res->pos = (int)i;
		res->n = res->r >= 0 ? (int)fax_jobs_count(c) : 0;
		break;
	case AS_GET:
		res->r = fax_server_get_job(s, FAX_FOLDER_OUTGOING_QUEUE, id, &c, NULL);
		break;
	default:
		res->r = fax_server_job_action(s, FAX_FOLDER_OUTGOING_QUEUE, id, action[op], NULL);
		break;
	}
	fax_jobs_free(c);
}

/* Run @op as @uid (in the submit group) in a child. */
static struct as_result as_user(struct faxd_env *e, uid_t uid, enum as_op op, struct body *b,
				const char *id)
{
	static const gid_t groups[] = { TEST_SUBMIT_GID, 0 };
	const struct as_args a = { op, b, id };
	struct as_result res = { 0 };
	int r = env_run_as(e, uid, groups, as_do, &a, &res, sizeof(res));

	if (r < 0)
		res.r = r;
	return res;
}

/* Add @rights for @uid to the descriptor (root does it). */
static int grant(fax_server_t *s, uid_t uid, uint32_t rights)
{
	struct fax_ace v[FAX_SECURITY_ENTRIES_MAX];
	fax_security_t *sec;
	size_t n;
	int r = fax_server_get_security(s, &sec, NULL);

	if (r < 0)
		return r;
	n = fax_security_get_count(sec);
	for (size_t i = 0; i < n && i < FAX_SECURITY_ENTRIES_MAX - 1; i++)
		v[i] = *fax_security_get_entry(sec, i);
	v[n++] = (struct fax_ace){ FAX_ACE_USER, (uint32_t)uid, rights };
	r = fax_security_set_descriptor(sec, v, n);
	if (r >= 0)
		r = fax_security_save(sec, NULL);
	fax_security_free(sec);
	return r;
}

TEST_F_TIMEOUT(owner, a_user_manages_only_their_own_jobs_unless_granted_all, JOBS_WAIT_S)
{
	struct as_result a, b, res;

	a = as_user(&self->env, UID_ALICE, AS_SUBMIT, &self->body, NULL);
	ASSERT_EQ(0, a.r);
	b = as_user(&self->env, UID_BOB, AS_SUBMIT, &self->body, NULL);
	ASSERT_EQ(0, b.r);
	EXPECT_EQ(2, folders_count(self->s, FAX_FOLDER_OUTGOING_QUEUE));	/* root sees both */

	/* Bob lists only his job; Alice's is refused to him, his is not. */
	res = as_user(&self->env, UID_BOB, AS_LIST, NULL, b.id);
	ASSERT_EQ(0, res.r);
	EXPECT_EQ(1, res.n);
	EXPECT_EQ(1, res.pos);
	res = as_user(&self->env, UID_ALICE, AS_LIST, NULL, a.id);
	EXPECT_EQ(1, res.n);
	EXPECT_EQ(1, res.pos);
	EXPECT_EQ(-EACCES, as_user(&self->env, UID_BOB, AS_GET, NULL, a.id).r);
	EXPECT_EQ(-EACCES, as_user(&self->env, UID_BOB, AS_PAUSE, NULL, a.id).r);
	EXPECT_EQ(-EACCES, as_user(&self->env, UID_BOB, AS_CANCEL, NULL, a.id).r);
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_GET, NULL, b.id).r);
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_PAUSE, NULL, b.id).r);
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_RESUME, NULL, b.id).r);
	/* Nothing happened to Alice's job. */
	EXPECT_EQ(FAX_JOB_PENDING, job_status(self->s, a.id));

	/* Granted query-jobs and manage-jobs, Bob sees and manages both. */
	ASSERT_EQ(0, grant(self->s, UID_BOB, FAX_RIGHT_QUERY_JOBS | FAX_RIGHT_MANAGE_JOBS));
	res = as_user(&self->env, UID_BOB, AS_LIST, NULL, a.id);
	ASSERT_EQ(0, res.r);
	EXPECT_EQ(2, res.n);
	EXPECT_LT(0, res.pos);
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_GET, NULL, a.id).r);
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_PAUSE, NULL, a.id).r);
	EXPECT_EQ(FAX_JOB_PENDING | FAX_JOB_PAUSED, job_status(self->s, a.id));
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_CANCEL, NULL, a.id).r);
	res = as_user(&self->env, UID_ALICE, AS_LIST, NULL, a.id);
	EXPECT_EQ(0, res.pos);	/* cancelled and gone */
	/* Alice was granted nothing: Bob's job is still not hers. */
	EXPECT_EQ(-EACCES, as_user(&self->env, UID_ALICE, AS_CANCEL, NULL, b.id).r);
	EXPECT_EQ(FAX_JOB_PENDING, job_status(self->s, b.id));
}

TEST_HARNESS_MAIN
