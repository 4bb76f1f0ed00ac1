// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxd: the fax server. Start-up order matters: configuration, store
 * (migrated), bus connection and objects, providers and their devices,
 * and only then the bus name and READY=1, so a client that sees the name
 * sees a complete server. SIGTERM/SIGINT end the loop; listeners then get
 * ServerShutDown before the connection closes.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>

#include <fax/client.h>

#include "bus.h"
#include "caller.h"
#include "config.h"
#include "log.h"
#include "manager.h"

struct args {
	const char *config;
	const char *state_dir;
	const char *bus_address;
	int log_level;
};

static void usage(FILE *f)
{
	fputs("usage: faxd [OPTIONS]\n"
	      "  -c, --config=FILE        configuration (default /etc/faxd/faxd.conf)\n"
	      "  -s, --state-dir=DIR      database and spool ($STATE_DIRECTORY or /var/lib/faxd)\n"
	      "  -b, --bus-address=ADDR   serve on this D-Bus bus instead of the system bus\n"
	      "  -d, --debug              log debug messages\n"
	      "  -h, --help, --version\n", f);
}

static int parse_args(int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "bus-address", required_argument, NULL, 'b' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	int c;

	*a = (struct args) {
		.config = "/etc/faxd/faxd.conf",
		.state_dir = getenv("STATE_DIRECTORY") ? getenv("STATE_DIRECTORY") : "/var/lib/faxd",
		.log_level = -1,
	};
	while ((c = getopt_long(argc, argv, "c:s:b:dh", opts, NULL)) != -1) {
		switch (c) {
		case 'c': a->config = optarg; break;
		case 's': a->state_dir = optarg; break;
		case 'b': a->bus_address = optarg; break;
		case 'd': a->log_level = LOG_DEBUG; break;
		case 'h': usage(stdout); return 0;
		case 'V': puts("faxd " FAX_VERSION); return 0;
		default: usage(stderr); return -EINVAL;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return -EINVAL;
	}
	return 1;
}

static int open_bus(struct manager *m, const char *address)
{
	int r;

	/* Never sd_bus_default*(): it picks a bus from the environment. */
	if (!address)
		return sd_bus_open_system(&m->bus);
	r = sd_bus_new(&m->bus);
	if (r < 0)
		return r;
	r = sd_bus_set_address(m->bus, address);
	if (r >= 0)
		r = sd_bus_set_bus_client(m->bus, true);
	if (r >= 0)
		r = sd_bus_start(m->bus);
	return r;
}

static int on_name(sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	const sd_bus_error *e = sd_bus_message_get_error(reply);

	(void)error;
	if (e) {
		log_error("cannot own the bus name %s: %s", FAX_BUS_NAME, e->message);
		return sd_event_exit(m->event, -sd_bus_message_get_errno(reply));
	}
	log_info("serving %s with %zu devices from %zu providers", FAX_BUS_NAME, m->n_devices,
		 m->n_providers);
	sd_notifyf(0, "READY=1\nSTATUS=Serving %zu devices", m->n_devices);
	return 0;
}

/*
 * The bus is faxd's only way to its clients: without it faxd is of no
 * use (and holds lines it cannot serve). It says why and exits with a
 * failure, which systemd's Restart=on-failure answers with a new start.
 */
static int on_disconnected(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;

	(void)msg;
	(void)error;
	log_error("lost the connection to the bus; exiting so that faxd is started again");
	return sd_event_exit(m->event, ECONNRESET);
}

/* Runs when the loop is asked to exit, before sd-bus closes the
 * connection in its own exit source: listeners still hear the shutdown. */
static int on_loop_exit(sd_event_source *s, void *userdata)
{
	(void)s;
	manager_stop(userdata);
	return 0;
}

static int setup_bus(struct manager *m, const char *address)
{
	int r;

	r = open_bus(m, address);
	if (r < 0)
		return log_error_errno(r, "cannot connect to the %s bus: %m", address ? address : "system");
	r = sd_bus_attach_event(m->bus, m->event, 0);
	if (r >= 0)
		r = sd_bus_match_signal(m->bus, NULL, NULL, "/org/freedesktop/DBus/Local",
					"org.freedesktop.DBus.Local", "Disconnected",
					on_disconnected, m);
	if (r >= 0)
		r = callers_new(m);
	if (r >= 0)
		r = bus_register_server(m);
	if (r >= 0)
		r = bus_register_activity(m);
	if (r >= 0)
		r = bus_register_security(m);
	if (r >= 0)
		r = bus_register_providers(m);
	if (r >= 0)
		r = bus_register_devices(m);
	if (r >= 0)
		r = bus_register_test(m);
	if (r >= 0)
		r = bus_register_log_control(m);
	if (r >= 0)
		r = bus_register_folders(m);
	if (r < 0)
		return log_error_errno(r, "cannot register the bus objects: %m");
	return 0;
}

static int run(const struct args *a, struct faxd_config *cfg)
{
	sd_event_source *exit_source = NULL;
	struct manager *m = NULL;
	sigset_t ss;
	int r;

	/* sd-event wants the signals it handles blocked. */
	sigemptyset(&ss);
	sigaddset(&ss, SIGTERM);
	sigaddset(&ss, SIGINT);
	sigaddset(&ss, SIGCHLD);
	sigprocmask(SIG_BLOCK, &ss, NULL);

	r = manager_new(&m, a->state_dir, cfg);
	if (r < 0)
		return r;
	r = sd_event_new(&m->event);
	if (r >= 0)
		r = sd_event_set_signal_exit(m->event, true);
	if (r >= 0)
		r = sd_event_set_watchdog(m->event, true);
	if (r >= 0)
		r = sd_event_add_exit(m->event, &exit_source, on_loop_exit, m);
	if (r >= 0)
		r = sd_event_source_set_priority(exit_source, SD_EVENT_PRIORITY_IMPORTANT);
	if (r < 0) {
		log_error_errno(r, "cannot set up the event loop: %m");
		goto out;
	}
	r = setup_bus(m, a->bus_address);
	if (r < 0)
		goto out;
	r = manager_start(m);
	if (r < 0) {
		log_error_errno(r, "cannot start: %m");
		goto out;
	}
	r = sd_bus_request_name_async(m->bus, NULL, FAX_BUS_NAME, 0, on_name, m);
	if (r < 0) {
		log_error_errno(r, "cannot request the bus name: %m");
		goto out;
	}
	/* The loop's exit code: 0 after SIGTERM/SIGINT, an errno after a
	 * failure (the bus lost, its name refused). */
	r = sd_event_loop(m->event);
	if (r < 0)
		log_error_errno(r, "event loop failed: %m");
	else if (r > 0)
		r = -r;
	sd_notify(0, "STOPPING=1");
	log_info("shut down");
out:
	sd_event_source_unref(exit_source);
	{
		sd_event *e = m->event;
		sd_bus *bus = m->bus;

		manager_free(m);
		sd_bus_flush_close_unref(bus);
		sd_event_unref(e);
	}
	return r;
}

int main(int argc, char **argv)
{
	struct faxd_config cfg;
	struct args a;
	int r;

	log_setup();
	r = parse_args(argc, argv, &a);
	if (r <= 0)
		return r < 0 ? 2 : 0;
	r = config_load(&cfg, a.config, strcmp(a.config, "/etc/faxd/faxd.conf") != 0);
	if (r < 0)
		return 1;
	log_set_max_level(a.log_level >= 0 ? a.log_level : cfg.log_level);
	r = fax_bus_errors_register();
	if (r >= 0)
		r = run(&a, &cfg);
	config_free(&cfg);
	return r < 0 ? 1 : 0;
}
