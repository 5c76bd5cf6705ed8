/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the C test TA; VT_TEST_TA_VARIANT comes from the Makefile. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <vt_test_ta.h>

#ifndef VT_TEST_TA_VARIANT
#error "build with make VARIANT=n"
#endif

#if VT_TEST_TA_VARIANT == 0
#define TA_UUID VT_TEST_TA_UUID_0
#define TA_FLAGS VT_TEST_TA_FLAGS_0
#elif VT_TEST_TA_VARIANT == 1
#define TA_UUID VT_TEST_TA_UUID_1
#define TA_FLAGS VT_TEST_TA_FLAGS_1
#elif VT_TEST_TA_VARIANT == 2
#define TA_UUID VT_TEST_TA_UUID_2
#define TA_FLAGS VT_TEST_TA_FLAGS_2
#elif VT_TEST_TA_VARIANT == 3
#define TA_UUID VT_TEST_TA_UUID_3
#define TA_FLAGS VT_TEST_TA_FLAGS_3
#else
#error "VT_TEST_TA_VARIANT must be 0..3"
#endif

#define TA_STACK_SIZE (16 * 1024)
#define TA_DATA_SIZE VT_TEST_TA_DATA_SIZE
#define TA_VERSION "1.0"
#define TA_DESCRIPTION "Veritee C test TA"

/* Extension properties of each supported type, for property tests. */
#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "org.veritee.test.variant", USER_TA_PROP_TYPE_U32, \
	  &(const uint32_t){ VT_TEST_TA_VARIANT } }, \
	{ "org.veritee.test.bool", USER_TA_PROP_TYPE_BOOL, \
	  &(const bool){ true } }, \
	{ "org.veritee.test.u64", USER_TA_PROP_TYPE_U64, \
	  &(const uint64_t){ 0x0123456789abcdefULL } }, \
	{ "org.veritee.test.string", USER_TA_PROP_TYPE_STRING, "veritee" }, \
	{ "org.veritee.test.blob", USER_TA_PROP_TYPE_BINARY_BLOCK, "AAECAwQ=" },

#endif /* USER_TA_HEADER_DEFINES_H */
