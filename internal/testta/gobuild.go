//go:build !wasip1

package testta

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// BuildGoTA builds the Go TA whose main package is in the directory pkgDir
// into the wasm module outWasm: `go build -buildmode=c-shared -trimpath`
// for GOOS=wasip1 GOARCH=wasm (a WASI reactor, docs/ta-abi.md), with
// ldflags passed on when not empty (the test TA's variant: "-X
// main.variant=2"). It uses the go command on PATH and inherits the
// environment (GOFLAGS, GOCACHE, GOPROXY...), except that it sets GOOS,
// GOARCH and CGO_ENABLED itself. The error carries the go command's output.
func BuildGoTA(ctx context.Context, pkgDir, outWasm string, ldflags string) error {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("testta: building Go TA %s: the go command is not on PATH: %w", pkgDir, err)
	}
	dir, err := filepath.Abs(pkgDir)
	if err != nil {
		return fmt.Errorf("testta: building Go TA %s: %w", pkgDir, err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("testta: building Go TA: %s is not a directory", pkgDir)
	}
	out, err := filepath.Abs(outWasm)
	if err != nil {
		return fmt.Errorf("testta: building Go TA %s: %w", pkgDir, err)
	}
	args := []string{"build", "-buildmode=c-shared", "-trimpath"}
	if ldflags != "" {
		args = append(args, "-ldflags="+ldflags)
	}
	args = append(args, "-o", out, ".")
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(withoutVars(os.Environ(), "GOOS", "GOARCH", "CGO_ENABLED"),
		"GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			err = errors.Join(err, ctxErr)
		}
		return fmt.Errorf("testta: GOOS=wasip1 GOARCH=wasm go %s (in %s): %w\n%s",
			strings.Join(args, " "), dir, err, b)
	}
	return nil
}

// withoutVars returns env without the variables named.
func withoutVars(env []string, names ...string) []string {
	out := make([]string, 0, len(env))
next:
	for _, kv := range env {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}
