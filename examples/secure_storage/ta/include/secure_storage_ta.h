/* SPDX-License-Identifier: BSD-2-Clause */
/* The secure_storage TA's UUID and commands, shared with its clients. */
#ifndef TA_SECURE_STORAGE_H
#define TA_SECURE_STORAGE_H

/* 785cefd9-0512-4ffd-a43f-c33708e83aaf */
#define TA_SECURE_STORAGE_UUID \
	{ 0x785cefd9, 0x0512, 0x4ffd, \
		{ 0xa4, 0x3f, 0xc3, 0x37, 0x08, 0xe8, 0x3a, 0xaf } }

/* The longest object id GP allows (TEE_OBJECT_ID_MAX_LEN). */
#define TA_SECURE_STORAGE_MAX_ID_LEN 64

/*
 * TA_SECURE_STORAGE_CMD_WRITE_RAW creates the object, or replaces it when
 * it exists, with the given data.
 * [in] memref[0]: object id
 * [in] memref[1]: data
 */
#define TA_SECURE_STORAGE_CMD_WRITE_RAW 0

/*
 * TA_SECURE_STORAGE_CMD_READ_RAW reads the whole object. A buffer too small
 * is TEE_ERROR_SHORT_BUFFER with the object's size in memref[1].size; an
 * object that does not exist is TEE_ERROR_ITEM_NOT_FOUND.
 * [in]  memref[0]: object id
 * [out] memref[1]: data
 */
#define TA_SECURE_STORAGE_CMD_READ_RAW 1

/*
 * TA_SECURE_STORAGE_CMD_DELETE deletes the object;
 * TEE_ERROR_ITEM_NOT_FOUND when it does not exist.
 * [in] memref[0]: object id
 */
#define TA_SECURE_STORAGE_CMD_DELETE 2

#endif /* TA_SECURE_STORAGE_H */
