package gpcrypto

import (
	"bytes"
	"crypto/dsa"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/subtle"
	"math/big"

	"github.com/veritee/veritee/internal/abi"
)

// The parse functions check a complete attribute set for consistency (the
// checks TEE_PopulateTransientObject makes, GPD_SPE_010 §5.6.4) and return
// the key size in bits and the parsed key. Inconsistencies are
// ERROR_BAD_PARAMETERS.

func badParam(format string, args ...any) error { return newErr(abi.ErrBadParameters, format, args...) }

func parseSecret(t *objType, attrs []Attribute) (uint32, any, error) {
	k := attrRef(attrs, t.secretAttr)
	size := uint32(len(k)) * 8
	if uint64(len(k))*8 > 1<<20 || !t.validSize(size) {
		return 0, nil, badParam("%s: key of %d bits", t.name, len(k)*8)
	}
	return size, nil, nil
}

func bigOf(attrs []Attribute, id uint32) *big.Int {
	a, ok := findAttr(attrs, id)
	if !ok {
		return nil
	}
	return new(big.Int).SetBytes(a.Ref)
}

var bigOne = big.NewInt(1)

func parseRSA(t *objType, attrs []Attribute) (uint32, any, error) {
	n, e := bigOf(attrs, abi.AttrRSAModulus), bigOf(attrs, abi.AttrRSAPublicExponent)
	if n.BitLen() < 1024 || n.Bit(0) == 0 {
		return 0, nil, badParam("RSA modulus of %d bits (crypto/rsa needs 1024 and up, odd)", n.BitLen())
	}
	if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 || e.Bit(0) == 0 || e.Cmp(n) >= 0 {
		return 0, nil, badParam("RSA public exponent")
	}
	pub := rsa.PublicKey{N: n, E: int(e.Int64())}
	size := uint32(n.BitLen())
	if !t.keypair {
		return size, &pub, nil
	}
	d := bigOf(attrs, abi.AttrRSAPrivateExponent)
	if d.Sign() <= 0 || d.Cmp(n) >= 0 {
		return 0, nil, badParam("RSA private exponent")
	}
	crt := []uint32{abi.AttrRSAPrime1, abi.AttrRSAPrime2, abi.AttrRSAExponent1, abi.AttrRSAExponent2, abi.AttrRSACoefficient}
	have := 0
	for _, id := range crt {
		if _, ok := findAttr(attrs, id); ok {
			have++
		}
	}
	var p, q *big.Int
	switch have {
	case 0:
		// Only n, e, d: recover the primes, as crypto/rsa needs them.
		var ok bool
		if p, q, ok = recoverPrimes(n, e, d); !ok {
			return 0, nil, badParam("RSA: d does not match n and e")
		}
	case len(crt):
		p, q = bigOf(attrs, abi.AttrRSAPrime1), bigOf(attrs, abi.AttrRSAPrime2)
	default:
		return 0, nil, badParam("RSA: the CRT attributes must be given all or none")
	}
	if new(big.Int).Mul(p, q).Cmp(n) != 0 {
		return 0, nil, badParam("RSA: n != p*q")
	}
	priv := &rsa.PrivateKey{PublicKey: pub, D: d, Primes: []*big.Int{p, q}}
	// d*e ≡ 1 mod (p-1) and mod (q-1).
	for _, pr := range []*big.Int{p, q} {
		pm1 := new(big.Int).Sub(pr, bigOne)
		if new(big.Int).Mod(new(big.Int).Mul(d, e), pm1).Cmp(bigOne) != 0 {
			return 0, nil, badParam("RSA: d*e != 1 mod (p-1)(q-1)")
		}
	}
	if have == len(crt) {
		dp, dq, qi := bigOf(attrs, abi.AttrRSAExponent1), bigOf(attrs, abi.AttrRSAExponent2), bigOf(attrs, abi.AttrRSACoefficient)
		wantDp := new(big.Int).Mod(d, new(big.Int).Sub(p, bigOne))
		wantDq := new(big.Int).Mod(d, new(big.Int).Sub(q, bigOne))
		wantQi := new(big.Int).ModInverse(q, p)
		if wantQi == nil || dp.Cmp(wantDp) != 0 || dq.Cmp(wantDq) != 0 || qi.Cmp(wantQi) != 0 {
			return 0, nil, badParam("RSA: CRT values inconsistent")
		}
	}
	priv.Precompute()
	if err := priv.Validate(); err != nil {
		return 0, nil, badParam("RSA: %v", err)
	}
	return size, priv, nil
}

