// Package hostapi is the core side of the TA system calls (docs/ta-abi.md):
// the functions of the wasm host module "veritee" that the GP Internal Core
// API library inside a TA calls.
//
// Handlers are found by system-call number in a table that each area's file
// fills in from its init function (log.go, panic.go, property.go, ...), so
// later areas (crypto, storage, TA-to-TA calls, big numbers) plug in by
// adding files. Every handler treats the TA as untrusted: it checks every
// (pointer, length) against the TA's linear memory with the ok results of
// api.Memory before it touches it, answers TEE_ERROR_BAD_PARAMETERS for a
// bad one, and never panics on any input (TEE_Panic aside, which panics on
// purpose to end the call).
//
// The state a handler needs (the TA's properties, the current session and
// its cancellation flag, the logger) travels in the context.Context wazero
// passes to host functions; see WithState.
package hostapi
