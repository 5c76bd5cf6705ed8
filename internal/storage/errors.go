package storage

import (
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/reefs"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

// Error is a GP result other than success, with context. errors.Is
// matches it against the sentinels (or any *Error with the same code).
type Error struct {
	Code   abi.Result
	Needed int   // for ERROR_SHORT_BUFFER: the size needed
	Err    error // the cause; may be nil
}

func (e *Error) Error() string {
	s := "storage: " + e.Code.String()
	if e.Code == abi.ErrShortBuffer {
		s += fmt.Sprintf(" (%d bytes needed)", e.Needed)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinels for errors.Is.
var (
	ErrItemNotFound        = &Error{Code: abi.ErrItemNotFound}
	ErrAccessConflict      = &Error{Code: abi.ErrAccessConflict}
	ErrCorruptObject       = &Error{Code: abi.ErrCorruptObject}
	ErrStorageNoSpace      = &Error{Code: abi.ErrStorageNoSpace}
	ErrStorageNotAvailable = &Error{Code: abi.ErrStorageNotAvailable}
	ErrOverflow            = &Error{Code: abi.ErrOverflow}
	ErrShortBuffer         = &Error{Code: abi.ErrShortBuffer}
	ErrBadParameters       = &Error{Code: abi.ErrBadParameters}
)

// ResultOf returns the GP result of err: Success for nil, the code of an
// *Error, ERROR_GENERIC otherwise.
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

// NeededSize returns the size a SHORT_BUFFER error asked for.
func NeededSize(err error) (int, bool) {
	var e *Error
	if errors.As(err, &e) && e.Code == abi.ErrShortBuffer {
		return e.Needed, true
	}
	return 0, false
}

func result(code abi.Result, err error) error { return &Error{Code: code, Err: err} }

// mapErr turns an engine error into a GP result.
func mapErr(err error) error {
	var e *Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		return err
	case errors.Is(err, reefs.ErrNotFound):
		return result(abi.ErrItemNotFound, err)
	case errors.Is(err, reefs.ErrExists):
		return result(abi.ErrAccessConflict, err)
	case errors.Is(err, reefs.ErrCorrupt):
		return result(abi.ErrCorruptObject, err)
	case errors.Is(err, reefs.ErrNoSpace), errors.Is(err, rpmb.ErrNoSpace):
		return result(abi.ErrStorageNoSpace, err)
	}
	return result(abi.ErrStorageNotAvailable, err)
}
