/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The test TA's protocol, mirroring internal/testta/proto.go (the Go file is
 * the reference; internal/testta/cids_test.go checks that they agree).
 */
#ifndef VT_TEST_TA_H
#define VT_TEST_TA_H

/* UUIDs of the four variants: 8e5c4a40-7e57-4000-8000-0000000000c<n>. */
#define VT_TEST_TA_UUID(last) \
	{ 0x8e5c4a40, 0x7e57, 0x4000, \
		{ 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (last) } }
#define VT_TEST_TA_UUID_0 VT_TEST_TA_UUID(0xc0)
#define VT_TEST_TA_UUID_1 VT_TEST_TA_UUID(0xc1)
#define VT_TEST_TA_UUID_2 VT_TEST_TA_UUID(0xc2)
#define VT_TEST_TA_UUID_3 VT_TEST_TA_UUID(0xc3)

/* TA_FLAGS of the variants (testta.Flags). */
#define VT_TEST_TA_FLAGS_0 (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define VT_TEST_TA_FLAGS_1 (TA_FLAG_SINGLE_INSTANCE)
#define VT_TEST_TA_FLAGS_2 (TA_FLAG_MULTI_SESSION)
#define VT_TEST_TA_FLAGS_3 (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION | TA_FLAG_INSTANCE_KEEP_ALIVE)

/* gpd.ta.dataSize: the heap (testta.CDataSize). */
#define VT_TEST_TA_DATA_SIZE (4 * 1024 * 1024)

/* Any parameters: does nothing. */
#define VT_TEST_TA_CMD_NULL 0
/*
 * Transforms every parameter by its type with a running sum (see proto.go);
 * the open-session entry point does the same.
 */
#define VT_TEST_TA_CMD_PARAMS 1
/* [out] memref[0]: n bytes of 0xA5; [in] value[1].a: n. */
#define VT_TEST_TA_CMD_SHORT_BUFFER 2
/* TEE_Panic(VT_TEST_TA_PANIC_CODE). */
#define VT_TEST_TA_CMD_PANIC 3
/* A wasm trap. */
#define VT_TEST_TA_CMD_TRAP 4
/* [in] value[0].a: milliseconds to TEE_Wait. */
#define VT_TEST_TA_CMD_WAIT 5
/* Spins until TEE_GetCancellationFlag(), then TEE_ERROR_CANCEL. */
#define VT_TEST_TA_CMD_LOOP_UNTIL_CANCEL 6
/* Spins forever. */
#define VT_TEST_TA_CMD_SPIN 7
/* [out] value[0].a: KiB obtained in 64 KiB blocks before TEE_Malloc failed. */
#define VT_TEST_TA_CMD_MALLOC_HOG 8
/* [out] memref[0]: random bytes. */
#define VT_TEST_TA_CMD_RANDOM 9
/* [out] value[0]: TEE_GetSystemTime() (a seconds, b millis). */
#define VT_TEST_TA_CMD_TIME 10
/* [in] memref[0]: any direction; [in] value[1].a: access flags. */
#define VT_TEST_TA_CMD_CHECK_ACCESS 11
/* Self-test of the memory functions. */
#define VT_TEST_TA_CMD_MEM_FUNCS 12
/* [in] memref[0]: text logged at each trace level. */
#define VT_TEST_TA_CMD_LOG 13
/* [out] value[0].a: login; [out] memref[1]: 16-byte client UUID. */
#define VT_TEST_TA_CMD_CLIENT_IDENTITY 14
/* [out] value[0].a: the instance counter after incrementing it. */
#define VT_TEST_TA_CMD_COUNTER 15
/* [in] memref[0] copied to [out] memref[1]. */
#define VT_TEST_TA_CMD_COPY 16
/*
 * [in] memref[0]: callee TEE_UUID (16 bytes, RFC 4122 order) + u32 LE command;
 * memref/value[1], [2]: forwarded as the callee's [0], [1]; [out] value[3]
 * (optional): a = return origin, b = result of the failing call (or invoke).
 */
#define VT_TEST_TA_CMD_TA_CALL 17
/*
 * TA_NULL_LOOP: [in] memref[0]: callee UUID (16 bytes, canonical order);
 * [in] value[1].a: n. n null invokes of the callee on one session.
 */
#define VT_TEST_TA_CMD_TA_NULL_LOOP 18
/*
 * TA_TIME: [in] value[0].a: 0 TEE_GetTAPersistentTime, 1 Set; [inout]
 * value[1]: a = seconds, b = millis. Returns the call's result.
 */
#define VT_TEST_TA_CMD_TA_TIME 19

/* Magic values. */
#define VT_TEST_TA_PANIC_CODE 0xDEAD
#define VT_TEST_TA_OPEN_REFUSE 0xDEAD

#endif /* VT_TEST_TA_H */
