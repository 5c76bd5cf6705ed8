/* SPDX-License-Identifier: BSD-2-Clause */
/* The sha TA's UUID, commands and algorithm numbers, shared with its clients. */
#ifndef TA_SHA_H
#define TA_SHA_H

/* 1d553a87-1a1d-4bad-a609-a47da3c3d304 */
#define TA_SHA_UUID \
	{ 0x1d553a87, 0x1a1d, 0x4bad, \
		{ 0xa6, 0x09, 0xa4, 0x7d, 0xa3, 0xc3, 0xd3, 0x04 } }

/* The algorithms, numbered for the client (the TA maps them to TEE_ALG_*). */
#define TA_SHA_ALG_SHA1   0
#define TA_SHA_ALG_SHA224 1
#define TA_SHA_ALG_SHA256 2
#define TA_SHA_ALG_SHA384 3
#define TA_SHA_ALG_SHA512 4

/* The largest digest, SHA-512's, in bytes. */
#define TA_SHA_MAX_DIGEST_SIZE 64

/*
 * TA_SHA_CMD_DIGEST computes the digest of a message.
 * [in]  value[0].a: TA_SHA_ALG_*
 * [in]  memref[1]:  the message
 * [out] memref[2]:  the digest; TEE_ERROR_SHORT_BUFFER and the size needed
 *                   when it is too small
 */
#define TA_SHA_CMD_DIGEST 0

#endif /* TA_SHA_H */
