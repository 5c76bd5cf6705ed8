// SPDX-License-Identifier: BSD-2-Clause
/*
 * The TA's property table, built from its user_ta_header_defines.h with the
 * same macros as OP-TEE (TA_UUID, TA_FLAGS, TA_STACK_SIZE, TA_DATA_SIZE,
 * TA_VERSION, TA_DESCRIPTION, TA_CURRENT_TA_EXT_PROPERTIES). ta_dev_kit.mk
 * compiles this file with each TA's include directories.
 */
#include <tee_internal_api.h>
#include <user_ta_header.h>
#include <user_ta_header_defines.h>

#ifndef TA_UUID
#error "user_ta_header_defines.h must define TA_UUID"
#endif
#ifndef TA_FLAGS
#error "user_ta_header_defines.h must define TA_FLAGS"
#endif
#ifndef TA_STACK_SIZE
#error "user_ta_header_defines.h must define TA_STACK_SIZE"
#endif
#ifndef TA_DATA_SIZE
#error "user_ta_header_defines.h must define TA_DATA_SIZE"
#endif
#ifndef TA_VERSION
#define TA_VERSION "Undefined version"
#endif
#ifndef TA_DESCRIPTION
#define TA_DESCRIPTION "Undefined description"
#endif

/*
 * The stack the TA really gets: ta_dev_kit.mk links with at least
 * VERITEE_MIN_STACK_SIZE bytes (wasi-libc's printf alone needs more than
 * OP-TEE's customary 2 KiB) rounded up to 16, and passes the same minimum
 * here, so gpd.ta.stackSize tells the truth.
 */
#ifndef VERITEE_MIN_STACK_SIZE
#define VERITEE_MIN_STACK_SIZE 0
#endif
#define VT_STACK_SIZE \
	((((TA_STACK_SIZE) > (VERITEE_MIN_STACK_SIZE) ? (TA_STACK_SIZE) : \
	   (VERITEE_MIN_STACK_SIZE)) + 15) & ~15)

const char trace_ext_prefix[] = "TA";

static const TEE_UUID vt_app_id = TA_UUID;
static const bool vt_single_instance = ((TA_FLAGS) & TA_FLAG_SINGLE_INSTANCE) != 0;
static const bool vt_multi_session = ((TA_FLAGS) & TA_FLAG_MULTI_SESSION) != 0;
static const bool vt_keep_alive = ((TA_FLAGS) & TA_FLAG_INSTANCE_KEEP_ALIVE) != 0;
static const uint32_t vt_data_size = TA_DATA_SIZE;
static const uint32_t vt_stack_size = VT_STACK_SIZE;

const struct user_ta_property ta_props[] = {
	{ TA_PROP_STR_APP_ID, USER_TA_PROP_TYPE_UUID, &vt_app_id },
	{ TA_PROP_STR_SINGLE_INSTANCE, USER_TA_PROP_TYPE_BOOL, &vt_single_instance },
	{ TA_PROP_STR_MULTI_SESSION, USER_TA_PROP_TYPE_BOOL, &vt_multi_session },
	{ TA_PROP_STR_KEEP_ALIVE, USER_TA_PROP_TYPE_BOOL, &vt_keep_alive },
	{ TA_PROP_STR_DATA_SIZE, USER_TA_PROP_TYPE_U32, &vt_data_size },
	{ TA_PROP_STR_STACK_SIZE, USER_TA_PROP_TYPE_U32, &vt_stack_size },
	{ TA_PROP_STR_VERSION, USER_TA_PROP_TYPE_STRING, TA_VERSION },
	{ TA_PROP_STR_DESCRIPTION, USER_TA_PROP_TYPE_STRING, TA_DESCRIPTION },
#ifdef TA_CURRENT_TA_EXT_PROPERTIES
	TA_CURRENT_TA_EXT_PROPERTIES
#endif
};

const size_t ta_num_props = sizeof(ta_props) / sizeof(ta_props[0]);
