// Package abi is the single source of truth for every number that crosses a
// boundary in Veritee: GP result codes and origins, parameter and login
// types, the layout of TEE_Param in a wasm32 TA, the TA property encoding,
// and the numbered table of TA system calls.
//
// The core, the Go client package teec, the Go TA SDK and the wire format
// import it; the C headers under sdk/c are checked against it by tests, and
// sdk/c/include/utee_syscalls.h is generated from it (go generate).
package abi

// Version is the TA system-call ABI version. A TA records the version it was
// built against in its property blob; the core refuses a TA whose major
// version differs from its own.
const Version uint32 = 1 << 16 // major 1, minor 0

// VersionMajor returns the major part of an ABI version.
func VersionMajor(v uint32) uint32 { return v >> 16 }
