package gpcrypto

import (
	"crypto/subtle"
	"errors"
	"io"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto/c448"
)

// X448 (RFC 7748) through internal/gpcrypto/c448. Ed448 is not offered:
// the GP attribute identifiers of its keys (TEE_ATTR_ED448_*) are not in
// the C headers, and guessing them would be an ABI we could not keep.

type x448Key struct {
	priv, pub []byte // priv is nil for a public key
}

func parseX448(t *objType, attrs []Attribute) (uint32, any, error) {
	pub := attrRef(attrs, abi.AttrX448PublicValue)
	if len(pub) != c448.X448KeySize {
		return 0, nil, badParam("X448 public value of %d bytes", len(pub))
	}
	k := &x448Key{pub: pub}
	if t.keypair {
		k.priv = attrRef(attrs, abi.AttrX448PrivateValue)
		want, err := c448.X448PublicKey(k.priv)
		if err != nil || subtle.ConstantTimeCompare(want, pub) != 1 {
			return 0, nil, badParam("X448: public value does not match the private value")
		}
	}
	return 448, k, nil
}

func generateX448(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	pub, priv, err := c448.GenerateX448(r)
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "X448 generation: %v", err)
	}
	return []Attribute{{ID: abi.AttrX448PublicValue, Ref: pub}, {ID: abi.AttrX448PrivateValue, Ref: priv}}, nil
}

func x448Derive(k *x448Key, peer []byte) ([]byte, error) {
	z, err := c448.X448(k.priv, peer)
	if err != nil {
		if errors.Is(err, c448.ErrLowOrder) {
			return nil, badParam("X448: low-order peer point")
		}
		return nil, badParam("X448: %v", err)
	}
	return z, nil
}