// recoverPrimes factors n from (n, e, d) (NIST SP 800-56B Rev. 2 Appendix
// C.2). It is not constant time; it runs once per key import.
func recoverPrimes(n, e, d *big.Int) (p, q *big.Int, ok bool) {
	k := new(big.Int).Mul(d, e)
	k.Sub(k, bigOne)
	if k.Sign() == 0 || k.Bit(0) != 0 {
		return nil, nil, false
	}
	t := 0
	r := new(big.Int).Set(k)
	for r.Bit(0) == 0 {
		r.Rsh(r, 1)
		t++
	}
	nm1 := new(big.Int).Sub(n, bigOne)
	for g := int64(2); g < 200; g++ {
		y := new(big.Int).Exp(big.NewInt(g), r, n)
		if y.Cmp(bigOne) == 0 || y.Cmp(nm1) == 0 {
			continue
		}
		for i := 0; i < t; i++ {
			x := new(big.Int).Exp(y, big.NewInt(2), n)
			if x.Cmp(bigOne) == 0 {
				p = new(big.Int).GCD(nil, nil, new(big.Int).Sub(y, bigOne), n)
				q = new(big.Int).Div(n, p)
				if p.Cmp(q) < 0 {
					p, q = q, p
				}
				return p, q, new(big.Int).Mul(p, q).Cmp(n) == 0 && p.Cmp(bigOne) > 0 && q.Cmp(bigOne) > 0
			}
			if x.Cmp(nm1) == 0 {
				break
			}
			y = x
		}
	}
	return nil, nil, false
}

func parseDSA(t *objType, attrs []Attribute) (uint32, any, error) {
	p, q, g := bigOf(attrs, abi.AttrDSAPrime), bigOf(attrs, abi.AttrDSASubprime), bigOf(attrs, abi.AttrDSABase)
	y := bigOf(attrs, abi.AttrDSAPublicValue)
	if p.BitLen() < 512 || q.BitLen() < 160 || q.Cmp(p) >= 0 || g.Cmp(bigOne) <= 0 || g.Cmp(p) >= 0 ||
		y.Cmp(bigOne) <= 0 || y.Cmp(p) >= 0 {
		return 0, nil, badParam("DSA domain or public value out of range")
	}
	if !t.validSize(uint32(p.BitLen())) {
		return 0, nil, badParam("DSA prime of %d bits", p.BitLen())
	}
	pub := dsa.PublicKey{Parameters: dsa.Parameters{P: p, Q: q, G: g}, Y: y}
	if !t.keypair {
		return uint32(p.BitLen()), &pub, nil
	}
	x := bigOf(attrs, abi.AttrDSAPrivateValue)
	if x.Sign() <= 0 || x.Cmp(q) >= 0 || new(big.Int).Exp(g, x, p).Cmp(y) != 0 {
		return 0, nil, badParam("DSA: y != g^x mod p")
	}
	return uint32(p.BitLen()), &dsa.PrivateKey{PublicKey: pub, X: x}, nil
}

// dhKey is a Diffie-Hellman key pair (GP TEE_TYPE_DH_KEYPAIR).
type dhKey struct {
	p, g, q, x, y *big.Int
}

func parseDH(t *objType, attrs []Attribute) (uint32, any, error) {
	k := &dhKey{p: bigOf(attrs, abi.AttrDHPrime), g: bigOf(attrs, abi.AttrDHBase), q: bigOf(attrs, abi.AttrDHSubprime),
		x: bigOf(attrs, abi.AttrDHPrivateValue), y: bigOf(attrs, abi.AttrDHPublicValue)}
	if k.p.BitLen() < 256 || k.p.Bit(0) == 0 || k.g.Cmp(bigOne) <= 0 || k.g.Cmp(k.p) >= 0 || k.x.Sign() <= 0 {
		return 0, nil, badParam("DH domain or private value out of range")
	}
	if new(big.Int).Exp(k.g, k.x, k.p).Cmp(k.y) != 0 {
		return 0, nil, badParam("DH: y != g^x mod p")
	}
	if xb, ok := findAttr(attrs, abi.AttrDHXBits); ok && xb.A != 0 && uint32(k.x.BitLen()) > xb.A {
		return 0, nil, badParam("DH: private value longer than DH_X_BITS")
	}
	return uint32(k.p.BitLen()), k, nil
}

