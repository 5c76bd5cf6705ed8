package gpcrypto

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
)

// Persistence of an object's attributes (GPD_SPE_010 §5.7.2: a persistent
// object takes its type, size, usage and attributes from the object given
// to TEE_CreatePersistentObject). The storage engine keeps the blob
// MarshalAttributes returns, encrypted and authenticated, next to the
// type, sizes and usage it stores itself; UnmarshalAttributes rebuilds the
// key when a TA uses the persistent object as one. The blob holds secrets:
// it stays in the core, and callers wipe their copies when done.
//
// Layout, all integers little-endian:
//
//	u8  version (attrBlobVersion)
//	u32 count (at most abi.MaxAttributes)
//	count × { u32 id; value attribute: u32 a, u32 b;
//	          buffer attribute: u32 length, length bytes }
//
// Nothing may follow the last attribute.

const attrBlobVersion = 1

// maxAttrBytes bounds one buffer attribute in a blob: the largest key
// material GP knows (an RSA-4096+ key's modulus and private exponent, a
// DH prime) is far below it.
const maxAttrBytes = 64 << 10

// MarshalAttributes returns o's attributes as the storage blob. An
// uninitialised object has none (a blob with count 0).
func (o *Object) MarshalAttributes() []byte {
	n := 5
	for _, a := range o.attrs {
		n += 12 + len(a.Ref)
	}
	b := make([]byte, 0, n)
	b = append(b, attrBlobVersion)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(o.attrs)))
	for _, a := range o.attrs {
		b = binary.LittleEndian.AppendUint32(b, a.ID)
		if IsValueAttr(a.ID) {
			b = binary.LittleEndian.AppendUint32(b, a.A)
			b = binary.LittleEndian.AppendUint32(b, a.B)
			continue
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(len(a.Ref)))
		b = append(b, a.Ref...)
	}
	return b
}

// UnmarshalAttributes rebuilds an initialised object of type objType with
// maxObjectSize and usage from a blob MarshalAttributes made. The blob is
// checked as fully as TEE_PopulateTransientObject checks a TA's
// attributes (every attribute defined for the type, none repeated, the
// mandatory ones present, the key consistent and within maxObjectSize),
// and for its own framing. Any failure is ERROR_CORRUPT_OBJECT: the
// engine authenticated the blob, so a bad one means the stored object is
// unusable, never that the TA misused the API. The returned object owns
// copies; blob may be wiped afterwards.
func UnmarshalAttributes(objType, maxObjectSize, usage uint32, blob []byte) (*Object, error) {
	attrs, err := decodeAttrBlob(blob)
	if err != nil {
		return nil, err
	}
	o, err := NewObject(objType, maxObjectSize)
	if err != nil {
		return nil, newErr(abi.ErrCorruptObject, "stored object: %v", err)
	}
	if err := o.Populate(attrs); err != nil {
		return nil, newErr(abi.ErrCorruptObject, "stored attributes: %v", err)
	}
	o.usage = usage
	return o, nil
}

// decodeAttrBlob parses the framing of a blob. Buffer attributes alias
// blob.
func decodeAttrBlob(b []byte) ([]Attribute, error) {
	bad := func(what string) error { return newErr(abi.ErrCorruptObject, "attribute blob: %s", what) }
	if len(b) < 5 {
		return nil, bad("truncated header")
	}
	if b[0] != attrBlobVersion {
		return nil, bad("unknown version")
	}
	count := binary.LittleEndian.Uint32(b[1:])
	if count > abi.MaxAttributes {
		return nil, bad("too many attributes")
	}
	b = b[5:]
	attrs := make([]Attribute, 0, count)
	for range count {
		if len(b) < 8 {
			return nil, bad("truncated attribute")
		}
		id, x := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
		if IsValueAttr(id) {
			if len(b) < 12 {
				return nil, bad("truncated value attribute")
			}
			attrs = append(attrs, ValueAttr(id, x, binary.LittleEndian.Uint32(b[8:])))
			b = b[12:]
			continue
		}
		// x is the buffer's length.
		b = b[8:]
		if x > maxAttrBytes || uint64(x) > uint64(len(b)) {
			return nil, bad("buffer attribute overruns the blob")
		}
		attrs = append(attrs, RefAttribute(id, b[:x:x]))
		b = b[x:]
	}
	if len(b) != 0 {
		return nil, bad("trailing bytes")
	}
	return attrs, nil
}
