package ta

// Panic is TEE_Panic (GPD_SPE_010 §4.8.1): it kills the TA instance with
// code; the core reports TEE_ERROR_TARGET_DEAD to every session of the
// instance. It does not return. On the host, FakeCore turns it into a
// *PanicError.
func Panic(code Result) {
	sys.panic(code)
	panic(&PanicError{Code: code}) // only reached when the core returned
}
