package gpcrypto

import (
	"crypto/dsa"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"io"
	"math/big"

	"github.com/veritee/veritee/internal/abi"
)

// The generate functions make the attributes of a fresh key for
// TEE_GenerateKey (GPD_SPE_010 §5.6.6); the caller then parses them as
// Populate would.

func generateSecret(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	if len(params) != 0 {
		return nil, badParam("%s takes no generation parameters", t.name)
	}
	k := make([]byte, size/8)
	if _, err := io.ReadFull(r, k); err != nil {
		return nil, newErr(abi.ErrGeneric, "random: %v", err)
	}
	return []Attribute{{ID: t.secretAttr, Ref: k}}, nil
}

func bigAttr(id uint32, v *big.Int) Attribute { return Attribute{ID: id, Ref: v.Bytes()} }

func generateRSA(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	for _, p := range params {
		if p.ID != abi.AttrRSAPublicExponent {
			return nil, badParam("RSA generation parameter %#x", p.ID)
		}
		if e := new(big.Int).SetBytes(p.Ref); !e.IsInt64() || e.Int64() != 65537 {
			// crypto/rsa generates keys with e = 65537 only.
			return nil, newErr(abi.ErrNotSupported, "RSA public exponent other than 65537")
		}
	}
	k, err := rsa.GenerateKey(r, int(size))
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "RSA generation: %v", err)
	}
	k.Precompute()
	p, q := k.Primes[0], k.Primes[1]
	dp := new(big.Int).Mod(k.D, new(big.Int).Sub(p, bigOne))
	dq := new(big.Int).Mod(k.D, new(big.Int).Sub(q, bigOne))
	qi := new(big.Int).ModInverse(q, p)
	return []Attribute{
		bigAttr(abi.AttrRSAModulus, k.N), bigAttr(abi.AttrRSAPublicExponent, big.NewInt(int64(k.E))),
		bigAttr(abi.AttrRSAPrivateExponent, k.D), bigAttr(abi.AttrRSAPrime1, p), bigAttr(abi.AttrRSAPrime2, q),
		bigAttr(abi.AttrRSAExponent1, dp), bigAttr(abi.AttrRSAExponent2, dq), bigAttr(abi.AttrRSACoefficient, qi),
	}, nil
}

func need(fn string, params []Attribute, ids ...uint32) error {
	for _, id := range ids {
		if _, ok := findAttr(params, id); !ok {
			return panicf(fn, "§5.6.6", "mandatory parameter %#x missing", id)
		}
	}
	return nil
}

func generateDSA(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	if err := need("TEE_GenerateKey", params, abi.AttrDSAPrime, abi.AttrDSASubprime, abi.AttrDSABase); err != nil {
		return nil, err
	}
	var k dsa.PrivateKey
	k.P, k.Q, k.G = bigOf(params, abi.AttrDSAPrime), bigOf(params, abi.AttrDSASubprime), bigOf(params, abi.AttrDSABase)
	if uint32(k.P.BitLen()) != size || k.Q.BitLen() < 160 || k.G.Cmp(bigOne) <= 0 || k.G.Cmp(k.P) >= 0 {
		return nil, badParam("DSA domain does not match the key size")
	}
	if err := dsa.GenerateKey(&k, r); err != nil {
		return nil, badParam("DSA generation: %v", err)
	}
	return []Attribute{bigAttr(abi.AttrDSAPrime, k.P), bigAttr(abi.AttrDSASubprime, k.Q), bigAttr(abi.AttrDSABase, k.G),
		bigAttr(abi.AttrDSAPublicValue, k.Y), bigAttr(abi.AttrDSAPrivateValue, k.X)}, nil
}

func generateDH(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	if err := need("TEE_GenerateKey", params, abi.AttrDHPrime, abi.AttrDHBase); err != nil {
		return nil, err
	}
	p, g := bigOf(params, abi.AttrDHPrime), bigOf(params, abi.AttrDHBase)
	if uint32(p.BitLen()) != size || g.Cmp(bigOne) <= 0 || g.Cmp(p) >= 0 {
		return nil, badParam("DH domain does not match the key size")
	}
	out := []Attribute{bigAttr(abi.AttrDHPrime, p), bigAttr(abi.AttrDHBase, g)}
	// x in [1, q-1] with a subprime, else x of DH_X_BITS bits, else in [1, p-2].
	limit := new(big.Int).Sub(p, big.NewInt(2))
	if q := bigOf(params, abi.AttrDHSubprime); q != nil {
		limit = new(big.Int).Sub(q, bigOne)
		out = append(out, bigAttr(abi.AttrDHSubprime, q))
	}
	xbits := uint32(0)
	if xb, ok := findAttr(params, abi.AttrDHXBits); ok && xb.A != 0 {
		xbits = xb.A
		if xbits > size {
			return nil, badParam("DH_X_BITS larger than the prime")
		}
		out = append(out, xb)
	}
	var x *big.Int
	for {
		var err error
		if xbits != 0 {
			x, err = rand.Int(r, new(big.Int).Lsh(bigOne, uint(xbits)))
			if err == nil && x.Cmp(limit) > 0 {
				continue
			}
		} else {
			x, err = rand.Int(r, limit)
		}
		if err != nil {
			return nil, newErr(abi.ErrGeneric, "random: %v", err)
		}
		if x.Sign() > 0 {
			break
		}
	}
	y := new(big.Int).Exp(g, x, p)
	return append(out, bigAttr(abi.AttrDHPublicValue, y), bigAttr(abi.AttrDHPrivateValue, x)), nil
}

func generateECC(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	if err := need("TEE_GenerateKey", params, abi.AttrECCCurve); err != nil {
		return nil, err
	}
	ca, _ := findAttr(params, abi.AttrECCCurve)
	c := curves[ca.A]
	if c == nil || c.bits != size {
		return nil, badParam("curve %#x does not match key size %d", ca.A, size)
	}
	if !c.supported {
		return nil, newErr(abi.ErrNotSupported, "curve %s", c.name)
	}
	k, err := ecdsa.GenerateKey(c.ec, r)
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "ECC generation: %v", err)
	}
	d, err := k.Bytes()
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "ECC generation: %v", err)
	}
	pt, err := k.PublicKey.Bytes()
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "ECC generation: %v", err)
	}
	n := c.byteLen
	return []Attribute{{ID: abi.AttrECCPublicValueX, Ref: pt[1 : 1+n]}, {ID: abi.AttrECCPublicValueY, Ref: pt[1+n:]},
		{ID: abi.AttrECCPrivateValue, Ref: d}, {ID: abi.AttrECCCurve, A: c.id}}, nil
}

func generateEd25519(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	pub, priv, err := ed25519.GenerateKey(r)
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "Ed25519 generation: %v", err)
	}
	return []Attribute{{ID: abi.AttrEd25519PublicValue, Ref: pub}, {ID: abi.AttrEd25519PrivateValue, Ref: priv.Seed()}}, nil
}

func generateX25519(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	k, err := ecdh.X25519().GenerateKey(r)
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "X25519 generation: %v", err)
	}
	return []Attribute{{ID: abi.AttrX25519PublicValue, Ref: k.PublicKey().Bytes()}, {ID: abi.AttrX25519PrivateValue, Ref: k.Bytes()}}, nil
}
