package abi

import (
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
)

// UUID is an RFC 4122 UUID in its canonical (big-endian) byte order, the
// order of its string form. TEE_UUID in TA memory stores the same value as a
// struct of native-endian (little-endian on wasm32) fields; see TEEUUIDBytes.
type UUID [16]byte

// ParseUUID parses the canonical 36-character form
// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
func ParseUUID(s string) (UUID, error) {
	var u UUID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, fmt.Errorf("abi: malformed UUID %q", s)
	}
	h := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:36]
	if _, err := hex.Decode(u[:], []byte(h)); err != nil {
		return UUID{}, fmt.Errorf("abi: malformed UUID %q", s)
	}
	return u, nil
}

// MustParseUUID is ParseUUID for constants; it panics on a malformed UUID.
func MustParseUUID(s string) UUID {
	u, err := ParseUUID(s)
	if err != nil {
		panic(err)
	}
	return u
}

// String returns the canonical lower-case form.
func (u UUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:36], u[10:16])
	return string(b[:])
}

// IsZero reports whether u is the nil UUID.
func (u UUID) IsZero() bool { return u == UUID{} }

// TEEUUIDBytes returns u laid out as a TEE_UUID struct in wasm32 memory:
// timeLow, timeMid and timeHiAndVersion little-endian, then clockSeqAndNode.
func (u UUID) TEEUUIDBytes() [TEEUUIDSize]byte {
	var b [TEEUUIDSize]byte
	binary.LittleEndian.PutUint32(b[0:4], binary.BigEndian.Uint32(u[0:4]))
	binary.LittleEndian.PutUint16(b[4:6], binary.BigEndian.Uint16(u[4:6]))
	binary.LittleEndian.PutUint16(b[6:8], binary.BigEndian.Uint16(u[6:8]))
	copy(b[8:], u[8:])
	return b
}

// UUIDFromTEE is the inverse of TEEUUIDBytes.
func UUIDFromTEE(b []byte) (UUID, error) {
	var u UUID
	if len(b) != TEEUUIDSize {
		return u, errors.New("abi: TEE_UUID must be 16 bytes")
	}
	binary.BigEndian.PutUint32(u[0:4], binary.LittleEndian.Uint32(b[0:4]))
	binary.BigEndian.PutUint16(u[4:6], binary.LittleEndian.Uint16(b[4:6]))
	binary.BigEndian.PutUint16(u[6:8], binary.LittleEndian.Uint16(b[6:8]))
	copy(u[8:], b[8:])
	return u, nil
}

// NewUUIDv5 returns the name-based (SHA-1) UUID of name in namespace ns
// (RFC 4122 §4.3), the derivation OP-TEE uses for client identities.
func NewUUIDv5(ns UUID, name string) UUID {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u UUID
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0F | 0x50
	u[8] = u[8]&0x3F | 0x80
	return u
}

// ClientNamespace is the namespace of client identity UUIDs; Linux's TEE
// subsystem uses the same one, so a Veritee USER login identity equals the
// one OP-TEE computes for the same uid.
var ClientNamespace = MustParseUUID("58ac9ca0-2086-4683-a1b8-ec4bc08e01b6")

// Identity is a TEE_Identity: a login method and the client's UUID.
type Identity struct {
	Login uint32
	UUID  UUID
}

// TEEBytes lays out id as a TEE_Identity struct in wasm32 memory.
func (id Identity) TEEBytes() [IdentitySize]byte {
	var b [IdentitySize]byte
	binary.LittleEndian.PutUint32(b[0:4], id.Login)
	u := id.UUID.TEEUUIDBytes()
	copy(b[4:], u[:])
	return b
}
