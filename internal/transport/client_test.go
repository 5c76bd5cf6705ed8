package transport

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

var testUUID = abi.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51b")

func TestSessionLifecycle(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	cc, core := ts.dial(t)
	ctx := context.Background()

	open := &teeconn.OpenRequest{UUID: testUUID, Login: abi.LoginUser}
	open.Params[0] = teeconn.Param{Type: abi.ParamValueInout, A: 1, B: 2}
	s, ret := cc.OpenSession(ctx, open)
	if !ret.OK() || s == 0 {
		t.Fatalf("OpenSession = %d, %v", s, ret)
	}
	if open.Params[0].A != 2 || open.Params[0].B != 3 {
		t.Fatalf("open params not updated: %+v", open.Params[0])
	}
	if _, ret := cc.OpenSession(ctx, &teeconn.OpenRequest{UUID: testUUID, Login: abi.LoginGroup}); ret != abi.TEE(abi.ErrNotSupported) {
		t.Fatalf("GROUP login = %v", ret)
	}

	in := []byte("input")
	inout := []byte{1, 2, 3}
	out := make([]byte, 8)
	req := &teeconn.InvokeRequest{Session: s, Cmd: cmdEcho}
	req.Params[0] = teeconn.Param{Type: abi.ParamMemrefInput, Mem: in, Size: uint64(len(in))}
	req.Params[1] = teeconn.Param{Type: abi.ParamMemrefInout, Mem: inout, Size: 3}
	req.Params[2] = teeconn.Param{Type: abi.ParamMemrefOutput, Mem: out, Size: 8}
	req.Params[3] = teeconn.Param{Type: abi.ParamMemrefOutput, Size: 5} // NULL: a size query
	if ret := cc.Invoke(ctx, req); !ret.OK() || ret.Origin != abi.OriginTrustedApp {
		t.Fatalf("Invoke = %v", ret)
	}
	if !bytes.Equal(inout, []byte{0xFE, 0xFD, 0xFC}) || req.Params[1].Size != 3 {
		t.Fatalf("inout = %x", inout)
	}
	if !bytes.Equal(out, []byte{0xAB, 0xAB, 0xAB, 0xAB, 0, 0, 0, 0}) || req.Params[2].Size != 4 {
		t.Fatalf("out = %x size %d", out, req.Params[2].Size)
	}
	if req.Params[3].Size != 77 || req.Params[3].Mem != nil {
		t.Fatalf("size query = %+v", req.Params[3])
	}

	short := &teeconn.InvokeRequest{Session: s, Cmd: cmdShort}
	buf := make([]byte, 4)
	short.Params[0] = teeconn.Param{Type: abi.ParamMemrefOutput, Mem: buf, Size: 4}
	if ret := cc.Invoke(ctx, short); ret.Code != abi.ErrShortBuffer || short.Params[0].Size != 14 {
		t.Fatalf("short = %v size %d", ret, short.Params[0].Size)
	}

	bad := &teeconn.InvokeRequest{Session: s}
	bad.Params[0] = teeconn.Param{Type: abi.ParamMemrefInput, Mem: buf, Size: 5}
	if ret := cc.Invoke(ctx, bad); ret != retBadParamsAPI {
		t.Fatalf("size beyond buffer = %v", ret)
	}

	if ret := cc.CloseSession(ctx, s); !ret.OK() {
		t.Fatalf("CloseSession = %v", ret)
	}
	if ret := cc.CloseSession(ctx, s); ret != abi.TEE(abi.ErrBadParameters) {
		t.Fatalf("second CloseSession = %v", ret)
	}
	cc.Close()
	if ret := cc.Invoke(ctx, &teeconn.InvokeRequest{}); ret != retComms {
		t.Fatalf("Invoke after Close = %v", ret)
	}
	waitFor(t, "core closed", core.closed.Load)
}

