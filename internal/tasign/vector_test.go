package tasign

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/taimage"
)

// docVector reads the hex block after marker in docs/ta-image.md.
func docVector(t *testing.T, marker string) []byte {
	t.Helper()
	doc, err := os.ReadFile("../../docs/ta-image.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- " + marker + " -->\\s*```\\s*\\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatalf("no %q block in docs/ta-image.md", marker)
	}
	var hexs strings.Builder
	for _, line := range strings.Split(string(m[1]), "\n") {
		line, _, _ = strings.Cut(line, "#")
		hexs.WriteString(strings.Join(strings.Fields(line), ""))
	}
	b, err := hex.DecodeString(hexs.String())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSignedVector: signing the format-1 vector with the documented
// Ed25519 key gives the documented signed image, which verifies, and
// whose body is the format-1 vector.
func TestSignedVector(t *testing.T) {
	t.Parallel()
	vec := docVector(t, "signed vector")
	seed := make([]byte, ed25519.SeedSize)
	for i := range seed {
		seed[i] = byte(i)
	}
	k := ed25519.NewKeyFromSeed(seed)
	body := docVector(t, "vector")
	got, err := Sign(body, k, Signing{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, vec) {
		t.Fatalf("docs vector differs from Sign:\n%x\n%x", vec, got)
	}
	r, err := verifierFor(t, k).Verify(vec, testUUID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Body, body) || r.TAVersion != 0x10002 {
		t.Fatalf("verified %+v", r)
	}
	if u := taimage.SubkeyUUID(mustUUID("f04fa996-148a-453c-b037-1dcfbad120a6"), []byte("my_ta")); u.String() != "c41466b8-f57c-5d12-ae64-bc9e204c29cf" {
		t.Fatalf("SubkeyUUID = %v, as docs/ta-image.md says", u)
	}
}
