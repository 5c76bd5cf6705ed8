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
// generator writes: someone changed internal/abi without go generate
// ./sdk/go/ta.
func TestGeneratedUpToDate(t *testing.T) {
	t.Parallel()
	for name, fam := range Families {
		src, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(fam.Source)))
		if err != nil {
			t.Fatal(err)
		}
		consts, names, err := fam.Generate(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for file, want := range map[string][]byte{fam.ConstsFile: consts, fam.NamesFile: names} {
			got, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(OutDir), file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s/%s is stale; run go generate ./sdk/go/ta", OutDir, file)
			}
		}
	}
}

// TestGenerateRejectsMismatch checks that a constant missing from the name
// table, or a name without a constant, stops the generator.
func TestGenerateRejectsMismatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		family, name string
		old          string // a line of the abi file the edit removes
		want         string
	}{
		{"crypto", "constant without a C name", "\t\"TEE_MODE_ENCRYPT\":                                  ModeEncrypt,\n", "ModeEncrypt has no entry"},
		{"crypto", "C name without a constant", "\tModeEncrypt      uint32 = 0x00000000\n", "not constants"},
		{"storage", "constant without a C name", "\t\"TEE_DATA_SEEK_SET\":               DataSeekSet,\n", "DataSeekSet has no entry"},
		{"storage", "C name without a constant", "\tDataSeekSet uint32 = 0x00000000\n", "not constants"},
	}
	for _, tt := range tests {
		t.Run(tt.family+"/"+tt.name, func(t *testing.T) {
			t.Parallel()
			fam := Families[tt.family]
			src, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(fam.Source)))
			if err != nil {
				t.Fatal(err)
			}
			edited := strings.Replace(string(src), tt.old, "", 1)
			if edited == string(src) {
				t.Fatalf("the edit did not apply; update the test to %s", fam.Source)
			}
			_, _, err = fam.Generate([]byte(edited))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
