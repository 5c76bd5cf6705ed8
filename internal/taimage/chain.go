package taimage

import (
	"bytes"
	"crypto/sha512"
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// SubkeyMagic opens every subkey record: "VTSK".
var SubkeyMagic = [4]byte{'V', 'T', 'S', 'K'}

// SubkeyKind says what a subkey may sign.
type SubkeyKind uint16

const (
	// SubkeyNamespace signs subkeys and TAs whose UUID is
	// SubkeyUUID(subkey UUID, name) for a name that follows the record.
	SubkeyNamespace SubkeyKind = 1
	// SubkeyIdentity signs exactly one TA: the one whose UUID is the
	// subkey's own. It cannot delegate further.
	SubkeyIdentity SubkeyKind = 2
)

// Limits of subkey records.
const (
	SubkeyFixedSize  = 80
	MaxSubkeyKeySize = 1024
	MaxSubkeyName    = 255
	// MaxChainDepth bounds the number of subkeys in one chain.
	MaxChainDepth = 8
)

// Subkey is one parsed element of a subkey chain. Its slices point into the
// chain it was parsed from.
type Subkey struct {
	Kind        SubkeyKind
	UUID        abi.UUID // the namespace, or the one UUID an identity subkey signs
	Version     uint32   // for anti-rollback, per subkey UUID
	MaxDepth    uint32   // how many subkey levels may follow this one
	NotAfter    uint64   // Unix seconds after which it is expired; 0: never
	Algorithm   uint16   // what this subkey signs with
	ParentAlg   uint16   // what the parent signed this record with
	ParentKeyID [HashSize]byte
	PublicKey   []byte // PKIX DER
	Signature   []byte // the parent's signature over SHA-256(Signed)
	// Signed is the record up to and including the public key: what the
	// parent signs.
	Signed []byte
	// Name derives the UUID of what this subkey signs next; it is chosen
	// by whoever uses the subkey and is covered by the image hash, not by
	// the parent's signature. Empty for an identity subkey.
	Name []byte
}

// SubkeyRecord is what the parent of a new subkey signs.
type SubkeyRecord struct {
	Kind        SubkeyKind
	UUID        abi.UUID
	Version     uint32
	MaxDepth    uint32
	NotAfter    uint64
	Algorithm   uint16
	ParentAlg   uint16
	ParentKeyID [HashSize]byte
	PublicKey   []byte
}

// Marshal encodes the signed part of a subkey record.
func (r *SubkeyRecord) Marshal() ([]byte, error) {
	if len(r.PublicKey) == 0 || len(r.PublicKey) > MaxSubkeyKeySize {
		return nil, fmt.Errorf("%w: subkey public key of %d bytes", ErrFormat, len(r.PublicKey))
	}
	if r.Kind != SubkeyNamespace && r.Kind != SubkeyIdentity {
		return nil, fmt.Errorf("%w: subkey kind %d", ErrFormat, r.Kind)
	}
	le := binary.LittleEndian
	b := make([]byte, SubkeyFixedSize, SubkeyFixedSize+len(r.PublicKey))
	copy(b[0:4], SubkeyMagic[:])
	le.PutUint16(b[4:6], 1)
	le.PutUint16(b[6:8], uint16(r.Kind))
	copy(b[8:24], r.UUID[:])
	le.PutUint32(b[24:28], r.Version)
	le.PutUint32(b[28:32], r.MaxDepth)
	le.PutUint64(b[32:40], r.NotAfter)
	le.PutUint16(b[40:42], r.Algorithm)
	le.PutUint16(b[42:44], r.ParentAlg)
	le.PutUint16(b[44:46], uint16(len(r.PublicKey)))
	copy(b[48:80], r.ParentKeyID[:])
	return append(b, r.PublicKey...), nil
}

// AppendSubkey appends one chain element: the signed record, the parent's
// signature and the name that follows it.
func AppendSubkey(chain, signed, sig, name []byte) ([]byte, error) {
	if len(signed) < SubkeyFixedSize || len(sig) == 0 || len(sig) > MaxSignatureSize || len(name) > MaxSubkeyName {
		return nil, fmt.Errorf("%w: subkey element sizes", ErrFormat)
	}
	rec := bytes.Clone(signed)
	binary.LittleEndian.PutUint16(rec[46:48], uint16(len(sig)))
	chain = append(chain, rec...)
	chain = append(chain, sig...)
	chain = binary.LittleEndian.AppendUint16(chain, uint16(len(name)))
	return append(chain, name...), nil
}

// ParseChain splits a subkey chain into its elements, checking every size
// against the bytes left. It checks no signature.
func ParseChain(chain []byte) ([]Subkey, error) {
	if len(chain) > MaxChainSize {
		return nil, fmt.Errorf("%w: subkey chain of %d bytes", ErrFormat, len(chain))
	}
	var out []Subkey
	le := binary.LittleEndian
	rest := chain
	for len(rest) > 0 {
		if len(out) == MaxChainDepth {
			return nil, fmt.Errorf("%w: more than %d subkeys", ErrFormat, MaxChainDepth)
		}
		i := len(out)
		if len(rest) < SubkeyFixedSize {
			return nil, fmt.Errorf("%w: subkey %d: truncated", ErrFormat, i)
		}
		if !bytes.Equal(rest[0:4], SubkeyMagic[:]) || le.Uint16(rest[4:6]) != 1 {
			return nil, fmt.Errorf("%w: subkey %d: bad magic or record version", ErrFormat, i)
		}
		sk := Subkey{
			Kind:      SubkeyKind(le.Uint16(rest[6:8])),
			Version:   le.Uint32(rest[24:28]),
			MaxDepth:  le.Uint32(rest[28:32]),
			NotAfter:  le.Uint64(rest[32:40]),
			Algorithm: le.Uint16(rest[40:42]),
			ParentAlg: le.Uint16(rest[42:44]),
		}
		copy(sk.UUID[:], rest[8:24])
		copy(sk.ParentKeyID[:], rest[48:80])
		if sk.Kind != SubkeyNamespace && sk.Kind != SubkeyIdentity {
			return nil, fmt.Errorf("%w: subkey %d: kind %d", ErrFormat, i, sk.Kind)
		}
		pkLen := int(le.Uint16(rest[44:46]))
		sigLen := int(le.Uint16(rest[46:48]))
		if pkLen == 0 || pkLen > MaxSubkeyKeySize || sigLen == 0 || sigLen > MaxSignatureSize {
			return nil, fmt.Errorf("%w: subkey %d: key of %d or signature of %d bytes", ErrFormat, i, pkLen, sigLen)
		}
		// Each length is at most a few KiB, so int sums cannot wrap.
		need := SubkeyFixedSize + pkLen + sigLen + 2
		if len(rest) < need {
			return nil, fmt.Errorf("%w: subkey %d: truncated", ErrFormat, i)
		}
		signed := bytes.Clone(rest[:SubkeyFixedSize+pkLen])
		le.PutUint16(signed[46:48], 0) // the signature length is not signed
		sk.Signed = signed
		sk.PublicKey = rest[SubkeyFixedSize : SubkeyFixedSize+pkLen]
		sk.Signature = rest[SubkeyFixedSize+pkLen : SubkeyFixedSize+pkLen+sigLen]
		nameLen := int(le.Uint16(rest[need-2 : need]))
		if nameLen > MaxSubkeyName || len(rest) < need+nameLen {
			return nil, fmt.Errorf("%w: subkey %d: name of %d bytes", ErrFormat, i, nameLen)
		}
		sk.Name = rest[need : need+nameLen]
		if bytes.IndexByte(sk.Name, 0) >= 0 {
			return nil, fmt.Errorf("%w: subkey %d: NUL in the name", ErrFormat, i)
		}
		rest = rest[need+nameLen:]
		out = append(out, sk)
	}
	return out, nil
}

// SetLastName returns a copy of chain whose last element is followed by
// name instead of what followed it.
func SetLastName(chain, name []byte) ([]byte, error) {
	sks, err := ParseChain(chain)
	if err != nil {
		return nil, err
	}
	if len(sks) == 0 {
		return nil, fmt.Errorf("%w: empty subkey chain", ErrFormat)
	}
	if len(name) > MaxSubkeyName || bytes.IndexByte(name, 0) >= 0 {
		return nil, fmt.Errorf("%w: bad subkey name", ErrFormat)
	}
	last := sks[len(sks)-1]
	cut := len(chain) - 2 - len(last.Name)
	out := bytes.Clone(chain[:cut])
	out = binary.LittleEndian.AppendUint16(out, uint16(len(name)))
	return append(out, name...), nil
}

// SubkeyUUID is the UUID that name gives in the namespace of a subkey: a
// version-5 UUID as RFC 4122 §4.3 builds it, but from SHA-512 instead of
// SHA-1, as OP-TEE's subkeys do, so that the same namespace and name give
// the same UUID on both.
func SubkeyUUID(ns abi.UUID, name []byte) abi.UUID {
	h := sha512.New()
	h.Write(ns[:])
	h.Write(name)
	var u abi.UUID
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0F | 0x50
	u[8] = u[8]&0x3F | 0x80
	return u
}
