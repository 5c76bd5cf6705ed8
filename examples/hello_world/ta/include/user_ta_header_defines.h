/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the hello_world TA (see sdk/c/src/user_ta_header.c). */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <hello_world_ta.h>

#define TA_UUID TA_HELLO_WORLD_UUID

/* One instance shared by all sessions, and many sessions at once. */
#define TA_FLAGS (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)

#define TA_STACK_SIZE (8 * 1024)
#define TA_DATA_SIZE (32 * 1024)

#define TA_VERSION "1.0"
#define TA_DESCRIPTION "Hello World TA for Veritee"

/* An extension property, as OP-TEE's example shows them. */
#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "org.veritee.hello_world.answer", USER_TA_PROP_TYPE_U32, \
	  &(const uint32_t){ 42 } },

#endif /* USER_TA_HEADER_DEFINES_H */
