/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the aes TA. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <aes_ta.h>

#define TA_UUID TA_AES_UUID

/* One instance per session: sessions never share state. */
#define TA_FLAGS 0

#define TA_STACK_SIZE (8 * 1024)
#define TA_DATA_SIZE (32 * 1024)

#define TA_VERSION "1.0"
#define TA_DESCRIPTION "AES in ECB, CBC and CTR mode"

#endif /* USER_TA_HEADER_DEFINES_H */
