package huk

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadOrCreateIsStable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, err := LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Derive(LabelSSK, nil, 32), b.Derive(LabelSSK, nil, 32)) {
		t.Fatal("second load derived a different key")
	}
	fi, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("huk file mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestDeriveSeparatesLabelsAndInfo(t *testing.T) {
	t.Parallel()
	k, _ := FromBytes(make([]byte, Size))
	seen := map[string]string{}
	for _, c := range []struct{ label, info string }{
		{LabelSSK, ""}, {LabelRPMB, ""}, {LabelTAEncrypt, ""}, {LabelSSK, "a"}, {LabelSSK, "b"},
	} {
		got := string(k.Derive(c.label, []byte(c.info), 32))
		if prev, ok := seen[got]; ok {
			t.Fatalf("%q/%q derives the same key as %s", c.label, c.info, prev)
		}
		seen[got] = c.label + "/" + c.info
	}
}

func TestLoadRefusesBadFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{"short", make([]byte, 31), 0o600},
		{"long", make([]byte, 33), 0o600},
		{"world-readable", make([]byte, 32), 0o644},
	}
	for _, tc := range tests {
		p := filepath.Join(dir, tc.name)
		if err := os.WriteFile(p, tc.data, tc.mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, tc.mode)
		if _, err := Load(p); err == nil {
			t.Errorf("%s: Load succeeded", tc.name)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing file: Load succeeded")
	}
}
