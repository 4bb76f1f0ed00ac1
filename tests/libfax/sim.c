// SPDX-License-Identifier: GPL-2.0-or-later
/* Helpers of the VM tests over fax_sim (see sim.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

#define SIM_BUS "/sys/bus/fax_sim"
#define SIM_DEBUGFS "/sys/kernel/debug/fax_sim"

static int write_file(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int r;

	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	r = n < 0 ? -errno : 0;
	close(fd);
	return r;
}

int sim_new(struct sim *s, unsigned int nlines)
{
	char buf[64];
	int r;

	memset(s, 0, sizeof(*s));
	s->id = 2000 + (unsigned int)(getpid() % 40000) * 10;
	s->nlines = nlines;
	snprintf(buf, sizeof(buf), "%u %u", s->id, nlines);
	r = write_file(SIM_BUS "/new_device", buf);
	if (r < 0)
		return r;
	r = fax_kernel_open(&s->k, NULL);
	for (unsigned int i = 0; r == 0 && i < nlines; i++) {
		snprintf(buf, sizeof(buf), "%u%03u", s->id, i);
		r = fax_kernel_find_line(s->k, buf, &s->line[i], NULL);
		snprintf(s->path[i], sizeof(s->path[i]), "/dev/fax%u", s->line[i].minor);
	}
	if (r < 0)
		sim_del(s);
	return r;
}

void sim_del(struct sim *s)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u", s->id);
	write_file(SIM_BUS "/del_device", buf);
	fax_kernel_close(s->k);
	s->k = NULL;
}

const char *sim_number(const struct sim *s, unsigned int i)
{
	return s->line[i].number;
}

int sim_clock_mult(unsigned int mult)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", mult);
	return write_file(SIM_DEBUGFS "/clock_mult", buf);
}

int sim_model(struct sim *s, unsigned int i, const struct fax_kernel_model *m)
{
	struct fax_kernel_line_set set = {
		.size = sizeof(set), .set = FAX_KERNEL_SET_MODEL, .model = *m,
	};

	return fax_kernel_line_set(s->k, s->line[i].card, s->line[i].index, &set, NULL);
}
