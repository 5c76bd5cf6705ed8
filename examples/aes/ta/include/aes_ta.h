/* SPDX-License-Identifier: BSD-2-Clause */
/* The aes TA's UUID, commands and their arguments, shared with its clients. */
#ifndef TA_AES_H
#define TA_AES_H

/* 5d8338f8-5e0d-4835-ba61-da84aa186095 */
#define TA_AES_UUID \
	{ 0x5d8338f8, 0x5e0d, 0x4835, \
		{ 0xba, 0x61, 0xda, 0x84, 0xaa, 0x18, 0x60, 0x95 } }

/* Chaining modes (ECB and CBC without padding). */
#define TA_AES_ALG_ECB 0
#define TA_AES_ALG_CBC 1
#define TA_AES_ALG_CTR 2

/* Directions. */
#define TA_AES_MODE_ENCRYPT 0
#define TA_AES_MODE_DECRYPT 1

/* The block size, which is also the size of an IV or initial counter. */
#define TA_AES_BLOCK_SIZE 16

/*
 * TA_AES_CMD_PREPARE starts a new cipher in this session, dropping any
 * key and IV set before.
 * [in] value[0].a: TA_AES_ALG_*
 * [in] value[0].b: TA_AES_MODE_*
 * [in] value[1].a: the key size in bytes: 16, 24 or 32
 */
#define TA_AES_CMD_PREPARE 0

/*
 * TA_AES_CMD_SET_KEY sets the key, after PREPARE.
 * [in] memref[0]: the key, of the size PREPARE gave
 */
#define TA_AES_CMD_SET_KEY 1

/*
 * TA_AES_CMD_SET_IV (re)starts the cipher with an IV (CBC) or initial
 * counter block (CTR), after SET_KEY; for ECB the memref is empty.
 * [in] memref[0]: TA_AES_BLOCK_SIZE bytes, or none for ECB
 */
#define TA_AES_CMD_SET_IV 2

/*
 * TA_AES_CMD_CIPHER encrypts or decrypts the next part of the data, after
 * SET_IV. For ECB and CBC the parts together must be whole blocks.
 * [in]  memref[0]: input
 * [out] memref[1]: output, as large as the input; TEE_ERROR_SHORT_BUFFER
 *                  and the size needed when it is smaller
 */
#define TA_AES_CMD_CIPHER 3

#endif /* TA_AES_H */
