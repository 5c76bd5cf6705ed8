package transport

import (
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Error is a transport failure reported as an error rather than an abi.Ret:
// by Dial, AllocateSharedMemory and ReleaseSharedMemory. Ret is the GP
// result and origin it stands for, so a client library can hand it to the
// application unchanged.
type Error struct {
	Op  string
	Ret abi.Ret
	Err error // the underlying cause, may be nil
}

func (e *Error) Error() string {
	s := "transport: " + e.Op + ": " + e.Ret.Code.String() + " (origin " + e.Ret.Origin.String() + ")"
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func newError(op string, ret abi.Ret, format string, args ...any) *Error {
	var err error
	if format != "" {
		err = fmt.Errorf(format, args...)
	}
	return &Error{Op: op, Ret: ret, Err: err}
}

var (
	retComms       = abi.Ret{Code: abi.ErrCommunication, Origin: abi.OriginComms}
	retCancelComms = abi.Ret{Code: abi.ErrCancel, Origin: abi.OriginComms}
)

var retBadParamsComms = abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginComms}
