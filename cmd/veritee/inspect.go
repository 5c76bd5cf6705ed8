package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taimage"
	"github.com/veritee/veritee/internal/tasign"
)

func runInspect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "inspect", "[trust flags] [-state-dir dir] image.ta")
	var tf trustFlags
	tf.register(fs)
	state := fs.String("state-dir", "", "the daemon's state directory: its HUK decrypts device-bound TAs, its versions judge rollback")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want exactly one image", errUsage)
	}
	img, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	v, err := tf.verifier(*state)
	if err != nil {
		return err
	}
	return inspect(e.stdout, fs.Arg(0), img, v)
}

// inspect prints what an image holds and whether v accepts it. It returns
// an error only when the image cannot be read at all; a refusal is a
// verdict.
func inspect(w io.Writer, name string, img []byte, v *tasign.Verifier) error {
	fmt.Fprintf(w, "file:        %s (%d bytes)\n", name, len(img))
	if !taimage.IsSigned(img) {
		p, err := taimage.Parse(img)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "format:      1 (unsigned)")
		fmt.Fprintf(w, "TA UUID:     %v\nTA version:  %s\n", p.UUID, version(p.TAVersion))
		printProps(w, p.Props)
		fmt.Fprintln(w, "verdict:     REFUSED: unsigned TA image; sign it with 'veritee sign'")
		return nil
	}
	s, err := taimage.ParseSigned(img)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "format:      2 (signed)")
	fmt.Fprintf(w, "TA UUID:     %v\nTA version:  %s\n", s.UUID, version(s.TAVersion))
	fmt.Fprintf(w, "algorithm:   %v\nsigner:      %s\nhash:        %s\n", tasign.Algorithm(s.Algorithm),
		hex.EncodeToString(s.KeyID[:]), hex.EncodeToString(s.Hash[:]))
	fmt.Fprintf(w, "encryption:  %s\n", encryption(s))
	sks, err := taimage.ParseChain(s.Chain)
	if err != nil {
		fmt.Fprintf(w, "subkeys:     malformed: %v\n", err)
	} else {
		printChain(w, sks)
	}
	r, verr := v.Check(img)
	var body []byte
	switch {
	case verr == nil:
		body = r.Body
	case !s.Encrypted():
		body = s.Body
	}
	if body != nil {
		if p, err := taimage.Parse(body); err == nil {
			printProps(w, p.Props)
		} else {
			fmt.Fprintf(w, "properties:  unreadable: %v\n", err)
		}
	} else {
		fmt.Fprintln(w, "properties:  encrypted")
	}
	if verr != nil {
		fmt.Fprintf(w, "verdict:     REFUSED: %v\n", verr)
		return nil
	}
	fmt.Fprintf(w, "verdict:     OK: the chain ends in trusted key %v (%s)\n", r.Root.ID, r.Root.Source)
	return nil
}

func version(v uint32) string {
	return fmt.Sprintf("%d.%d (0x%08x)", v>>16, v&0xFFFF, v)
}

func encryption(s *taimage.Signed) string {
	if !s.Encrypted() || len(s.EncInfo) != taimage.EncInfoSize {
		return "none"
	}
	switch tasign.KeyKind(uint16(s.EncInfo[0]) | uint16(s.EncInfo[1])<<8) {
	case tasign.DeviceKey:
		return "AES-256-GCM, device key (HUK)"
	case tasign.ClassKey:
		return "AES-256-GCM, class key " + hex.EncodeToString(s.EncInfo[16:32])
	}
	return "unknown"
}

func printChain(w io.Writer, sks []taimage.Subkey) {
	if len(sks) == 0 {
		fmt.Fprintln(w, "subkeys:     none (signed by a root key)")
		return
	}
	fmt.Fprintf(w, "subkeys:     %d\n", len(sks))
	for i, sk := range sks {
		kind := "namespace"
		if sk.Kind == taimage.SubkeyIdentity {
			kind = "identity"
		}
		exp := "never"
		if sk.NotAfter != 0 {
			exp = time.Unix(int64(min(sk.NotAfter, 1<<40)), 0).UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(w, "  [%d] %s subkey %v, version %d, max depth %d, expires %s\n", i, kind, sk.UUID, sk.Version, sk.MaxDepth, exp)
		fmt.Fprintf(w, "      signed by %s (%v), signs with %v\n", hex.EncodeToString(sk.ParentKeyID[:]), tasign.Algorithm(sk.ParentAlg), tasign.Algorithm(sk.Algorithm))
		if len(sk.Name) > 0 {
			fmt.Fprintf(w, "      next name %q -> %v\n", sk.Name, taimage.SubkeyUUID(sk.UUID, sk.Name))
		}
	}
}

func printProps(w io.Writer, p *abi.Props) {
	fmt.Fprintln(w, "properties:")
	for _, pr := range p.List {
		fmt.Fprintf(w, "  %s = %s\n", pr.Name, propValue(pr))
	}
}

func propValue(p abi.Property) string {
	v := p.Value
	switch p.Type {
	case abi.PropBool:
		if len(v) == 4 {
			return fmt.Sprint(v[0] != 0)
		}
	case abi.PropU32:
		if len(v) == 4 {
			return fmt.Sprint(uint32(v[0]) | uint32(v[1])<<8 | uint32(v[2])<<16 | uint32(v[3])<<24)
		}
	case abi.PropU64:
		if len(v) == 8 {
			var x uint64
			for i := 7; i >= 0; i-- {
				x = x<<8 | uint64(v[i])
			}
			return fmt.Sprint(x)
		}
	case abi.PropUUID:
		if u, err := abi.UUIDFromTEE(v); err == nil {
			return u.String()
		}
	case abi.PropString:
		return fmt.Sprintf("%q", strings.ToValidUTF8(string(v), "?"))
	}
	return "0x" + hex.EncodeToString(v)
}
