// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Session options: checked once, in words an administrator understands,
 * then translated into spandsp's T.30 settings.
 */
#include <errno.h>
#include <string.h>

#include "session-internal.h"

static bool printable(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			return false;
	return true;
}

int fax_session_options_check(struct fax_session_options *o, fax_error_t *err)
{
	if (o->direction != FAX_SEND && o->direction != FAX_RECEIVE)
		return fax_error_set(err, -EINVAL, "unknown fax direction %u", o->direction);
	if (!o->file || !o->file[0])
		return fax_error_set(err, -EINVAL, "no file given to %s",
				     o->direction == FAX_SEND ? "send" : "receive into");
	if (!o->modems)
		o->modems = FAX_MODEM_ALL;
	if (o->modems & ~(uint32_t)FAX_MODEM_ALL)
		return fax_error_set(err, -EINVAL, "unknown modem bits 0x%x", o->modems);
	if (!o->compressions)
		o->compressions = FAX_COMPRESSION_MH | FAX_COMPRESSION_MR |
				  (o->ecm ? FAX_COMPRESSION_MMR : 0);
	if (o->compressions & ~(uint32_t)FAX_COMPRESSION_ALL)
		return fax_error_set(err, -EINVAL, "unknown compression bits 0x%x",
				     o->compressions);
	if (o->compressions == FAX_COMPRESSION_MMR && !o->ecm)
		return fax_error_set(err, -EINVAL,
				     "MMR (T.6) coding needs error correction (ECM); enable ECM or allow MH/MR");
	if (!o->resolutions)
		o->resolutions = FAX_RES_ALL;
	if (o->resolutions & ~(uint32_t)FAX_RES_ALL)
		return fax_error_set(err, -EINVAL, "unknown resolution bits 0x%x",
				     o->resolutions);
	if (o->ident && (strlen(o->ident) > FAX_IDENT_MAX || !printable(o->ident)))
		return fax_error_set(err, -EINVAL,
				     "fax identity '%s' must be at most %d printable characters",
				     o->ident, FAX_IDENT_MAX);
	if (o->header_info && (strlen(o->header_info) > 50 || !printable(o->header_info)))
		return fax_error_set(err, -EINVAL,
				     "page header text must be at most 50 printable characters");
	switch (o->min_scan_line_ms) {
	case 0: case 5: case 10: case 20: case 40:
		break;
	default:
		return fax_error_set(err, -EINVAL,
				     "minimum scan-line time %u ms is not one of 0, 5, 10, 20, 40",
				     o->min_scan_line_ms);
	}
	if (!o->prebuffer_ms)
		o->prebuffer_ms = 200;
	if (o->prebuffer_ms < 10 || o->prebuffer_ms > 1000)
		return fax_error_set(err, -EINVAL,
				     "transmit pre-buffer %u ms is out of range (10..1000)",
				     o->prebuffer_ms);
	return 0;
}

int fax_session_options_apply(t30_state_t *t30, const struct fax_session_options *o,
			      fax_error_t *err)
{
	int modems = 0, comp = 0, res = T30_SUPPORT_R8_RESOLUTION | T30_SUPPORT_R16_RESOLUTION;

	if (o->modems & FAX_MODEM_V27TER)
		modems |= T30_SUPPORT_V27TER;
	if (o->modems & FAX_MODEM_V29)
		modems |= T30_SUPPORT_V29;
	if (o->modems & FAX_MODEM_V17)
		modems |= T30_SUPPORT_V17;
	if (o->compressions & FAX_COMPRESSION_MH)
		comp |= T30_SUPPORT_T4_1D_COMPRESSION;
	if (o->compressions & FAX_COMPRESSION_MR)
		comp |= T30_SUPPORT_T4_2D_COMPRESSION;
	/* T.6 is only legal with ECM: never offer it without. */
	if ((o->compressions & FAX_COMPRESSION_MMR) && o->ecm)
		comp |= T30_SUPPORT_T6_COMPRESSION;
	if (o->resolutions & FAX_RES_STANDARD)
		res |= T30_SUPPORT_STANDARD_RESOLUTION;
	if (o->resolutions & FAX_RES_FINE)
		res |= T30_SUPPORT_FINE_RESOLUTION;
	if (o->resolutions & FAX_RES_SUPERFINE)
		res |= T30_SUPPORT_SUPERFINE_RESOLUTION;

	if (t30_set_supported_modems(t30, modems) ||
	    t30_set_supported_compressions(t30, comp) ||
	    t30_set_supported_resolutions(t30, res) ||
	    t30_set_ecm_capability(t30, o->ecm) ||
	    t30_set_minimum_scan_line_time(t30, (int)o->min_scan_line_ms))
		return fax_error_set(err, -EINVAL, "spandsp refused the session options");
	if (o->ident && t30_set_tx_ident(t30, o->ident))
		return fax_error_set(err, -EINVAL, "spandsp refused the identity '%s'", o->ident);
	if (o->header_info && t30_set_tx_page_header_info(t30, o->header_info))
		return fax_error_set(err, -EINVAL, "spandsp refused the page header text");
	if (o->direction == FAX_SEND)
		t30_set_tx_file(t30, o->file, -1, -1);
	else
		t30_set_rx_file(t30, o->file, -1);
	return 0;
}

int fax_compression_from_t4(int t4)
{
	switch (t4) {
	case T4_COMPRESSION_ITU_T4_1D:
		return FAX_COMPRESSION_MH;
	case T4_COMPRESSION_ITU_T4_2D:
		return FAX_COMPRESSION_MR;
	case T4_COMPRESSION_ITU_T6:
		return FAX_COMPRESSION_MMR;
	default:
		return 0;
	}
}

const char *fax_compression_name(int compression)
{
	switch (compression) {
	case FAX_COMPRESSION_MH:
		return "MH";
	case FAX_COMPRESSION_MR:
		return "MR";
	case FAX_COMPRESSION_MMR:
		return "MMR";
	default:
		return "none";
	}
}

const char *fax_t30_code_text(int code)
{
	return t30_completion_code_to_str(code);
}
