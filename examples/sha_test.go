package examples_test

import "testing"

// shaVectors are the digests of "abc" from the FIPS 180-4 examples
// (NIST's "Examples with Intermediate Values", one-block message).
var shaVectors = []struct{ alg, digest string }{
	{"sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"},
	{"sha224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
	{"sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"sha384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
	{"sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
}

// TestSHA has both sha clients digest "abc" with every algorithm.
func TestSHA(t *testing.T) {
	t.Parallel()
	for _, v := range shaVectors {
		t.Run(v.alg, func(t *testing.T) {
			t.Parallel()
			want := v.digest + "\n"
			if got := runGo(t, "sha", v.alg, "abc"); got != want {
				t.Errorf("Go client: got %s want %s", got, want)
			}
			if got := runC(t, "sha", v.alg, "abc"); got != want {
				t.Errorf("C client: got %s want %s", got, want)
			}
		})
	}
}
