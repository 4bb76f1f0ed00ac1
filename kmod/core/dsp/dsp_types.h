/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The line DSP library builds twice from the same sources: into faxcore.ko
 * and into native tests, fuzzers and benchmarks.  This shim is the only
 * place that knows which: in the kernel it includes the kernel's headers,
 * natively it defines the kernel's fixed-width types from the compiler's
 * own type macros (which is what <stdint.h> does too).
 *
 * The library itself never uses floating point (the kernel forbids it in
 * softirq context): samples are s16, gains and coefficients Q15 or Q14,
 * accumulators s32 or s64.
 */
#ifndef FAX_DSP_TYPES_H
#define FAX_DSP_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/stddef.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/kernel.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef __INT8_TYPE__ s8;
typedef __UINT8_TYPE__ u8;
typedef __INT16_TYPE__ s16;
typedef __UINT16_TYPE__ u16;
typedef __INT32_TYPE__ s32;
typedef __UINT32_TYPE__ u32;
typedef __INT64_TYPE__ s64;
typedef __UINT64_TYPE__ u64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#endif

/* u64 division that 32-bit kernels can do too (only used at init). */
static inline u64 fdsp_div64(u64 a, u64 b)
{
#ifdef __KERNEL__
	return div64_u64(a, b);
#else
	return a / b;
#endif
}

/* Clamp a 32-bit intermediate into the 16-bit sample range. */
static inline s16 fdsp_sat16(s32 v)
{
	if (v > 32767)
		return 32767;
	if (v < -32768)
		return -32768;
	return (s16)v;
}

/* Index of the most significant set bit, 1-based; 0 for 0 (like fls()). */
static inline int fdsp_fls(u32 v)
{
	return v ? 32 - __builtin_clz(v) : 0;
}

#endif /* FAX_DSP_TYPES_H */
