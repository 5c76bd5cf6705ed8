package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// TestHeaderUpToDate fails when the committed header differs from what the
// generator writes: someone changed abi.Syscalls without go generate.
func TestHeaderUpToDate(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "..", filepath.FromSlash(HeaderPath))
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the committed header: %v", err)
	}
	if want := Header(); !bytes.Equal(got, want) {
		t.Errorf("%s is stale; run go generate ./internal/abi", HeaderPath)
	}
}

func TestHeaderDeclaresEverySyscall(t *testing.T) {
	t.Parallel()
	h := string(Header())
	for _, s := range abi.Syscalls {
		s := s
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			imp := `__VERITEE_SYSCALL("` + s.Name + `")`
			if !strings.Contains(h, imp) {
				t.Errorf("no import attribute %s", imp)
			}
			decl := " _utee_" + s.Name + "("
			i := strings.Index(h, decl)
			if i < 0 {
				t.Fatalf("no declaration of _utee_%s", s.Name)
			}
			line := h[strings.LastIndex(h[:i], "\n")+1 : i+strings.Index(h[i:], ";")]
			if s.NoReturn != strings.Contains(line, "noreturn") {
				t.Errorf("%q: noreturn mismatch", line)
			}
			if got := strings.Count(line, "uint64_t"); got != count(s.Params, abi.I64) {
				t.Errorf("%q: %d uint64_t args, want %d", line, got, count(s.Params, abi.I64))
			}
			if got := strings.Count(line, "uint32_t"); got != count(s.Params, abi.I32) {
				t.Errorf("%q: %d uint32_t args, want %d", line, got, count(s.Params, abi.I32))
			}
		})
	}
}

func count(ts []abi.ValType, want abi.ValType) int {
	n := 0
	for _, t := range ts {
		if t == want {
			n++
		}
	}
	return n
}
