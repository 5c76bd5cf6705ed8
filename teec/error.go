package teec

import (
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Error is a failed TEE Client API call: the GP result code, the layer it
// came from, and, when known, the Go error underneath (a context error, a
// transport error, or a description of what the API rejected).
//
// Error wraps both Result and Err, so errors.Is(err, ErrItemNotFound) and
// errors.Is(err, context.Canceled) both work through it.
type Error struct {
	Op     string       // the API function, e.g. "InvokeCommand"
	Result Result       // the TEEC_Result
	Origin ReturnOrigin // the returnOrigin
	Err    error        // the cause, may be nil
}

// Error describes e as "teec: Op: RESULT (origin ORIGIN): cause".
func (e *Error) Error() string {
	s := fmt.Sprintf("teec: %s: %v (origin %v)", e.Op, e.Result, e.Origin)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the Result and, when set, Err.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Result}
	}
	return []error{e.Result, e.Err}
}

// ResultOf returns the GP result code and origin of err, the two values a C
// client gets from a TEEC_* call. For nil it returns Success with origin
// TRUSTED_APP, as OP-TEE reports a successful call; for an error carrying an
// *Error, its fields; for a bare Result, that code with origin API; for any
// other error, ErrGeneric with origin API.
func ResultOf(err error) (Result, ReturnOrigin) {
	if err == nil {
		return Success, OriginTrustedApp
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Result, e.Origin
	}
	var r Result
	if errors.As(err, &r) {
		return r, OriginAPI
	}
	return ErrGeneric, OriginAPI
}

// apiError returns an *Error with origin API, the result of a check this
// package makes before anything reaches the TEE.
func apiError(op string, r Result, format string, args ...any) *Error {
	return &Error{Op: op, Result: r, Origin: OriginAPI, Err: fmt.Errorf(format, args...)}
}

// retError turns what a Conn returned into nil or an *Error with the exact
// code and origin; cause (a context error) is attached when non-nil.
func retError(op string, ret abi.Ret, cause error) error {
	if ret.OK() {
		return nil
	}
	return &Error{Op: op, Result: Result(ret.Code), Origin: ReturnOrigin(ret.Origin), Err: cause}
}
