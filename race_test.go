//go:build race

package veritee_test

// raceEnabled: the race detector slows the core's crypto several times
// over, so the heaviest through-TA suites sample their cases (see
// TestCryptoWycheproof); without -race they run in full.
const raceEnabled = true
