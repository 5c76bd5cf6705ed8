/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the ecdh TA (see sdk/c/src/user_ta_header.c). */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <ecdh_ta.h>

#define TA_UUID TA_ECDH_UUID

/*
 * An instance per session: a bad peer key panics the TA in TEE_DeriveKey,
 * and the panic should end only the session that sent it.
 */
#define TA_FLAGS 0

#define TA_STACK_SIZE (8 * 1024)
#define TA_DATA_SIZE (32 * 1024)

#define TA_VERSION "1.0"
#define TA_DESCRIPTION "ECDH (P-256, X25519) example TA for Veritee"

#endif /* USER_TA_HEADER_DEFINES_H */
