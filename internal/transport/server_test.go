package transport

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

func frameBytes(t testing.TB, m *wire.Msg) []byte {
	b, err := wire.Append(nil, m, wire.DefaultMaxFrame)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readReply(t *testing.T, c net.Conn) (wire.Msg, error) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var hdr [wire.HeaderSize]byte
	h, body, err := wire.ReadFrame(bufio.NewReader(c), &hdr)
	if err != nil {
		return wire.Msg{}, err
	}
	var m wire.Msg
	return m, wire.Decode(h, body, &m)
}

func TestMalformedFrames(t *testing.T) {
	t.Parallel()
	hello := frameBytes(t, &wire.Msg{Type: wire.TypeHello, ID: 1, Versions: []uint32{wire.Version}})
	header := func(n uint32, typ byte, id uint64) []byte {
		b := binary.LittleEndian.AppendUint32(nil, n)
		b = append(b, typ, 0, 0, 0)
		return binary.LittleEndian.AppendUint64(b, id)
	}
	badType := frameBytes(t, &wire.Msg{Type: wire.TypeInvoke, ID: 5})
	badType[wire.HeaderSize+8] = 4 // parameter 0 type 4
	tests := []struct {
		name   string
		frames []byte
		want   abi.Result // ERROR reply for id 5, 0 for none
		closed bool       // the daemon ends the connection
	}{
		{"no hello", frameBytes(t, &wire.Msg{Type: wire.TypeInvoke, ID: 5}), abi.ErrBadState, true},
		{"unknown type", append(hello, header(0, 0x42, 5)...), abi.ErrBadFormat, false},
		{"reply type", append(hello, frameBytes(t, &wire.Msg{Type: wire.TypeCloseSessionReply, ID: 5})...), abi.ErrBadFormat, false},
		{"bad param type", append(hello, badType...), abi.ErrBadParameters, false},
		{"short body", append(hello, append(header(3, byte(wire.TypeInvoke), 5), 1, 2, 3)...), abi.ErrBadFormat, false},
		{"oversized", append(hello, header(0xFFFFFFF0, byte(wire.TypeInvoke), 5)...), abi.ErrCommunication, true},
		{"reserved", append(hello, func() []byte { h := header(0, byte(wire.TypeInvoke), 5); h[6] = 1; return h }()...), abi.ErrBadFormat, true},
		{"truncated", append(hello, header(100, byte(wire.TypeInvoke), 5)[:10]...), 0, true},
		// A CANCEL gets no reply, not even to a malformed one; id 5 is
		// then answered as an unknown type.
		{"cancel unknown flag", append(append(hello, append(header(12, byte(wire.TypeCancel), 4), 5, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0)...), header(0, 0x42, 5)...), abi.ErrBadFormat, false},
		{"old version", frameBytes(t, &wire.Msg{Type: wire.TypeHello, ID: 5, Versions: []uint32{99}}), abi.ErrNotSupported, true},
	}
	ts := startServer(t, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := ts.raw(t)
			if _, err := c.Write(tt.frames); err != nil {
				t.Fatal(err)
			}
			if tt.name == "truncated" {
				c.CloseWrite()
			}
			br := bufio.NewReader(c)
			var hdr [wire.HeaderSize]byte
			var got *wire.Msg
			for {
				c.SetReadDeadline(time.Now().Add(5 * time.Second))
				h, body, err := wire.ReadFrame(br, &hdr)
				if err != nil {
					break
				}
				var m wire.Msg
				if err := wire.Decode(h, body, &m); err != nil {
					t.Fatal(err)
				}
				if m.ID == 5 {
					got = &m
					break
				}
			}
			if tt.want == 0 {
				if got != nil {
					t.Fatalf("unexpected reply %+v", got)
				}
			} else if got == nil || got.Ret.Code != tt.want || got.Ret.Origin != abi.OriginComms {
				t.Fatalf("reply %+v, want %v", got, tt.want)
			}
			c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
			_, err := br.ReadByte()
			var ne net.Error
			timeout := errors.As(err, &ne) && ne.Timeout()
			if tt.closed != (err != nil && !timeout) {
				t.Fatalf("connection closed = %v (%v)", err != nil, err)
			}
		})
	}
	// A well-behaved client still works.
	t.Cleanup(func() {
		cc, err := Dial(context.Background(), ts.path)
		if err != nil {
			t.Error(err)
			return
		}
		defer cc.Close()
		if ret := cc.Invoke(context.Background(), &teeconn.InvokeRequest{}); !ret.OK() {
			t.Error(ret)
		}
	})
}

func TestListen(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "sub")
	path := filepath.Join(dir, "tee.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("directory: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o666 {
		t.Fatalf("socket: %v %v", fi.Mode(), err)
	}
	if _, err := Listen(path); err == nil || !strings.Contains(err.Error(), "another veritee daemon is already serving "+path) {
		t.Fatalf("second Listen: %v", err)
	}
	ln.Close()

	// A stale socket, as a crashed daemon leaves it.
	stale, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	stale.SetUnlinkOnClose(false)
	stale.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatal("stale socket vanished")
	}
	ln, err = Listen(path)
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	ln.Close()

	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o600)
	if _, err := Listen(file); err == nil {
		t.Fatal("Listen replaced a regular file")
	}
}

func TestSocketPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env  map[string]string
		euid int
		want string
	}{
		{map[string]string{EnvSocket: "/x/s", "XDG_RUNTIME_DIR": "/r"}, 0, "/x/s"},
		{map[string]string{"XDG_RUNTIME_DIR": "/r"}, 0, SystemSocketPath},
		{map[string]string{"XDG_RUNTIME_DIR": "/run/user/1000"}, 1000, "/run/user/1000/veritee/tee.sock"},
		{map[string]string{}, 1000, filepath.Join(os.TempDir(), "veritee-1000", "tee.sock")},
	}
	for _, tt := range tests {
		if got := socketPath(func(k string) string { return tt.env[k] }, tt.euid); got != tt.want {
			t.Errorf("socketPath(%v, %d) = %s, want %s", tt.env, tt.euid, got, tt.want)
		}
	}
}

// TestHammer: 64 goroutines share one ClientConn.
func TestHammer(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	cc, _ := ts.dial(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 64)
			for i := range 200 {
				req := &teeconn.InvokeRequest{Cmd: cmdEcho}
				req.Params[0] = teeconn.Param{Type: abi.ParamValueInout, A: uint32(g), B: uint32(i)}
				req.Params[1] = teeconn.Param{Type: abi.ParamMemrefInout, Mem: buf, Size: uint64(len(buf))}
				buf[0] = byte(i)
				if ret := cc.Invoke(context.Background(), req); !ret.OK() {
					errs <- errors.New(ret.Code.String())
					return
				}
				if req.Params[0].A != uint32(g)+1 || req.Params[0].B != uint32(i)+1 || buf[0] != ^byte(i) {
					errs <- errors.New("crossed replies")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestDisconnectLogging: a client that closes its connection between frames
// is logged at Debug; one that breaks the protocol at Warn.
func TestDisconnectLogging(t *testing.T) {
	t.Parallel()
	hello := frameBytes(t, &wire.Msg{Type: wire.TypeHello, ID: 1, Versions: []uint32{wire.Version}})
	invoke := frameBytes(t, &wire.Msg{Type: wire.TypeInvoke, ID: 2})
	tests := []struct {
		name     string
		frames   []byte
		unread   bool // close with the reply unread (the daemon sees a reset)
		wantWarn bool
	}{
		{"close after hello", hello, false, false},
		{"close after invoke", append(hello, invoke...), false, false},
		{"close with unread reply", append(hello, invoke...), true, false},
		{"cut header", append(hello, invoke[:7]...), false, true},
		{"cut body", append(hello, invoke[:30]...), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var log lockedBuffer
			ts := startServer(t, func(s *Server) {
				s.Logger = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
			})
			c := ts.raw(t)
			if _, err := c.Write(tt.frames); err != nil {
				t.Fatal(err)
			}
			// Exactly the HELLO reply, leaving any other in the socket.
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			if _, err := io.ReadFull(c, make([]byte, wire.HeaderSize+20)); err != nil {
				t.Fatal(err)
			}
			if tt.unread {
				waitFor(t, "the reply", func() bool { n, _ := unix.IoctlGetInt(fd(t, c), unix.SIOCINQ); return n > 0 })
			}
			c.Close()
			waitFor(t, "the disconnection", func() bool { return strings.Contains(log.String(), "client disconnected") })
			if got := strings.Contains(log.String(), "level=WARN"); got != tt.wantWarn {
				t.Fatalf("warned = %v, want %v; log:\n%s", got, tt.wantWarn, log.String())
			}
		})
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func fd(t *testing.T, c *net.UnixConn) int {
	t.Helper()
	rc, err := c.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	rc.Control(func(f uintptr) { n = int(f) })
	return n
}

// TestGoroutinesReturn checks that a served and closed connection, and a
// stopped server, leave no goroutine behind. It does not run in parallel.
func TestGoroutinesReturn(t *testing.T) {
	base := runtime.NumGoroutine()
	func() {
		ts := startServer(t, nil)
		for range 3 {
			cc, err := Dial(context.Background(), ts.path)
			if err != nil {
				t.Fatal(err)
			}
			cc.Invoke(context.Background(), &teeconn.InvokeRequest{})
			cc.Close()
		}
		cc, err := Dial(context.Background(), ts.path)
		if err != nil {
			t.Fatal(err)
		}
		go cc.Invoke(context.Background(), &teeconn.InvokeRequest{Cmd: cmdSlow})
		time.Sleep(20 * time.Millisecond)
		ts.stop()
		cc.Close()
	}()
	waitFor(t, "goroutines back to baseline", func() bool { return runtime.NumGoroutine() <= base })
}
