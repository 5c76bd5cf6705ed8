package ta

// GetCancellationFlag is TEE_GetCancellationFlag (GPD_SPE_010 §4.10.1): it
// reports whether the current operation has been cancelled by the client,
// and always false while cancellation is masked.
func GetCancellationFlag() bool { return sys.cancellationFlag() }

// MaskCancellation is TEE_MaskCancellation (GPD_SPE_010 §4.10.3): it masks
// cancellation and returns whether it was masked before. As in OP-TEE, a
// session starts with cancellation masked and the mask persists from one
// call of the session to the next: a TA that wants to see cancellation
// calls UnmaskCancellation.
func MaskCancellation() bool { return sys.maskCancellation() }

// UnmaskCancellation is TEE_UnmaskCancellation (GPD_SPE_010 §4.10.2): it
// unmasks cancellation and returns whether it was masked before.
func UnmaskCancellation() bool { return sys.unmaskCancellation() }
