// Package keys provides the key hierarchy of secure storage, as OP-TEE's:
// the HUK gives the secure storage key (SSK); the SSK and a TA's UUID give
// that TA's storage key (TSK); every object has a random file encryption
// key (FEK) that only ever leaves memory wrapped by its TA's TSK. A TA's
// objects are therefore unreadable with any other TA's keys, and nothing
// on disk is readable without the HUK.
package keys

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
)

// Size is the length of every key of the hierarchy (AES-256).
const Size = 32

// Labels under the SSK. They are part of the on-disk formats.
const (
	labelTSK     = "veritee tsk v1"
	labelMeta    = "veritee ree store metadata key v1"
	labelNames   = "veritee storage names v1"
	WrappedSize  = NonceSize + Size + TagSize // a wrapped FEK
	NonceSize    = 12
	TagSize      = 16
	SealOverhead = NonceSize + TagSize
)

// ErrUnwrap is returned when a wrapped key or sealed value does not
// authenticate: it was altered, or belongs to another TA or object.
var ErrUnwrap = errors.New("keys: authentication failed")

// SSK is the secure storage key.
type SSK struct{ k []byte }

// NewSSK derives the SSK from the HUK.
func NewSSK(h *huk.Key) *SSK { return &SSK{k: h.Derive(huk.LabelSSK, nil, Size)} }

// Destroy zeroes the key.
func (s *SSK) Destroy() { clear(s.k) }

func (s *SSK) derive(label string, info []byte) []byte {
	out, err := hkdf.Key(sha256.New, s.k, nil, label+"\x00"+string(info), Size)
	if err != nil {
		panic(fmt.Sprintf("keys: %v", err))
	}
	return out
}

// MetaKey returns the key that encrypts the REE store's directory records.
func (s *SSK) MetaKey() []byte { return s.derive(labelMeta, nil) }

// NameKey returns the key under which object ids are hashed into record
// names, so that no name reveals an id.
func (s *SSK) NameKey() []byte { return s.derive(labelNames, nil) }

// TSK returns the storage key of the TA ta.
func (s *SSK) TSK(ta abi.UUID) *AEAD { return newAEAD(s.derive(labelTSK, ta[:])) }

// AEAD is AES-256-GCM under one key with random nonces, the sealing used
// for every key and block of secure storage. The sealed form is nonce ||
// ciphertext || tag.
type AEAD struct {
	key []byte
	g   cipher.AEAD
}

func newAEAD(key []byte) *AEAD {
	b, err := aes.NewCipher(key)
	if err != nil {
		panic(fmt.Sprintf("keys: %v", err))
	}
	g, err := cipher.NewGCM(b)
	if err != nil {
		panic(fmt.Sprintf("keys: %v", err))
	}
	return &AEAD{key: key, g: g}
}

// NewAEAD returns the AEAD of a Size-byte key.
func NewAEAD(key []byte) (*AEAD, error) {
	if len(key) != Size {
		return nil, fmt.Errorf("keys: key of %d bytes", len(key))
	}
	k := make([]byte, Size)
	copy(k, key)
	return newAEAD(k), nil
}

// Destroy zeroes the key. The cipher's expanded key schedule is
// unreachable afterwards and collected.
func (a *AEAD) Destroy() { clear(a.key); a.g = nil }

// Seal appends the sealed form of plain, bound to aad, to dst.
func (a *AEAD) Seal(dst, plain, aad []byte) []byte {
	var nonce [NonceSize]byte
	rand.Read(nonce[:])
	dst = append(dst, nonce[:]...)
	return a.g.Seal(dst, nonce[:], plain, aad)
}

// Open appends the plaintext of sealed to dst, or fails with ErrUnwrap.
func (a *AEAD) Open(dst, sealed, aad []byte) ([]byte, error) {
	if len(sealed) < SealOverhead {
		return nil, ErrUnwrap
	}
	out, err := a.g.Open(dst, sealed[:NonceSize], sealed[NonceSize:], aad)
	if err != nil {
		return nil, ErrUnwrap
	}
	return out, nil
}

// NewFEK returns a fresh random file encryption key.
func NewFEK() []byte {
	k := make([]byte, Size)
	rand.Read(k)
	return k
}

// Mac returns HMAC-SHA256(key, parts...), for record names.
func Mac(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}
