#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Prints the constant tables of kmod/core/dsp/dsp_math.c (run once by hand:
the kernel never computes them)."""
import math

print("quarter_sine:", [round(32767 * math.sin(math.pi / 2 * i / 256)) for i in range(257)])
print("gain_db:", [32767] + [round(32768 * 10 ** (-i / 20)) for i in range(1, 20)])
print("gain_tenth_db:", [32767] + [round(32768 * 10 ** (-i / 200)) for i in range(1, 10)])
print("log_mantissa:", [round(1000 * math.log10(1 + i / 16)) for i in range(16)])
