package examples_test

import (
	"encoding/hex"
	"strings"
	"testing"
)

// TestRandom runs both random clients twice each: every run must print
// the number of bytes asked for, and no two runs the same bytes.
func TestRandom(t *testing.T) {
	t.Parallel()
	seen := map[string]string{}
	for _, c := range []struct {
		name string
		out  func() string
	}{
		{"go", func() string { return runGo(t, "random", "-n", "32") }},
		{"go", func() string { return runGo(t, "random", "-n", "32") }},
		{"c", func() string { return runC(t, "random", "32") }},
		{"c", func() string { return runC(t, "random", "32") }},
	} {
		out := strings.TrimSuffix(c.out(), "\n")
		b, err := hex.DecodeString(out)
		if err != nil || len(b) != 32 {
			t.Fatalf("%s client printed %q, want 32 bytes in hex (%v)", c.name, out, err)
		}
		if prev, ok := seen[out]; ok {
			t.Errorf("%s client printed %s, as the %s client did before", c.name, out, prev)
		}
		seen[out] = c.name
	}
	// The default size.
	if out := runC(t, "random"); len(out) != 2*16+1 {
		t.Errorf("C client without arguments printed %q, want 16 bytes", out)
	}
}
