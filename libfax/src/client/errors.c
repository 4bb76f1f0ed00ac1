// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The D-Bus error names of the fax server and their errno values, one
 * table for both sides: faxd answers with these names, clients map them
 * back with sd_bus_error_get_errno().
 */
#include <errno.h>
#include <stdbool.h>

#include <systemd/sd-bus.h>

#include <fax/client.h>

static const sd_bus_error_map fax_bus_error_map[] = {
	SD_BUS_ERROR_MAP(FAX_BUS_ERROR_NOT_FOUND, ENOENT),
	SD_BUS_ERROR_MAP(FAX_BUS_ERROR_ALREADY_REGISTERED, EEXIST),
	SD_BUS_ERROR_MAP(FAX_BUS_ERROR_NOT_SUPPORTED, EOPNOTSUPP),
	SD_BUS_ERROR_MAP(FAX_BUS_ERROR_INVALID_STATE, EBUSY),
	SD_BUS_ERROR_MAP(FAX_BUS_ERROR_STORAGE, EIO),
	SD_BUS_ERROR_MAP(FAX_BUS_ERROR_NO_MEMORY, ENOMEM),
	SD_BUS_ERROR_MAP(FAX_BUS_ERROR_VERSION_MISMATCH, EPROTONOSUPPORT),
	SD_BUS_ERROR_MAP(FAX_BUS_ERROR_SHUTTING_DOWN, ESHUTDOWN),
	SD_BUS_ERROR_MAP_END
};

int fax_bus_errors_register(void)
{
	static bool done;
	int r;

	if (done)
		return 0;
	r = sd_bus_error_add_map(fax_bus_error_map);
	if (r < 0)
		return r;
	done = true;
	return 0;
}
