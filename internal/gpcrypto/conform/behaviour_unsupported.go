package conform

import (
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// UnsupportedBehaviour checks that what Veritee does not implement says
// so truthfully: the NIST P-192 curve (no constant-time Go
// implementation) and Ed448 answer NOT_SUPPORTED, never a key or a
// signature; sizes outside GP's tables are NOT_SUPPORTED at allocation.
// A P-192 key the engine refuses with NOT_SUPPORTED panics a TA, whose
// TEE_GenerateKey and TEE_PopulateTransientObject may return only
// BAD_PARAMETERS (as in OP-TEE); TEE_IsAlgorithmSupported is how a TA
// asks first.
func UnsupportedBehaviour(t *testing.T, api API) {
	e := env{t, api}
	if s, ok := api.(AlgorithmSupporter); ok {
		for _, c := range []struct {
			what         string
			alg, element uint32
			want         abi.Result
		}{
			{"Ed448", abi.AlgEd448, 0, abi.ErrNotSupported},
			{"ECDSA on P-192", abi.AlgECDSASHA256, abi.ECCCurveNISTP192, abi.ErrNotSupported},
			{"ECDH on P-192", abi.AlgECDHDeriveSharedSecret, abi.ECCCurveNISTP192, abi.ErrNotSupported},
			{"ECDSA on P-256", abi.AlgECDSASHA256, abi.ECCCurveNISTP256, abi.Success},
			{"ECDH on P-521", abi.AlgECDHDeriveSharedSecret, abi.ECCCurveNISTP521, abi.Success},
			{"X448", abi.AlgX448, abi.ECCCurve448, abi.Success},
			{"AES-GCM", abi.AlgAESGCM, 0, abi.Success},
			{"SM2 DSA", abi.AlgSM2DSASM3, abi.ECCCurveSM2, abi.Success},
		} {
			e.result("IsAlgorithmSupported: "+c.what, s.IsAlgorithmSupported(c.alg, c.element), c.want)
		}
	}
	_, err := api.NewOperation(abi.AlgEd448, abi.ModeSign, 448)
	e.result("Ed448 signing operation", err, abi.ErrNotSupported)
	_, err = api.NewOperation(abi.AlgEd448, abi.ModeVerify, 448)
	e.result("Ed448 verifying operation", err, abi.ErrNotSupported)
	_, err = api.NewObject(abi.TypeEd448Keypair, 448)
	e.result("Ed448 key pair", err, abi.ErrNotSupported)
	_, err = api.NewObject(abi.TypeEd448PublicKey, 448)
	e.result("Ed448 public key", err, abi.ErrNotSupported)
	for _, typ := range []uint32{abi.TypeECDSAKeypair, abi.TypeECDHKeypair} {
		o, err := api.NewObject(typ, 192)
		if err == nil {
			err = o.Generate(192, []gpcrypto.Attribute{val(abi.AttrECCCurve, abi.ECCCurveNISTP192, 0)})
			o.Close()
		}
		e.rejected("P-192 key generation", err, abi.ErrNotSupported)
		o, err = api.NewObject(typ, 192)
		if err == nil {
			err = o.Populate([]gpcrypto.Attribute{ref(abi.AttrECCPrivateValue, pattern(24)), ref(abi.AttrECCPublicValueX, pattern(24)),
				ref(abi.AttrECCPublicValueY, pattern(24)), val(abi.AttrECCCurve, abi.ECCCurveNISTP192, 0)})
			o.Close()
		}
		e.rejected("P-192 key population", err, abi.ErrNotSupported)
	}
	for _, c := range []struct {
		what      string
		typ, size uint32
	}{{"AES of 100 bits", abi.TypeAES, 100}, {"DES of 56 bits", abi.TypeDES, 56}, {"HMAC-SHA256 key of 64 bits", abi.TypeHMACSHA256, 64},
		{"RSA of 512 bits", abi.TypeRSAKeypair, 512}, {"DSA of 4096 bits", abi.TypeDSAKeypair, 4096}, {"X25519 of 255 bits", abi.TypeX25519Keypair, 255},
		{"ECDSA of 600 bits", abi.TypeECDSAKeypair, 600}} {
		_, err := api.NewObject(c.typ, c.size)
		e.result(c.what, err, abi.ErrNotSupported)
	}
	for _, c := range []struct {
		what            string
		alg, mode, size uint32
	}{{"AES-GCM with maxKeySize 64", abi.AlgAESGCM, abi.ModeEncrypt, 64}, {"RSA-OAEP with maxKeySize 512", abi.AlgRSAESPKCS1OAEPMGF1SHA1, abi.ModeDecrypt, 512},
		{"HMAC-SHA1 in signing mode", abi.AlgHMACSHA1, abi.ModeSign, 160}, {"ECDSA in derive mode", abi.AlgECDSASHA256, abi.ModeDerive, 256},
		{"an unknown algorithm", 0x70FF00FF, abi.ModeEncrypt, 128}} {
		_, err := api.NewOperation(c.alg, c.mode, c.size)
		e.result(c.what, err, abi.ErrNotSupported)
	}
}