// eccKey is a NIST-curve key (ECDSA or ECDH types).
type eccKey struct {
	curve *curveInfo
	pub   *ecdsa.PublicKey
	priv  *ecdsa.PrivateKey // nil for a public key
}

// leftPad returns b left-padded with zeros to n bytes, or nil if longer.
func leftPad(b []byte, n int) []byte {
	if len(b) > n {
		return nil
	}
	out := make([]byte, n)
	copy(out[n-len(b):], b)
	return out
}

func parseECC(t *objType, attrs []Attribute) (uint32, any, error) {
	ca, _ := findAttr(attrs, abi.AttrECCCurve)
	c := curves[ca.A]
	if c == nil {
		return 0, nil, badParam("unknown ECC curve %#x", ca.A)
	}
	if !c.supported {
		return 0, nil, newErr(abi.ErrNotSupported, "curve %s", c.name)
	}
	x, y := leftPad(attrRef(attrs, abi.AttrECCPublicValueX), c.byteLen), leftPad(attrRef(attrs, abi.AttrECCPublicValueY), c.byteLen)
	if x == nil || y == nil {
		return 0, nil, badParam("ECC coordinate longer than the curve")
	}
	pt := append(append([]byte{4}, x...), y...)
	pub, err := ecdsa.ParseUncompressedPublicKey(c.ec, pt)
	if err != nil {
		return 0, nil, badParam("ECC public point: %v", err)
	}
	k := &eccKey{curve: c, pub: pub}
	if t.keypair {
		d := leftPad(attrRef(attrs, abi.AttrECCPrivateValue), c.byteLen)
		if d == nil {
			return 0, nil, badParam("ECC private value longer than the curve")
		}
		priv, err := ecdsa.ParseRawPrivateKey(c.ec, d)
		wipe(d)
		if err != nil {
			return 0, nil, badParam("ECC private value: %v", err)
		}
		if !priv.PublicKey.Equal(pub) {
			return 0, nil, badParam("ECC: public point does not match the private value")
		}
		k.priv = priv
	}
	return c.bits, k, nil
}

func parseEd25519(t *objType, attrs []Attribute) (uint32, any, error) {
	pub := attrRef(attrs, abi.AttrEd25519PublicValue)
	if len(pub) != ed25519.PublicKeySize {
		return 0, nil, badParam("Ed25519 public value of %d bytes", len(pub))
	}
	if !t.keypair {
		return 256, ed25519.PublicKey(bytes.Clone(pub)), nil
	}
	seed := attrRef(attrs, abi.AttrEd25519PrivateValue)
	if len(seed) != ed25519.SeedSize {
		return 0, nil, badParam("Ed25519 private value of %d bytes", len(seed))
	}
	priv := ed25519.NewKeyFromSeed(seed)
	if subtle.ConstantTimeCompare(priv[32:], pub) != 1 {
		return 0, nil, badParam("Ed25519: public value does not match the private value")
	}
	return 256, priv, nil
}

func parseX25519(t *objType, attrs []Attribute) (uint32, any, error) {
	pubB := attrRef(attrs, abi.AttrX25519PublicValue)
	pub, err := ecdh.X25519().NewPublicKey(pubB)
	if err != nil {
		return 0, nil, badParam("X25519 public value: %v", err)
	}
	if !t.keypair {
		return 256, pub, nil
	}
	priv, err := ecdh.X25519().NewPrivateKey(attrRef(attrs, abi.AttrX25519PrivateValue))
	if err != nil {
		return 0, nil, badParam("X25519 private value: %v", err)
	}
	if !priv.PublicKey().Equal(pub) {
		return 0, nil, badParam("X25519: public value does not match the private value")
	}
	return 256, priv, nil
}

// parseUncompressed checks that pt (0x04 || X || Y) is a point of k's curve.
func parseUncompressed(k *eccKey, pt []byte) (*ecdsa.PublicKey, error) {
	pub, err := ecdsa.ParseUncompressedPublicKey(k.curve.ec, pt)
	if err != nil {
		return nil, badParam("ECC point: %v", err)
	}
	return pub, nil
}
