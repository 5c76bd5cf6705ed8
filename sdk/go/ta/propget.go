package ta

import (
	"encoding/base64"
	"encoding/binary"
	"strconv"

	"github.com/veritee/veritee/internal/abi"
)

// PropSet is a TEE_PropSetHandle pseudo-handle (GPD_SPE_010 §4.4): which
// property set a getter reads.
type PropSet uint32

// Property sets.
const (
	PropSetTEEImplementation = PropSet(abi.PropsetTEEImplementation)
	PropSetCurrentClient     = PropSet(abi.PropsetCurrentClient)
	PropSetCurrentTA         = PropSet(abi.PropsetCurrentTA)
)

// getTyped reads name from set and checks its type, as OP-TEE's libutee
// does: a property of another type is ErrBadFormat.
func getTyped(set PropSet, name string, want PropType) ([]byte, error) {
	typ, val, r := sys.property(set, name)
	if r != Success {
		return nil, propErr(r)
	}
	if typ != want {
		return nil, ErrBadFormat
	}
	if checkValue(typ, val) != nil {
		return nil, ErrBadFormat
	}
	return val, nil
}

// propErr keeps the results GP lets the getters return and panics the TA
// on anything else, as libutee does for a failed system call.
func propErr(r Result) error {
	if r == ErrItemNotFound || r == ErrBadFormat {
		return r
	}
	Panic(r)
	return r
}

// GetPropertyAsString is TEE_GetPropertyAsString (GPD_SPE_010 §4.4.3): the
// property's value converted to a string as OP-TEE converts it: booleans
// "true"/"false", integers in decimal, UUIDs in canonical form, identities
// as "login:uuid" (login in decimal), binary blocks in Base64. Results:
// ErrItemNotFound.
func GetPropertyAsString(set PropSet, name string) (string, error) {
	typ, val, r := sys.property(set, name)
	if r != Success {
		return "", propErr(r)
	}
	if checkValue(typ, val) != nil {
		return "", ErrBadFormat
	}
	return propString(typ, val), nil
}

// propString formats a checked value for GetPropertyAsString.
func propString(typ PropType, val []byte) string {
	switch typ {
	case PropBool:
		return strconv.FormatBool(binary.LittleEndian.Uint32(val) == 1)
	case PropU32:
		return strconv.FormatUint(uint64(binary.LittleEndian.Uint32(val)), 10)
	case PropU64:
		return strconv.FormatUint(binary.LittleEndian.Uint64(val), 10)
	case PropUUID:
		u, _ := abi.UUIDFromTEE(val)
		return u.String()
	case PropIdentity:
		id, _ := identityFromTEE(val)
		return strconv.FormatUint(uint64(id.Login), 10) + ":" + id.UUID.String()
	case PropBinaryBlock:
		return base64.StdEncoding.EncodeToString(val)
	}
	return string(val)
}

// GetPropertyAsBool is TEE_GetPropertyAsBool (GPD_SPE_010 §4.4.4).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsBool(set PropSet, name string) (bool, error) {
	v, err := getTyped(set, name, PropBool)
	if err != nil {
		return false, err
	}
	return binary.LittleEndian.Uint32(v) == 1, nil
}

// GetPropertyAsU32 is TEE_GetPropertyAsU32 (GPD_SPE_010 §4.4.5).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsU32(set PropSet, name string) (uint32, error) {
	v, err := getTyped(set, name, PropU32)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(v), nil
}

// GetPropertyAsU64 is TEE_GetPropertyAsU64 (GPD_SPE_010 §4.4.6).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsU64(set PropSet, name string) (uint64, error) {
	v, err := getTyped(set, name, PropU64)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(v), nil
}

// GetPropertyAsBinaryBlock is TEE_GetPropertyAsBinaryBlock (GPD_SPE_010
// §4.4.7). Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsBinaryBlock(set PropSet, name string) ([]byte, error) {
	return getTyped(set, name, PropBinaryBlock)
}

// GetPropertyAsUUID is TEE_GetPropertyAsUUID (GPD_SPE_010 §4.4.8).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsUUID(set PropSet, name string) (UUID, error) {
	v, err := getTyped(set, name, PropUUID)
	if err != nil {
		return UUID{}, err
	}
	u, _ := abi.UUIDFromTEE(v)
	return UUID(u), nil
}

// GetPropertyAsIdentity is TEE_GetPropertyAsIdentity (GPD_SPE_010 §4.4.9).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsIdentity(set PropSet, name string) (Identity, error) {
	v, err := getTyped(set, name, PropIdentity)
	if err != nil {
		return Identity{}, err
	}
	id, _ := identityFromTEE(v)
	return id, nil
}

// PropertyEntry is one property found by EnumerateProperties.
type PropertyEntry struct {
	Name  string
	Type  PropType
	Value []byte
}

// EnumerateProperties lists a property set, the Go form of the
// TEE_AllocatePropertyEnumerator / TEE_StartPropertyEnumerator /
// TEE_GetNextProperty loop (GPD_SPE_010 §4.4.10–§4.4.16).
func EnumerateProperties(set PropSet) []PropertyEntry {
	var out []PropertyEntry
	for i := uint32(0); ; i++ {
		name, typ, val, r := sys.propertyAt(set, i)
		if r == ErrItemNotFound {
			return out
		}
		if r != Success {
			Panic(r)
		}
		out = append(out, PropertyEntry{Name: name, Type: typ, Value: val})
	}
}