func TestIdentity(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	_, core := ts.dial(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := core.id
	if id.UID != uint32(os.Getuid()) || id.GID != uint32(os.Getgid()) || id.PID != int32(os.Getpid()) || id.Exe != exe {
		t.Fatalf("identity %+v, want uid %d gid %d pid %d exe %s", id, os.Getuid(), os.Getgid(), os.Getpid(), exe)
	}
	groups, _ := os.Getgroups()
	for _, g := range groups {
		if !slices.Contains(id.Groups, uint32(g)) {
			t.Fatalf("groups %v lack %d", id.Groups, g)
		}
	}
}

func TestOutOfOrder(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	cc, _ := ts.dial(t)
	slow := make(chan time.Time, 1)
	go func() {
		cc.Invoke(context.Background(), &teeconn.InvokeRequest{Cmd: cmdSlow})
		slow <- time.Now()
	}()
	time.Sleep(20 * time.Millisecond)
	if ret := cc.Invoke(context.Background(), &teeconn.InvokeRequest{Cmd: cmdNull}); !ret.OK() {
		t.Fatal(ret)
	}
	fast := time.Now()
	if s := <-slow; !s.After(fast) {
		t.Fatal("the fast invoke waited for the slow one")
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		before bool // flag set before the request is sent
		ctx    bool // cancel the ctx instead of the flag
		want   string
	}{
		{"flag before", true, false, "cancel"},
		{"flag during", false, false, "cancel"},
		{"ctx during", false, true, "cancel or ctx"}, // ABANDON sets both
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := startServer(t, nil)
			cc, core := ts.dial(t)
			ctx, cancelCtx := context.WithCancel(context.Background())
			defer cancelCtx()
			flag := teeconn.NewCancel()
			if tt.before {
				flag.Request()
			}
			done := make(chan abi.Ret, 1)
			go func() { done <- cc.Invoke(ctx, &teeconn.InvokeRequest{Cmd: cmdWait, Cancel: flag}) }()
			<-core.entered
			if !tt.before {
				if tt.ctx {
					cancelCtx()
				} else {
					flag.Request()
				}
			}
			if got := <-core.cancelled; !strings.Contains(tt.want, got) {
				t.Fatalf("core saw %q", got)
			}
			if ret := <-done; ret.Code != abi.ErrCancel {
				t.Fatalf("Invoke = %v", ret)
			}
		})
	}
}

// TestCancelAbandon checks what reaches the core on the daemon side: a
// CANCEL without flags (TEEC_RequestCancellation) sets only the operation's
// flag; a caller's context that ends sends CANCEL with ABANDON, which sets
// the flag and cancels the context of that operation, and of no other
// operation in flight on the connection.
func TestCancelAbandon(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		timeout bool // end the caller's ctx instead of setting the flag
		wantCtx bool // the daemon cancels the op's ctx
		wantRet abi.Ret
	}{
		{"request cancellation", false, false, abi.Ret{Code: abi.Success, Origin: abi.OriginTrustedApp}},
		{"ctx deadline", true, true, abi.Ret{Code: abi.ErrCancel}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := startServer(t, nil)
			cc, core := ts.dial(t)
			hold := func(ctx context.Context, tag uint32, flag *teeconn.Cancel, done chan<- abi.Ret) heldOp {
				req := &teeconn.InvokeRequest{Cmd: cmdHold, Cancel: flag}
				req.Params[0] = teeconn.Param{Type: abi.ParamValueInput, A: tag}
				go func() { done <- cc.Invoke(ctx, req) }()
				h := <-core.held
				if h.tag != tag {
					t.Fatalf("held op %d, want %d", h.tag, tag)
				}
				return h
			}
			// A bystander in flight on the same connection.
			otherDone := make(chan abi.Ret, 1)
			other := hold(context.Background(), 1, teeconn.NewCancel(), otherDone)

			ctx, cancel := context.WithCancel(context.Background())
			if tt.timeout {
				ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
			}
			defer cancel()
			flag := teeconn.NewCancel()
			done := make(chan abi.Ret, 1)
			h := hold(ctx, 2, flag, done)
			if !tt.timeout {
				flag.Request()
			}
			waitFor(t, "the daemon sets the flag", h.flag.Requested)
			// The daemon handles frames in order: once a later request is
			// answered, the CANCEL has been handled completely.
			if ret := cc.Invoke(context.Background(), &teeconn.InvokeRequest{Cmd: cmdNull}); !ret.OK() {
				t.Fatal(ret)
			}
			if got := h.ctx.Err() != nil; got != tt.wantCtx {
				t.Fatalf("op ctx cancelled = %v, want %v", got, tt.wantCtx)
			}
			if other.ctx.Err() != nil || other.flag.Requested() {
				t.Fatalf("the other op was cancelled too: ctx %v, flag %v", other.ctx.Err(), other.flag.Requested())
			}
			if !tt.wantCtx {
				close(h.release)
			}
			if ret := <-done; ret.Code != tt.wantRet.Code || (tt.wantRet.Origin != 0 && ret.Origin != tt.wantRet.Origin) {
				t.Fatalf("Invoke = %v, want %v", ret, tt.wantRet)
			}
			close(other.release)
			if ret := <-otherDone; !ret.OK() {
				t.Fatalf("other Invoke = %v", ret)
			}
		})
	}
}

