package conform

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	_ "crypto/sha1" // registers the hashes hashOf uses
	_ "crypto/sha256"
	_ "crypto/sha3"
	_ "crypto/sha512"
	"math/big"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
	wp "github.com/veritee/veritee/internal/gpcrypto/wycheproof"
)

// Wycheproof runs every Wycheproof suite as parallel subtests, each against
// the API newAPI returns for it (a TA backend opens a session per suite so
// that they run in parallel instances).
func Wycheproof(t *testing.T, newAPI func(*testing.T) API) {
	for _, s := range []struct {
		name string
		run  func(*testing.T, API)
	}{
		{"AEAD", AEAD}, {"MAC", MAC}, {"AES-CBC", AESCBC}, {"RSA-signatures", RSASignatures},
		{"RSA-decrypt", RSADecrypt}, {"ECDSA", ECDSA}, {"ECDH", ECDH}, {"X25519", X25519},
		{"Ed25519", Ed25519}, {"HKDF", HKDF}, {"DSA", DSA},
	} {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			s.run(t, newAPI(t))
		})
	}
}

// suite carries what every case needs: the API, the checker of the file
// and the count of valid cases skipped as outside GP's parameter space.
type suite struct {
	t      *testing.T
	api    API
	ck     *wp.Checker
	skips  map[string]int
	stride int
}

// Sampler is implemented by a backend that runs only every Stride()th
// Wycheproof case (by tcId): a slow backend, such as a TA under the race
// detector, still meets every group and file, in a fraction of the time.
type Sampler interface{ Stride() int }

func newSuite(t *testing.T, api API, file string) *suite {
	s := &suite{t: t, api: api, ck: wp.NewChecker(t, file), skips: map[string]int{}, stride: 1}
	if sp, ok := api.(Sampler); ok && sp.Stride() > 1 {
		s.stride = sp.Stride()
		t.Logf("%s: every %dth case", file, s.stride)
	}
	return s
}

// take reports whether the case with tcID runs.
func (s *suite) take(tcID int) bool { return s.stride <= 1 || tcID%s.stride == 0 }

func (s *suite) skip(why string) { s.skips[why]++ }

func (s *suite) done() {
	for k, v := range s.skips {
		s.t.Logf("skipped %d valid case(s) outside GP's parameter space: %s", v, k)
	}
}

// object makes a populated object of typ, or nil when the API refuses the
// size or the attributes (NOT_SUPPORTED, BAD_PARAMETERS).
func (s *suite) object(typ, bits uint32, attrs ...gpcrypto.Attribute) Object {
	o, err := s.api.NewObject(typ, bits)
	if err != nil {
		return nil
	}
	if o.Populate(attrs) != nil {
		o.Close()
		return nil
	}
	return o
}

// secret makes a secret-key object, counting a refused size as a skip
// (valid cases) or a rejection (the others); nil then.
func (s *suite) secret(typ, attr uint32, raw []byte, tc wp.Case) Object {
	k := s.object(typ, uint32(len(raw))*8, gpcrypto.RefAttribute(attr, raw))
	if k == nil {
		if tc.Result == wp.Valid {
			s.skip("key size")
		} else {
			s.ck.Check(tc, false)
		}
	}
	return k
}

// keyed allocates an operation for key; a failure is fatal.
func (s *suite) keyed(alg, mode, bits uint32, key Object) Operation {
	s.t.Helper()
	op, err := s.api.NewOperation(alg, mode, bits)
	if err != nil {
		s.t.Fatalf("AllocateOperation(%#x, mode %d, %d bits): %v", alg, mode, bits, err)
	}
	if err := op.SetKey(key); err != nil {
		s.t.Fatalf("SetOperationKey(%#x): %v", alg, err)
	}
	return op
}

// secretOf reads the derived secret of o.
func (s *suite) secretOf(o Object) []byte {
	s.t.Helper()
	b := make([]byte, 1024)
	n, err := o.BufferAttribute(abi.AttrSecretValue, b)
	if err != nil {
		s.t.Fatalf("derived secret: %v", err)
	}
	return b[:n]
}

// verify runs AsymmetricVerifyDigest with a fresh operation.
func (s *suite) verify(alg, bits uint32, key Object, params []gpcrypto.Attribute, h crypto.Hash, msg, sig []byte) error {
	op := s.keyed(alg, abi.ModeVerify, bits, key)
	defer op.Close()
	return op.AsymmetricVerifyDigest(params, hashOf(h, msg), sig)
}

func bitLen(b []byte) uint32 { return uint32(new(big.Int).SetBytes(b).BitLen()) }

func stripLead(b []byte) []byte {
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

func leftPad(b []byte, n int) []byte {
	if len(b) >= n {
		return b
	}
	return append(make([]byte, n-len(b)), b...)
}

// curve is a NIST curve as Wycheproof names it.
type curve struct {
	id, bits uint32
	bytes    int
	ec       elliptic.Curve
	ecdh     ecdh.Curve
}

var curves = map[string]curve{
	"secp224r1": {abi.ECCCurveNISTP224, 224, 28, elliptic.P224(), nil},
	"secp256r1": {abi.ECCCurveNISTP256, 256, 32, elliptic.P256(), ecdh.P256()},
	"secp384r1": {abi.ECCCurveNISTP384, 384, 48, elliptic.P384(), ecdh.P384()},
	"secp521r1": {abi.ECCCurveNISTP521, 521, 66, elliptic.P521(), ecdh.P521()},
}

// eccPair is the GP attributes of the key pair with private scalar d.
func eccPair(c curve, d []byte) ([]gpcrypto.Attribute, error) {
	k, err := ecdsa.ParseRawPrivateKey(c.ec, leftPad(d, c.bytes))
	if err != nil {
		return nil, err
	}
	pt, err := k.PublicKey.Bytes()
	if err != nil {
		return nil, err
	}
	return []gpcrypto.Attribute{gpcrypto.RefAttribute(abi.AttrECCPrivateValue, d),
		gpcrypto.RefAttribute(abi.AttrECCPublicValueX, pt[1:1+c.bytes]),
		gpcrypto.RefAttribute(abi.AttrECCPublicValueY, pt[1+c.bytes:]),
		gpcrypto.ValueAttr(abi.AttrECCCurve, c.id, 0)}, nil
}

func x25519Public(priv []byte) ([]byte, error) {
	k, err := ecdh.X25519().NewPrivateKey(priv)
	if err != nil {
		return nil, err
	}
	return k.PublicKey().Bytes(), nil
}
