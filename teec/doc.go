// Package teec is the GlobalPlatform TEE Client API v1.0 (GPD_SPE_007) for
// Go: the normal-world side of Veritee, through which a client application
// opens sessions with Trusted Applications and invokes their commands.
//
// The package follows the C API one to one, in Go form:
//
//	TEEC_InitializeContext   InitializeContext
//	TEEC_FinalizeContext     (*Context).Finalize
//	TEEC_RegisterSharedMemory (*Context).RegisterSharedMemory
//	TEEC_AllocateSharedMemory (*Context).AllocateSharedMemory
//	TEEC_ReleaseSharedMemory (*SharedMemory).Release
//	TEEC_OpenSession         (*Context).OpenSession
//	TEEC_CloseSession        (*Session).Close
//	TEEC_InvokeCommand       (*Session).InvokeCommand
//	TEEC_RequestCancellation (*Operation).RequestCancellation
//	TEEC_Result              Result (each code is itself an error)
//	returnOrigin             ReturnOrigin, carried by *Error
//
// Every failing call returns an *Error holding the GP result code and its
// origin; errors.Is(err, teec.ErrItemNotFound) and errors.As(err, &e) with
// e of type *teec.Error both work, and ResultOf recovers the pair.
//
// A Context reaches a TEE either through the Veritee daemon's Unix socket or,
// in embedded mode, through a TEE started in the same process and registered
// under a name (see InitializeContext). Both paths behave the same.
//
// Concurrency: a Context, its Sessions and its SharedMemory are safe for
// use by many goroutines at once, and invocations on one Context run in
// parallel (the TEE serialises calls into one TA instance). An Operation is
// not: it belongs to one call at a time, and a second call using an
// Operation that is still in use fails with ErrBadState (origin API).
// RequestCancellation is the exception; it may be called from any
// goroutine at any time.
package teec
