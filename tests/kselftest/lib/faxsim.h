/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the kernel tests: simulated cards through the fax_sim bus,
 * lines found by card and index, and waiting for line events.
 */
#ifndef FAXTEST_FAXSIM_H
#define FAXTEST_FAXSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/fax.h>

#define FAXSIM_BUS "/sys/bus/fax_sim"
#define FAXSIM_DEBUGFS "/sys/kernel/debug/fax_sim"

/* Write a string to a sysfs/debugfs file: 0 or -errno. */
int faxsim_write(const char *path, const char *value);
/* Read an unsigned number from a file; -1 on error. */
long long faxsim_read_u64(const char *path);

/* Path of a project module built for the guest's kernel: 0 or -1. */
int faxsim_module_path(char *buf, size_t len, const char *rel);
/* finit_module() of a .ko file: 0 or -1 with errno set. */
int faxsim_load_module(const char *path);

/* A card id unlikely to collide with other tests: 0 or -errno. */
unsigned int faxsim_pick_id(void);
int faxsim_new(unsigned int id, unsigned int nlines);
int faxsim_del(unsigned int id);

/* A card of two lines, both opened O_RDWR: 0 or -errno. */
int faxsim_new_pair(unsigned int *id, int *a, int *b);
/* Close both lines and remove the card: 0 or -errno. */
int faxsim_del_pair(unsigned int id, int a, int b);

/* Open the line "index" of sim card "id": fd or -errno. */
int faxsim_open_line(unsigned int id, unsigned int index, int flags);
/* The card id faxcore gave sim card "id" (from its first line). */
int faxsim_card_id(int fd);

/* Wait up to timeout_ms for an event of the type; 0 or -errno. */
int fax_wait_event(int fd, uint32_t type, int timeout_ms, struct fax_event *ev);
int fax_set_hook(int fd, bool offhook);
int fax_dial(int fd, const char *digits);
int fax_get_params(int fd, struct fax_params *p);
int fax_set_params(int fd, const struct fax_params *p);
int fax_get_info(int fd, struct fax_info *info);
int fax_get_stats(int fd, struct fax_stats *st);

/* Read exactly n bytes (blocking fd); 0 or -errno. */
int fax_read_full(int fd, void *buf, size_t n);

/* Write exactly n bytes (blocking fd); 0 or -errno. */
int fax_write_full(int fd, const void *buf, size_t n);

/* Set up a call from a to b; 0 or -errno. */
int fax_call(int a, int b);

#endif /* FAXTEST_FAXSIM_H */
