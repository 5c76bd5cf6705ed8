package tasign

import (
	"crypto"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/rollback"
	"github.com/veritee/veritee/internal/taimage"
)

// Verifier checks signed images against a trust configuration.
type Verifier struct {
	// Trust holds the root keys.
	Trust *Trust
	// Versions keeps the highest TA and subkey versions seen; nil skips
	// anti-rollback (inspection tools only).
	Versions rollback.Store
	// HUK decrypts device-bound TAs; nil refuses them.
	HUK *huk.Key
	// ClassKeys decrypt class-encrypted TAs.
	ClassKeys [][]byte
	// Now is the clock subkey expiry is checked against; nil is
	// time.Now. The REE clock is not trusted: expiry limits honest
	// mistakes, version numbers revoke keys.
	Now func() time.Time
}

// Verified is what Verify found in a valid image.
type Verified struct {
	UUID      abi.UUID
	TAVersion uint32
	Algorithm Algorithm
	// Signer is the key that signed the image; Root the trusted key at the
	// top of the chain (the signer itself without subkeys).
	Signer KeyID
	Root   TrustedKey
	// Subkeys is the chain from the root key down to the signer.
	Subkeys   []taimage.Subkey
	Encrypted bool
	// Body is the format-1 image: the TA's properties and wasm module.
	Body []byte
}

// Verify checks image, the file found for TA want, completely before
// anything reads its body: sizes, the subkey chain (signatures,
// namespaces, depths, expiry, versions), the signature, the TA version,
// decryption, and the hash of the plaintext. Then it records the TA and
// subkey versions as the highest seen. Its errors wrap one of this
// package's Err values with the detail.
func (v *Verifier) Verify(image []byte, want abi.UUID) (*Verified, error) {
	r, err := v.check(image, &want)
	if err != nil {
		return nil, err
	}
	if v.Versions != nil {
		for _, sk := range r.Subkeys {
			if err := v.Versions.Advance(rollback.Subkey, sk.UUID, sk.Version); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrSubkeyRevoked, err)
			}
		}
		if err := v.Versions.Advance(rollback.TA, r.UUID, r.TAVersion); err != nil {
			if errors.Is(err, rollback.ErrRollback) {
				return nil, fmt.Errorf("%w: %w", ErrRollback, err)
			}
			return nil, err
		}
	}
	return r, nil
}

// Check verifies image like Verify, for any TA UUID, and records nothing:
// for install and inspect.
func (v *Verifier) Check(image []byte) (*Verified, error) {
	return v.check(image, nil)
}

func (v *Verifier) check(image []byte, want *abi.UUID) (*Verified, error) {
	s, err := taimage.ParseSigned(image)
	if errors.Is(err, taimage.ErrUnsigned) {
		return nil, fmt.Errorf("%w: format version 1 carries no signature; sign it with 'veritee sign'", ErrUnsigned)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if want != nil && s.UUID != *want {
		return nil, fmt.Errorf("%w: the file for %v holds %v", ErrWrongUUID, *want, s.UUID)
	}
	r := &Verified{UUID: s.UUID, TAVersion: s.TAVersion, Algorithm: Algorithm(s.Algorithm),
		Signer: s.KeyID, Encrypted: s.Encrypted()}

	pub, err := v.checkChain(s, r)
	if err != nil {
		return nil, err
	}
	if err := verifyDigest(pub, r.Algorithm, s.Hash[:], s.Signature); err != nil {
		return nil, fmt.Errorf("%w: image signature by key %v", err, r.Signer)
	}
	if err := v.checkVersion(rollback.TA, s.UUID, s.TAVersion); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRollback, err)
	}
	body := s.Body
	if s.Encrypted() {
		if body, err = v.decrypt(s); err != nil {
			return nil, err
		}
	}
	if uint64(len(body)) != s.BodyLen {
		return nil, fmt.Errorf("%w: body of %d bytes, header says %d", ErrMalformed, len(body), s.BodyLen)
	}
	d := imageDigest(s.Hashed, s.Chain, body)
	if subtle.ConstantTimeCompare(d[:], s.Hash[:]) != 1 {
		return nil, ErrBadHash
	}
	r.Body = body
	return r, nil
}

