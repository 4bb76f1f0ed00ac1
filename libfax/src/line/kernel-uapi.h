/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <linux/fax.h> for libfax's own files. The kernel's "enum fax_line_state"
 * (call states of /dev/faxN) has the name of fax/line.h's public enum, so
 * the kernel's is renamed while it is read; its values keep their names.
 *
 * Why a rename and not something cleaner:
 * - Both headers are needed in one translation unit: the backend reads
 *   the kernel's states (struct fax_info.state, FAX_A_LINE_STATE) and
 *   returns fax/line.h's (fax_kernel_map_state()). C has one tag namespace,
 *   so two "enum fax_line_state" definitions are a compile error.
 * - Neither name can change: <linux/fax.h> is the kernel's uAPI (other
 *   programs include it, and uAPI names are not renamed once published),
 *   and fax/line.h is libfax's API.
 * - The rename is harmless: the uAPI never uses the enum as a type (its
 *   structures carry the state as __u32), and the enumerators differ
 *   (FAX_STATE_* against FAX_LINE_*), so only the tag needs moving.
 * Rules that follow: include this file, never <linux/fax.h> itself, in any
 * file that also sees fax/line.h, and include it before anything that
 * might pull <linux/fax.h> in (the guard then keeps the renamed copy).
 * Programs outside libfax (faxtool) do not include <linux/fax.h> at all;
 * fax/kernel.h gives them names for the kernel's values.
 */
#ifndef FAX_LINE_KERNEL_UAPI_H
#define FAX_LINE_KERNEL_UAPI_H

#define fax_line_state fax_uapi_line_state
#include <linux/fax.h>
#undef fax_line_state

#include <linux/fax_netlink.h>

#endif /* FAX_LINE_KERNEL_UAPI_H */
