// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench_faxd [SECONDS]: requests per second through the bus, one client
 * making synchronous calls, against faxd and, in the same run on the same
 * private bus, against a trivial sd-bus echo service (the baseline: the
 * cost of the bus itself).
 *
 *   property get  faxd Device.CSID (rights check, then a field)   vs echo Value
 *   method call   faxd Device.Save (rights, validation, a SQLite   vs echo Echo(u)
 *                 transaction with synchronous=FULL, an event)
 *
 * Figures only: nothing is asserted. Read the ratios.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../tests/faxd/env.h"

#define ECHO_NAME "org.faxserver.BenchEcho"
#define ECHO_PATH "/org/faxserver/BenchEcho"

static uint32_t echo_value = 42;

static int echo(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	uint32_t v;
	int r;

	(void)userdata;
	(void)error;
	r = sd_bus_message_read(m, "u", &v);
	if (r < 0)
		return r;
	return sd_bus_reply_method_return(m, "u", v);
}

static const sd_bus_vtable echo_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Value", "u", NULL, 0, 0),
	SD_BUS_METHOD("Echo", "u", "u", echo, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_VTABLE_END
};

/* The baseline service, in a child, until killed. */
static pid_t start_echo(struct faxd_env *e)
{
	pid_t pid = fork();

	if (pid == 0) {
		sd_bus *bus;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		bus = env_bus(e);
		if (!bus || sd_bus_add_object_vtable(bus, NULL, ECHO_PATH, ECHO_NAME, echo_vtable,
						     &echo_value) < 0 ||
		    sd_bus_request_name(bus, ECHO_NAME, 0) < 0)
			_exit(1);
		for (;;) {
			int r = sd_bus_process(bus, NULL);

			if (r < 0)
				_exit(1);
			if (r == 0)
				sd_bus_wait(bus, UINT64_MAX);
		}
	}
	return pid;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum kind { GET_FAXD, GET_ECHO, SAVE_FAXD, CALL_ECHO };

static int one(sd_bus *bus, enum kind k, uint32_t i)
{
	sd_bus_message *reply = NULL;
	char csid[16];
	int r;

	switch (k) {
	case GET_FAXD:
		r = sd_bus_get_property(bus, FAX_BUS_NAME, FAX_BUS_PATH_DEVICE "/1",
					FAX_BUS_IFACE_DEVICE, "CSID", NULL, &reply, "s");
		break;
	case GET_ECHO:
		r = sd_bus_get_property(bus, ECHO_NAME, ECHO_PATH, ECHO_NAME, "Value", NULL, &reply, "u");
		break;
	case SAVE_FAXD:
		snprintf(csid, sizeof(csid), "b%u", i);
		r = sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_DEVICE "/1", FAX_BUS_IFACE_DEVICE,
				       "Save", NULL, &reply, "a{sv}", 1, "CSID", "s", csid);
		break;
	default:
		r = sd_bus_call_method(bus, ECHO_NAME, ECHO_PATH, ECHO_NAME, "Echo", NULL, &reply, "u", i);
		break;
	}
	sd_bus_message_unref(reply);
	return r;
}

static double rate(sd_bus *bus, enum kind k, double seconds)
{
	double t0 = now(), t;
	uint32_t n = 0;

	do {
		for (int j = 0; j < 50; j++, n++)
			if (one(bus, k, n) < 0) {
				fprintf(stderr, "bench_faxd: request failed\n");
				return 0;
			}
		t = now();
	} while (t - t0 < seconds);
	return n / (t - t0);
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 3.0;
	double g_faxd, g_echo, s_faxd, c_echo;
	struct faxd_env e = { 0 };
	pid_t echo_pid;
	sd_bus *bus;

	if (env_start(&e, NULL) < 0) {
		fprintf(stderr, "bench_faxd: cannot start dbus-daemon and faxd\n");
		return 1;
	}
	echo_pid = start_echo(&e);
	bus = env_bus(&e);
	/* Wait for the echo service to own its name. */
	for (int i = 0; i < 200 && one(bus, GET_ECHO, 0) < 0; i++)
		usleep(10000);
	one(bus, GET_FAXD, 0);		/* warm the caller cache */

	g_echo = rate(bus, GET_ECHO, seconds);
	g_faxd = rate(bus, GET_FAXD, seconds);
	c_echo = rate(bus, CALL_ECHO, seconds);
	s_faxd = rate(bus, SAVE_FAXD, seconds);

	printf("bench_faxd: one client, synchronous calls, %.1f s each, private dbus-daemon\n", seconds);
	printf("%-34s %10s %12s %8s\n", "request", "faxd/s", "echo/s", "ratio");
	printf("%-34s %10.0f %12.0f %8.2f\n", "property get (Device.CSID)", g_faxd, g_echo, g_faxd / g_echo);
	printf("%-34s %10.0f %12.0f %8.2f\n", "Save (Device.Save, 1 commit)", s_faxd, c_echo, s_faxd / c_echo);

	sd_bus_flush_close_unref(bus);
	kill(echo_pid, SIGKILL);
	waitpid(echo_pid, NULL, 0);
	env_stop(&e);
	return 0;
}
