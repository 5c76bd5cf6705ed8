/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers shared by the storage commands (storage.c, storage_bench.c). */
#ifndef VT_TEST_TA_STORAGE_H
#define VT_TEST_TA_STORAGE_H

#include <tee_internal_api.h>
#include <vt_test_ta.h>

/*
 * The largest buffer a storage command allocates, a quarter of the heap
 * (as the crypto family's scratch buffers).
 */
#define VT_STOR_MAX_SCRATCH (VT_TEST_TA_DATA_SIZE / 4)

static inline TEE_ObjectHandle vt_stor_obj(uint32_t v)
{
	return (TEE_ObjectHandle)(uintptr_t)v;
}

/* vt_storage_bench runs CmdStorBench (storage_bench.c). */
TEE_Result vt_storage_bench(TEE_Param p[TEE_NUM_PARAMS]);

#endif /* VT_TEST_TA_STORAGE_H */
