package teec

import "github.com/veritee/veritee/internal/abi"

// UUID is a TEEC_UUID (GPD_SPE_007 §4.3.6): a TA's identity, held in its
// canonical big-endian byte order.
type UUID = abi.UUID

// ParseUUID parses the canonical form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
// A malformed string is an error wrapping ErrBadFormat.
func ParseUUID(s string) (UUID, error) {
	u, err := abi.ParseUUID(s)
	if err != nil {
		return UUID{}, &Error{Op: "ParseUUID", Result: ErrBadFormat, Origin: OriginAPI, Err: err}
	}
	return u, nil
}

// MustParseUUID is ParseUUID for constants: it panics on a malformed string.
func MustParseUUID(s string) UUID {
	u, err := ParseUUID(s)
	if err != nil {
		panic(err)
	}
	return u
}
