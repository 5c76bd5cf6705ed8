package teec

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// causeError wraps a Go error from a lower layer in an *Error. A code the
// error already carries (an *Error, a transport error or a Result in
// its chain) is kept; otherwise the result is def with origin origin.
func causeError(op string, err error, def Result, origin ReturnOrigin) *Error {
	var e *Error
	if errors.As(err, &e) {
		return &Error{Op: op, Result: e.Result, Origin: e.Origin, Err: err}
	}
	if ret, ok := transportRet(err); ok {
		return &Error{Op: op, Result: Result(ret.Code), Origin: ReturnOrigin(ret.Origin), Err: err}
	}
	var r Result
	if errors.As(err, &r) {
		return &Error{Op: op, Result: r, Origin: origin, Err: err}
	}
	if errors.Is(err, fs.ErrPermission) {
		return &Error{Op: op, Result: ErrAccessDenied, Origin: origin, Err: err}
	}
	return &Error{Op: op, Result: def, Origin: origin, Err: err}
}

// dialError maps a failure to reach the daemon socket: nobody listening is
// ErrItemNotFound, as OP-TEE's libteec reports a missing TEE device.
func dialError(op, path string, err error) *Error {
	err = fmt.Errorf("dial %s: %w", path, err)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENOENT) {
		return &Error{Op: op, Result: ErrItemNotFound, Origin: OriginComms, Err: err}
	}
	if errors.Is(err, fs.ErrPermission) {
		return &Error{Op: op, Result: ErrAccessDenied, Origin: OriginComms, Err: err}
	}
	return causeError(op, err, ErrCommunication, OriginComms)
}
