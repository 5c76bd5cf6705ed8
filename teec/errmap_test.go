package teec

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/transport"
)

func TestCauseError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		r      Result
		origin ReturnOrigin
	}{
		{"ours", fmt.Errorf("x: %w", &Error{Result: ErrBusy, Origin: OriginTEE}), ErrBusy, OriginTEE},
		{"transport", &transport.Error{Op: "alloc", Ret: abi.Ret{Code: abi.ErrOutOfMemory, Origin: abi.OriginTEE}}, ErrOutOfMemory, OriginTEE},
		{"transport without code", &transport.Error{Op: "alloc"}, ErrGeneric, OriginComms},
		{"result", fmt.Errorf("x: %w", ErrNoData), ErrNoData, OriginComms},
		{"permission", fs.ErrPermission, ErrAccessDenied, OriginComms},
		{"other", errors.New("boom"), ErrGeneric, OriginComms},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := causeError("Op", tc.err, ErrGeneric, OriginComms)
			if e.Result != tc.r || e.Origin != tc.origin || !errors.Is(e, tc.err) {
				t.Errorf("causeError = %v; want %v origin %v wrapping the cause", e, tc.r, tc.origin)
			}
		})
	}
}

func TestDialError(t *testing.T) {
	t.Parallel()
	commsErr := &transport.Error{Op: "dial", Ret: abi.Ret{Code: abi.ErrCommunication, Origin: abi.OriginComms}}
	tests := []struct {
		name string
		err  error
		r    Result
	}{
		{"no socket", fmt.Errorf("dial: %w", syscall.ENOENT), ErrItemNotFound},
		{"refused", &transport.Error{Op: "dial", Ret: commsErr.Ret, Err: syscall.ECONNREFUSED}, ErrItemNotFound},
		{"permission", &transport.Error{Op: "dial", Ret: commsErr.Ret, Err: syscall.EACCES}, ErrAccessDenied},
		{"handshake", commsErr, ErrCommunication},
		{"version", &transport.Error{Op: "dial", Ret: abi.Ret{Code: abi.ErrNotSupported, Origin: abi.OriginComms}}, ErrNotSupported},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := dialError("InitializeContext", "/x", tc.err)
			if e.Result != tc.r || e.Origin != OriginComms || !errors.Is(e, tc.err) {
				t.Errorf("dialError = %v; want %v origin COMMS", e, tc.r)
			}
		})
	}
}
