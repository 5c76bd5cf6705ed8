package libteec_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/wire"
)

// TestBogusDaemon runs two null invokes of the C library (plain and with
// the sanitizers) against a fake
// daemon that answers the first with a malformed or unusual reply. A reply
// that breaks the protocol must fail the call and every later one with
// TEEC_ERROR_COMMUNICATION (origin COMMS), never crash or hang the client;
// an ERROR reply is passed through; a reply to no request is dropped.
func TestBogusDaemon(t *testing.T) {
	t.Parallel()
	_, prog := plain.get(t, "plain", "")
	_, asanProg := asan.get(t, "asan", sanitize)
	const comms = "0xffff000e 2\n0xffff000e 2\n"
	good := func(id uint64) []byte { return frame(t, &wire.Msg{Type: wire.TypeInvokeReply, ID: id}) }
	for _, tc := range []struct {
		name  string
		reply func(id uint64) []byte // nil: close the connection
		want  string
	}{
		{"valid", good, "0x00000000 0\n0x00000000 0\n"},
		{"error reply", func(id uint64) []byte {
			return frame(t, &wire.Msg{Type: wire.TypeErrorReply, ID: id, Ret: abi.Ret{Code: abi.ErrBusy, Origin: abi.OriginComms}})
		}, "0xffff000d 2\n0x00000000 0\n"},
		{"error reply with success", func(id uint64) []byte {
			return frame(t, &wire.Msg{Type: wire.TypeErrorReply, ID: id})
		}, comms},
		{"reply to another request first", func(id uint64) []byte {
			return append(good(id+1000), good(id)...)
		}, "0x00000000 0\n0x00000000 0\n"},
		{"wrong reply type", func(id uint64) []byte {
			return frame(t, &wire.Msg{Type: wire.TypeCloseSessionReply, ID: id})
		}, comms},
		{"request type", func(id uint64) []byte {
			return frame(t, &wire.Msg{Type: wire.TypeCloseSession, ID: id, Session: 1})
		}, comms},
		{"short body", func(id uint64) []byte { return cut(good(id), 100) }, comms},
		{"trailing bytes", func(id uint64) []byte { return grow(good(id), 3) }, comms},
		{"reserved header byte", func(id uint64) []byte { b := good(id); b[6] = 1; return b }, comms},
		{"frame over the limit", func(id uint64) []byte { b := good(id); binary.LittleEndian.PutUint32(b, 0xFFFFFFF0); return b }, comms},
		{"parameter type changed", func(id uint64) []byte {
			m := &wire.Msg{Type: wire.TypeInvokeReply, ID: id}
			m.Params[0] = wire.Param{Type: abi.ParamValueOutput, A: 7}
			return frame(t, m)
		}, comms},
		{"undefined parameter type", func(id uint64) []byte {
			b := good(id)
			b[wire.HeaderSize+8] = 4 // descriptor 0's type
			return b
		}, comms},
		{"inline bytes beyond the frame", func(id uint64) []byte {
			b := good(id)
			binary.LittleEndian.PutUint64(b[wire.HeaderSize+8+32:], 1<<40)
			return b
		}, comms},
		{"cut mid-frame, then closed", func(id uint64) []byte { return append(good(id)[:20], closeMark...) }, comms},
		{"closed", nil, comms},
	} {
		for _, p := range []string{prog, asanProg} {
			t.Run(tc.name+"/"+filepath.Base(filepath.Dir(p)), func(t *testing.T) {
				t.Parallel()
				sock := fakeDaemon(t, tc.reply)
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				tee := &testTEE{sock: sock}
				out, err := tee.command(ctx, p, "bogus").CombinedOutput()
				if err != nil || string(out) != tc.want+"ok\n" {
					t.Errorf("got %v\n%s\nwant\n%sok", err, out, tc.want)
				}
			})
		}
	}
}

// frame encodes m.
func frame(t *testing.T, m *wire.Msg) []byte {
	b, err := wire.Append(nil, m, wire.DefaultMaxFrame)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cut shortens a frame's body to n bytes, keeping it consistent.
func cut(b []byte, n int) []byte {
	b = b[:wire.HeaderSize+n]
	binary.LittleEndian.PutUint32(b, uint32(n))
	return b
}

// grow appends n zero bytes to a frame's body.
func grow(b []byte, n int) []byte {
	b = append(b, make([]byte, n)...)
	binary.LittleEndian.PutUint32(b, binary.LittleEndian.Uint32(b)+uint32(n))
	return b
}

// fakeDaemon serves one client: it answers HELLO properly, then each
// INVOKE with reply(id) (nil: closes the connection after the first), and
// later ones properly. It returns the socket's path.
func fakeDaemon(t *testing.T, reply func(id uint64) []byte) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "vtb")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "s")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		var hdr [wire.HeaderSize]byte
		for n := 0; ; n++ {
			h, _, err := wire.ReadFrame(r, &hdr)
			if err != nil {
				return
			}
			var out []byte
			switch {
			case h.Type == wire.TypeHello:
				out, _ = wire.Append(nil, &wire.Msg{Type: wire.TypeHelloReply, ID: h.ID, Version: wire.Version,
					MaxFrame: wire.DefaultMaxFrame, MaxInflight: 256}, wire.DefaultMaxFrame)
			case h.Type == wire.TypeInvoke && n == 1:
				if reply == nil {
					return
				}
				out = reply(h.ID)
				if rest, ok := bytes.CutSuffix(out, closeMark); ok {
					c.Write(rest)
					return
				}
			case h.Type == wire.TypeInvoke:
				out, _ = wire.Append(nil, &wire.Msg{Type: wire.TypeInvokeReply, ID: h.ID}, wire.DefaultMaxFrame)
			default:
				continue
			}
			if _, err := c.Write(out); err != nil {
				return
			}
		}
	}()
	return path
}

// closeMark at the end of a reply makes fakeDaemon close the connection
// after writing the rest.
var closeMark = []byte("\x00close")
