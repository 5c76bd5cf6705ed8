package ta

// GenerateRandom is TEE_GenerateRandom (GPD_SPE_010 §6.10.1): it fills b
// with bytes from the core's cryptographically secure generator. It
// cannot fail; a failure of the core panics the TA, as libutee does.
func GenerateRandom(b []byte) {
	if len(b) == 0 {
		return
	}
	if r := sys.random(b); r != Success {
		Panic(r)
	}
}
