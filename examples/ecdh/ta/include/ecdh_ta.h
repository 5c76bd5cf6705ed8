/* SPDX-License-Identifier: BSD-2-Clause */
/* The ecdh TA's UUID and commands, shared with its clients. */
#ifndef TA_ECDH_H
#define TA_ECDH_H

/* 569f5292-3221-4ef4-8532-18eda2d41778 */
#define TA_ECDH_UUID \
	{ 0x569f5292, 0x3221, 0x4ef4, \
		{ 0x85, 0x32, 0x18, 0xed, 0xa2, 0xd4, 0x17, 0x78 } }

/* The curves of CMD_GEN_KEY (value[0].a). */
#define TA_ECDH_P256 0   /* NIST P-256 */
#define TA_ECDH_X25519 1 /* Curve25519 (RFC 7748) */

/*
 * Public keys: on P-256 the uncompressed point 04 || x || y (SEC 1
 * §2.3.3), on X25519 the 32-byte u-coordinate. The shared secret is 32
 * bytes on both: P-256's x-coordinate, or X25519's output.
 */
#define TA_ECDH_P256_PUBKEY_SIZE 65
#define TA_ECDH_X25519_PUBKEY_SIZE 32
#define TA_ECDH_MAX_PUBKEY_SIZE TA_ECDH_P256_PUBKEY_SIZE
#define TA_ECDH_SECRET_SIZE 32

/*
 * TA_ECDH_CMD_GEN_KEY generates the session's key pair on a curve,
 * replacing the one it had.
 * [in] value[0].a: TA_ECDH_P256 or TA_ECDH_X25519
 */
#define TA_ECDH_CMD_GEN_KEY 0

/*
 * TA_ECDH_CMD_GET_PUBKEY returns the public key.
 * [out] memref[0]: public key
 */
#define TA_ECDH_CMD_GET_PUBKEY 1

/*
 * TA_ECDH_CMD_DERIVE derives the secret shared with a peer and returns it.
 * A real TA would keep it and derive keys from it; an example shows it.
 * A peer key of the wrong size or form is TEE_ERROR_BAD_PARAMETERS; a
 * P-256 point off the curve, or a low-order X25519 point, panics the TA
 * (TEE_DeriveKey has no error result): the client sees
 * TEEC_ERROR_TARGET_DEAD.
 * [in]  memref[0]: the peer's public key
 * [out] memref[1]: shared secret (TA_ECDH_SECRET_SIZE bytes)
 */
#define TA_ECDH_CMD_DERIVE 2

#endif /* TA_ECDH_H */
