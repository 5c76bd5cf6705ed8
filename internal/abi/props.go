package abi

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// TA flags as OP-TEE's user_ta_header.h numbers them (TA_FLAGS).
const (
	TAFlagSingleInstance    uint32 = 1 << 2
	TAFlagMultiSession      uint32 = 1 << 3
	TAFlagInstanceKeepAlive uint32 = 1 << 4
	TAFlagSecureDataPath    uint32 = 1 << 5
	TAFlagCacheMaintenance  uint32 = 1 << 7
	TAFlagConcurrent        uint32 = 1 << 8
)

// PropType is the type of a property value, numbered as OP-TEE's
// enum user_ta_prop_type.
type PropType uint32

const (
	PropBool        PropType = 0 // 4 bytes, 0 or 1
	PropU32         PropType = 1 // 4 bytes little-endian
	PropUUID        PropType = 2 // 16 bytes, TEE_UUID layout
	PropIdentity    PropType = 3 // 20 bytes, TEE_Identity layout
	PropString      PropType = 4 // bytes without a terminating NUL
	PropBinaryBlock PropType = 5 // raw bytes
	PropU64         PropType = 6 // 8 bytes little-endian
)

// Names of the standard TA properties (GPD_SPE_010 §4.5, Table 4-13).
const (
	PropAppID             = "gpd.ta.appID"
	PropSingleInstance    = "gpd.ta.singleInstance"
	PropMultiSession      = "gpd.ta.multiSession"
	PropInstanceKeepAlive = "gpd.ta.instanceKeepAlive"
	PropDataSize          = "gpd.ta.dataSize"
	PropStackSize         = "gpd.ta.stackSize"
	PropVersion           = "gpd.ta.version"
	PropDescription       = "gpd.ta.description"
	PropEndian            = "gpd.ta.endian"
)

// Property is one TA property: a name, a type and the value bytes encoded as
// the PropType comments say.
type Property struct {
	Name  string
	Type  PropType
	Value []byte
}

// PropsMagic opens a property blob ("VTP1" little-endian).
const PropsMagic uint32 = 0x31505456

// Limits that keep a hostile blob from making the decoder allocate much.
const (
	MaxProps         = 256
	MaxPropNameLen   = 256
	MaxPropValueLen  = 64 << 10
	MaxPropsBlobSize = 1 << 20
)

// Props is a TA's property set as its SDK reports it: the ABI version the TA
// was built for and its properties in declaration order.
type Props struct {
	ABIVersion uint32
	List       []Property
}

// MarshalProps encodes p as a property blob:
//
//	u32 magic "VTP1", u32 ABI version, u32 count,
//	count × { u32 name length, name, u32 type, u32 value length, value }
//
// all little-endian. The C and Go TA SDKs produce the same bytes.
func MarshalProps(p *Props) ([]byte, error) {
	if len(p.List) > MaxProps {
		return nil, fmt.Errorf("abi: %d properties, at most %d", len(p.List), MaxProps)
	}
	b := make([]byte, 0, 64)
	b = binary.LittleEndian.AppendUint32(b, PropsMagic)
	b = binary.LittleEndian.AppendUint32(b, p.ABIVersion)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.List)))
	for _, e := range p.List {
		if len(e.Name) == 0 || len(e.Name) > MaxPropNameLen || len(e.Value) > MaxPropValueLen {
			return nil, fmt.Errorf("abi: property %q: name or value too long", e.Name)
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(len(e.Name)))
		b = append(b, e.Name...)
		b = binary.LittleEndian.AppendUint32(b, uint32(e.Type))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(e.Value)))
		b = append(b, e.Value...)
	}
	return b, nil
}

// ErrBadProps is wrapped by every UnmarshalProps error.
var ErrBadProps = errors.New("abi: malformed property blob")

