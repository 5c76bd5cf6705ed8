// Package gensrc holds what the repository's code generators share: where
// the module root is, and writing a generated file only when it changed
// (so that an unchanged file keeps its time stamp and make sees nothing to
// rebuild).
package gensrc

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
)

// ModuleRoot walks up from the working directory to the directory holding
// go.mod, so that a generator runs from go generate (in its package's
// directory) and from the repository root alike.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// WriteIfChanged writes b to path unless the file already holds exactly b.
func WriteIfChanged(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	return os.WriteFile(path, b, 0o644)
}