// checkChain walks the subkey chain from the trusted root down and returns
// the key that must have signed the image.
func (v *Verifier) checkChain(s *taimage.Signed, r *Verified) (crypto.PublicKey, error) {
	sks, err := taimage.ParseChain(s.Chain)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	trust := v.Trust
	if trust == nil {
		trust = &Trust{}
	}
	rootID := s.KeyID
	if len(sks) > 0 {
		rootID = sks[0].ParentKeyID
	}
	root, ok := trust.Lookup(KeyID(rootID))
	if !ok {
		return nil, fmt.Errorf("%w: key %v", ErrUntrustedKey, KeyID(rootID))
	}
	r.Root = root
	if len(sks) == 0 {
		return root.Public, nil
	}
	scope, err := chainScope(sks)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	parent, parentID := root.Public, root.ID
	for i, sk := range sks {
		if KeyID(sk.ParentKeyID) != parentID {
			return nil, fmt.Errorf("%w: subkey %d (%v) names parent %v, signed by %v", ErrSubkey, i, sk.UUID, KeyID(sk.ParentKeyID), parentID)
		}
		d := sha256.Sum256(sk.Signed)
		if err := verifyDigest(parent, Algorithm(sk.ParentAlg), d[:], sk.Signature); err != nil {
			return nil, fmt.Errorf("%w: subkey %d (%v): %w", ErrSubkey, i, sk.UUID, err)
		}
		if sk.NotAfter != 0 && now().Unix() > int64(min(sk.NotAfter, 1<<62)) {
			return nil, fmt.Errorf("%w: subkey %d (%v) expired at %v", ErrSubkeyExpired, i, sk.UUID,
				time.Unix(int64(min(sk.NotAfter, 1<<62)), 0).UTC().Format(time.RFC3339))
		}
		if err := v.checkVersion(rollback.Subkey, sk.UUID, sk.Version); err != nil {
			return nil, fmt.Errorf("%w: subkey %d: %w", ErrSubkeyRevoked, i, err)
		}
		pub, err := parsePKIX(sk.PublicKey)
		if err != nil {
			return nil, fmt.Errorf("%w: subkey %d (%v): %w", ErrSubkey, i, sk.UUID, err)
		}
		if err := fits(Algorithm(sk.Algorithm), pub); err != nil {
			return nil, fmt.Errorf("%w: subkey %d (%v): %w", ErrSubkey, i, sk.UUID, err)
		}
		parent, parentID = pub, sha256.Sum256(sk.PublicKey)
	}
	last := sks[len(sks)-1]
	if KeyID(s.KeyID) != parentID {
		return nil, fmt.Errorf("%w: the image names signer %v, the chain ends in %v", ErrSubkey, KeyID(s.KeyID), parentID)
	}
	if Algorithm(s.Algorithm) != Algorithm(last.Algorithm) {
		return nil, fmt.Errorf("%w: the image is signed with %v, the subkey signs with %v", ErrSubkey, Algorithm(s.Algorithm), Algorithm(last.Algorithm))
	}
	if scope != s.UUID {
		return nil, fmt.Errorf("%w: the chain may sign %v, the TA is %v", ErrNamespace, scope, s.UUID)
	}
	r.Subkeys = sks
	return parent, nil
}

// checkVersion refuses v when a higher version of id was seen.
func (v *Verifier) checkVersion(kind rollback.Kind, id abi.UUID, ver uint32) error {
	if v.Versions == nil {
		return nil
	}
	hi, ok, err := v.Versions.Highest(kind, id)
	if err != nil {
		return err
	}
	if ok && ver < hi {
		return fmt.Errorf("%s %v version %d, highest seen %d", kind, id, ver, hi)
	}
	return nil
}

// decrypt opens the body of an encrypted image.
func (v *Verifier) decrypt(s *taimage.Signed) ([]byte, error) {
	info, err := parseEncInfo(s.EncInfo)
	if err != nil {
		return nil, err
	}
	var key []byte
	switch info.Kind {
	case DeviceKey:
		if v.HUK == nil {
			return nil, fmt.Errorf("%w: device-bound TA, and this TEE has no hardware unique key", ErrDecrypt)
		}
		key = DeviceTAKey(v.HUK, s.UUID)
		defer clear(key)
	case ClassKey:
		for _, k := range v.ClassKeys {
			id := ClassKeyID(k)
			if subtle.ConstantTimeCompare(id[:], info.ClassKeyID[:]) == 1 {
				key = k
				break
			}
		}
		if key == nil {
			return nil, fmt.Errorf("%w: class key %x is not configured", ErrDecrypt, info.ClassKeyID)
		}
	}
	g, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	pt, err := g.Open(nil, info.Nonce, s.Body, aad(s.Hash, s.EncInfo))
	if err != nil {
		return nil, fmt.Errorf("%w: authentication failed (wrong key, or the ciphertext was altered)", ErrDecrypt)
	}
	return pt, nil
}
