package gpcrypto

import "crypto/rand"

// GenerateRandom fills buf from the operating system's CSPRNG, as
// TEE_GenerateRandom (GPD_SPE_010 §6.10). Go's
// crypto/rand never fails on the supported platforms (it crashes the
// program rather than return short), so there is no error to report.
func GenerateRandom(buf []byte) {
	rand.Read(buf)
}
