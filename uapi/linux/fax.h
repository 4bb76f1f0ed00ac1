/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Userspace API of the fax line core: the /dev/faxN character devices and
 * the "fax" generic netlink family.
 */
#ifndef _UAPI_LINUX_FAX_H
#define _UAPI_LINUX_FAX_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* Generic netlink family (see Documentation/netlink/specs/fax.yaml). */
#define FAX_GENL_NAME		"fax"
#define FAX_GENL_VERSION	1

/* ioctl type of /dev/faxN. */
#define FAX_IOC_MAGIC		0xFA

#endif /* _UAPI_LINUX_FAX_H */
