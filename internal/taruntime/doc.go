// Package taruntime runs Trusted Applications: wasm32 modules executed by
// wazero. A Runtime loads TA images (one wazero.Runtime per TA, so each TA
// gets its own memory cap; one compilation cache for all); a TA makes
// Instances; an Instance runs the GP entry points (GPD_SPE_010 §4.3) one
// call at a time, on the caller's goroutine, copying parameters in and out
// as docs/ta-abi.md says.
//
// A trap, a TEE_Panic, a WASI proc_exit, an allocator out of memory or any
// other error from a call kills the instance: that call and every later one
// return TEE_ERROR_TARGET_DEAD with origin TEE. Kill does the same from
// outside, also to a TA spinning in a loop: every call runs under an
// instance-lifetime context that Kill cancels, and the TA's module,
// instrumented at load by package preempt, looks at it every
// preemptBudget function entries and loop iterations (a module preempt
// cannot instrument runs with wazero's WithCloseOnContextDone instead).
//
// Cancellation (GPD_SPE_010 §4.10): the teeconn.Cancel of the current call
// and the caller's context are what TEE_GetCancellationFlag and TEE_Wait
// observe. A session starts with cancellation masked, as in OP-TEE
// (tee_ta_init_session sets cancel_mask), and the mask keeps its state
// across the session's calls; a TA calls TEE_UnmaskCancellation to see
// cancellations. When the caller's context ends while a call runs, that is
// a cancellation request, and if the call has not returned
// Config.AbandonGrace later the instance is killed.
package taruntime
