package wire

import (
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Error is a failure to encode or decode a frame. Code is the GP result it
// maps to: ErrBadFormat for a malformed frame, ErrBadParameters for a
// parameter GP does not define, ErrCommunication for a frame that breaks the
// stream (too large, cut short), ErrExcessData for a message too large to
// encode.
type Error struct {
	Code   abi.Result
	Reason string
}

func (e *Error) Error() string {
	if e.Reason == "" {
		return "wire: " + e.Code.String()
	}
	return "wire: " + e.Reason + " (" + e.Code.String() + ")"
}

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, wire.ErrBadFormat) holds for every malformed frame.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinel errors, one per code this package returns.
var (
	ErrBadFormat     = &Error{Code: abi.ErrBadFormat}
	ErrBadParameters = &Error{Code: abi.ErrBadParameters}
	ErrCommunication = &Error{Code: abi.ErrCommunication}
	ErrExcessData    = &Error{Code: abi.ErrExcessData}
)

func errf(code abi.Result, format string, args ...any) *Error {
	return &Error{Code: code, Reason: fmt.Sprintf(format, args...)}
}

// Code returns the GP result err maps to: its own code when err is or wraps
// an *Error, ErrCommunication otherwise (a broken stream).
func Code(err error) abi.Result {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return abi.ErrCommunication
}
