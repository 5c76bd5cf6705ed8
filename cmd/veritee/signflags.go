package main

import (
	"crypto"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/internal/tasign"
)

// signFlags say who signs an image: pack, build and sign share them.
type signFlags struct {
	key    string
	devKey string
	algo   string
	chain  string
	name   string
}

func (s *signFlags) register(fs *flag.FlagSet, dev bool) {
	if dev {
		fs.StringVar(&s.key, "key", "", "sign with this PEM private key (default: the development key, created on first use)")
		fs.StringVar(&s.devKey, "dev-key", "", "the development key (default $"+tasign.DevKeyEnv+", else $XDG_CONFIG_HOME/veritee/dev-key.pem)")
	} else {
		fs.StringVar(&s.key, "key", "", "sign with this PEM private key")
	}
	fs.StringVar(&s.algo, "algo", "", "signing algorithm: rsa-pss-sha256 (RSA default), rsa-pkcs1-sha256, ecdsa-p256-sha256, ed25519")
	fs.StringVar(&s.chain, "chain", "", "the signing key's subkey chain file (from 'veritee subkey')")
	fs.StringVar(&s.name, "name", "", "the TA's name in the last subkey's namespace: the TA UUID must be the one 'veritee subkey -print-uuid' gives for it")
}

// signing returns the signing parameters for public key pub.
func (s *signFlags) signing(pub crypto.PublicKey) (tasign.Signing, error) {
	sg := tasign.Signing{Public: pub, Name: s.name}
	if s.algo != "" {
		a, err := tasign.ParseAlgorithm(s.algo)
		if err != nil {
			return sg, fmt.Errorf("%w: %v", errUsage, err)
		}
		sg.Algorithm = a
	}
	if s.chain != "" {
		c, err := os.ReadFile(s.chain)
		if err != nil {
			return sg, err
		}
		sg.Chain = c
	}
	return sg, nil
}

// signer loads the private key to sign with: -key, else the development
// key when allowed.
func (s *signFlags) signer(dev bool) (crypto.Signer, error) {
	if s.key != "" {
		return tasign.LoadPrivateKey(s.key)
	}
	if !dev {
		return nil, fmt.Errorf("%w: -key is required", errUsage)
	}
	p := s.devKey
	if p == "" {
		var err error
		if p, err = tasign.DevKeyPath(); err != nil {
			return nil, err
		}
	}
	return tasign.LoadOrCreateDevKey(p)
}

// sign signs image (a format-1 or signed image) as the flags say.
func (s *signFlags) sign(image []byte, dev bool) ([]byte, error) {
	k, err := s.signer(dev)
	if err != nil {
		return nil, err
	}
	defer tasign.DestroyKey(k)
	sg, err := s.signing(k.Public())
	if err != nil {
		return nil, err
	}
	return tasign.Sign(image, k, sg)
}

// writeAtomic writes b to path through a temporary file and a rename, so a
// daemon never reads half an image.
func writeAtomic(path string, b []byte, perm os.FileMode) error {
	dir := "."
	if i := lastSlash(path); i >= 0 {
		dir = path[:i+1]
	}
	tmp, err := os.CreateTemp(dir, ".veritee-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func lastSlash(p string) int {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return i
		}
	}
	return -1
}
