package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/veritee/veritee/internal/tasign"
)

func runSign(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sign", "(-key key.pem | -pub key.pub.pem -digest | -pub key.pub.pem -stitch sig.bin) [-algo a] [-chain c -name n] [-o out.ta] in.ta")
	var sf signFlags
	sf.register(fs, false)
	pubPath := fs.String("pub", "", "offline signing: the signer's public key")
	digest := fs.Bool("digest", false, "offline signing, step 1: print the SHA-256 digest to sign (hex); sign it elsewhere (Ed25519 signs these 32 bytes as the message)")
	stitch := fs.String("stitch", "", "offline signing, step 2: the raw signature file to put into the image")
	out := fs.String("o", "", "where to write the signed image (default: replace in.ta); with -digest, where to write the raw digest")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want exactly one image", errUsage)
	}
	in := fs.Arg(0)
	if *out == "" {
		*out = in
	}
	img, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	offline := *digest || *stitch != ""
	switch {
	case offline && (sf.key != "" || *pubPath == "" || (*digest && *stitch != "")):
		return fmt.Errorf("%w: offline signing takes -pub and one of -digest or -stitch, not -key", errUsage)
	case !offline && sf.key == "":
		return fmt.Errorf("%w: -key, or -pub with -digest or -stitch", errUsage)
	case !offline:
		signed, err := sf.sign(img, false)
		if err != nil {
			return err
		}
		return writeAtomic(*out, signed, 0o644)
	}
	pub, err := tasign.LoadPublicKey(*pubPath)
	if err != nil {
		return err
	}
	sg, err := sf.signing(pub)
	if err != nil {
		return err
	}
	p, err := tasign.Prepare(img, sg)
	if err != nil {
		return err
	}
	if *digest {
		fmt.Fprintln(e.stdout, hex.EncodeToString(p.Digest[:]))
		if *out != in {
			// The raw 32 bytes, what openssl pkeyutl -sign takes.
			return writeAtomic(*out, p.Digest[:], 0o644)
		}
		return nil
	}
	sig, err := os.ReadFile(*stitch)
	if err != nil {
		return err
	}
	signed, err := p.Stitch(sig)
	if err != nil {
		return err
	}
	return writeAtomic(*out, signed, 0o644)
}
