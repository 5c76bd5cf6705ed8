package main

import (
	"context"
	"fmt"
	"os"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/taimage"
	"github.com/veritee/veritee/internal/tasign"
)

func runEncrypt(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "encrypt", "(-class-key key | -device [-state-dir dir]) [-o out.ta] in.ta")
	classKey := fs.String("class-key", "", "encrypt with this class key file (64 hex digits, from 'veritee keygen -class')")
	device := fs.Bool("device", false, "encrypt for this device only, with a key derived from the HUK in the state directory")
	state := fs.String("state-dir", "", "-device: the daemon's state directory (default as 'veritee serve')")
	out := fs.String("o", "", "where to write the encrypted image (default: replace in.ta)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || (*classKey == "") == !*device {
		fs.Usage()
		return fmt.Errorf("%w: want one image and one of -class-key or -device", errUsage)
	}
	in := fs.Arg(0)
	if *out == "" {
		*out = in
	}
	img, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var key []byte
	kind := tasign.ClassKey
	if *device {
		kind = tasign.DeviceKey
		if *state == "" {
			*state = veritee.DefaultStateDir()
		}
		h, err := huk.LoadOrCreate(*state)
		if err != nil {
			return err
		}
		defer h.Destroy()
		s, err := taimage.ParseSigned(img)
		if err != nil {
			return fmt.Errorf("%s: %w", in, err)
		}
		key = tasign.DeviceTAKey(h, s.UUID)
	} else if key, err = readClassKey(*classKey); err != nil {
		return err
	}
	defer clear(key)
	enc, err := tasign.Encrypt(img, kind, key)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return writeAtomic(*out, enc, 0o644)
}
