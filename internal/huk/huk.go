// Package huk provides the hardware unique key of a Veritee installation
// and the keys derived from it. On a board the HUK is fused into the SoC;
// here it is 32 random bytes generated on first start into a 0600 file in
// the daemon's state directory, or a file the operator provides. Every
// device-bound key (secure storage's SSK, the RPMB authentication key, the
// TA encryption key) is derived from it with HKDF-SHA256 under a distinct
// label, so no two uses ever share key material and the HUK itself never
// leaves this package.
package huk

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Size is the length of a HUK in bytes.
const Size = 32

// FileName is the HUK file inside the state directory.
const FileName = "huk"

// Key is a hardware unique key. The zero value is not usable.
type Key struct {
	k [Size]byte
}

// Labels of the keys derived from the HUK. They are part of the on-disk
// formats: changing one makes existing stores and encrypted TAs unreadable.
const (
	LabelSSK       = "veritee secure storage key v1"
	LabelRPMB      = "veritee rpmb authentication key v1"
	LabelTAEncrypt = "veritee ta encryption key v1"
)

// New returns a fresh random HUK, for a TEE without persistent state.
func New() *Key {
	k := &Key{}
	rand.Read(k.k[:])
	return k
}

// FromBytes returns the HUK b, which must be Size bytes.
func FromBytes(b []byte) (*Key, error) {
	if len(b) != Size {
		return nil, fmt.Errorf("huk: key is %d bytes, want %d", len(b), Size)
	}
	k := &Key{}
	copy(k.k[:], b)
	return k, nil
}

// Load reads the HUK from path, refusing a file that other users can read
// or that has the wrong length.
func Load(path string) (*Key, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("huk: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("huk: %s is readable by others (mode %v); chmod 600 it", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("huk: %w", err)
	}
	defer clear(b)
	k, err := FromBytes(b)
	if err != nil {
		return nil, fmt.Errorf("huk: %s: %w", path, err)
	}
	return k, nil
}

// LoadOrCreate returns the HUK kept in stateDir/huk, generating it on first
// use. The file is written to a temporary name, synced and linked into
// place, so a crash never leaves a short key behind and two daemons racing
// on a fresh state directory end up with the same key.
func LoadOrCreate(stateDir string) (*Key, error) {
	path := filepath.Join(stateDir, FileName)
	k, err := Load(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return nil, fmt.Errorf("huk: %w", err)
	}
	nk := New()
	tmp, err := os.CreateTemp(stateDir, ".huk-*")
	if err != nil {
		return nil, fmt.Errorf("huk: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(nk.k[:]); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("huk: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("huk: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("huk: %w", err)
	}
	// Link fails if another process created the key first; theirs wins.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("huk: %w", err)
	}
	if d, err := os.Open(stateDir); err == nil {
		d.Sync()
		d.Close()
	}
	nk.Destroy()
	return Load(path)
}

// Derive returns n bytes of key material for label, bound to info (for
// example a TA UUID). Distinct (label, info) pairs give independent keys.
func (k *Key) Derive(label string, info []byte, n int) []byte {
	out, err := hkdf.Key(sha256.New, k.k[:], []byte(label), string(info), n)
	if err != nil {
		// Only possible for n > 255*32, a programming error.
		panic(fmt.Sprintf("huk: derive %d bytes: %v", n, err))
	}
	return out
}

// Destroy zeroes the key; it must not be used afterwards.
func (k *Key) Destroy() { clear(k.k[:]) }
