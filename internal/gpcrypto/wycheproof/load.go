// Package wycheproof loads Project Wycheproof test vectors (the
// testvectors_v1 JSON files of the Go module github.com/c2sp/wycheproof) into
// typed structs, and judges an implementation's answers by one documented
// policy (see Checker). It is for tests only.
//
// The files are read from the module cache, where `go mod download` (or any
// build of this module) puts the version go.mod names. The module also offers
// them as an embedded fs.FS, but importing it would link 107 MB of JSON into
// every test binary that uses a single file; reading from the cache costs
// nothing. pin.go keeps the requirement in go.mod.
//
// A missing module or file fails the test; it never skips, so a broken setup
// cannot pass silently.
package wycheproof

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Module is the Go module that holds the vectors.
const Module = "github.com/c2sp/wycheproof"

// EnvDir names an environment variable that, when set, overrides the
// testvectors_v1 directory (for an offline copy).
const EnvDir = "VERITEE_WYCHEPROOF_DIR"

var dirOnce struct {
	sync.Once
	dir string
	err error
}

// Dir returns the testvectors_v1 directory, failing t if it cannot be found.
func Dir(t testing.TB) string {
	t.Helper()
	dirOnce.Do(func() { dirOnce.dir, dirOnce.err = findDir() })
	if dirOnce.err != nil {
		t.Fatalf("wycheproof: %v", dirOnce.err)
	}
	return dirOnce.dir
}

func findDir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		if _, err := os.Stat(d); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvDir, d, err)
		}
		return d, nil
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		if root := os.Getenv("GOROOT"); root != "" {
			gobin = filepath.Join(root, "bin", "go")
		} else {
			return "", fmt.Errorf("no go command to locate module %s (set %s): %w", Module, EnvDir, err)
		}
	}
	// go mod download fetches the module into the cache on a fresh machine
	// (through the module proxy) and reports where it is.
	var stderr bytes.Buffer
	cmd := exec.Command(gobin, "mod", "download", "-json", Module)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var m struct{ Version, Dir, Error string }
	if jerr := json.Unmarshal(out, &m); err != nil || jerr != nil || m.Error != "" {
		return "", fmt.Errorf("go mod download %s: %v %s %s (or set %s)", Module, err, m.Error, strings.TrimSpace(stderr.String()), EnvDir)
	}
	if m.Dir == "" {
		return "", fmt.Errorf("module %s@%s is not in the module cache; run `go mod download %s`", Module, m.Version, Module)
	}
	d := filepath.Join(m.Dir, "testvectors_v1")
	if _, err := os.Stat(d); err != nil {
		return "", fmt.Errorf("module %s@%s has no testvectors_v1: %w", Module, m.Version, err)
	}
	return d, nil
}

// counter is implemented by File, so Load can check numberOfTests.
type counter interface{ count() (declared, found int) }

// Load decodes the vector file name (for example "aes_cmac_test.json"; the
// ".json" may be left off) into v, usually a *File[G] for the matching group
// type. It fails t if the file is missing or does not decode, or if the
// number of tests decoded differs from the file's numberOfTests.
func Load(t testing.TB, name string, v any) {
	t.Helper()
	if !strings.HasSuffix(name, ".json") {
		name += ".json"
	}
	data, err := os.ReadFile(filepath.Join(Dir(t), name))
	if err != nil {
		t.Fatalf("wycheproof: %v", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("wycheproof: %s: %v", name, err)
	}
	if c, ok := v.(counter); ok {
		if d, f := c.count(); d != f {
			t.Fatalf("wycheproof: %s: numberOfTests is %d but %d tests decoded", name, d, f)
		}
	}
}
