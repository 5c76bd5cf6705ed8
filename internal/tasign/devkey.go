package tasign

import (
	"crypto"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DevKeyEnv names the environment variable that overrides where the
// development key lives.
const DevKeyEnv = "VERITEE_DEV_KEY"

// DevKeyPath is where the development signing key lives: $VERITEE_DEV_KEY,
// else $XDG_CONFIG_HOME/veritee/dev-key.pem, else
// ~/.config/veritee/dev-key.pem.
func DevKeyPath() (string, error) {
	if p := os.Getenv(DevKeyEnv); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("tasign: no place for the development key (set %s): %w", DevKeyEnv, err)
	}
	return filepath.Join(dir, "veritee", "dev-key.pem"), nil
}

// LoadOrCreateDevKey returns the Ed25519 development key at path, creating
// it (0600, in a 0700 directory) on first use. The file is written under a
// temporary name and linked into place, so concurrent builds agree on one
// key and a crash never leaves half a key.
func LoadOrCreateDevKey(path string) (crypto.Signer, error) {
	k, err := LoadPrivateKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("tasign: development key: %w", err)
	}
	nk, err := GenerateKey("ed25519")
	if err != nil {
		return nil, err
	}
	defer DestroyKey(nk)
	pemb, err := MarshalPrivateKey(nk)
	if err != nil {
		return nil, err
	}
	defer clear(pemb)
	if err := writeNew(path, pemb, 0o600); err != nil {
		return nil, fmt.Errorf("tasign: development key: %w", err)
	}
	return LoadPrivateKey(path)
}

// writeNew writes b to path unless path exists, atomically: a temporary
// file, synced, then linked into place.
func writeNew(path string, b []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
