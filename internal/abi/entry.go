package abi

// Names of the functions a TA module exports, and what the core calls them
// with. The GP entry points keep their C names and C signatures on wasm32, so
// a C TA exports its own functions directly.
const (
	// ExportInitialize is the WASI reactor initializer (wasi-libc's crt1 for
	// reactors, Go's c-shared runtime). Called once, first, when present.
	ExportInitialize = "_initialize"

	// ExportCreate: TEE_Result TA_CreateEntryPoint(void).
	ExportCreate = "TA_CreateEntryPoint"
	// ExportDestroy: void TA_DestroyEntryPoint(void).
	ExportDestroy = "TA_DestroyEntryPoint"
	// ExportOpenSession: TEE_Result TA_OpenSessionEntryPoint(uint32_t types,
	// TEE_Param params[4], void **session_ctx).
	ExportOpenSession = "TA_OpenSessionEntryPoint"
	// ExportCloseSession: void TA_CloseSessionEntryPoint(void *session_ctx).
	ExportCloseSession = "TA_CloseSessionEntryPoint"
	// ExportInvoke: TEE_Result TA_InvokeCommandEntryPoint(void *session_ctx,
	// uint32_t cmd, uint32_t types, TEE_Param params[4]).
	ExportInvoke = "TA_InvokeCommandEntryPoint"

	// ExportAlloc: void *veritee_alloc(uint32_t size) allocates size bytes
	// (at least 1) in TA memory for the core to copy parameters into; 0 when
	// out of memory.
	ExportAlloc = "veritee_alloc"
	// ExportFree: void veritee_free(void *p) releases what veritee_alloc gave.
	ExportFree = "veritee_free"
	// ExportProps: const void *veritee_ta_props(void) returns a pointer to
	// { uint32_t len; uint8_t blob[len]; }, the TA's property blob (see
	// MarshalProps). Only the TA packer calls it; the daemon reads the
	// properties from the TA image header.
	ExportProps = "veritee_ta_props"
)
