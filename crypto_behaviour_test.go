package veritee_test

import (
	"testing"

	"github.com/veritee/veritee/internal/gpcrypto/conform"
	"github.com/veritee/veritee/internal/testta"
)

// TestCryptoKnownAnswers runs the published NIST, RFC and GB/T vectors
// through the C and the Go test TA (embedded mode), each suite in its own
// multi-instance session, as TestCryptoWycheproof does.
func TestCryptoKnownAnswers(t *testing.T) {
	t.Parallel()
	runCryptoSuites(t, conform.KnownAnswers)
}

// TestCryptoBehaviour runs the behaviour suites (round trips, short
// buffers, wrong keys and modes, misuse panics, copies mid-stream,
// tampered tags and signatures) through the C and the Go test TA.
func TestCryptoBehaviour(t *testing.T) {
	t.Parallel()
	runCryptoSuites(t, conform.Behaviour)
}

func runCryptoSuites(t *testing.T, run func(*testing.T, func(*testing.T) conform.API)) {
	tee := startTEE(t)
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			c := tee.client(t, embedded)
			run(t, func(t *testing.T) conform.API {
				return newCryptTA(t, c, l.uuids[testta.VariantMulti])
			})
		})
	}
}

// IsAlgorithmSupported is TEE_IsAlgorithmSupported in the TA, which makes
// cryptTA a conform.AlgorithmSupporter.
func (c *cryptTA) IsAlgorithmSupported(alg, element uint32) error {
	return c.invoke(c.gen, testta.CmdCrypIsAlgorithmSupported, vin(alg, element))
}
