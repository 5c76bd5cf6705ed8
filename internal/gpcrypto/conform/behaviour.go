package conform

import "testing"

// Behaviour runs the behaviour suites as parallel subtests, each against
// the API newAPI returns for it: for every supported algorithm the round
// trip, SHORT_BUFFER with the size needed, wrong key types, sizes and
// modes, the misuse GP makes panic, operations copied mid-stream, and
// tampered tags and signatures.
func Behaviour(t *testing.T, newAPI func(*testing.T) API) {
	runSuites(t, newAPI, []suiteFn{
		{"digest", DigestBehaviour}, {"cipher", CipherBehaviour}, {"MAC", MACBehaviour}, {"AE", AEBehaviour},
		{"signature", SignatureBehaviour}, {"RSA-cipher", RSACipherBehaviour}, {"SM2-PKE", SM2PKEBehaviour},
		{"key-agreement", KeyAgreementBehaviour}, {"KDF", KDFBehaviour}, {"unsupported", UnsupportedBehaviour},
	})
}
