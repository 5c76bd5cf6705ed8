package abi

import "fmt"

// Result is a GP return code, TEEC_Result on the client side and TEE_Result
// inside a TA. The two APIs number their codes identically (GPD_SPE_007 §4.4.2,
// GPD_SPE_010 §3.3).
type Result uint32

// GP result codes, as numbered by GP TEE Internal Core API v1.3.1 and
// TEE Client API v1.0.
const (
	Success                 Result = 0x00000000
	ErrCorruptObject        Result = 0xF0100001
	ErrCorruptObject2       Result = 0xF0100002
	ErrStorageNotAvailable  Result = 0xF0100003
	ErrStorageNotAvailable2 Result = 0xF0100004
	ErrUnsupportedVersion   Result = 0xF0100005
	ErrCiphertextInvalid    Result = 0xF0100006
	ErrGeneric              Result = 0xFFFF0000
	ErrAccessDenied         Result = 0xFFFF0001
	ErrCancel               Result = 0xFFFF0002
	ErrAccessConflict       Result = 0xFFFF0003
	ErrExcessData           Result = 0xFFFF0004
	ErrBadFormat            Result = 0xFFFF0005
	ErrBadParameters        Result = 0xFFFF0006
	ErrBadState             Result = 0xFFFF0007
	ErrItemNotFound         Result = 0xFFFF0008
	ErrNotImplemented       Result = 0xFFFF0009
	ErrNotSupported         Result = 0xFFFF000A
	ErrNoData               Result = 0xFFFF000B
	ErrOutOfMemory          Result = 0xFFFF000C
	ErrBusy                 Result = 0xFFFF000D
	ErrCommunication        Result = 0xFFFF000E
	ErrSecurity             Result = 0xFFFF000F
	ErrShortBuffer          Result = 0xFFFF0010
	ErrExternalCancel       Result = 0xFFFF0011
	ErrTimeout              Result = 0xFFFF3001
	ErrOverflow             Result = 0xFFFF300F
	ErrTargetDead           Result = 0xFFFF3024
	ErrStorageNoSpace       Result = 0xFFFF3041
	ErrMACInvalid           Result = 0xFFFF3071
	ErrSignatureInvalid     Result = 0xFFFF3072
	ErrTimeNotSet           Result = 0xFFFF5000
	ErrTimeNeedsReset       Result = 0xFFFF5001
)

var resultNames = map[Result]string{
	Success:                 "SUCCESS",
	ErrCorruptObject:        "ERROR_CORRUPT_OBJECT",
	ErrCorruptObject2:       "ERROR_CORRUPT_OBJECT_2",
	ErrStorageNotAvailable:  "ERROR_STORAGE_NOT_AVAILABLE",
	ErrStorageNotAvailable2: "ERROR_STORAGE_NOT_AVAILABLE_2",
	ErrUnsupportedVersion:   "ERROR_UNSUPPORTED_VERSION",
	ErrCiphertextInvalid:    "ERROR_CIPHERTEXT_INVALID",
	ErrGeneric:              "ERROR_GENERIC",
	ErrAccessDenied:         "ERROR_ACCESS_DENIED",
	ErrCancel:               "ERROR_CANCEL",
	ErrAccessConflict:       "ERROR_ACCESS_CONFLICT",
	ErrExcessData:           "ERROR_EXCESS_DATA",
	ErrBadFormat:            "ERROR_BAD_FORMAT",
	ErrBadParameters:        "ERROR_BAD_PARAMETERS",
	ErrBadState:             "ERROR_BAD_STATE",
	ErrItemNotFound:         "ERROR_ITEM_NOT_FOUND",
	ErrNotImplemented:       "ERROR_NOT_IMPLEMENTED",
	ErrNotSupported:         "ERROR_NOT_SUPPORTED",
	ErrNoData:               "ERROR_NO_DATA",
	ErrOutOfMemory:          "ERROR_OUT_OF_MEMORY",
	ErrBusy:                 "ERROR_BUSY",
	ErrCommunication:        "ERROR_COMMUNICATION",
	ErrSecurity:             "ERROR_SECURITY",
	ErrShortBuffer:          "ERROR_SHORT_BUFFER",
	ErrExternalCancel:       "ERROR_EXTERNAL_CANCEL",
	ErrTimeout:              "ERROR_TIMEOUT",
	ErrOverflow:             "ERROR_OVERFLOW",
	ErrTargetDead:           "ERROR_TARGET_DEAD",
	ErrStorageNoSpace:       "ERROR_STORAGE_NO_SPACE",
	ErrMACInvalid:           "ERROR_MAC_INVALID",
	ErrSignatureInvalid:     "ERROR_SIGNATURE_INVALID",
	ErrTimeNotSet:           "ERROR_TIME_NOT_SET",
	ErrTimeNeedsReset:       "ERROR_TIME_NEEDS_RESET",
}

// Name returns the GP name of r without the TEE_/TEEC_ prefix, for example
// "ERROR_ITEM_NOT_FOUND", or "" when GP does not name r.
func (r Result) Name() string { return resultNames[r] }

// String returns the GP name of r, or its hexadecimal value when unnamed.
func (r Result) String() string {
	if n := resultNames[r]; n != "" {
		return n
	}
	return fmt.Sprintf("0x%08x", uint32(r))
}

// Results returns every named result code; tests use it to check the C
// headers against this table.
func Results() map[Result]string {
	m := make(map[Result]string, len(resultNames))
	for k, v := range resultNames {
		m[k] = v
	}
	return m
}

// Origin says which layer produced a Result (TEEC_ORIGIN_*, GPD_SPE_007
// §4.4.3; TEE_ORIGIN_* in the Internal Core API).
type Origin uint32

const (
	OriginAPI        Origin = 0x00000001 // the client library
	OriginComms      Origin = 0x00000002 // the transport between client and TEE
	OriginTEE        Origin = 0x00000003 // the TEE core
	OriginTrustedApp Origin = 0x00000004 // the Trusted Application
)

// String returns the GP name of o.
func (o Origin) String() string {
	switch o {
	case OriginAPI:
		return "API"
	case OriginComms:
		return "COMMS"
	case OriginTEE:
		return "TEE"
	case OriginTrustedApp:
		return "TRUSTED_APP"
	}
	return fmt.Sprintf("origin(0x%x)", uint32(o))
}

// Ret is a result together with its origin, what every client-visible
// operation yields.
type Ret struct {
	Code   Result
	Origin Origin
}

// OK reports whether r is a success.
func (r Ret) OK() bool { return r.Code == Success }

// TEE returns a Ret with origin TEE.
func TEE(code Result) Ret { return Ret{Code: code, Origin: OriginTEE} }
