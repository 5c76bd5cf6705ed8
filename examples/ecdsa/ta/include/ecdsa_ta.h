/* SPDX-License-Identifier: BSD-2-Clause */
/* The ecdsa TA's UUID and commands, shared with its clients. */
#ifndef TA_ECDSA_H
#define TA_ECDSA_H

/* 61c737aa-2b8f-47a2-8023-9de3429970bd */
#define TA_ECDSA_UUID \
	{ 0x61c737aa, 0x2b8f, 0x47a2, \
		{ 0x80, 0x23, 0x9d, 0xe3, 0x42, 0x99, 0x70, 0xbd } }

/* Sizes on P-256: a coordinate, and a signature r || s. */
#define TA_ECDSA_COORD_SIZE 32
#define TA_ECDSA_SIG_SIZE 64

/*
 * TA_ECDSA_CMD_GEN_KEY generates the session's P-256 key pair, replacing
 * the one it had. The private key never leaves the TA.
 */
#define TA_ECDSA_CMD_GEN_KEY 0

/*
 * TA_ECDSA_CMD_GET_PUBKEY returns the public point, big-endian.
 * [out] memref[0]: x (TA_ECDSA_COORD_SIZE bytes)
 * [out] memref[1]: y (TA_ECDSA_COORD_SIZE bytes)
 */
#define TA_ECDSA_CMD_GET_PUBKEY 1

/*
 * TA_ECDSA_CMD_SIGN hashes the message with SHA-256 and signs the digest
 * (ECDSA with SHA-256).
 * [in]  memref[0]: message
 * [out] memref[1]: signature, r || s (TA_ECDSA_SIG_SIZE bytes)
 */
#define TA_ECDSA_CMD_SIGN 2

/*
 * TA_ECDSA_CMD_VERIFY checks a signature of a message: TEE_SUCCESS, or
 * TEE_ERROR_SIGNATURE_INVALID.
 * [in] memref[0]: message
 * [in] memref[1]: signature, r || s
 */
#define TA_ECDSA_CMD_VERIFY 3

#endif /* TA_ECDSA_H */
