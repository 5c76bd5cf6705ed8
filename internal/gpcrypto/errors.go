package gpcrypto

import (
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Error is a GP result other than success, with context. errors.Is matches
// it against the sentinels below (or any *Error with the same code).
type Error struct {
	Code   abi.Result
	Needed int    // for ERROR_SHORT_BUFFER: the size the output needs
	Msg    string // context; may be empty
}

func (e *Error) Error() string {
	s := "gpcrypto: " + e.Code.String()
	if e.Code == abi.ErrShortBuffer {
		s += fmt.Sprintf(" (%d bytes needed)", e.Needed)
	}
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	return s
}

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinels for errors.Is.
var (
	ErrShortBuffer       = &Error{Code: abi.ErrShortBuffer}
	ErrBadParameters     = &Error{Code: abi.ErrBadParameters}
	ErrNotSupported      = &Error{Code: abi.ErrNotSupported}
	ErrMACInvalid        = &Error{Code: abi.ErrMACInvalid}
	ErrSignatureInvalid  = &Error{Code: abi.ErrSignatureInvalid}
	ErrItemNotFound      = &Error{Code: abi.ErrItemNotFound}
	ErrBadState          = &Error{Code: abi.ErrBadState}
	ErrCiphertextInvalid = &Error{Code: abi.ErrCiphertextInvalid}
	ErrGeneric           = &Error{Code: abi.ErrGeneric}
)

func newErr(code abi.Result, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

func shortBuffer(needed int) *Error { return &Error{Code: abi.ErrShortBuffer, Needed: needed} }

// ResultOf returns the GP result of err: Success for nil, the code of an
// *Error, ERROR_GENERIC otherwise. A *Panic has no result; ResultOf returns
// ERROR_GENERIC for it and the caller is expected to test IsPanic first.
func ResultOf(err error) abi.Result {
	if err == nil {
		return abi.Success
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return abi.ErrGeneric
}

// NeededSize returns the output size a SHORT_BUFFER error asked for.
func NeededSize(err error) (int, bool) {
	var e *Error
	if errors.As(err, &e) && e.Code == abi.ErrShortBuffer {
		return e.Needed, true
	}
	return 0, false
}

// Panic is returned wherever GPD_SPE_010 says the implementation panics:
// the TA misused the API (an operation in the wrong state or mode, a key of
// the wrong type or size, an update before init, an object that is not
// initialised, ...). The system-call layer kills the TA instance on it.
type Panic struct {
	Func    string // the GP function, e.g. "TEE_CipherUpdate"
	Section string // the GPD_SPE_010 section that prescribes the panic
	Reason  string
}

func (p *Panic) Error() string {
	return fmt.Sprintf("gpcrypto: %s panics: %s (GPD_SPE_010 %s)", p.Func, p.Reason, p.Section)
}

// IsPanic reports whether err is (or wraps) a *Panic.
func IsPanic(err error) bool {
	var p *Panic
	return errors.As(err, &p)
}

func panicf(fn, section, format string, args ...any) *Panic {
	return &Panic{Func: fn, Section: section, Reason: fmt.Sprintf(format, args...)}
}
