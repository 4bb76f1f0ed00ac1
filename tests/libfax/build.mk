# SPDX-License-Identifier: GPL-2.0-or-later
# Native tests of libfax over the loopback pair (no kernel module needed).
LIBFAX_TEST_HELPERS := tests/libfax/pages.c tests/libfax/call.c
LIBFAX_TEST_CFLAGS := -DFAX_TESTDATA='"$(FAX_TESTDATA)"'
$(eval $(call native_test,libfax_matrix_test,tests/libfax/matrix_test.c $(LIBFAX_TEST_HELPERS),spandsp libtiff-4,$(LIBFAX_TEST_CFLAGS),fax))
$(eval $(call native_test,libfax_line_test,tests/libfax/line_test.c $(LIBFAX_TEST_HELPERS),spandsp libtiff-4,$(LIBFAX_TEST_CFLAGS),fax))
$(eval $(call native_test,libfax_session_test,tests/libfax/session_test.c $(LIBFAX_TEST_HELPERS),spandsp libtiff-4,$(LIBFAX_TEST_CFLAGS),fax))
$(eval $(call native_test,libfax_document_test,tests/libfax/document_test.c $(LIBFAX_TEST_HELPERS),spandsp libtiff-4,$(LIBFAX_TEST_CFLAGS),fax))
# faxtool's document verbs, run from the binary of the same variant.
$(eval $(call native_test,libfax_faxtool_doc_test,tests/libfax/faxtool_doc_test.c tests/libfax/pages.c tests/libfax/faxtool-run.c,libtiff-4,$(LIBFAX_TEST_CFLAGS),fax))
$(foreach v,$(VARIANTS),$(eval $(B)/$(v)/bin/libfax_faxtool_doc_test: $(B)/$(v)/bin/faxtool))
# In the VM, over fax_sim: libfax's kernel backend and whole faxes on it.
LIBFAX_VM_HELPERS := tests/libfax/sim.c
$(eval $(call vm_test,libfax_kernel_line_test,tests/libfax/kernel_line_test.c $(LIBFAX_VM_HELPERS) tests/libfax/faxtool-run.c,,,fax))
$(B)/native/bin/libfax_kernel_line_test: $(B)/native/bin/faxtool
$(eval $(call vm_test,libfax_kernel_fax_test,tests/libfax/kernel_fax_test.c $(LIBFAX_VM_HELPERS) $(LIBFAX_TEST_HELPERS),spandsp libtiff-4,$(LIBFAX_TEST_CFLAGS),fax))
$(eval $(call native_test,libfax_kernel_unit_test,tests/libfax/kernel_unit_test.c,libnl-genl-3.0,-DFAX_UAPI_DIR='"$(srctree)/uapi"',fax))
