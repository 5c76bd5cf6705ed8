package taimage

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// SignedFormatVersion is the format version of a signed image: a signed
// header, the signature, an optional subkey chain, optional encryption
// information and the body, which is a format-1 image (the TA's properties
// and wasm module), encrypted or not. docs/ta-image.md specifies it.
const SignedFormatVersion uint16 = 2

// Sizes and limits of a signed image.
const (
	// SignedHeaderSize is the fixed header of a signed image.
	SignedHeaderSize = 128
	// HashedHeaderSize is the part of the header the image hash covers.
	HashedHeaderSize = 80
	// HashSize is the size of the image hash (SHA-256) and of a key ID.
	HashSize = 32
	// MaxSignatureSize bounds a signature (RSA-4096 is 512 bytes).
	MaxSignatureSize = 512
	// MaxChainSize bounds the subkey chain.
	MaxChainSize = 64 << 10
	// EncInfoSize is the size of the encryption information.
	EncInfoSize = 32
	// GCMTagSize is what AES-GCM adds to the body when it is encrypted.
	GCMTagSize = 16
)

// FlagEncrypted marks a signed image whose body is encrypted.
const FlagEncrypted uint16 = 1 << 0

// Signed is a signed image split into its parts by ParseSigned. Every slice
// points into the image it was parsed from. Nothing here is verified: that
// is package tasign's job.
type Signed struct {
	UUID      abi.UUID
	TAVersion uint32
	Algorithm uint16
	KeyID     [HashSize]byte // SHA-256 of the signer's public key (PKIX DER)
	BodyLen   uint64         // length of the plaintext body
	Flags     uint16
	Hash      [HashSize]byte

	Hashed    []byte // header bytes [0:HashedHeaderSize], covered by Hash
	Signature []byte
	Chain     []byte // the subkey chain, covered by Hash
	EncInfo   []byte // EncInfoSize bytes when encrypted, else empty
	Body      []byte // the body as stored: plaintext, or ciphertext+tag
}

// Encrypted reports whether the body is encrypted.
func (s *Signed) Encrypted() bool { return s.Flags&FlagEncrypted != 0 }

// IsSigned reports whether image starts like a signed image (magic and
// format version 2), without checking anything else.
func IsSigned(image []byte) bool {
	return len(image) >= 6 && bytes.Equal(image[0:4], Magic[:]) &&
		binary.LittleEndian.Uint16(image[4:6]) == SignedFormatVersion
}

// ParseSigned splits a signed image into its parts, checking every size
// (in 64 bits, so nothing wraps) against the bytes present before slicing.
// It reads no byte of the body. An error wraps ErrFormat; ErrUnsigned when
// the image is a valid-looking format-1 image, which carries no signature.
func ParseSigned(image []byte) (*Signed, error) {
	if len(image) > MaxImageSize {
		return nil, fmt.Errorf("%w: %d bytes exceeds %d", ErrFormat, len(image), MaxImageSize)
	}
	if len(image) < 6 || !bytes.Equal(image[0:4], Magic[:]) {
		return nil, fmt.Errorf("%w: bad magic", ErrFormat)
	}
	le := binary.LittleEndian
	switch v := le.Uint16(image[4:6]); v {
	case SignedFormatVersion:
	case FormatVersion:
		return nil, ErrUnsigned
	default:
		return nil, fmt.Errorf("%w: format version %d, want %d", ErrFormat, v, SignedFormatVersion)
	}
	if len(image) < SignedHeaderSize {
		return nil, fmt.Errorf("%w: %d bytes is shorter than the signed header", ErrFormat, len(image))
	}
	if t := ImageType(le.Uint16(image[6:8])); t != ImageTypeWasm {
		return nil, fmt.Errorf("%w: image type %d", ErrFormat, t)
	}
	s := &Signed{
		TAVersion: le.Uint32(image[24:28]),
		Algorithm: le.Uint16(image[28:30]),
		BodyLen:   le.Uint64(image[40:48]),
		Flags:     le.Uint16(image[80:82]),
		Hashed:    image[0:HashedHeaderSize:HashedHeaderSize],
	}
	copy(s.UUID[:], image[8:24])
	copy(s.KeyID[:], image[48:80])
	copy(s.Hash[:], image[96:128])
	if le.Uint16(image[30:32]) != 0 || le.Uint32(image[36:40]) != 0 {
		return nil, fmt.Errorf("%w: reserved header fields are not zero", ErrFormat)
	}
	chainLen := uint64(le.Uint32(image[32:36]))
	sigLen := uint64(le.Uint16(image[82:84]))
	encLen := uint64(le.Uint32(image[84:88]))
	total := le.Uint64(image[88:96])
	if s.Flags&^FlagEncrypted != 0 {
		return nil, fmt.Errorf("%w: unknown flags 0x%x", ErrFormat, s.Flags)
	}
	if sigLen == 0 || sigLen > MaxSignatureSize {
		return nil, fmt.Errorf("%w: signature of %d bytes", ErrFormat, sigLen)
	}
	if chainLen > MaxChainSize {
		return nil, fmt.Errorf("%w: subkey chain of %d bytes exceeds %d", ErrFormat, chainLen, MaxChainSize)
	}
	stored := s.BodyLen
	switch {
	case s.Encrypted() && encLen == EncInfoSize:
		stored += GCMTagSize
	case !s.Encrypted() && encLen == 0:
	default:
		return nil, fmt.Errorf("%w: encryption flag %v with %d bytes of encryption information", ErrFormat, s.Encrypted(), encLen)
	}
	if s.BodyLen > MaxImageSize || s.BodyLen < HeaderSize {
		return nil, fmt.Errorf("%w: body of %d bytes", ErrFormat, s.BodyLen)
	}
	// Each term is below 2^27, so the 64-bit sum cannot wrap.
	want := uint64(SignedHeaderSize) + sigLen + chainLen + encLen + stored
	if total != want || total != uint64(len(image)) {
		return nil, fmt.Errorf("%w: header says %d bytes, its parts %d, have %d", ErrFormat, total, want, len(image))
	}
	off := uint64(SignedHeaderSize)
	cut := func(n uint64) []byte {
		b := image[off : off+n : off+n]
		off += n
		return b
	}
	s.Signature = cut(sigLen)
	s.Chain = cut(chainLen)
	s.EncInfo = cut(encLen)
	s.Body = cut(stored)
	return s, nil
}

