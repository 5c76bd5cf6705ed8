/* SPDX-License-Identifier: BSD-2-Clause */
/* The hotp TA's UUID and commands, shared with its clients. */
#ifndef TA_HOTP_H
#define TA_HOTP_H

/* 00525f45-9a26-4e25-b007-ebc58e512f7f */
#define TA_HOTP_UUID \
	{ 0x00525f45, 0x9a26, 0x4e25, \
		{ 0xb0, 0x07, 0xeb, 0xc5, 0x8e, 0x51, 0x2f, 0x7f } }

/*
 * Sizes of the shared secret in bytes: RFC 4226 asks for at least 128 bits,
 * and an HMAC-SHA1 key in the TEE is at most 512.
 */
#define TA_HOTP_MIN_KEY_SIZE 16
#define TA_HOTP_MAX_KEY_SIZE 64

/*
 * TA_HOTP_CMD_REGISTER_SHARED_KEY keeps the secret shared with the
 * validation server, in this session, and sets the counter to 0.
 * [in] memref[0]: the secret, TA_HOTP_MIN_KEY_SIZE to TA_HOTP_MAX_KEY_SIZE
 *                 bytes
 */
#define TA_HOTP_CMD_REGISTER_SHARED_KEY 0

/*
 * TA_HOTP_CMD_GET_HOTP returns the 6-digit HOTP value of the counter
 * (RFC 4226 §5.3), then advances the counter. TEE_ERROR_BAD_STATE before
 * a secret is registered.
 * [out] value[0].a: the HOTP value, 0 to 999999
 */
#define TA_HOTP_CMD_GET_HOTP 1

#endif /* TA_HOTP_H */
