package gpcrypto

import (
	"io"

	"github.com/veritee/veritee/internal/abi"
)

// ObjectInfo is TEE_ObjectInfo (GPD_SPE_010 §5.3.2) of a transient object.
type ObjectInfo struct {
	ObjectType    uint32
	ObjectSize    uint32 // key size in bits; 0 while uninitialised
	MaxObjectSize uint32
	ObjectUsage   uint32
	DataSize      uint32
	DataPosition  uint32
	HandleFlags   uint32
}

// Object is a transient cryptographic object: a key or key pair and its
// attributes, held in the core.
type Object struct {
	typ     *objType
	maxSize uint32
	size    uint32
	usage   uint32
	init    bool
	attrs   []Attribute // deep copies, owned by the object
	key     any         // the parsed key (see populate.go), nil for secrets
}

// NewObject allocates an uninitialised transient object, as
// TEE_AllocateTransientObject (§5.6.1). It returns ERROR_NOT_SUPPORTED
// when the type or maxObjectSize is not supported.
func NewObject(objType, maxObjectSize uint32) (*Object, error) {
	t := objTypes[objType]
	if t == nil || !t.supported {
		return nil, newErr(abi.ErrNotSupported, "object type %#x", objType)
	}
	if !t.validMax(maxObjectSize) {
		return nil, newErr(abi.ErrNotSupported, "object type %s: maxObjectSize %d", t.name, maxObjectSize)
	}
	return &Object{typ: t, maxSize: maxObjectSize, usage: abi.UsageDefault}, nil
}

// Type returns the object type.
func (o *Object) Type() uint32 { return o.typ.id }

// Initialized reports whether the object holds a key.
func (o *Object) Initialized() bool { return o.init }

// Info returns the object's TEE_ObjectInfo, as TEE_GetObjectInfo1 (§5.5.1).
func (o *Object) Info() ObjectInfo {
	inf := ObjectInfo{ObjectType: o.typ.id, MaxObjectSize: o.maxSize, ObjectUsage: o.usage}
	if o.init {
		inf.ObjectSize = o.size
		inf.HandleFlags = abi.HandleFlagInitialized
	}
	return inf
}

// RestrictUsage clears the usage bits not in mask, as
// TEE_RestrictObjectUsage1 (§5.5.3).
func (o *Object) RestrictUsage(mask uint32) { o.usage &= mask }

// BufferAttribute copies the buffer attribute id into dst and returns its
// length, as TEE_GetObjectBufferAttribute (§5.5.4). Results:
// ERROR_ITEM_NOT_FOUND when the object lacks it, ERROR_SHORT_BUFFER (with
// the length needed) when dst is too small. It panics (returns *Panic) when
// the object is not initialised, id is a value attribute, or id is secret
// and the object is not extractable.
func (o *Object) BufferAttribute(id uint32, dst []byte) (int, error) {
	const fn, sec = "TEE_GetObjectBufferAttribute", "§5.5.4"
	if err := o.checkGet(fn, sec, id, false); err != nil {
		return 0, err
	}
	a, ok := findAttr(o.attrs, id)
	if !ok {
		return 0, newErr(abi.ErrItemNotFound, "attribute %#x", id)
	}
	if len(dst) < len(a.Ref) {
		return 0, shortBuffer(len(a.Ref))
	}
	return copy(dst, a.Ref), nil
}

// ValueAttribute returns the value attribute id, as
// TEE_GetObjectValueAttribute (§5.5.5), with the same results and panics
// as BufferAttribute (the panic being for a buffer attribute id).
func (o *Object) ValueAttribute(id uint32) (a, b uint32, err error) {
	const fn, sec = "TEE_GetObjectValueAttribute", "§5.5.5"
	if err := o.checkGet(fn, sec, id, true); err != nil {
		return 0, 0, err
	}
	at, ok := findAttr(o.attrs, id)
	if !ok {
		return 0, 0, newErr(abi.ErrItemNotFound, "attribute %#x", id)
	}
	return at.A, at.B, nil
}

func (o *Object) checkGet(fn, sec string, id uint32, value bool) error {
	if !o.init {
		return panicf(fn, sec, "object not initialised")
	}
	if IsValueAttr(id) != value {
		return panicf(fn, sec, "attribute %#x is of the wrong kind (value/buffer)", id)
	}
	if !IsPublicAttr(id) && o.usage&abi.UsageExtractable == 0 {
		return panicf(fn, sec, "attribute %#x is secret and the object is not extractable", id)
	}
	return nil
}

// Reset returns the object to the uninitialised state and restores the
// default usage, wiping the key material, as TEE_ResetTransientObject
// (§5.6.3).
func (o *Object) Reset() {
	o.Zero()
	o.usage = abi.UsageDefault
}

