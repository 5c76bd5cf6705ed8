package tasign

import (
	"crypto"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taimage"
)

// Signing says who signs an image and how.
type Signing struct {
	// Public is the signer's public key (the key itself, or the last
	// subkey of Chain).
	Public crypto.PublicKey
	// Algorithm is what the signer signs with; 0 picks DefaultAlgorithm.
	Algorithm Algorithm
	// Chain is the signer's subkey chain (a subkey file from NewSubkey),
	// empty when a root key signs.
	Chain []byte
	// Name is the name that gives the TA UUID in the last subkey's
	// namespace; empty for an identity subkey or no chain.
	Name string
}

// Prepared is an image ready to be signed: its hash is what the signer
// signs, offline or not.
type Prepared struct {
	UUID      abi.UUID
	TAVersion uint32
	Algorithm Algorithm
	Digest    [32]byte

	pub    crypto.PublicKey
	hashed []byte
	chain  []byte
	body   []byte
}

// Prepare lays out the signed header of body (a format-1 image, or a
// signed image that is not encrypted, whose signature is replaced) for s,
// and computes the digest to sign. It checks that the TA's UUID lies in
// the chain's namespace.
func Prepare(image []byte, s Signing) (*Prepared, error) {
	body, err := innerImage(image)
	if err != nil {
		return nil, err
	}
	img, err := taimage.Parse(body)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	alg := s.Algorithm
	if alg == 0 {
		if alg, err = DefaultAlgorithm(s.Public); err != nil {
			return nil, err
		}
	}
	if err := fits(alg, s.Public); err != nil {
		return nil, err
	}
	keyID, err := PublicKeyID(s.Public)
	if err != nil {
		return nil, err
	}
	chain := s.Chain
	if len(chain) > 0 {
		if chain, err = taimage.SetLastName(chain, []byte(s.Name)); err != nil {
			return nil, fmt.Errorf("tasign: %w", err)
		}
		if err := checkChainFor(chain, img.UUID, keyID); err != nil {
			return nil, err
		}
	} else if s.Name != "" {
		return nil, errors.New("tasign: a subkey name needs a subkey chain")
	}
	h := taimage.SignedHeader{UUID: img.UUID, TAVersion: img.TAVersion, Algorithm: uint16(alg),
		KeyID: keyID, ChainLen: uint32(len(chain)), BodyLen: uint64(len(body))}
	p := &Prepared{UUID: img.UUID, TAVersion: img.TAVersion, Algorithm: alg,
		pub: s.Public, hashed: h.Marshal(), chain: chain, body: body}
	p.Digest = imageDigest(p.hashed, chain, body)
	return p, nil
}

// Stitch puts sig, made elsewhere over p.Digest, into the image, after
// checking it.
func (p *Prepared) Stitch(sig []byte) ([]byte, error) {
	if err := verifyDigest(p.pub, p.Algorithm, p.Digest[:], sig); err != nil {
		return nil, fmt.Errorf("tasign: the signature does not verify with the signer's public key: %w", err)
	}
	img, err := taimage.AssembleSigned(p.hashed, p.Digest, sig, p.chain, nil, p.body)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	return img, nil
}

// Sign prepares image for key and signs it.
func Sign(image []byte, key crypto.Signer, s Signing) ([]byte, error) {
	s.Public = key.Public()
	p, err := Prepare(image, s)
	if err != nil {
		return nil, err
	}
	sig, err := signDigest(key, p.Algorithm, p.Digest[:])
	if err != nil {
		return nil, fmt.Errorf("tasign: signing: %w", err)
	}
	return p.Stitch(sig)
}

// innerImage returns the format-1 image of a format-1 or unencrypted
// signed image.
func innerImage(image []byte) ([]byte, error) {
	if !taimage.IsSigned(image) {
		return image, nil
	}
	s, err := taimage.ParseSigned(image)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	if s.Encrypted() {
		return nil, errors.New("tasign: the image is encrypted; sign the plain image, then encrypt")
	}
	return s.Body, nil
}

// imageDigest is the hash a signature covers: the hashed header, the
// subkey chain and the plaintext body.
func imageDigest(hashed, chain, body []byte) [32]byte {
	h := sha256.New()
	h.Write(hashed)
	h.Write(chain)
	h.Write(body)
	var d [32]byte
	h.Sum(d[:0])
	return d
}
