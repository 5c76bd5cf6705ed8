package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/veritee/veritee/internal/tasign"
)

func runKeygen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "keygen", "[-type ed25519|p256|rsa-2048|rsa-3072|rsa-4096 | -class] -o key.pem")
	typ := fs.String("type", "ed25519", "key type: ed25519, p256, rsa-2048, rsa-3072, rsa-4096")
	class := fs.Bool("class", false, "make an AES-256 class key for 'veritee encrypt -class-key' instead of a signing key")
	out := fs.String("o", "", "the private key file to write (0600); the public key goes to the same name ending in .pub.pem")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() != 0 {
		fs.Usage()
		return fmt.Errorf("%w: want -o and no arguments", errUsage)
	}
	if *class {
		k := make([]byte, tasign.ClassKeySize)
		rand.Read(k)
		defer clear(k)
		h := []byte(hex.EncodeToString(k) + "\n")
		defer clear(h)
		if err := writeNewFile(*out, h, 0o600); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "class key %x written to %s\n", tasign.ClassKeyID(k), *out)
		return nil
	}
	k, err := tasign.GenerateKey(*typ)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	priv, err := tasign.MarshalPrivateKey(k)
	if err != nil {
		return err
	}
	defer clear(priv)
	pub, err := tasign.MarshalPublicKey(k.Public())
	if err != nil {
		return err
	}
	pubPath := strings.TrimSuffix(*out, ".pem") + ".pub.pem"
	if err := writeNewFile(*out, priv, 0o600); err != nil {
		return err
	}
	if err := writeNewFile(pubPath, pub, 0o644); err != nil {
		return err
	}
	id, _ := tasign.PublicKeyID(k.Public())
	fmt.Fprintf(e.stdout, "%s key %s\nprivate: %s\npublic:  %s\n", *typ, id, *out, pubPath)
	return nil
}

// writeNewFile writes a file that must not exist yet: keys are never
// overwritten by accident.
func writeNewFile(path string, b []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