// Zero wipes the object's key material and leaves it uninitialised. Byte
// slices the object owns are overwritten. What Go cannot guarantee: copies
// the garbage collector or the runtime made earlier (moved stacks, the
// internal state of crypto/* values such as expanded AES key schedules or
// big.Int limbs of RSA keys, which those packages do not let us wipe) stay
// in memory until reused.
func (o *Object) Zero() {
	for i := range o.attrs {
		wipe(o.attrs[i].Ref)
	}
	o.attrs = nil
	o.key = nil
	o.size = 0
	o.init = false
}

// Populate sets the object's attributes, as TEE_PopulateTransientObject
// (§5.6.4). Panics: the object is already initialised, a mandatory
// attribute is missing, an attribute is not defined for the type (or
// repeated), or the key is larger than maxObjectSize. ERROR_BAD_PARAMETERS:
// the attributes are inconsistent (for example an RSA key whose n != p*q,
// an EC point not on its curve); the object then stays uninitialised.
func (o *Object) Populate(attrs []Attribute) error {
	const fn, sec = "TEE_PopulateTransientObject", "§5.6.4"
	if o.init {
		return panicf(fn, sec, "object already initialised")
	}
	seen := map[uint32]bool{}
	for _, a := range attrs {
		if !o.typ.allows(a.ID) {
			return panicf(fn, sec, "attribute %#x not defined for %s", a.ID, o.typ.name)
		}
		if seen[a.ID] {
			return panicf(fn, sec, "attribute %#x given twice", a.ID)
		}
		seen[a.ID] = true
	}
	for _, s := range o.typ.attrs {
		if s.mandatory && !seen[s.id] {
			return panicf(fn, sec, "mandatory attribute %#x missing for %s", s.id, o.typ.name)
		}
	}
	own := make([]Attribute, len(attrs))
	for i, a := range attrs {
		own[i] = a.clone()
	}
	size, key, err := o.typ.parse(o.typ, own)
	if err != nil {
		for i := range own {
			wipe(own[i].Ref)
		}
		if IsPanic(err) {
			return err
		}
		return err
	}
	if size > o.maxSize {
		for i := range own {
			wipe(own[i].Ref)
		}
		return panicf(fn, sec, "key size %d exceeds maxObjectSize %d", size, o.maxSize)
	}
	o.attrs, o.key, o.size, o.init = own, key, size, true
	return nil
}

// CopyAttributesFrom populates o from src, as TEE_CopyObjectAttributes1
// (§5.6.5): src must be initialised and of the same type as o, or a key
// pair whose public half is o's type. o's usage becomes the intersection of
// both usages. Panics: o already initialised, src not initialised,
// incompatible types, or src's key larger than o's maxObjectSize.
func (o *Object) CopyAttributesFrom(src *Object) error {
	const fn, sec = "TEE_CopyObjectAttributes1", "§5.6.5"
	if o.init {
		return panicf(fn, sec, "destination already initialised")
	}
	if src == nil || !src.init {
		return panicf(fn, sec, "source not initialised")
	}
	var attrs []Attribute
	switch {
	case src.typ.id == o.typ.id:
		attrs = src.attrs
	case src.typ.keypair && src.typ.publicType == o.typ.id:
		for _, a := range src.attrs {
			if o.typ.allows(a.ID) {
				attrs = append(attrs, a)
			}
		}
	default:
		return panicf(fn, sec, "cannot copy %s into %s", src.typ.name, o.typ.name)
	}
	if src.size > o.maxSize {
		return panicf(fn, sec, "source size %d exceeds maxObjectSize %d", src.size, o.maxSize)
	}
	own := make([]Attribute, len(attrs))
	for i, a := range attrs {
		own[i] = a.clone()
	}
	size, key, err := o.typ.parse(o.typ, own)
	if err != nil {
		return err
	}
	o.attrs, o.key, o.size, o.init = own, key, size, true
	o.usage &= src.usage
	return nil
}

// Generate generates a random key of keySize bits, as TEE_GenerateKey
// (§5.6.6); params are the type's generation parameters (RSA public
// exponent, DH/DSA domain, EC curve). Panics: the object is initialised,
// keySize is not supported for the type or exceeds maxObjectSize, a
// mandatory parameter is missing. ERROR_BAD_PARAMETERS: inconsistent
// parameters. ERROR_NOT_SUPPORTED: a parameter value Veritee cannot honour
// (an RSA public exponent other than 65537).
func (o *Object) Generate(keySize uint32, params []Attribute, rand io.Reader) error {
	const fn, sec = "TEE_GenerateKey", "§5.6.6"
	if o.init {
		return panicf(fn, sec, "object already initialised")
	}
	if keySize > o.maxSize || !o.typ.validSize(keySize) {
		return panicf(fn, sec, "key size %d not supported for %s (max %d)", keySize, o.typ.name, o.maxSize)
	}
	if o.typ.generate == nil {
		return newErr(abi.ErrNotSupported, "generating %s keys", o.typ.name)
	}
	attrs, err := o.typ.generate(o.typ, keySize, params, rand)
	if err != nil {
		return err
	}
	size, key, err := o.typ.parse(o.typ, attrs)
	if err != nil {
		return err
	}
	o.attrs, o.key, o.size, o.init = attrs, key, size, true
	return nil
}
