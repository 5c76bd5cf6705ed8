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

// PropHandle is a TEE_PropSetHandle (GPD_SPE_010 §4.4): what a getter
// reads from. It is a PropSet, where the getter looks the property up by
// name, or a *PropertyEnumerator, where the getter reads the enumerator's
// current property and ignores the name.
type PropHandle interface {
	lookup(name string) (PropType, []byte, Result)
}

// lookup reads property name of the set.
func (s PropSet) lookup(name string) (PropType, []byte, Result) {
	return sys.property(s, name)
}

// getTyped reads name from h and checks its type, as OP-TEE's libutee
// does: a property of another type is ErrBadFormat.
func getTyped(h PropHandle, name string, want PropType) ([]byte, error) {
	typ, val, r := lookupOf(h, name)
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

// lookupOf reads through h; a nil handle is a programmer error that panics
// the TA, as GP requires for an invalid handle.
func lookupOf(h PropHandle, name string) (PropType, []byte, Result) {
	if h == nil {
		Panic(ErrBadParameters)
	}
	return h.lookup(name)
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
func GetPropertyAsString(h PropHandle, name string) (string, error) {
	typ, val, r := lookupOf(h, name)
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
func GetPropertyAsBool(h PropHandle, name string) (bool, error) {
	v, err := getTyped(h, name, PropBool)
	if err != nil {
		return false, err
	}
	return binary.LittleEndian.Uint32(v) == 1, nil
}

// GetPropertyAsU32 is TEE_GetPropertyAsU32 (GPD_SPE_010 §4.4.5).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsU32(h PropHandle, name string) (uint32, error) {
	v, err := getTyped(h, name, PropU32)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(v), nil
}

// GetPropertyAsU64 is TEE_GetPropertyAsU64 (GPD_SPE_010 §4.4.6).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsU64(h PropHandle, name string) (uint64, error) {
	v, err := getTyped(h, name, PropU64)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(v), nil
}

// GetPropertyAsBinaryBlock is TEE_GetPropertyAsBinaryBlock (GPD_SPE_010
// §4.4.7). Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsBinaryBlock(h PropHandle, name string) ([]byte, error) {
	return getTyped(h, name, PropBinaryBlock)
}

// GetPropertyAsUUID is TEE_GetPropertyAsUUID (GPD_SPE_010 §4.4.8).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsUUID(h PropHandle, name string) (UUID, error) {
	v, err := getTyped(h, name, PropUUID)
	if err != nil {
		return UUID{}, err
	}
	u, _ := abi.UUIDFromTEE(v)
	return UUID(u), nil
}

// GetPropertyAsIdentity is TEE_GetPropertyAsIdentity (GPD_SPE_010 §4.4.9).
// Results: ErrItemNotFound, ErrBadFormat.
func GetPropertyAsIdentity(h PropHandle, name string) (Identity, error) {
	v, err := getTyped(h, name, PropIdentity)
	if err != nil {
		return Identity{}, err
	}
	id, _ := identityFromTEE(v)
	return id, nil
}

// PropertyEnumerator is a TEE_PropSetHandle enumerator (GPD_SPE_010
// §4.4.10–§4.4.16): a cursor over a property set. It is not started when
// allocated or reset. Using a nil or freed enumerator panics the TA, as GP
// requires for an invalid handle.
type PropertyEnumerator struct {
	set     PropSet
	index   uint32
	started bool
	freed   bool
}

// AllocatePropertyEnumerator is TEE_AllocatePropertyEnumerator
// (GPD_SPE_010 §4.4.10): a new enumerator, not started. Go memory cannot
// run out without ending the runtime, so it has no error result.
func AllocatePropertyEnumerator() *PropertyEnumerator {
	return &PropertyEnumerator{}
}

func (e *PropertyEnumerator) check() {
	if e == nil || e.freed {
		Panic(ErrBadParameters)
	}
}

// Free is TEE_FreePropertyEnumerator (GPD_SPE_010 §4.4.11). A nil
// enumerator (TEE_HANDLE_NULL) does nothing; freeing one twice panics.
func (e *PropertyEnumerator) Free() {
	if e == nil {
		return
	}
	e.check()
	e.freed = true
}

// Start is TEE_StartPropertyEnumerator (GPD_SPE_010 §4.4.12): e points at
// the first property of set, which must be one of the PropSet constants.
func (e *PropertyEnumerator) Start(set PropSet) {
	e.check()
	switch set {
	case PropSetTEEImplementation, PropSetCurrentClient, PropSetCurrentTA:
	default:
		Panic(ErrBadParameters)
	}
	e.set, e.index, e.started = set, 0, true
}

// Reset is TEE_ResetPropertyEnumerator (GPD_SPE_010 §4.4.13): e is as just
// allocated.
func (e *PropertyEnumerator) Reset() {
	e.check()
	e.set, e.index, e.started = 0, 0, false
}

// current reads the property e points at.
func (e *PropertyEnumerator) current() (string, PropType, []byte, Result) {
	e.check()
	if !e.started {
		return "", 0, nil, ErrItemNotFound
	}
	return sys.propertyAt(e.set, e.index)
}

func (e *PropertyEnumerator) lookup(string) (PropType, []byte, Result) {
	_, typ, val, r := e.current()
	return typ, val, r
}

// Name is TEE_GetPropertyName (GPD_SPE_010 §4.4.14): the name of the
// current property. A Go string has no buffer to be short, so there is no
// ErrShortBuffer. Results: ErrItemNotFound when e is not started or past
// the end.
func (e *PropertyEnumerator) Name() (string, error) {
	name, _, _, r := e.current()
	if r != Success {
		return "", propErr(r)
	}
	return name, nil
}

// Next is TEE_GetNextProperty (GPD_SPE_010 §4.4.15): e moves to the next
// property. Results: ErrItemNotFound when e is not started or there is no
// next property (e then stays past the end).
func (e *PropertyEnumerator) Next() error {
	e.check()
	if !e.started {
		return ErrItemNotFound
	}
	if e.index != ^uint32(0) {
		e.index++
	}
	_, _, _, r := sys.propertyAt(e.set, e.index)
	if r != Success {
		return propErr(r)
	}
	return nil
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
