package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/testta"
)

// cli runs the CLI and fails the test on an error.
func cli(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("veritee %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestInstallServe: a vendor key signs a TA, the owner trusts the key and
// installs the TA, and a daemon without development mode serves it from
// its TA store.
func TestInstallServe(t *testing.T) {
	t.Parallel()
	dir := shortDir(t)
	key := filepath.Join(dir, "vendor.pem")
	cli(t, "keygen", "-type", "p256", "-o", key)
	trust := filepath.Join(dir, "trust")
	os.Mkdir(trust, 0o700)
	pub, err := os.ReadFile(filepath.Join(dir, "vendor.pub.pem"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(trust, "vendor.pem"), pub, 0o644)
	// Build the C hello_world TA signed with the vendor key, named by a
	// path relative to the working directory (make runs elsewhere).
	build := exec.Command(bin, "build", "-dev-kit", filepath.Join(testta.RepoRoot(), "sdk", "c"), "-o", "out", "-key", "vendor.pem",
		filepath.Join(testta.RepoRoot(), "examples", "hello_world", "ta"))
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("veritee build: %v\n%s", err, out)
	}
	img := filepath.Join(dir, "out", testta.HelloWorldC+".ta")
	if out := cli(t, "inspect", "-trust-dir", trust, img); !strings.Contains(out, "verdict:     OK") {
		t.Fatalf("the built TA is not signed by the vendor key:\n%s", out)
	}
	state := filepath.Join(dir, "state")
	if out := cli(t, "install", "-state-dir", state, "-trust-dir", trust, img); !strings.Contains(out, "installed "+testta.HelloWorldC) {
		t.Fatalf("install said %q", out)
	}
	if out := cli(t, "list", "-state-dir", state, "-trust-dir", trust); !strings.HasPrefix(out, testta.HelloWorldC+"  version") {
		t.Fatalf("list said %q", out)
	}

	sock := filepath.Join(dir, "s")
	cmd := exec.Command(bin, "serve", "-socket", sock, "-state-dir", state, "-ta-dir", filepath.Join(dir, "none"), "-trust-dir", trust, "-log-level", "debug")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if t.Failed() {
			t.Logf("daemon log:\n%s", logs.String())
		}
	}()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the daemon did not start")
		}
	}
	helloInc(t, sock)
	cli(t, "uninstall", "-state-dir", state, testta.HelloWorldC)
}
