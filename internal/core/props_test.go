package core

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDeviceIDStablePerInstallation(t *testing.T) {
	dir := t.TempDir()
	a, err := deviceID(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := deviceID(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a != b || a.IsZero() {
		t.Fatalf("device ids %v, %v: want equal and non-zero", a, b)
	}
	if a[6]>>4 != 5 {
		t.Errorf("version nibble %x, want 5", a[6]>>4)
	}
	fi, err := os.Stat(filepath.Join(dir, deviceIDFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("installation id file: %v, %v", fi, err)
	}
	c, err := deviceID(t.TempDir())
	if err != nil || c == a {
		t.Fatalf("another installation: %v, %v", c, err)
	}
	if err := os.WriteFile(filepath.Join(dir, deviceIDFile), []byte("zz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := deviceID(dir); err == nil {
		t.Error("corrupt installation id accepted")
	}
}

func TestTEEPropertiesUnique(t *testing.T) {
	l, err := teeProperties("")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range l {
		if seen[p.Name] {
			t.Errorf("%s twice", p.Name)
		}
		seen[p.Name] = true
	}
}
