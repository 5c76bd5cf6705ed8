package ta

import (
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Properties are a TA's configuration properties (GPD_SPE_010 §4.5,
// Table 4-13), the Go form of OP-TEE's user_ta_header_defines.h. The core
// learns them from the TA image, which the packer fills from
// veritee_ta_props, before it ever runs the TA.
type Properties struct {
	// UUID is gpd.ta.appID (TA_UUID).
	UUID UUID
	// SingleInstance, MultiSession and InstanceKeepAlive are
	// gpd.ta.singleInstance, gpd.ta.multiSession and
	// gpd.ta.instanceKeepAlive (TA_FLAGS).
	SingleInstance    bool
	MultiSession      bool
	InstanceKeepAlive bool
	// DataSize is gpd.ta.dataSize (TA_DATA_SIZE). For a Go TA it bounds the
	// whole Go heap: the core caps the instance's memory from it, and
	// Malloc refuses single requests larger than it.
	DataSize uint32
	// StackSize is gpd.ta.stackSize (TA_STACK_SIZE). The Go runtime manages
	// its own stacks inside the heap; the value is reported as given.
	StackSize uint32
	// Version is gpd.ta.version (TA_VERSION), Description is
	// gpd.ta.description (TA_DESCRIPTION); both are omitted when empty.
	Version     string
	Description string
	// Extra are further properties (TA_CURRENT_TA_EXT_PROPERTIES). Their
	// names must not repeat a standard one or each other.
	Extra []Property
}

// PropType is the type of a property value, numbered as OP-TEE's
// enum user_ta_prop_type.
type PropType uint32

// Property value types.
const (
	PropBool        = PropType(abi.PropBool)
	PropU32         = PropType(abi.PropU32)
	PropUUID        = PropType(abi.PropUUID)
	PropIdentity    = PropType(abi.PropIdentity)
	PropString      = PropType(abi.PropString)
	PropBinaryBlock = PropType(abi.PropBinaryBlock)
	PropU64         = PropType(abi.PropU64)
)

// Property is one named, typed property value. Build it with
// BoolProperty, U32Property, U64Property, StringProperty,
// BinaryProperty, UUIDProperty or IdentityProperty.
type Property struct {
	Name  string
	Type  PropType
	Value []byte // encoded as the ABI says (docs/ta-abi.md, abi.PropType)
}

// BoolProperty returns a boolean property.
func BoolProperty(name string, v bool) Property {
	return Property{Name: name, Type: PropBool, Value: abi.BoolValue(v)}
}

// U32Property returns an unsigned 32-bit property.
func U32Property(name string, v uint32) Property {
	return Property{Name: name, Type: PropU32, Value: abi.U32Value(v)}
}

// U64Property returns an unsigned 64-bit property.
func U64Property(name string, v uint64) Property {
	return Property{Name: name, Type: PropU64, Value: abi.U64Value(v)}
}

// StringProperty returns a string property.
func StringProperty(name, v string) Property {
	return Property{Name: name, Type: PropString, Value: []byte(v)}
}

// BinaryProperty returns a binary-block property; v is copied.
func BinaryProperty(name string, v []byte) Property {
	return Property{Name: name, Type: PropBinaryBlock, Value: append([]byte{}, v...)}
}

// UUIDProperty returns a UUID property.
func UUIDProperty(name string, v UUID) Property {
	return Property{Name: name, Type: PropUUID, Value: abi.UUIDValue(abi.UUID(v))}
}

// IdentityProperty returns an identity property.
func IdentityProperty(name string, v Identity) Property {
	return Property{Name: name, Type: PropIdentity, Value: v.teeBytes()}
}

// list returns the properties in the order the C SDK emits them: appID, the
// flags, the sizes, version, description, then Extra.
func (p *Properties) list() ([]Property, error) {
	l := []Property{
		UUIDProperty(abi.PropAppID, p.UUID),
		BoolProperty(abi.PropSingleInstance, p.SingleInstance),
		BoolProperty(abi.PropMultiSession, p.MultiSession),
		BoolProperty(abi.PropInstanceKeepAlive, p.InstanceKeepAlive),
		U32Property(abi.PropDataSize, p.DataSize),
		U32Property(abi.PropStackSize, p.StackSize),
	}
	if p.Version != "" {
		l = append(l, StringProperty(abi.PropVersion, p.Version))
	}
	if p.Description != "" {
		l = append(l, StringProperty(abi.PropDescription, p.Description))
	}
	seen := make(map[string]bool, len(l)+len(p.Extra))
	for _, e := range l {
		seen[e.Name] = true
	}
	for _, e := range p.Extra {
		if e.Name == "" || seen[e.Name] {
			return nil, fmt.Errorf("ta: property %q: empty or repeated name", e.Name)
		}
		if err := checkValue(e.Type, e.Value); err != nil {
			return nil, fmt.Errorf("ta: property %q: %w", e.Name, err)
		}
		seen[e.Name] = true
		l = append(l, e)
	}
	return l, nil
}

// checkValue reports whether v has the size its type requires.
func checkValue(t PropType, v []byte) error {
	want := -1
	switch t {
	case PropBool, PropU32:
		want = 4
	case PropU64:
		want = 8
	case PropUUID:
		want = abi.TEEUUIDSize
	case PropIdentity:
		want = abi.IdentitySize
	case PropString, PropBinaryBlock:
	default:
		return fmt.Errorf("unknown type %d", t)
	}
	if want >= 0 && len(v) != want {
		return fmt.Errorf("type %d wants %d bytes, has %d", t, want, len(v))
	}
	if t == PropBool && binary.LittleEndian.Uint32(v) > 1 {
		return fmt.Errorf("bool is neither 0 nor 1")
	}
	return nil
}

// marshal encodes p as the property blob of docs/ta-abi.md (abi.MarshalProps
// with abi.Version).
func (p *Properties) marshal() ([]byte, error) {
	l, err := p.list()
	if err != nil {
		return nil, err
	}
	ap := &abi.Props{ABIVersion: abi.Version, List: make([]abi.Property, len(l))}
	for i, e := range l {
		ap.List[i] = abi.Property{Name: e.Name, Type: abi.PropType(e.Type), Value: e.Value}
	}
	return abi.MarshalProps(ap)
}

// propsRecord returns { u32 len; blob } as veritee_ta_props hands it out.
func (p *Properties) propsRecord() ([]byte, error) {
	blob, err := p.marshal()
	if err != nil {
		return nil, err
	}
	rec := binary.LittleEndian.AppendUint32(make([]byte, 0, 4+len(blob)), uint32(len(blob)))
	return append(rec, blob...), nil
}
