/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <linux/fax.h> for libfax's own files. The kernel's "enum fax_line_state"
 * (call states of /dev/faxN) has the name of fax/line.h's public enum, so
 * the kernel's is renamed while it is read; its values keep their names.
 */
#ifndef FAX_LINE_KERNEL_UAPI_H
#define FAX_LINE_KERNEL_UAPI_H

#define fax_line_state fax_uapi_line_state
#include <linux/fax.h>
#undef fax_line_state

#include <linux/fax_netlink.h>

#endif /* FAX_LINE_KERNEL_UAPI_H */