// SignedHeader is what a signer puts in the hashed part of the header.
type SignedHeader struct {
	UUID      abi.UUID
	TAVersion uint32
	Algorithm uint16
	KeyID     [HashSize]byte
	ChainLen  uint32
	BodyLen   uint64
}

// Marshal encodes the hashed part of the header (HashedHeaderSize bytes).
func (h *SignedHeader) Marshal() []byte {
	b := make([]byte, HashedHeaderSize)
	le := binary.LittleEndian
	copy(b[0:4], Magic[:])
	le.PutUint16(b[4:6], SignedFormatVersion)
	le.PutUint16(b[6:8], uint16(ImageTypeWasm))
	copy(b[8:24], h.UUID[:])
	le.PutUint32(b[24:28], h.TAVersion)
	le.PutUint16(b[28:30], h.Algorithm)
	le.PutUint32(b[32:36], h.ChainLen)
	le.PutUint64(b[40:48], h.BodyLen)
	copy(b[48:80], h.KeyID[:])
	return b
}

// AssembleSigned lays out a signed image from its parts: hashed is the
// output of SignedHeader.Marshal, body is what is stored (ciphertext and
// tag when encInfo is set). It checks the result with ParseSigned.
func AssembleSigned(hashed []byte, hash [HashSize]byte, sig, chain, encInfo, body []byte) ([]byte, error) {
	if len(hashed) != HashedHeaderSize {
		return nil, fmt.Errorf("%w: hashed header of %d bytes", ErrFormat, len(hashed))
	}
	if len(sig) > MaxSignatureSize || len(encInfo) > EncInfoSize || len(chain) > MaxChainSize {
		return nil, fmt.Errorf("%w: signature, chain or encryption information too long", ErrFormat)
	}
	total := uint64(SignedHeaderSize) + uint64(len(sig)) + uint64(len(chain)) + uint64(len(encInfo)) + uint64(len(body))
	if total > MaxImageSize {
		return nil, fmt.Errorf("%w: image of %d bytes exceeds %d", ErrFormat, total, MaxImageSize)
	}
	b := make([]byte, SignedHeaderSize, total)
	copy(b, hashed)
	le := binary.LittleEndian
	var flags uint16
	if len(encInfo) > 0 {
		flags |= FlagEncrypted
	}
	le.PutUint16(b[80:82], flags)
	le.PutUint16(b[82:84], uint16(len(sig)))
	le.PutUint32(b[84:88], uint32(len(encInfo)))
	le.PutUint64(b[88:96], total)
	copy(b[96:128], hash[:])
	b = append(b, sig...)
	b = append(b, chain...)
	b = append(b, encInfo...)
	b = append(b, body...)
	if _, err := ParseSigned(b); err != nil {
		return nil, err
	}
	return b, nil
}
