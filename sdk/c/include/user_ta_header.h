/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TA header, as OP-TEE's user_ta_header.h: TA_FLAGS bits, the property
 * table a TA's user_ta_header.c builds from user_ta_header_defines.h, and
 * the property names. On Veritee the table is serialized by
 * veritee_ta_props into the blob of internal/abi/props.go.
 */
#ifndef USER_TA_HEADER_H
#define USER_TA_HEADER_H

#include <stddef.h>
#include <stdint.h>
#include <tee_api_types.h>

/* TA_FLAGS bits, numbered as OP-TEE's (internal/abi TAFlag*). */
#define TA_FLAG_USER_MODE                       0 /* deprecated, ignored */
#define TA_FLAG_EXEC_DDR                        0 /* deprecated, ignored */
#define TA_FLAG_SINGLE_INSTANCE                 (1 << 2)
#define TA_FLAG_MULTI_SESSION                   (1 << 3)
#define TA_FLAG_INSTANCE_KEEP_ALIVE             (1 << 4)
#define TA_FLAG_SECURE_DATA_PATH                (1 << 5)
#define TA_FLAG_REMAP_SUPPORT                   (1 << 6) /* deprecated */
#define TA_FLAG_CACHE_MAINTENANCE               (1 << 7)
#define TA_FLAG_CONCURRENT                      (1 << 8)
#define TA_FLAG_DEVICE_ENUM                     (1 << 9)
#define TA_FLAG_DEVICE_ENUM_SUPP                (1 << 10)
#define TA_FLAG_DONT_CLOSE_HANDLE_ON_CORRUPT_OBJECT (1 << 11)
#define TA_FLAG_DEVICE_ENUM_TEE_STORAGE_PRIVATE (1 << 12)
#define TA_FLAG_INSTANCE_KEEP_CRASHED           (1 << 13)

/* Property value types, numbered as OP-TEE's (internal/abi PropType). */
enum user_ta_prop_type {
	USER_TA_PROP_TYPE_BOOL = 0,         /* bool */
	USER_TA_PROP_TYPE_U32 = 1,          /* uint32_t */
	USER_TA_PROP_TYPE_UUID = 2,         /* TEE_UUID */
	USER_TA_PROP_TYPE_IDENTITY = 3,     /* TEE_Identity */
	USER_TA_PROP_TYPE_STRING = 4,       /* zero-terminated string */
	USER_TA_PROP_TYPE_BINARY_BLOCK = 5, /* base64 text, as OP-TEE */
	USER_TA_PROP_TYPE_U64 = 6,          /* uint64_t */
	USER_TA_PROP_TYPE_INVALID = 7,
};

/*
 * One TA property: its name, its type and a pointer to its value, of the C
 * type the enum names. A binary block is given as base64 text, as in
 * OP-TEE; it is decoded when the properties are serialized.
 */
struct user_ta_property {
	const char *name;
	enum user_ta_prop_type type;
	const void *value;
};

/* The property table, defined by user_ta_header.c. */
extern const struct user_ta_property ta_props[];
extern const size_t ta_num_props;

/* Names of the standard TA properties (GPD_SPE_010 §4.5, Table 4-13). */
#define TA_PROP_STR_APP_ID         "gpd.ta.appID"
#define TA_PROP_STR_SINGLE_INSTANCE "gpd.ta.singleInstance"
#define TA_PROP_STR_MULTI_SESSION  "gpd.ta.multiSession"
#define TA_PROP_STR_KEEP_ALIVE     "gpd.ta.instanceKeepAlive"
#define TA_PROP_STR_DATA_SIZE      "gpd.ta.dataSize"
#define TA_PROP_STR_STACK_SIZE     "gpd.ta.stackSize"
#define TA_PROP_STR_VERSION        "gpd.ta.version"
#define TA_PROP_STR_DESCRIPTION    "gpd.ta.description"
#define TA_PROP_STR_ENDIAN         "gpd.ta.endian"
#define TA_PROP_STR_DOES_NOT_LOG   "gpd.ta.doesNotLog" /* unused */
/* OP-TEE's own properties, accepted in TA_CURRENT_TA_EXT_PROPERTIES. */
#define TA_PROP_STR_UNSAFE_PARAM   "op-tee.unsafe_param"
#define TA_PROP_STR_REMAP          "op-tee.remap"
#define TA_PROP_STR_CACHE_SYNC     "op-tee.cache_sync"

#endif /* USER_TA_HEADER_H */
