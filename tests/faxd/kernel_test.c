// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * In the VM: faxd's kernel provider over fax_sim. A card added while faxd
 * runs shows up as devices and goes away with the card; a call ringing on
 * a simulated line shows RingingNow and raises DeviceStatusChange and
 * NewCall; hanging up ends the ringing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../kselftest/lib/faxsim.h"
#include "env.h"
#include "harness.h"

/* Devices of the kernel provider, and the id of the one named @name. */
static int kernel_devices(fax_server_t *s, const char *name, uint32_t *id)
{
	fax_devices_t *c;
	int n = 0;

	if (fax_server_get_devices(s, &c, NULL) < 0)
		return -1;
	for (size_t i = 1; i <= fax_devices_count(c); i++) {
		fax_device_t *d = fax_devices_item(c, i);

		if (strcmp(fax_device_get_provider_unique_name(d), "kernel"))
			continue;
		n++;
		if (name && !strcmp(fax_device_get_name(d), name))
			*id = fax_device_get_id(d);
	}
	fax_devices_free(c);
	return n;
}

/* Process events until @done says so; the bound only catches a faxd
 * that never reacts (TCG guests are slow). */
static bool wait_until(fax_server_t *s, struct seen *seen, bool (*done)(struct seen *, void *),
		       void *arg)
{
	for (int i = 0; i < 6000 && !done(seen, arg); i++) {
		if (fax_server_process(s) > 0)
			continue;
		fax_server_wait(s, 10000);
	}
	return done(seen, arg);
}

static bool config_changes(struct seen *seen, void *arg)
{
	return seen->count[FAX_SERVER_EV_DEVICES_CONFIG_CHANGE] >= *(int *)arg;
}

struct want_status {
	uint32_t device;
	bool ringing;
};

static bool status_is(struct seen *seen, void *arg)
{
	struct want_status *w = arg;
	const struct fax_server_event *ev = &seen->last[FAX_SERVER_EV_DEVICE_STATUS_CHANGE];

	return seen->count[FAX_SERVER_EV_DEVICE_STATUS_CHANGE] && ev->device_id == w->device &&
	       ev->ringing == w->ringing;
}

static bool new_call(struct seen *seen, void *arg)
{
	return seen->count[FAX_SERVER_EV_NEW_CALL] && seen->last[FAX_SERVER_EV_NEW_CALL].device_id == *(uint32_t *)arg;
}

FIXTURE(kernel) {
	struct faxd_env env;
	fax_server_t *s;
};

FIXTURE_SETUP(kernel)
{
	if (access(FAXSIM_BUS "/new_device", W_OK))
		SKIP(return, "no fax_sim module in this kernel");
	ASSERT_EQ(0, env_start(&self->env, "[loopback]\npairs = 0\n"));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
}

FIXTURE_TEARDOWN(kernel)
{
	fax_server_free(self->s);
	env_stop(&self->env);
}

TEST_F(kernel, the_kernel_provider_loads)
{
	fax_device_providers_t *c;
	bool found = false;

	ASSERT_EQ(0, fax_server_get_device_providers(self->s, &c, NULL));
	for (size_t i = 1; i <= fax_device_providers_count(c); i++) {
		fax_device_provider_t *p = fax_device_providers_item(c, i);

		if (strcmp(fax_device_provider_get_unique_name(p), "kernel"))
			continue;
		found = true;
		EXPECT_EQ(FAX_PROVIDER_SUCCESS, fax_device_provider_get_status(p));
		EXPECT_EQ(0, fax_device_provider_get_init_error_code(p));
	}
	EXPECT_TRUE(found);
	fax_device_providers_free(c);
}

TEST_F_TIMEOUT(kernel, a_card_comes_and_goes_and_its_lines_ring, 300)
{
	struct seen seen = { 0 };
	struct fax_info ai, bi;
	unsigned int id = faxsim_pick_id();
	uint32_t dev_b = 0;
	int before, a, b, changes;
	char name[32];
	struct want_status ringing, idle;

	before = kernel_devices(self->s, NULL, NULL);
	ASSERT_LE(0, before);
	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_CONFIG | FAX_EVENTS_DEVICE_STATUS |
						 FAX_EVENTS_INCOMING_CALL, seen_record, &seen, NULL));
	ASSERT_EQ(0, faxsim_new(id, 2));
	changes = 2;				/* one per line added */
	ASSERT_TRUE(wait_until(self->s, &seen, config_changes, &changes));
	a = faxsim_open_line(id, 0, O_RDWR);
	b = faxsim_open_line(id, 1, O_RDWR);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, fax_get_info(a, &ai));
	ASSERT_EQ(0, fax_get_info(b, &bi));
	snprintf(name, sizeof(name), "fax%u", bi.minor);
	EXPECT_EQ(before + 2, kernel_devices(self->s, name, &dev_b));
	ASSERT_NE(0, dev_b) TH_LOG("no device %s", name);

	/* Line a calls line b: b rings. */
	ASSERT_EQ(0, fax_set_hook(a, true));
	ASSERT_EQ(0, fax_wait_event(a, FAX_EV_DIALTONE, 20000, NULL));
	ASSERT_EQ(0, fax_dial(a, bi.number));
	ringing = (struct want_status) { dev_b, true };
	ASSERT_TRUE(wait_until(self->s, &seen, status_is, &ringing));
	ASSERT_TRUE(wait_until(self->s, &seen, new_call, &dev_b));
	{
		fax_devices_t *c;
		fax_device_t *d;

		ASSERT_EQ(0, fax_server_get_devices(self->s, &c, NULL));
		d = fax_devices_item_by_id(c, dev_b);
		ASSERT_NE(NULL, d);
		EXPECT_TRUE(fax_device_get_ringing_now(d));
		EXPECT_STREQ("kernel", fax_device_get_provider_unique_name(d));
		fax_devices_free(c);
	}

	/* The caller gives up: the ringing stops. */
	ASSERT_EQ(0, fax_set_hook(a, false));
	idle = (struct want_status) { dev_b, false };
	ASSERT_TRUE(wait_until(self->s, &seen, status_is, &idle));

	close(a);
	close(b);
	changes = seen.count[FAX_SERVER_EV_DEVICES_CONFIG_CHANGE] + 2;
	ASSERT_EQ(0, faxsim_del(id));
	ASSERT_TRUE(wait_until(self->s, &seen, config_changes, &changes));
	EXPECT_EQ(before, kernel_devices(self->s, NULL, NULL));
}

TEST_HARNESS_MAIN
