// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parts of the DSP library (dsp/, linked into faxcore) that card
 * drivers use. The library itself stays free of kernel-only macros, so
 * its exports live here, each with who needs it. No state.
 */
#include <linux/export.h>

#include "dsp/cpt.h"
#include "dsp/dsp_math.h"
#include "dsp/tonegen.h"

/* fax_sim plays dial tone, ringback and busy with the tone generator, */
EXPORT_SYMBOL_GPL(fdsp_tonegen_init);
/* one period at a time, */
EXPORT_SYMBOL_GPL(fdsp_tonegen_run);
/* from the regional call progress tables */
EXPORT_SYMBOL_GPL(fdsp_cpt_region);
/* turned into generator descriptors. */
EXPORT_SYMBOL_GPL(fdsp_cpt_desc);
/* Its line model's loss, echo and noise levels are Q15 attenuations. */
EXPORT_SYMBOL_GPL(fdsp_db_gain);
