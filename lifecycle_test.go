package veritee_test

import (
	"context"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/internal/transport"
	"github.com/veritee/veritee/teec"
)

// TestClientDisconnectMidInvoke: a client that vanishes while its TA runs
// loses its sessions; a TA that ignores cancellation is killed after the
// grace period, and the daemon serves on.
func TestClientDisconnectMidInvoke(t *testing.T) {
	t.Parallel()
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			tee := startTEE(t)
			ctx := context.Background()
			cc, err := transport.Dial(ctx, tee.sock)
			if err != nil {
				t.Fatal(err)
			}
			uuid := l.uuids[testta.VariantExclusive]
			sid, ret := cc.OpenSession(ctx, &teeconn.OpenRequest{UUID: uuid, Login: abi.LoginPublic})
			if !ret.OK() {
				t.Fatalf("open: %v", ret)
			}
			done := make(chan abi.Ret, 1)
			go func() { done <- cc.Invoke(ctx, &teeconn.InvokeRequest{Session: sid, Cmd: testta.CmdSpin}) }()
			time.Sleep(100 * time.Millisecond)
			cc.Close()
			if r := <-done; r.Code != abi.ErrCommunication {
				t.Errorf("the vanished client's call returned %v", r)
			}

			// The exclusive TA opens again once the daemon closed the
			// vanished client's session.
			c := tee.client(t, socket)
			deadline := time.Now().Add(10 * time.Second)
			for {
				s, err := c.OpenSession(ctx, uuid, teec.LoginPublic, nil, nil)
				if err == nil {
					s.Close()
					break
				}
				if r, _ := teec.ResultOf(err); r != teec.ErrBusy || time.Now().After(deadline) {
					t.Fatalf("reopening after the client vanished: %v", err)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}

// TestShutdownKillsRunaways: closing the TEE while a TA spins returns soon
// after the close deadline instead of hanging.
func TestShutdownKillsRunaways(t *testing.T) {
	t.Parallel()
	tee, err := veritee.Start(context.Background(), veritee.Options{TADirs: []string{taDir}, StateDir: cacheDir, AbandonGrace: time.Hour, DevKey: testta.DevKey()})
	if err != nil {
		t.Fatal(err)
	}
	c, err := teec.InitializeContext(tee.Name())
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.OpenSession(context.Background(), testta.CUUIDs[testta.VariantShared], teec.LoginPublic, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	go s.InvokeCommand(context.Background(), testta.CmdSpin, nil)
	time.Sleep(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	tee.Close(ctx)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v with a spinning TA", d)
	}
}

// TestHelloWorld runs both hello_world examples the way the README shows.
func TestHelloWorld(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	for _, mode := range modes {
		for _, u := range []string{testta.HelloWorldC, testta.HelloWorldGo} {
			t.Run(mode+"/"+u, func(t *testing.T) {
				t.Parallel()
				c := tee.client(t, mode)
				s := open(t, c, abi.MustParseUUID(u))
				v := &teec.Value{Type: teec.ValueInout, A: 42}
				op := &teec.Operation{Params: [4]teec.Parameter{v}}
				if err := s.InvokeCommand(context.Background(), 0, op); err != nil || v.A != 43 {
					t.Fatalf("INC_VALUE: %v, value %d", err, v.A)
				}
				if err := s.InvokeCommand(context.Background(), 1, op); err != nil || v.A != 42 {
					t.Fatalf("DEC_VALUE: %v, value %d", err, v.A)
				}
			})
		}
	}
}

// TestExampleHosts runs the example client programs against a daemon
// socket, as their doc comments show.
func TestExampleHosts(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	for _, dir := range []string{"./examples/hello_world/host", "./examples/hello_world_go/host"} {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			out, err := exec.Command("go", "run", dir, "-tee", "unix:"+tee.sock, "-value", "7").CombinedOutput()
			if err != nil || !strings.Contains(string(out), "TA incremented value to 8") {
				t.Fatalf("%s: %v\n%s", dir, err, out)
			}
		})
	}
}

// TestCompileCache: a TEE with a state directory keeps compiled TAs there,
// so the next start does not compile again.
func TestCompileCache(t *testing.T) {
	t.Parallel()
	state := t.TempDir()
	tee, err := veritee.Start(context.Background(), veritee.Options{TADirs: []string{taDir}, StateDir: state, DevKey: testta.DevKey()})
	if err != nil {
		t.Fatal(err)
	}
	defer tee.Close(context.Background())
	c, err := teec.InitializeContext(tee.Name())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Finalize()
	s := open(t, c, abi.MustParseUUID(testta.HelloWorldC))
	s.Close()
	var files int
	filepath.WalkDir(filepath.Join(state, "cache"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return nil
	})
	if files == 0 {
		t.Fatal("no compiled code in the state directory's cache")
	}
}