// TestCancelGrace: a TA that ignores cancellation leaves the caller with
// TEE_ERROR_CANCEL from COMMS after CancelGrace.
func TestCancelGrace(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	cc, _ := ts.dial(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	ret := cc.Invoke(ctx, &teeconn.InvokeRequest{Cmd: cmdSlow})
	if ret != retCancelComms {
		t.Fatalf("Invoke = %v", ret)
	}
	if d := time.Since(start); d < CancelGrace || d > 140*time.Millisecond {
		t.Fatalf("returned after %v", d)
	}
	// The late reply is dropped and the connection still works.
	time.Sleep(100 * time.Millisecond)
	if ret := cc.Invoke(context.Background(), &teeconn.InvokeRequest{Cmd: cmdNull}); !ret.OK() {
		t.Fatal(ret)
	}
}

func TestDisconnectMidInvoke(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	cc, core := ts.dial(t)
	done := make(chan abi.Ret, 1)
	go func() { done <- cc.Invoke(context.Background(), &teeconn.InvokeRequest{Cmd: cmdWait}) }()
	<-core.entered
	cc.Close()
	if got := <-core.cancelled; got != "ctx" {
		t.Fatalf("core saw %q", got)
	}
	if ret := <-done; ret != retComms {
		t.Fatalf("Invoke = %v", ret)
	}
	waitFor(t, "core closed", core.closed.Load)
}

func TestDialNoDaemon(t *testing.T) {
	t.Parallel()
	_, err := Dial(context.Background(), filepath.Join(t.TempDir(), "none.sock"))
	var te *Error
	if !errors.As(err, &te) || te.Ret != retComms || !strings.Contains(err.Error(), "is the veritee daemon running? (veritee serve)") {
		t.Fatalf("err = %v", err)
	}
}

func TestBusy(t *testing.T) {
	t.Parallel()
	ts := startServer(t, func(s *Server) { s.MaxInflight = 1 })
	cc, core := ts.dial(t)
	flag := teeconn.NewCancel()
	done := make(chan abi.Ret, 1)
	go func() { done <- cc.Invoke(context.Background(), &teeconn.InvokeRequest{Cmd: cmdWait, Cancel: flag}) }()
	<-core.entered
	if ret := cc.Invoke(context.Background(), &teeconn.InvokeRequest{Cmd: cmdNull}); ret != (abi.Ret{Code: abi.ErrBusy, Origin: abi.OriginComms}) {
		t.Fatalf("second invoke = %v", ret)
	}
	flag.Request()
	<-done
}

func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
