package conform

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// kdfKATs: RFC 5869 Appendix A.1, A.3 (SHA-256) and A.4 (SHA-1) for HKDF,
// under OP-TEE's and GP's identifiers and attribute names; RFC 6070
// test cases 1, 2 and 5 for PBKDF2-HMAC-SHA1.
var kdfKATs = []struct {
	name     string
	alg, typ uint32
	ikm      string
	params   []gpcrypto.Attribute
	okm      string
}{
	{"RFC 5869 A.1, OP-TEE id", abi.AlgHKDFSHA256DeriveKey, abi.TypeHKDFIKM, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		[]gpcrypto.Attribute{ref(abi.OPTEEAttrHKDFSalt, unhex("000102030405060708090a0b0c")), ref(abi.OPTEEAttrHKDFInfo, unhex("f0f1f2f3f4f5f6f7f8f9")),
			val(abi.AttrHKDFOKMLength, 42, 0)},
		"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
	{"RFC 5869 A.1, OP-TEE id, GP attribute names", abi.AlgHKDFSHA256DeriveKey, abi.TypeHKDFIKM, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		[]gpcrypto.Attribute{ref(abi.AttrHKDFSalt, unhex("000102030405060708090a0b0c")), ref(abi.AttrHKDFInfo, unhex("f0f1f2f3f4f5f6f7f8f9")),
			val(abi.AttrHKDFOKMLength, 42, 0)},
		"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
	{"RFC 5869 A.1, GP id", abi.AlgHKDF, abi.TypeHKDF, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		[]gpcrypto.Attribute{ref(abi.AttrHKDFSalt, unhex("000102030405060708090a0b0c")), ref(abi.AttrHKDFInfo, unhex("f0f1f2f3f4f5f6f7f8f9")),
			val(abi.AttrHKDFHashAlgorithm, abi.AlgSHA256, 0), val(abi.AttrKDFKeySize, 42, 0)},
		"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
	{"RFC 5869 A.3", abi.AlgHKDFSHA256DeriveKey, abi.TypeHKDFIKM, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		[]gpcrypto.Attribute{val(abi.AttrHKDFOKMLength, 42, 0)},
		"8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
	{"RFC 5869 A.4", abi.AlgHKDFSHA1DeriveKey, abi.TypeHKDFIKM, "0b0b0b0b0b0b0b0b0b0b0b",
		[]gpcrypto.Attribute{ref(abi.OPTEEAttrHKDFSalt, unhex("000102030405060708090a0b0c")), ref(abi.OPTEEAttrHKDFInfo, unhex("f0f1f2f3f4f5f6f7f8f9")),
			val(abi.AttrHKDFOKMLength, 42, 0)},
		"085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896"},
	{"RFC 6070 1", abi.AlgPBKDF2HMACSHA1DeriveKey, abi.TypePBKDF2Password, "70617373776f7264",
		[]gpcrypto.Attribute{ref(abi.AttrPBKDF2Salt, []byte("salt")), val(abi.AttrPBKDF2IterationCount, 1, 0), val(abi.AttrPBKDF2DKMLength, 20, 0)},
		"0c60c80f961f0e71f3a9b524af6012062fe037a6"},
	{"RFC 6070 2", abi.AlgPBKDF2HMACSHA1DeriveKey, abi.TypePBKDF2Password, "70617373776f7264",
		[]gpcrypto.Attribute{ref(abi.AttrPBKDF2Salt, []byte("salt")), val(abi.AttrPBKDF2IterationCount, 2, 0), val(abi.AttrPBKDF2DKMLength, 20, 0)},
		"ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"},
	{"RFC 6070 5", abi.AlgPBKDF2HMACSHA1DeriveKey, abi.TypePBKDF2Password, "70617373776f726450415353574f524470617373776f7264",
		[]gpcrypto.Attribute{ref(abi.AttrPBKDF2Salt, []byte("saltSALTsaltSALTsaltSALTsaltSALTsalt")), val(abi.AttrPBKDF2IterationCount, 4096, 0),
			val(abi.AttrPBKDF2DKMLength, 25, 0)},
		"3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"},
}

// KDFKAT derives every vector into a generic secret and reads it back.
func KDFKAT(t *testing.T, api API) {
	e := env{t, api}
	for _, c := range kdfKATs {
		ikm, want := unhex(c.ikm), unhex(c.okm)
		k := e.secret(c.typ, ikm)
		got, err := e.derive(c.alg, uint32(len(ikm)*8), uint32(len(want)*8), c.params, k)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %x, %v", c.name, got, err)
		}
		k.Close()
	}
}

// derive runs TEE_DeriveKey with a fresh operation keyed with keys into a
// fresh generic secret of outBits, and returns the secret.
func (e env) derive(alg, maxKey, outBits uint32, params []gpcrypto.Attribute, keys ...Object) ([]byte, error) {
	e.t.Helper()
	op := e.op(alg, abi.ModeDerive, maxKey, keys...)
	defer op.Close()
	out, err := e.api.NewObject(abi.TypeGenericSecret, outBits)
	if err != nil {
		e.t.Fatalf("generic secret of %d bits: %v", outBits, err)
	}
	defer out.Close()
	if err := op.DeriveKey(params, out); err != nil {
		return nil, err
	}
	return e.secretOf(out), nil
}

// ECCKAT: RFC 7748 section 6.1 (X25519, both sides) and 6.2 (X448);
// RFC 8032 section 7.1 tests 1 and 2 (Ed25519), 7.2 "foo" (Ed25519ctx)
// and 7.3 "abc" (Ed25519ph), signed and verified.
func ECCKAT(t *testing.T, api API) {
	e := env{t, api}
	for _, c := range []struct {
		name                string
		alg, typ, bits      uint32
		privAttr, pubAttr   uint32
		priv, pub, peer, zz string
	}{
		{"RFC 7748 6.1 Alice", abi.AlgX25519, abi.TypeX25519Keypair, 256, abi.AttrX25519PrivateValue, abi.AttrX25519PublicValue,
			"77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
			"de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"},
		{"RFC 7748 6.1 Bob", abi.AlgX25519, abi.TypeX25519Keypair, 256, abi.AttrX25519PrivateValue, abi.AttrX25519PublicValue,
			"5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
			"8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"},
		{"RFC 7748 6.2 Alice", abi.AlgX448, abi.TypeX448Keypair, 448, abi.AttrX448PrivateValue, abi.AttrX448PublicValue,
			"9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
			"9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
			"3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
			"07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d"},
	} {
		pair := e.object(c.typ, c.bits, ref(c.privAttr, unhex(c.priv)), ref(c.pubAttr, unhex(c.pub)))
		got, err := e.derive(c.alg, c.bits, uint32(len(c.zz)*4), []gpcrypto.Attribute{ref(c.pubAttr, unhex(c.peer))}, pair)
		if err != nil || !bytes.Equal(got, unhex(c.zz)) {
			t.Errorf("%s: %x, %v", c.name, got, err)
		}
		pair.Close()
	}
	for _, c := range []struct {
		name           string
		priv, pub, msg string
		params         []gpcrypto.Attribute
		sig            string
	}{
		{"RFC 8032 7.1 test 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
			"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "", nil,
			"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
		{"RFC 8032 7.1 test 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
			"3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72", nil,
			"92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
		{"RFC 8032 7.2 foo", "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
			"dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292", "f726936d19c800494e3fdaff20b276a8",
			[]gpcrypto.Attribute{ref(abi.AttrEdDSACtx, []byte("foo"))},
			"55a4cc2f70a54e04288c5f4cd1e45a7bb520b36292911876cada7323198dd87a8b36950b95130022907a7fb7c4e9b2d5f6cca685a587b4b21f4b888e4e7edb0d"},
		{"RFC 8032 7.3 abc", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
			"ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", "616263",
			[]gpcrypto.Attribute{val(abi.AttrEdDSAPrehash, 1, 0)},
			"98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406"},
	} {
		pair := e.object(abi.TypeEd25519Keypair, 256, ref(abi.AttrEd25519PrivateValue, unhex(c.priv)), ref(abi.AttrEd25519PublicValue, unhex(c.pub)))
		pub := e.object(abi.TypeEd25519PublicKey, 256, ref(abi.AttrEd25519PublicValue, unhex(c.pub)))
		s := e.op(abi.AlgEd25519, abi.ModeSign, 256, pair)
		sig := make([]byte, 64)
		n, err := s.AsymmetricSignDigest(c.params, unhex(c.msg), sig)
		if err != nil || !bytes.Equal(sig[:n], unhex(c.sig)) {
			t.Errorf("%s: signature %x, %v", c.name, sig[:n], err)
		}
		v := e.op(abi.AlgEd25519, abi.ModeVerify, 256, pub)
		e.ok(c.name+": verify", v.AsymmetricVerifyDigest(c.params, unhex(c.msg), unhex(c.sig)))
		for _, o := range []interface{ Close() }{s, v, pair, pub} {
			o.Close()
		}
	}
}
