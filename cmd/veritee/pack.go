package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/veritee/veritee/internal/taimage"
)

func runPack(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "pack", "[-o dir] ta.wasm")
	out := fs.String("o", ".", "directory to write <uuid>.ta into")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want exactly one .wasm file", errUsage)
	}
	path, err := packFile(ctx, fs.Arg(0), *out)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, path)
	return nil
}

// packFile packs a compiled TA into dir/<uuid>.ta and returns that path.
// The image is written to a temporary file and renamed, so a daemon never
// reads half an image.
func packFile(ctx context.Context, wasmPath, dir string) (string, error) {
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return "", err
	}
	img, uuid, err := taimage.Pack(ctx, wasm)
	if err != nil {
		return "", fmt.Errorf("%s: %w", wasmPath, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, uuid.String()+".ta")
	tmp, err := os.CreateTemp(dir, ".pack-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(img); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return dst, os.Rename(tmp.Name(), dst)
}
