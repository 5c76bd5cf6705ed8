package tasign

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/taimage"
)

// KeyKind says which key encrypts a TA.
type KeyKind uint16

const (
	// DeviceKey is derived from the device's HUK and the TA UUID: the TA
	// runs on that one device only.
	DeviceKey KeyKind = 1
	// ClassKey is a 32-byte AES key the operator gives every device of a
	// class.
	ClassKey KeyKind = 2
)

// aeadAESGCM numbers AES-256-GCM in the encryption information.
const aeadAESGCM = 1

// ClassKeySize is the size of a class key (AES-256).
const ClassKeySize = 32

// ClassKeyID names a class key in an image without revealing it: the first
// 16 bytes of SHA-256 over a label and the key.
func ClassKeyID(key []byte) [16]byte {
	h := sha256.New()
	h.Write([]byte("veritee ta class key id v1"))
	h.Write(key)
	var id [16]byte
	copy(id[:], h.Sum(nil))
	return id
}

// DeviceTAKey derives the key that binds a TA to the device of k.
func DeviceTAKey(k *huk.Key, uuid abi.UUID) []byte {
	return k.Derive(huk.LabelTAEncrypt, uuid[:], ClassKeySize)
}

// Encrypt encrypts the body of a signed, unencrypted image with AES-256-GCM
// under key (sign, then encrypt, as OP-TEE does). The signature keeps
// covering the plaintext; the image hash and the encryption information are
// the additional data, so the ciphertext cannot move to another image.
func Encrypt(image []byte, kind KeyKind, key []byte) ([]byte, error) {
	if len(key) != ClassKeySize {
		return nil, fmt.Errorf("tasign: encryption key of %d bytes, want %d", len(key), ClassKeySize)
	}
	if kind != DeviceKey && kind != ClassKey {
		return nil, fmt.Errorf("tasign: key kind %d", kind)
	}
	s, err := taimage.ParseSigned(image)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	if s.Encrypted() {
		return nil, errors.New("tasign: the image is already encrypted")
	}
	info := make([]byte, taimage.EncInfoSize)
	binary.LittleEndian.PutUint16(info[0:2], uint16(kind))
	binary.LittleEndian.PutUint16(info[2:4], aeadAESGCM)
	if _, err := rand.Read(info[4:16]); err != nil {
		return nil, err
	}
	if kind == ClassKey {
		id := ClassKeyID(key)
		copy(info[16:32], id[:])
	}
	g, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	ct := g.Seal(nil, info[4:16], s.Body, aad(s.Hash, info))
	out, err := taimage.AssembleSigned(s.Hashed, s.Hash, s.Signature, s.Chain, info, ct)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	return out, nil
}

// EncInfo is the parsed encryption information of an image.
type EncInfo struct {
	Kind       KeyKind
	Nonce      []byte
	ClassKeyID [16]byte
}

func parseEncInfo(b []byte) (EncInfo, error) {
	if len(b) != taimage.EncInfoSize {
		return EncInfo{}, fmt.Errorf("%w: encryption information of %d bytes", ErrMalformed, len(b))
	}
	e := EncInfo{Kind: KeyKind(binary.LittleEndian.Uint16(b[0:2])), Nonce: b[4:16]}
	copy(e.ClassKeyID[:], b[16:32])
	if binary.LittleEndian.Uint16(b[2:4]) != aeadAESGCM {
		return EncInfo{}, fmt.Errorf("%w: unknown cipher %d", ErrMalformed, binary.LittleEndian.Uint16(b[2:4]))
	}
	switch e.Kind {
	case DeviceKey:
		if e.ClassKeyID != ([16]byte{}) {
			return EncInfo{}, fmt.Errorf("%w: device-key image names a class key", ErrMalformed)
		}
	case ClassKey:
	default:
		return EncInfo{}, fmt.Errorf("%w: unknown key kind %d", ErrMalformed, e.Kind)
	}
	return e, nil
}

func aad(hash [32]byte, info []byte) []byte {
	return append(hash[:], info...)
}

func newGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	return cipher.NewGCM(b)
}
