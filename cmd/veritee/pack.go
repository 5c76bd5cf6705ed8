package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/veritee/veritee/internal/taimage"
)

func runPack(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "pack", "[-o dir] [signing flags] ta.wasm")
	out := fs.String("o", ".", "directory to write <uuid>.ta into")
	var sf signFlags
	sf.register(fs, true)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want exactly one .wasm file", errUsage)
	}
	path, err := packFile(ctx, fs.Arg(0), *out, &sf)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, path)
	return nil
}

// packFile packs a compiled TA into dir/<uuid>.ta, signed as sf says (by
// default with the development key), and returns that path. The image is
// written to a temporary file and renamed, so a daemon never reads half an
// image.
func packFile(ctx context.Context, wasmPath, dir string, sf *signFlags) (string, error) {
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return "", err
	}
	img, uuid, err := taimage.Pack(ctx, wasm)
	if err != nil {
		return "", fmt.Errorf("%s: %w", wasmPath, err)
	}
	signed, err := sf.sign(img, true)
	if err != nil {
		return "", fmt.Errorf("signing %s: %w", wasmPath, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, uuid.String()+".ta")
	return dst, writeAtomic(dst, signed, 0o644)
}
