package ta

import "github.com/veritee/veritee/internal/abi"

// Result is a TEE_Result (GPD_SPE_010 §3.3). It implements error so that
// entry points and SDK functions can return it directly; Success is never
// returned as a non-nil error by this package.
type Result uint32

// GP result codes (GPD_SPE_010 §3.3, Table 3-3 and the API sections).
const (
	Success                 = Result(abi.Success)
	ErrCorruptObject        = Result(abi.ErrCorruptObject)
	ErrCorruptObject2       = Result(abi.ErrCorruptObject2)
	ErrStorageNotAvailable  = Result(abi.ErrStorageNotAvailable)
	ErrStorageNotAvailable2 = Result(abi.ErrStorageNotAvailable2)
	ErrUnsupportedVersion   = Result(abi.ErrUnsupportedVersion)
	ErrCiphertextInvalid    = Result(abi.ErrCiphertextInvalid)
	ErrGeneric              = Result(abi.ErrGeneric)
	ErrAccessDenied         = Result(abi.ErrAccessDenied)
	ErrCancel               = Result(abi.ErrCancel)
	ErrAccessConflict       = Result(abi.ErrAccessConflict)
	ErrExcessData           = Result(abi.ErrExcessData)
	ErrBadFormat            = Result(abi.ErrBadFormat)
	ErrBadParameters        = Result(abi.ErrBadParameters)
	ErrBadState             = Result(abi.ErrBadState)
	ErrItemNotFound         = Result(abi.ErrItemNotFound)
	ErrNotImplemented       = Result(abi.ErrNotImplemented)
	ErrNotSupported         = Result(abi.ErrNotSupported)
	ErrNoData               = Result(abi.ErrNoData)
	ErrOutOfMemory          = Result(abi.ErrOutOfMemory)
	ErrBusy                 = Result(abi.ErrBusy)
	ErrCommunication        = Result(abi.ErrCommunication)
	ErrSecurity             = Result(abi.ErrSecurity)
	ErrShortBuffer          = Result(abi.ErrShortBuffer)
	ErrExternalCancel       = Result(abi.ErrExternalCancel)
	ErrTimeout              = Result(abi.ErrTimeout)
	ErrOverflow             = Result(abi.ErrOverflow)
	ErrTargetDead           = Result(abi.ErrTargetDead)
	ErrStorageNoSpace       = Result(abi.ErrStorageNoSpace)
	ErrMACInvalid           = Result(abi.ErrMACInvalid)
	ErrSignatureInvalid     = Result(abi.ErrSignatureInvalid)
	ErrTimeNotSet           = Result(abi.ErrTimeNotSet)
	ErrTimeNeedsReset       = Result(abi.ErrTimeNeedsReset)
)

// Error returns the GP name of r, for example "TEE_ERROR_ITEM_NOT_FOUND".
func (r Result) Error() string { return "TEE_" + abi.Result(r).String() }

// String is Error; it makes %v and %s print the GP name.
func (r Result) String() string { return r.Error() }

// Is reports whether target is the same Result, so errors.Is works through
// wrapping.
func (r Result) Is(target error) bool {
	t, ok := target.(Result)
	return ok && t == r
}

// err turns a system-call result into an error: nil for Success.
func (r Result) err() error {
	if r == Success {
		return nil
	}
	return r
}
