package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/veritee/veritee/internal/tasign"
)

func runBuild(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "build", "[-o dir] <TA directory or Go package directory>")
	out := fs.String("o", ".", "directory to write <uuid>.ta into")
	kit := fs.String("dev-kit", "", "the C TA dev kit (TA_DEV_KIT_DIR; default $TA_DEV_KIT_DIR, else sdk/c of this source tree)")
	ldflags := fs.String("ldflags", "", "Go TAs: -ldflags passed to go build")
	var sf signFlags
	sf.register(fs, true)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want exactly one directory", errUsage)
	}
	dir, err := filepath.Abs(fs.Arg(0))
	if err != nil {
		return err
	}
	outDir, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	var path string
	switch {
	case exists(filepath.Join(dir, "sub.mk")):
		path, err = buildC(ctx, e, dir, outDir, *kit, &sf)
	case hasGoFiles(dir):
		path, err = buildGo(ctx, e, dir, outDir, *ldflags, &sf)
	default:
		return fmt.Errorf("%s is neither a C TA directory (Makefile + sub.mk) nor a Go package", dir)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, path)
	return nil
}

// buildC runs the TA's own Makefile, which includes the dev kit's
// ta_dev_kit.mk, with this binary as the packer. The packer signs with the
// key $VERITEE_DEV_KEY names: -key, else -dev-key, else its default; with
// -chain or -algo the image is signed again as they say.
func buildC(ctx context.Context, e *env, dir, outDir, kit string, sf *signFlags) (string, error) {
	if kit == "" {
		kit = os.Getenv("TA_DEV_KIT_DIR")
	}
	if kit == "" {
		var err error
		if kit, err = findDevKit(); err != nil {
			return "", err
		}
	}
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	obj := filepath.Join(outDir, ".obj", filepath.Base(dir))
	cmd := exec.CommandContext(ctx, "make", "-C", dir, "TA_DEV_KIT_DIR="+kit, "VERITEE="+self, "O="+obj)
	cmd.Stdout, cmd.Stderr = e.stderr, e.stderr
	// The packer signs with the key in $VERITEE_DEV_KEY: -key when given
	// (checked first, so that a typo does not create a key), else -dev-key.
	signKey := sf.devKey
	if signKey == "" {
		var err error
		if signKey, err = tasign.DevKeyPath(); err != nil {
			return "", err
		}
	}
	if sf.key != "" {
		k, err := tasign.LoadPrivateKey(sf.key)
		if err != nil {
			return "", err
		}
		tasign.DestroyKey(k)
		signKey = sf.key
	}
	// make runs in the TA directory: the path must not be relative.
	abs, err := filepath.Abs(signKey)
	if err != nil {
		return "", err
	}
	cmd.Env = append(os.Environ(), tasign.DevKeyEnv+"="+abs)
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("make in %s: %w", dir, err)
	}
	tas, _ := filepath.Glob(filepath.Join(obj, "*.ta"))
	if len(tas) != 1 {
		return "", fmt.Errorf("make in %s produced %d .ta files in %s, want 1", dir, len(tas), obj)
	}
	dst := filepath.Join(outDir, filepath.Base(tas[0]))
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return "", err
	}
	if sf.chain != "" || sf.algo != "" {
		img, err := os.ReadFile(tas[0])
		if err != nil {
			return "", err
		}
		signed, err := sf.sign(img, true)
		if err != nil {
			return "", fmt.Errorf("signing %s: %w", tas[0], err)
		}
		if err := writeAtomic(dst, signed, 0o644); err != nil {
			return "", err
		}
		// Leave no image behind: the next build must pack, and sign, anew.
		return dst, os.Remove(tas[0])
	}
	return dst, os.Rename(tas[0], dst)
}

// buildGo compiles a Go TA package for wasip1 as a WASI reactor and packs
// it.
func buildGo(ctx context.Context, e *env, dir, outDir, ldflags string, sf *signFlags) (string, error) {
	tmp, err := os.MkdirTemp("", "veritee-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	wasm := filepath.Join(tmp, "ta.wasm")
	args := []string{"build", "-buildmode=c-shared", "-trimpath", "-o", wasm}
	if ldflags != "" {
		args = append(args, "-ldflags", ldflags)
	}
	cmd := exec.CommandContext(ctx, "go", append(args, ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = e.stderr, e.stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build in %s: %w", dir, err)
	}
	return packFile(ctx, wasm, outDir, sf)
}

// findDevKit finds sdk/c next to the source tree this binary runs from or
// below the working directory.
func findDevKit() (string, error) {
	var roots []string
	if exe, err := os.Executable(); err == nil {
		roots = append(roots, filepath.Dir(filepath.Dir(exe)), filepath.Join(filepath.Dir(filepath.Dir(exe)), "share", "veritee"))
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			roots = append(roots, d)
			if d == filepath.Dir(d) {
				break
			}
		}
	}
	for _, r := range roots {
		k := filepath.Join(r, "sdk", "c")
		if exists(filepath.Join(k, "mk", "ta_dev_kit.mk")) {
			return k, nil
		}
	}
	return "", errors.New("cannot find the C TA dev kit: set TA_DEV_KIT_DIR or pass -dev-kit")
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func hasGoFiles(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			return true
		}
	}
	return false
}
