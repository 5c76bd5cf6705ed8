/* SPDX-License-Identifier: BSD-2-Clause */
/* The random TA's UUID and command, shared with its clients. */
#ifndef TA_RANDOM_H
#define TA_RANDOM_H

/* 783bdfac-56f3-4765-ad6e-e754d53a3ea7 */
#define TA_RANDOM_UUID \
	{ 0x783bdfac, 0x56f3, 0x4765, \
		{ 0xad, 0x6e, 0xe7, 0x54, 0xd5, 0x3a, 0x3e, 0xa7 } }

/*
 * TA_RANDOM_CMD_GENERATE fills a buffer with random bytes from
 * TEE_GenerateRandom.
 * [out] memref[0]: the buffer; all of it is filled
 */
#define TA_RANDOM_CMD_GENERATE 0

#endif /* TA_RANDOM_H */
