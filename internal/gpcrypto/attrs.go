package gpcrypto

import (
	"bytes"

	"github.com/veritee/veritee/internal/abi"
)

// Attribute is a TEE_Attribute (GPD_SPE_010 §5.3.1): a buffer attribute
// (Ref) or, when bit 29 of ID is set, a value attribute (A, B).
type Attribute struct {
	ID   uint32
	Ref  []byte
	A, B uint32
}

// RefAttribute returns a buffer attribute, as TEE_InitRefAttribute does.
func RefAttribute(id uint32, buf []byte) Attribute { return Attribute{ID: id, Ref: buf} }

// ValueAttr returns a value attribute, as TEE_InitValueAttribute does.
func ValueAttr(id, a, b uint32) Attribute { return Attribute{ID: id, A: a, B: b} }

// IsValueAttr reports whether the attribute identifier designates a value
// attribute (bit 29, TEE_ATTR_FLAG_VALUE).
func IsValueAttr(id uint32) bool { return id&abi.AttrFlagValue != 0 }

// IsPublicAttr reports whether the attribute identifier designates a public
// attribute (bit 28, TEE_ATTR_FLAG_PUBLIC); the others are secret and leave
// the core only from extractable objects.
func IsPublicAttr(id uint32) bool { return id&abi.AttrFlagPublic != 0 }

// clone returns a deep copy of a, so that the caller's buffer can change
// without affecting the stored attribute.
func (a Attribute) clone() Attribute {
	if a.Ref != nil {
		a.Ref = bytes.Clone(a.Ref)
	}
	return a
}

// findAttr returns the first attribute with the given id.
func findAttr(attrs []Attribute, id uint32) (Attribute, bool) {
	for _, a := range attrs {
		if a.ID == id {
			return a, true
		}
	}
	return Attribute{}, false
}

// attrRef returns the buffer of the attribute id, or nil.
func attrRef(attrs []Attribute, id uint32) []byte {
	a, _ := findAttr(attrs, id)
	return a.Ref
}

// wipe overwrites b with zeros.
func wipe(b []byte) {
	clear(b)
}
