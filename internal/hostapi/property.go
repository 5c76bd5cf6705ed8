package hostapi

import (
	"bytes"
	"context"
	"slices"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// Names of the client properties (GPD_SPE_010 §4.5, Table 4-12).
const (
	PropClientIdentity = "gpd.client.identity"
	PropClientEndian   = "gpd.client.endian"
)

// PropDoesNotCloseHandleOnCorruptObject is the TA property GP v1.3.1 added
// (GPD_SPE_010 §4.5, Table 4-11).
const PropDoesNotCloseHandleOnCorruptObject = "gpd.ta.doesNotCloseHandleOnCorruptObject"

// taDefaults are the standard TA properties that a TA's property blob may
// leave out, with the values the core gives them then; they follow the
// blob's own properties in TEE_PROPSET_CURRENT_TA, in this order (see
// WithTADefaults). A wasm32
// TA is little-endian (gpd.ta.endian 0); the core closes a handle on a
// corrupt object, as GP's default is, so doesNotCloseHandleOnCorruptObject
// is false; version and description default as OP-TEE's TA dev kit does.
var taDefaults = []abi.Property{
	{Name: abi.PropVersion, Type: abi.PropString, Value: []byte("0.0")},
	{Name: abi.PropDescription, Type: abi.PropString, Value: []byte{}},
	{Name: abi.PropEndian, Type: abi.PropU32, Value: abi.U32Value(0)},
	{Name: PropDoesNotCloseHandleOnCorruptObject, Type: abi.PropBool, Value: abi.U32Value(0)},
}

// WithTADefaults returns a TA's property list for TEE_PROPSET_CURRENT_TA:
// its own properties, then the taDefaults it lacks. The runtime calls it
// once per TA, so property look-ups stay a plain index.
func WithTADefaults(own []abi.Property) []abi.Property {
	list := append([]abi.Property(nil), own...)
	for _, d := range taDefaults {
		if !slices.ContainsFunc(own, func(p abi.Property) bool { return p.Name == d.Name }) {
			list = append(list, d)
		}
	}
	return list
}

func init() {
	register(abi.SysGetProperty, sysGetProperty)
	register(abi.SysGetPropertyNameToIndex, sysGetPropertyNameToIndex)
}

// propertyAt returns property i of a property set (GPD_SPE_010 §4.4):
// TEE_PROPSET_CURRENT_TA from the TA image, TEE_PROPSET_CURRENT_CLIENT
// (the client's identity and endianness, 0 = little) and
// TEE_PROPSET_TEE_IMPLEMENTATION from the core's configuration. found is
// false past the last; set is false for an unknown set.
func propertyAt(s *State, propSet, i uint32) (p abi.Property, found, set bool) {
	switch propSet {
	case abi.PropsetCurrentTA:
		if i < uint32(len(s.TAProps)) {
			return s.TAProps[i], true, true
		}
		return abi.Property{}, false, true
	case abi.PropsetTEEImplementation:
		if i < uint32(len(s.TEEProps)) {
			return s.TEEProps[i], true, true
		}
		return abi.Property{}, false, true
	case abi.PropsetCurrentClient:
		switch i {
		case 0:
			id := s.Call.Client.TEEBytes()
			return abi.Property{Name: PropClientIdentity, Type: abi.PropIdentity, Value: id[:]}, true, true
		case 1:
			return abi.Property{Name: PropClientEndian, Type: abi.PropU32, Value: []byte{0, 0, 0, 0}}, true, true
		}
		return abi.Property{}, false, true
	}
	return abi.Property{}, false, false
}

// sysGetProperty returns property number index of a set: its name
// (NUL-terminated) into name/*name_len when name != 0, its value into
// buf/*buf_len and its type into *type. When a buffer is too small it
// writes the needed length and returns SHORT_BUFFER. Results: SUCCESS,
// SHORT_BUFFER, ITEM_NOT_FOUND past the last property, BAD_PARAMETERS for
// an unknown set or a pointer outside memory.
func sysGetProperty(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	propSet, index := arg32(args, 0), arg32(args, 1)
	namePtr, nameLenPtr := arg32(args, 2), arg32(args, 3)
	bufPtr, bufLenPtr, typePtr := arg32(args, 4), arg32(args, 5), arg32(args, 6)

	// Every pointer is checked before anything is written.
	var nameCap uint32
	if namePtr != 0 {
		v, ok := readU32(mem, nameLenPtr)
		if !ok {
			return abi.ErrBadParameters
		}
		nameCap = v
	}
	bufCap, ok := readU32(mem, bufLenPtr)
	if !ok || !inMemory(mem, typePtr, 4) {
		return abi.ErrBadParameters
	}
	p, found, set := propertyAt(s, propSet, index)
	if !set {
		return abi.ErrBadParameters
	}
	if !found {
		return abi.ErrItemNotFound
	}
	nameNeed := uint32(len(p.Name)) + 1
	valNeed := uint32(len(p.Value))
	var nameDst, valDst []byte
	if namePtr != 0 && nameCap >= nameNeed {
		if nameDst, ok = view(mem, namePtr, nameNeed); !ok {
			return abi.ErrBadParameters
		}
	}
	if bufCap >= valNeed && valNeed > 0 {
		if valDst, ok = view(mem, bufPtr, valNeed); !ok {
			return abi.ErrBadParameters
		}
	}
	writeU32(mem, typePtr, uint32(p.Type))
	short := false
	if namePtr != 0 {
		writeU32(mem, nameLenPtr, nameNeed)
		short = nameCap < nameNeed
	}
	writeU32(mem, bufLenPtr, valNeed)
	short = short || bufCap < valNeed
	if short {
		return abi.ErrShortBuffer
	}
	if nameDst != nil {
		copy(nameDst, p.Name)
		nameDst[len(p.Name)] = 0
	}
	copy(valDst, p.Value)
	return abi.Success
}

// sysGetPropertyNameToIndex looks up a property by name (name_len bytes; a
// trailing NUL is allowed) and writes its index to *index. Results:
// SUCCESS, ITEM_NOT_FOUND, BAD_PARAMETERS for an unknown set or a pointer
// outside memory.
func sysGetPropertyNameToIndex(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	propSet, namePtr, nameLen, indexPtr := arg32(args, 0), arg32(args, 1), arg32(args, 2), arg32(args, 3)
	name, ok := view(mem, namePtr, nameLen)
	if !ok || !inMemory(mem, indexPtr, 4) {
		return abi.ErrBadParameters
	}
	if n := len(name); n > 0 && name[n-1] == 0 {
		name = name[:n-1]
	}
	for i := uint32(0); ; i++ {
		p, found, set := propertyAt(s, propSet, i)
		if !set {
			return abi.ErrBadParameters
		}
		if !found {
			return abi.ErrItemNotFound
		}
		if p.Name == string(name) && !bytes.ContainsRune(name, 0) {
			writeU32(mem, indexPtr, i)
			return abi.Success
		}
	}
}
