package veritee_test

import (
	"testing"

	"github.com/veritee/veritee/internal/gpcrypto/conform"
	"github.com/veritee/veritee/internal/testta"
)

// TestCryptoWycheproof runs every Wycheproof suite through the C and the
// Go test TA (embedded mode: the suites check the API, not the transport),
// each suite in its own multi-instance session.
func TestCryptoWycheproof(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			c := tee.client(t, embedded)
			conform.Wycheproof(t, func(t *testing.T) conform.API {
				ct := newCryptTA(t, c, l.uuids[testta.VariantMulti])
				if raceEnabled {
					// Every file and group still runs; the engine runs
					// every case under -race in internal/gpcrypto/conform.
					ct.stride = map[string]int{"C": 2, "Go": 4}[l.name]
				}
				return ct
			})
		})
	}
}
