package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// bin is the veritee binary built for these tests; taDir the test TAs.
var bin, taDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "veritee-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "veritee")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building veritee: %v\n%s", err, out)
		os.Exit(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	taDir, err = testta.Build(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "building the test TAs:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage: veritee"},
		{[]string{"help"}, 0, "Commands:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"serve", "-no-such-flag"}, 2, "flag provided but not defined"},
		{[]string{"serve", "-log-level", "loud"}, 2, "log level"},
		{[]string{"serve", "extra"}, 2, "unexpected arguments"},
		{[]string{"pack"}, 2, "want exactly one .wasm file"},
		{[]string{"pack", "/no/such.wasm"}, 1, "no such file"},
		{[]string{"build", t.TempDir()}, 1, "neither a C TA directory"},
		{[]string{"demo", "-ta-dir", t.TempDir()}, 1, "run 'make demo'"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), &env{stdout: &out, stderr: &errb}, tc.args)
			if code != tc.code || !strings.Contains(errb.String()+out.String(), tc.want) {
				t.Errorf("exit %d, output %q; want %d and %q", code, errb.String()+out.String(), tc.code, tc.want)
			}
		})
	}
}

// daemon starts `veritee serve` on a private socket.
func daemon(t *testing.T, sock, state string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "-socket", sock, "-state-dir", state, "-ta-dir", taDir, "-log-level", "debug", "-dev", "-dev-key", testta.DevKey())
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		// Dial rather than stat: a stale socket file exists before the
		// daemon replaces it.
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			return cmd, &logs
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the daemon did not create %s:\n%s", sock, logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func shortDir(t *testing.T) string {
	d, err := os.MkdirTemp("", "vt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

func helloInc(t *testing.T, sock string) {
	t.Helper()
	c, err := teec.InitializeContext("unix:" + sock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Finalize()
	s, err := c.OpenSession(context.Background(), teec.MustParseUUID(testta.HelloWorldC), teec.LoginUser, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v := &teec.Value{Type: teec.ValueInout, A: 1}
	if err := s.InvokeCommand(context.Background(), 0, &teec.Operation{Params: [4]teec.Parameter{v}}); err != nil || v.A != 2 {
		t.Fatalf("INC_VALUE: %v, %d", err, v.A)
	}
}

// TestServe covers the daemon's life: it serves, refuses a second daemon on
// its socket, shuts down cleanly on SIGTERM (removing its socket), and a
// stale socket left by a killed daemon does not stop the next one.
func TestServe(t *testing.T) {
	t.Parallel()
	dir := shortDir(t)
	sock, state := filepath.Join(dir, "s"), filepath.Join(dir, "state")
	cmd, logs := daemon(t, sock, state)
	helloInc(t, sock)

	second := exec.Command(bin, "serve", "-socket", sock, "-state-dir", state)
	out, err := second.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(string(out), "another veritee daemon") {
		t.Errorf("a second daemon on the same socket: %v\n%s", err, out)
	}

	// A keep-alive instance outlives its session; shutdown must still run
	// its TA_DestroyEntryPoint, and close a session left open.
	c, err := teec.InitializeContext("unix:" + sock)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []int{testta.VariantKeepAlive, testta.VariantShared} {
		s, err := c.OpenSession(context.Background(), testta.CUUIDs[v], teec.LoginPublic, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if v == testta.VariantKeepAlive {
			s.Close()
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("daemon exit after SIGTERM: %v\n%s", err, logs)
	}
	c.Finalize()
	for _, want := range []string{"test TA variant 3 destroyed", "test TA variant 0 destroyed"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("shutdown did not run TA_DestroyEntryPoint (%q):\n%s", want, logs)
		}
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("the socket outlived the daemon: %v", err)
	}
	if !strings.Contains(logs.String(), "veritee stopped") {
		t.Errorf("no clean shutdown in the log:\n%s", logs)
	}

	cmd, logs = daemon(t, sock, state)
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(sock); err != nil {
		t.Fatalf("expected a stale socket after SIGKILL: %v", err)
	}
	cmd, logs = daemon(t, sock, state)
	helloInc(t, sock)
	cmd.Process.Signal(syscall.SIGINT)
	if err := cmd.Wait(); err != nil {
		t.Errorf("daemon exit after SIGINT: %v\n%s", err, logs)
	}
}

func TestDemo(t *testing.T) {
	t.Parallel()
	out, err := exec.Command(bin, "demo", "-ta-dir", taDir, "-dev-key", testta.DevKey()).CombinedOutput()
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	for _, want := range []string{"hello_world TA in C", "hello_world TA in Go", "TA incremented value to 43", "TEEC_ERROR_BAD_PARAMETERS"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}
