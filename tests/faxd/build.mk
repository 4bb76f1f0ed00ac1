# SPDX-License-Identifier: GPL-2.0-or-later
# faxd tests: a private dbus-daemon and faxd (the binary beside the test,
# so the sanitised test drives the sanitised daemon) with the loopback
# provider.
FAXD_TEST_ENV := tests/faxd/env.c
$(eval $(call native_test,faxd_api_test,tests/faxd/api_test.c $(FAXD_TEST_ENV),libsystemd,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_api_test: $(B)/$(v)/bin/faxd))
$(eval $(call native_test,faxd_rights_test,tests/faxd/rights_test.c $(FAXD_TEST_ENV),libsystemd,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_rights_test: $(B)/$(v)/bin/faxd))
$(eval $(call native_test,faxd_crash_test,tests/faxd/crash_test.c $(FAXD_TEST_ENV),libsystemd sqlite3,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_crash_test: $(B)/$(v)/bin/faxd))
# In the VM: the kernel provider over fax_sim.
$(eval $(call vm_test,faxd_kernel_test,tests/faxd/kernel_test.c $(FAXD_TEST_ENV) \
	tests/kselftest/lib/faxsim.c,libsystemd,-Wno-missing-prototypes,fax))
$(B)/native/bin/faxd_kernel_test: $(B)/native/bin/faxd
$(eval $(call native_test,faxd_faxtool_test,tests/faxd/faxtool_test.c $(FAXD_TEST_ENV) tests/libfax/pages.c,libsystemd libtiff-4 json-c,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_faxtool_test: $(B)/$(v)/bin/faxd $(B)/$(v)/bin/faxtool))
$(eval $(call native_test,faxd_policy_test,tests/faxd/policy_test.c $(FAXD_TEST_ENV),libsystemd,-DFAXD_DATA_DIR='"$(srctree)/faxd/data"',fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_policy_test: $(B)/$(v)/bin/faxd))
$(eval $(call native_test,faxd_queue_test,tests/faxd/queue_test.c $(FAXD_TEST_ENV) tests/libfax/pages.c,libsystemd libtiff-4,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_queue_test: $(B)/$(v)/bin/faxd))
# In the VM: a whole fax through faxd's kernel provider over fax_sim.
$(eval $(call vm_test,faxd_kernel_fax_test,tests/faxd/kernel_fax_test.c $(FAXD_TEST_ENV) \
	tests/kselftest/lib/faxsim.c tests/libfax/pages.c,libsystemd libtiff-4,-Wno-missing-prototypes,fax))
$(B)/native/bin/faxd_kernel_fax_test: $(B)/native/bin/faxd
# In the VM: faxd's queues, jobs and archives over fax_sim (issue #7).
$(eval $(call vm_test,faxd_kernel_queue_test,tests/faxd/kernel_queue_test.c $(FAXD_TEST_ENV) \
	tests/kselftest/lib/faxsim.c tests/libfax/pages.c,libsystemd libtiff-4,-Wno-missing-prototypes,fax))
$(B)/native/bin/faxd_kernel_queue_test: $(B)/native/bin/faxd
# Scheduling (discount window, specific time, retry delay), broadcasts,
# activity; archive age limits, sizes and quota warnings (issue #7).
FAXD_FOLDERS_TEST := tests/faxd/folders.c $(FAXD_TEST_ENV) tests/libfax/pages.c
$(eval $(call native_test,faxd_archive_test,tests/faxd/archive_test.c $(FAXD_FOLDERS_TEST),libsystemd sqlite3 libtiff-4,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_archive_test: $(B)/$(v)/bin/faxd))
$(eval $(call native_test,faxd_discount_test,tests/faxd/discount_test.c,,,))
$(eval $(call native_test,faxd_schedule_test,tests/faxd/schedule_test.c $(FAXD_FOLDERS_TEST),libsystemd sqlite3 libtiff-4,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_schedule_test: $(B)/$(v)/bin/faxd))
# Queue scenarios over loopback: retries, cancel, pause, priorities, manual
# answer; whose jobs a user manages; a full spool (issue #7).
FAXD_JOBS_TEST := tests/faxd/jobs.c tests/faxd/folders.c $(FAXD_TEST_ENV) tests/libfax/pages.c
$(eval $(call native_test,faxd_queue_control_test,tests/faxd/queue_control_test.c $(FAXD_JOBS_TEST),libsystemd sqlite3 libtiff-4,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_queue_control_test: $(B)/$(v)/bin/faxd))
$(eval $(call native_test,faxd_queue_owner_test,tests/faxd/queue_owner_test.c $(FAXD_JOBS_TEST),libsystemd sqlite3 libtiff-4,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_queue_owner_test: $(B)/$(v)/bin/faxd))
$(eval $(call native_test,faxd_queue_disk_test,tests/faxd/queue_disk_test.c $(FAXD_JOBS_TEST),libsystemd sqlite3 libtiff-4,,fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/faxd_queue_disk_test: $(B)/$(v)/bin/faxd))
