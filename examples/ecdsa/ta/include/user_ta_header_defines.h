/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the ecdsa TA (see sdk/c/src/user_ta_header.c). */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <ecdsa_ta.h>

#define TA_UUID TA_ECDSA_UUID

/* Each session keeps its own key pair in its session context. */
#define TA_FLAGS (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)

#define TA_STACK_SIZE (8 * 1024)
#define TA_DATA_SIZE (64 * 1024)

#define TA_VERSION "1.0"
#define TA_DESCRIPTION "ECDSA P-256 signing example TA for Veritee"

#endif /* USER_TA_HEADER_DEFINES_H */