// UnmarshalProps decodes a property blob. It checks every length against the
// bytes left before it allocates, and rejects duplicate names, unknown types,
// values of the wrong size for their type and trailing bytes.
func UnmarshalProps(b []byte) (*Props, error) {
	if len(b) > MaxPropsBlobSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrBadProps, len(b))
	}
	r := reader{b: b}
	magic, ver, n := r.u32(), r.u32(), r.u32()
	if r.err || magic != PropsMagic {
		return nil, fmt.Errorf("%w: bad header", ErrBadProps)
	}
	if n > MaxProps {
		return nil, fmt.Errorf("%w: %d properties", ErrBadProps, n)
	}
	p := &Props{ABIVersion: ver, List: make([]Property, 0, n)}
	seen := make(map[string]bool, n)
	for i := uint32(0); i < n; i++ {
		nl := r.u32()
		if nl == 0 || nl > MaxPropNameLen {
			return nil, fmt.Errorf("%w: property %d: name length %d", ErrBadProps, i, nl)
		}
		name := string(r.bytes(nl))
		typ := PropType(r.u32())
		vl := r.u32()
		if vl > MaxPropValueLen {
			return nil, fmt.Errorf("%w: property %q: value length %d", ErrBadProps, name, vl)
		}
		val := r.bytes(vl)
		if r.err {
			return nil, fmt.Errorf("%w: truncated at property %d", ErrBadProps, i)
		}
		if seen[name] {
			return nil, fmt.Errorf("%w: duplicate property %q", ErrBadProps, name)
		}
		seen[name] = true
		if err := checkPropValue(typ, val); err != nil {
			return nil, fmt.Errorf("%w: property %q: %v", ErrBadProps, name, err)
		}
		p.List = append(p.List, Property{Name: name, Type: typ, Value: append([]byte(nil), val...)})
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrBadProps, len(r.b))
	}
	return p, nil
}

func checkPropValue(t PropType, v []byte) error {
	want := map[PropType]int{PropBool: 4, PropU32: 4, PropUUID: 16, PropIdentity: 20, PropU64: 8}
	switch t {
	case PropString, PropBinaryBlock:
		return nil
	case PropBool, PropU32, PropUUID, PropIdentity, PropU64:
		if len(v) != want[t] {
			return fmt.Errorf("type %d wants %d bytes, has %d", t, want[t], len(v))
		}
		if t == PropBool && binary.LittleEndian.Uint32(v) > 1 {
			return errors.New("bool is neither 0 nor 1")
		}
		return nil
	}
	return fmt.Errorf("unknown type %d", t)
}

// Lookup returns the property called name.
func (p *Props) Lookup(name string) (Property, bool) {
	for _, e := range p.List {
		if e.Name == name {
			return e, true
		}
	}
	return Property{}, false
}

// Bool returns a boolean property, def when it is absent or not a bool.
func (p *Props) Bool(name string, def bool) bool {
	if e, ok := p.Lookup(name); ok && e.Type == PropBool {
		return binary.LittleEndian.Uint32(e.Value) == 1
	}
	return def
}

// U32 returns a uint32 property, def when it is absent or not a u32.
func (p *Props) U32(name string, def uint32) uint32 {
	if e, ok := p.Lookup(name); ok && e.Type == PropU32 {
		return binary.LittleEndian.Uint32(e.Value)
	}
	return def
}

// String returns a string property, "" when it is absent or not a string.
func (p *Props) String(name string) string {
	if e, ok := p.Lookup(name); ok && e.Type == PropString {
		return string(e.Value)
	}
	return ""
}

// AppID returns gpd.ta.appID, the TA's UUID.
func (p *Props) AppID() (UUID, error) {
	e, ok := p.Lookup(PropAppID)
	if !ok || e.Type != PropUUID {
		return UUID{}, fmt.Errorf("%w: no %s", ErrBadProps, PropAppID)
	}
	return UUIDFromTEE(e.Value)
}

// BoolValue, U32Value, U64Value and UUIDValue encode property values.
func BoolValue(v bool) []byte {
	if v {
		return binary.LittleEndian.AppendUint32(nil, 1)
	}
	return binary.LittleEndian.AppendUint32(nil, 0)
}

func U32Value(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func U64Value(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

func UUIDValue(u UUID) []byte { b := u.TEEUUIDBytes(); return b[:] }

type reader struct {
	b   []byte
	err bool
}

func (r *reader) u32() uint32 {
	if len(r.b) < 4 {
		r.err, r.b = true, nil
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) bytes(n uint32) []byte {
	if uint64(len(r.b)) < uint64(n) {
		r.err, r.b = true, nil
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}
