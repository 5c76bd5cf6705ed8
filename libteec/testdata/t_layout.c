// SPDX-License-Identifier: BSD-2-Clause
/* layout: prints the size and offsets of the API structs, which the Go
 * test compares with GP's and OP-TEE's field order on LP64. */
#include <stddef.h>

#include "common.h"

#define OFF(t, f) printf("%s.%s %zu\n", #t, #f, offsetof(t, f))
#define SIZE(t) printf("sizeof %s %zu\n", #t, sizeof(t))

int t_layout(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	SIZE(TEEC_UUID);
	OFF(TEEC_UUID, timeLow); OFF(TEEC_UUID, timeMid); OFF(TEEC_UUID, timeHiAndVersion); OFF(TEEC_UUID, clockSeqAndNode);
	SIZE(TEEC_Value);
	OFF(TEEC_Value, a); OFF(TEEC_Value, b);
	SIZE(TEEC_TempMemoryReference);
	OFF(TEEC_TempMemoryReference, buffer); OFF(TEEC_TempMemoryReference, size);
	SIZE(TEEC_RegisteredMemoryReference);
	OFF(TEEC_RegisteredMemoryReference, parent); OFF(TEEC_RegisteredMemoryReference, size);
	OFF(TEEC_RegisteredMemoryReference, offset);
	SIZE(TEEC_Parameter);
	OFF(TEEC_Parameter, tmpref); OFF(TEEC_Parameter, memref); OFF(TEEC_Parameter, value);
	OFF(TEEC_Operation, started); OFF(TEEC_Operation, paramTypes); OFF(TEEC_Operation, params);
	OFF(TEEC_Operation, session);
	OFF(TEEC_SharedMemory, buffer); OFF(TEEC_SharedMemory, size); OFF(TEEC_SharedMemory, flags);
	OFF(TEEC_Session, ctx); OFF(TEEC_Session, session_id);
	OFF(TEEC_Context, fd); OFF(TEEC_Context, reg_mem); OFF(TEEC_Context, memref_null);
	printf("TEEC_PARAM_TYPES 0x%x\n", TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_MEMREF_WHOLE, TEEC_MEMREF_PARTIAL_INOUT));
	printf("TEEC_PARAM_TYPE_GET %u\n", TEEC_PARAM_TYPE_GET(0xF7C1u, 2));
	return 0;
}
