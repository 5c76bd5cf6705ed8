package teec

import (
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Result is a TEEC_Result (GPD_SPE_007 §4.4.2). Each code is itself an
// error, so a code can be compared with errors.Is through any wrapping; the
// functions of this package return an *Error that wraps the code with its
// origin.
type Result uint32

// The result codes, numbered exactly as GPD_SPE_007 §4.4.2 and GPD_SPE_010
// §3.3 (and internal/abi) number them. The codes from ErrCorruptObject to
// ErrCiphertextInvalid and from ErrTimeout on are Internal Core API codes
// that a TA may return to its client.
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

// Error returns the GP name of r with the TEEC_ prefix, for example
// "TEEC_ERROR_ITEM_NOT_FOUND", or "TEEC_Result(0x12345678)" for a code GP
// does not name (a TA may return any value).
func (r Result) Error() string {
	if n := abi.Result(r).Name(); n != "" {
		return "TEEC_" + n
	}
	return fmt.Sprintf("TEEC_Result(0x%08x)", uint32(r))
}

// String is Error: the GP name of r.
func (r Result) String() string { return r.Error() }

// ReturnOrigin says which layer produced a Result (GPD_SPE_007 §4.4.3).
type ReturnOrigin uint32

// The return origins (TEEC_ORIGIN_*).
const (
	OriginAPI        = ReturnOrigin(abi.OriginAPI)        // this package
	OriginComms      = ReturnOrigin(abi.OriginComms)      // the transport to the TEE
	OriginTEE        = ReturnOrigin(abi.OriginTEE)        // the TEE core
	OriginTrustedApp = ReturnOrigin(abi.OriginTrustedApp) // the Trusted Application
)

// String returns the GP name of o, for example "TEEC_ORIGIN_TRUSTED_APP".
func (o ReturnOrigin) String() string {
	switch o {
	case OriginAPI, OriginComms, OriginTEE, OriginTrustedApp:
		return "TEEC_ORIGIN_" + abi.Origin(o).String()
	}
	return fmt.Sprintf("TEEC_ORIGIN(0x%x)", uint32(o))
}
