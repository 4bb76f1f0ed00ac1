/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one place where differences between the supported kernels (Debian's
 * 6.1 and 6.12) are bridged. No other file tests LINUX_VERSION_CODE.
 */
#ifndef _FAX_COMPAT_H
#define _FAX_COMPAT_H

#include <linux/version.h>

#endif /* _FAX_COMPAT_H */
