package conform

import (
	"crypto/rand"
	"crypto/rsa"
	"math/big"
	"sync"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
	wp "github.com/veritee/veritee/internal/gpcrypto/wycheproof"
)

// keyPair is an asymmetric key as attributes: what the suites populate
// objects from, so that a scenario that panics a TA can build its keys
// again in the next instance.
type keyPair struct {
	pairType, pubType, bits uint32
	pair, pub               []gpcrypto.Attribute
}

// objects populates the key pair and its public key.
func (k keyPair) objects(e env) (pair, pub Object) {
	e.t.Helper()
	return e.object(k.pairType, k.bits, k.pair...), e.object(k.pubType, k.bits, k.pub...)
}

// rsaKeys are generated once per test binary (generation is slow; the
// suites need 1024 bits for PKCS#1 v1.5 and 2048 for PSS and OAEP with
// SHA-512).
var goRSAKeys = sync.OnceValue(func() map[int]*rsa.PrivateKey {
	m := map[int]*rsa.PrivateKey{}
	for _, bits := range []int{1024, 2048} {
		k, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			panic(err)
		}
		m[bits] = k
	}
	return m
})

// rsaKey is the suites' RSA key of bits (1024 or 2048).
func rsaKey(bits int) keyPair { return rsaKeyPair(goRSAKeys()[bits]) }

func rsaKeyPair(k *rsa.PrivateKey) keyPair {
	n, e := k.N.Bytes(), big.NewInt(int64(k.E)).Bytes()
	return keyPair{pairType: abi.TypeRSAKeypair, pubType: abi.TypeRSAPublicKey, bits: uint32(k.N.BitLen()),
		pair: []gpcrypto.Attribute{ref(abi.AttrRSAModulus, n), ref(abi.AttrRSAPublicExponent, e),
			ref(abi.AttrRSAPrivateExponent, k.D.Bytes()), ref(abi.AttrRSAPrime1, k.Primes[0].Bytes()),
			ref(abi.AttrRSAPrime2, k.Primes[1].Bytes()), ref(abi.AttrRSAExponent1, k.Precomputed.Dp.Bytes()),
			ref(abi.AttrRSAExponent2, k.Precomputed.Dq.Bytes()), ref(abi.AttrRSACoefficient, k.Precomputed.Qinv.Bytes())},
		pub: []gpcrypto.Attribute{ref(abi.AttrRSAModulus, n), ref(abi.AttrRSAPublicExponent, e)}}
}

// dsaDomain is a 2048-bit prime with a 256-bit subgroup (p, q, g), taken
// from Wycheproof's DSA test file: DSA keys and DH keys are generated in
// it through the API.
func dsaDomain(t *testing.T) (p, q, g []byte) {
	var f wp.File[wp.DSAGroup]
	wp.Load(t, "dsa_2048_256_sha256_p1363_test.json", &f)
	k := f.TestGroups[0].PublicKey
	return stripLead(k.P), stripLead(k.Q), stripLead(k.G)
}

// generated makes a key pair through the API (TEE_GenerateKey) and reads
// its attributes back (TEE_GetObjectBufferAttribute); values (the curve)
// are passed in values, as GetObjectBufferAttribute does not return them.
func (e env) generated(pairType, pubType, bits uint32, pairIDs, pubIDs []uint32, values []gpcrypto.Attribute,
	params ...gpcrypto.Attribute) keyPair {
	e.t.Helper()
	o := e.generate(pairType, bits, params...)
	defer o.Close()
	if info, err := o.Info(); err != nil || info.ObjectType != pairType || info.ObjectSize != bits {
		e.t.Errorf("generated key: %+v, %v", info, err)
	}
	k := keyPair{pairType: pairType, pubType: pubType, bits: bits}
	for _, id := range pairIDs {
		a := ref(id, e.attr(o, id))
		k.pair = append(k.pair, a)
		for _, p := range pubIDs {
			if p == id {
				k.pub = append(k.pub, a)
			}
		}
	}
	k.pair = append(k.pair, values...)
	k.pub = append(k.pub, values...)
	return k
}

var (
	eccPairIDs = []uint32{abi.AttrECCPrivateValue, abi.AttrECCPublicValueX, abi.AttrECCPublicValueY}
	eccPubIDs  = []uint32{abi.AttrECCPublicValueX, abi.AttrECCPublicValueY}
	dsaPairIDs = []uint32{abi.AttrDSAPrime, abi.AttrDSASubprime, abi.AttrDSABase, abi.AttrDSAPublicValue, abi.AttrDSAPrivateValue}
	dsaPubIDs  = []uint32{abi.AttrDSAPrime, abi.AttrDSASubprime, abi.AttrDSABase, abi.AttrDSAPublicValue}
)

// eccKey generates a key pair of pairType on a NIST curve.
func (e env) eccKey(pairType, pubType, curveID, bits uint32) keyPair {
	c := val(abi.AttrECCCurve, curveID, 0)
	return e.generated(pairType, pubType, bits, eccPairIDs, eccPubIDs, []gpcrypto.Attribute{c}, c)
}

// attrOf is the value of attribute id in attrs.
func attrOf(attrs []gpcrypto.Attribute, id uint32) []byte {
	for _, a := range attrs {
		if a.ID == id {
			return a.Ref
		}
	}
	return nil
}
