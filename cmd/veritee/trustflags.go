package main

import (
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/rollback"
	"github.com/veritee/veritee/internal/tasign"
)

// trustFlags are the flags that say which TA signers and encryption keys
// a command trusts: serve, inspect and install share them.
type trustFlags struct {
	trustDir  string
	dev       bool
	devKey    string
	classKeys string
}

func (t *trustFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&t.trustDir, "trust-dir", "", "directory of trusted TA signing keys, *.pem public keys (default /etc/veritee/trusted-keys as root, else $XDG_CONFIG_HOME/veritee/trusted-keys, when it exists)")
	fs.BoolVar(&t.dev, "dev", false, "development mode: also trust the development key that 'veritee pack' and 'veritee build' sign with")
	fs.StringVar(&t.devKey, "dev-key", "", "the development key (default $"+tasign.DevKeyEnv+", else $XDG_CONFIG_HOME/veritee/dev-key.pem)")
	fs.StringVar(&t.classKeys, "class-key", "", "comma-separated files of AES-256 class keys (64 hex digits) that decrypt class-encrypted TAs")
}

// defaultTrustDir is where trusted keys live unless a flag says otherwise.
func defaultTrustDir() string {
	if os.Geteuid() == 0 {
		return "/etc/veritee/trusted-keys"
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "veritee", "trusted-keys")
}

// apply fills the trust fields of o.
func (t *trustFlags) apply(o *veritee.Options) error {
	o.TrustDir = t.trustDir
	if o.TrustDir == "" {
		if d := defaultTrustDir(); d != "" {
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				o.TrustDir = d
			}
		}
	}
	if t.dev {
		p, err := t.devKeyPath()
		if err != nil {
			return err
		}
		o.DevKey = p
	}
	keys, err := t.loadClassKeys()
	if err != nil {
		return err
	}
	o.ClassKeys = keys
	return nil
}

func (t *trustFlags) devKeyPath() (string, error) {
	if t.devKey != "" {
		return t.devKey, nil
	}
	return tasign.DevKeyPath()
}

func (t *trustFlags) loadClassKeys() ([][]byte, error) {
	var keys [][]byte
	if t.classKeys == "" {
		return nil, nil
	}
	for _, p := range strings.Split(t.classKeys, ",") {
		k, err := readClassKey(p)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// readClassKey reads a class key file: 64 hex digits.
func readClassKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	defer clear(b)
	k, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(k) != tasign.ClassKeySize {
		clear(k)
		return nil, fmt.Errorf("%s: a class key file holds %d bytes as hex digits", path, tasign.ClassKeySize)
	}
	return k, nil
}

// verifier builds a verifier for the CLI's own checks (inspect, install):
// the same trust as the daemon, the HUK of stateDir if there is one, and
// the versions seen there, read only.
func (t *trustFlags) verifier(stateDir string) (*tasign.Verifier, error) {
	var o veritee.Options
	if err := t.apply(&o); err != nil {
		return nil, err
	}
	trust := &tasign.Trust{}
	if o.TrustDir != "" {
		if _, err := trust.AddDir(o.TrustDir); err != nil {
			return nil, err
		}
	}
	if o.DevKey != "" {
		k, err := tasign.LoadOrCreateDevKey(o.DevKey)
		if err != nil {
			return nil, err
		}
		_, err = trust.Add(k.Public(), "development key "+o.DevKey)
		tasign.DestroyKey(k)
		if err != nil {
			return nil, err
		}
	}
	v := &tasign.Verifier{Trust: trust, ClassKeys: o.ClassKeys}
	if stateDir != "" {
		h, err := huk.Load(filepath.Join(stateDir, huk.FileName))
		if err == nil {
			v.HUK = h
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		vs, err := rollback.Open(stateDir)
		if err != nil {
			return nil, err
		}
		v.Versions = vs
	}
	return v, nil
}
