// Package tastore is the TA store inside the daemon's state directory:
// TAs installed with `veritee install` rather than dropped into a TA
// directory (OP-TEE keeps such TAs in secure storage). Images are stored
// as they were signed and verified again on every load, so the store needs
// no integrity of its own; it moves into secure storage once that lands.
package tastore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/veritee/veritee/internal/abi"
)

// DirName is the store's directory inside the state directory.
const DirName = "installed-ta"

// Dir returns the store's directory for a state directory.
func Dir(stateDir string) string { return filepath.Join(stateDir, DirName) }

// Path returns where the image of uuid is stored.
func Path(stateDir string, uuid abi.UUID) string {
	return filepath.Join(Dir(stateDir), uuid.String()+".ta")
}

// Install stores image as the TA uuid, replacing what was installed,
// atomically: a daemon loading the TA reads the old or the new image,
// never half of one.
func Install(stateDir string, uuid abi.UUID, image []byte) (string, error) {
	dir := Dir(stateDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("tastore: %w", err)
	}
	dst := Path(stateDir, uuid)
	tmp, err := os.CreateTemp(dir, ".install-*")
	if err != nil {
		return "", fmt.Errorf("tastore: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(image); err != nil {
		tmp.Close()
		return "", fmt.Errorf("tastore: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("tastore: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("tastore: %w", err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return "", fmt.Errorf("tastore: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return dst, nil
}

// ErrNotInstalled is returned by Uninstall for a TA not in the store.
var ErrNotInstalled = errors.New("tastore: TA not installed")

// Uninstall removes the TA uuid from the store.
func Uninstall(stateDir string, uuid abi.UUID) error {
	err := os.Remove(Path(stateDir, uuid))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %v", ErrNotInstalled, uuid)
	}
	if err != nil {
		return fmt.Errorf("tastore: %w", err)
	}
	return nil
}

// List returns the UUIDs of the installed TAs, sorted.
func List(stateDir string) ([]abi.UUID, error) {
	ents, err := os.ReadDir(Dir(stateDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("tastore: %w", err)
	}
	var out []abi.UUID
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), ".ta")
		if !ok || !e.Type().IsRegular() {
			continue
		}
		id, err := abi.ParseUUID(name)
		if err != nil || id.String() != name {
			continue
		}
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}
