// Package gpcrypto is Veritee's cryptographic engine: the objects and
// operations of the GlobalPlatform TEE Internal Core API v1.3.1
// (GPD_SPE_010 §5 and §6) in pure Go, as the core runs them on behalf of
// TAs. As in OP-TEE, key material lives here, in the core; a TA only ever
// holds handles, which the system-call layer maps onto *Object and
// *Operation values.
//
// The API mirrors the GP functions one to one so that the system-call layer
// is a thin mapping: NewObject is TEE_AllocateTransientObject, (*Object).Populate
// is TEE_PopulateTransientObject, NewOperation is TEE_AllocateOperation,
// (*Operation).CipherUpdate is TEE_CipherUpdate, and so on.
//
// Errors come in two kinds. Results GP lets the TA see (SHORT_BUFFER,
// BAD_PARAMETERS, MAC_INVALID, SIGNATURE_INVALID, NOT_SUPPORTED, ...) are
// *Error values carrying an abi.Result; errors.Is(err, ErrShortBuffer) and
// ResultOf(err) work on them, and NeededSize reports the size a
// SHORT_BUFFER asked for. Every case where GP says the implementation
// panics (wrong state, wrong mode, wrong key type or size, update before
// init, ...) is a *Panic; the system-call layer turns it into killing the
// TA instance, never the daemon.
//
// Objects and operations are not safe for concurrent use: the caller (one
// TA instance's system calls) serialises access to each of them.
//
// Primitives come from Go's standard library and golang.org/x/crypto; the
// algorithm table (algtable.go) says which GP identifiers are supported and
// IsAlgorithmSupported answers from it.
package gpcrypto
