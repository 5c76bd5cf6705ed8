package modes

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"strings"
	"testing"
)

// unhex decodes hex with optional spaces, as the specs print it.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func newAES(t testing.TB, key []byte) cipher.Block {
	t.Helper()
	b, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// chunks splits p at the cut points derived from seed, so fuzz targets can
// feed data in arbitrary pieces, including empty ones.
func chunks(p []byte, seed []byte) [][]byte {
	var out [][]byte
	for i := 0; len(p) > 0; i++ {
		n := len(p)
		if len(seed) > 0 {
			n = int(seed[i%len(seed)]) % (len(p) + 1)
		}
		if i > 4*len(seed)+4 {
			n = len(p)
		}
		out = append(out, p[:n])
		p = p[n:]
	}
	return out
}
