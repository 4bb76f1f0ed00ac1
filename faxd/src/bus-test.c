// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Test interface at FAX_BUS_PATH, present only with
 * [loopback] test_interface = yes: it drives a line the way a caller on
 * the telephone network would (dial another device's number, hang up),
 * so tests can watch RingingNow, NewCall and DeviceStatusChange without
 * hardware; and it moves faxd's clock (SetClockOffset), so tests reach a
 * discount window, a retry delay or an age limit without waiting for
 * it. Needs manage-config.
 */
#include <errno.h>

#include "bus.h"
#include "caller.h"
#include "device.h"
#include "job.h"
#include "manager.h"
#include "provider.h"
#include "queue.h"

static struct device *test_device(struct manager *m, uint32_t id, sd_bus_error *error)
{
	struct device *d = manager_find_device(m, id);

	if (!d) {
		sd_bus_error_setf(error, FAX_BUS_ERROR_NOT_FOUND, "no device %u", id);
		return NULL;
	}
	if (!d->provider->ops || !d->provider->ops->test_dial) {
		sd_bus_error_setf(error, FAX_BUS_ERROR_NOT_SUPPORTED,
				  "device %u cannot be driven by tests", id);
		return NULL;
	}
	return d;
}

static int method_dial(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	const char *number;
	struct device *d;
	uint32_t id;
	int r;

	r = sd_bus_message_read(msg, "us", &id, &number);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_MANAGE_CONFIG, "Test.Dial", error);
	if (r < 0)
		return r;
	d = test_device(m, id, error);
	if (!d)
		return -sd_bus_error_get_errno(error);
	r = d->provider->ops->test_dial(d->provider, d, number);
	if (r < 0)
		return bus_errno(error, r, "device %u cannot dial '%s'", id, number);
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_hangup(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	struct device *d;
	uint32_t id;
	int r;

	r = sd_bus_message_read(msg, "u", &id);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_MANAGE_CONFIG, "Test.Hangup", error);
	if (r < 0)
		return r;
	d = test_device(m, id, error);
	if (!d)
		return -sd_bus_error_get_errno(error);
	r = d->provider->ops->test_hangup(d->provider, d);
	if (r < 0)
		return bus_errno(error, r, "device %u cannot hang up", id);
	return sd_bus_reply_method_return(msg, NULL);
}

/* SetClockOffset(x usec) -> x now: faxd's clock becomes the real time
 * plus @usec (job_now()); the waiting jobs and the archives are looked at
 * again at once. */
static int method_set_clock_offset(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	int64_t offset;
	int r;

	r = sd_bus_message_read(msg, "x", &offset);
	if (r < 0)
		return r;
	r = caller_require(m, msg, FAX_RIGHT_MANAGE_CONFIG, "Test.SetClockOffset", error);
	if (r < 0)
		return r;
	job_clock_set_offset(offset);
	queue_clock_changed(m);
	return sd_bus_reply_method_return(msg, "x", job_now());
}

static const sd_bus_vtable test_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("Dial", SD_BUS_ARGS("u", device_id, "s", number), SD_BUS_NO_RESULT,
				method_dial, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("Hangup", SD_BUS_ARGS("u", device_id), SD_BUS_NO_RESULT,
				method_hangup, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("SetClockOffset", SD_BUS_ARGS("x", usec), SD_BUS_RESULT("x", now),
				method_set_clock_offset, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_VTABLE_END
};

int bus_register_test(struct manager *m)
{
	if (!m->cfg.test_interface)
		return 0;
	return sd_bus_add_object_vtable(m->bus, NULL, FAX_BUS_PATH, FAX_BUS_IFACE_TEST,
					test_vtable, m);
}
