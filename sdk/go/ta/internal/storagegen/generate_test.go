package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repo is the module root seen from this package's directory.
var repo = filepath.Join("..", "..", "..", "..", "..")

// TestGeneratedUpToDate fails when the committed files differ from what the
// generator writes: someone changed internal/abi/storage.go without
// go generate ./sdk/go/ta.
func TestGeneratedUpToDate(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(SourcePath)))
	if err != nil {
		t.Fatal(err)
	}
	consts, names, err := Generate(src)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]byte{ConstsFile: consts, NamesFile: names} {
		got, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(OutDir), name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s/%s is stale; run go generate ./sdk/go/ta", OutDir, name)
		}
	}
}

// TestGenerateRejectsMismatch checks that a constant missing from the name
// table, or a name without a constant, stops the generator.
func TestGenerateRejectsMismatch(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(SourcePath)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"constant without a C name", func(s string) string {
			return strings.Replace(s, "\t\"TEE_DATA_SEEK_SET\":               DataSeekSet,\n", "", 1)
		}, "DataSeekSet has no entry"},
		{"C name without a constant", func(s string) string {
			return strings.Replace(s, "\tDataSeekSet uint32 = 0x00000000\n", "", 1)
		}, "not constants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			edited := tt.edit(string(src))
			if edited == string(src) {
				t.Fatal("the edit did not apply; update the test to internal/abi/storage.go")
			}
			_, _, err := Generate([]byte(edited))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
