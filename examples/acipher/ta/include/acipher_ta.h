/* SPDX-License-Identifier: BSD-2-Clause */
/* The acipher TA's UUID and commands, shared with its clients. */
#ifndef TA_ACIPHER_H
#define TA_ACIPHER_H

/* 970809d0-5eb7-43ef-82be-6865f3a7e8ec */
#define TA_ACIPHER_UUID \
	{ 0x970809d0, 0x5eb7, 0x43ef, \
		{ 0x82, 0xbe, 0x68, 0x65, 0xf3, 0xa7, 0xe8, 0xec } }

/* The paddings of CMD_ENCRYPT and CMD_DECRYPT (value[0].a). */
#define TA_ACIPHER_OAEP_SHA256 0 /* RSAES-PKCS1-OAEP, SHA-256 and MGF1-SHA-256 */
#define TA_ACIPHER_PKCS1_V1_5 1  /* RSAES-PKCS1-v1_5 */

/*
 * TA_ACIPHER_CMD_GEN_KEY generates the session's RSA key pair, replacing
 * the one it had. The private key never leaves the TA.
 * [in] value[0].a: key size in bits, 1024 to 4096 (2048 or more for real
 *                  use); another size is TEE_ERROR_NOT_SUPPORTED
 */
#define TA_ACIPHER_CMD_GEN_KEY 0

/*
 * TA_ACIPHER_CMD_GET_PUBKEY returns the public key, big-endian; short
 * buffers get TEE_ERROR_SHORT_BUFFER with the sizes needed.
 * [out] memref[0]: modulus n
 * [out] memref[1]: public exponent e
 */
#define TA_ACIPHER_CMD_GET_PUBKEY 1

/*
 * TA_ACIPHER_CMD_ENCRYPT encrypts with the public key; the ciphertext is as
 * long as the modulus.
 * [in]  value[0].a: TA_ACIPHER_OAEP_SHA256 or TA_ACIPHER_PKCS1_V1_5
 * [in]  memref[1]: plaintext
 * [out] memref[2]: ciphertext
 */
#define TA_ACIPHER_CMD_ENCRYPT 2

/*
 * TA_ACIPHER_CMD_DECRYPT decrypts with the private key.
 * [in]  value[0].a: TA_ACIPHER_OAEP_SHA256 or TA_ACIPHER_PKCS1_V1_5
 * [in]  memref[1]: ciphertext
 * [out] memref[2]: plaintext
 */
#define TA_ACIPHER_CMD_DECRYPT 3

#endif /* TA_ACIPHER_H */
