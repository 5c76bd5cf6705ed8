package gpcrypto

import (
	"crypto"
	"hash"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto/sm"
)

// algKind selects the engine of an algorithm.
type algKind int

const (
	kDigest algKind = iota + 1
	kXOF
	kECB
	kCBC
	kCTR
	kCTS
	kXTS
	kHMAC
	kCBCMAC
	kCMAC
	kGCM
	kCCM
	kRSASSAPKCS1
	kRSASSAPSS
	kRSAESPKCS1
	kRSAESOAEP
	kRSANoPad
	kDSA
	kECDSA
	kEd25519
	kDH
	kECDH
	kX25519
	kHKDFGP
	kHKDF
	kConcatKDF
	kPBKDF2
	kX448
	kSM2DSA
	kSM2PKE
	kSM2KEP
	kOther // known to GP, no engine here
)

// algInfo is one row of the algorithm table: what GPD_SPE_010 §6.10.1
// (and OP-TEE for its extensions) says of the identifier, and whether
// Veritee supports it.
type algInfo struct {
	id        uint32
	name      string
	class     uint32
	modes     []uint32
	keyTypes  []uint32 // acceptable key object types
	twoKeys   bool
	hash      crypto.Hash // digest, HMAC and signature hash; 0 if none or SM3
	newH      func() hash.Hash
	hsize     int // the hash's output size
	kind      algKind
	supported bool
	why       string   // why an unsupported algorithm is unsupported
	curves    []uint32 // elements IsAlgorithmSupported accepts besides NONE
	pad       bool     // CBC-MAC with PKCS#5 padding
	block     func(key []byte) (blockCipher, error)
	blockSize int
}

var (
	modesCipher = []uint32{abi.ModeEncrypt, abi.ModeDecrypt}
	modesSign   = []uint32{abi.ModeSign, abi.ModeVerify}
	modesMAC    = []uint32{abi.ModeMAC}
	modesDigest = []uint32{abi.ModeDigest}
	modesDerive = []uint32{abi.ModeDerive}
)

var algs = map[uint32]*algInfo{}

func addAlg(a *algInfo) { algs[a.id] = a }

// lookupAlg returns the table row of alg, or nil.
func lookupAlg(alg uint32) *algInfo { return algs[alg] }

const (
	why448 = "GP's Ed448 key attribute ids (TEE_ATTR_ED448_*) are not in the C headers; internal/gpcrypto/c448 is ready for them"
)

func init() {
	// Digests.
	for _, d := range []struct {
		id   uint32
		name string
		h    crypto.Hash
	}{
		{abi.AlgMD5, "MD5", crypto.MD5}, {abi.AlgSHA1, "SHA1", crypto.SHA1}, {abi.AlgSHA224, "SHA224", crypto.SHA224},
		{abi.AlgSHA256, "SHA256", crypto.SHA256}, {abi.AlgSHA384, "SHA384", crypto.SHA384}, {abi.AlgSHA512, "SHA512", crypto.SHA512},
		{abi.AlgSHA3_224, "SHA3_224", crypto.SHA3_224}, {abi.AlgSHA3_256, "SHA3_256", crypto.SHA3_256},
		{abi.AlgSHA3_384, "SHA3_384", crypto.SHA3_384}, {abi.AlgSHA3_512, "SHA3_512", crypto.SHA3_512},
		{abi.AlgMD5SHA1, "MD5SHA1", crypto.MD5SHA1},
	} {
		addAlg(&algInfo{id: d.id, name: d.name, class: abi.OperationDigest, modes: modesDigest, hash: d.h, kind: kDigest, supported: true})
	}
	addAlg(&algInfo{id: abi.AlgSHAKE128, name: "SHAKE128", class: abi.OperationDigest, modes: modesDigest, kind: kXOF, supported: true})
	addAlg(&algInfo{id: abi.AlgSHAKE256, name: "SHAKE256", class: abi.OperationDigest, modes: modesDigest, kind: kXOF, supported: true})
	addAlg(&algInfo{id: abi.AlgSM3, name: "SM3", class: abi.OperationDigest, modes: modesDigest, kind: kDigest, supported: true,
		newH: sm.NewSM3, hsize: sm.SM3Size})

	// Symmetric ciphers.
	aesT, desT, des3T, sm4T := []uint32{abi.TypeAES}, []uint32{abi.TypeDES}, []uint32{abi.TypeDES3}, []uint32{abi.TypeSM4}
	for _, c := range []struct {
		id   uint32
		name string
		keys []uint32
		kind algKind
		ok   bool
		why  string
	}{
		{abi.AlgAESECBNoPad, "AES_ECB_NOPAD", aesT, kECB, true, ""},
		{abi.AlgAESCBCNoPad, "AES_CBC_NOPAD", aesT, kCBC, true, ""},
		{abi.AlgAESCTR, "AES_CTR", aesT, kCTR, true, ""},
		{abi.AlgAESCTS, "AES_CTS", aesT, kCTS, true, ""},
		{abi.AlgAESXTS, "AES_XTS", aesT, kXTS, true, ""},
		{abi.AlgDESECBNoPad, "DES_ECB_NOPAD", desT, kECB, true, ""},
		{abi.AlgDESCBCNoPad, "DES_CBC_NOPAD", desT, kCBC, true, ""},
		{abi.AlgDES3ECBNoPad, "DES3_ECB_NOPAD", des3T, kECB, true, ""},
		{abi.AlgDES3CBCNoPad, "DES3_CBC_NOPAD", des3T, kCBC, true, ""},
		{abi.AlgSM4ECBNoPad, "SM4_ECB_NOPAD", sm4T, kECB, true, ""},
		{abi.AlgSM4CBCNoPad, "SM4_CBC_NOPAD", sm4T, kCBC, true, ""},
		{abi.AlgSM4CTR, "SM4_CTR", sm4T, kCTR, true, ""},
		{abi.AlgSM4XTS, "SM4_XTS", sm4T, kXTS, true, ""},
		{abi.AlgSM4ECBPKCS5, "SM4_ECB_PKCS5", sm4T, kECB, true, ""},
		{abi.AlgSM4CBCPKCS5, "SM4_CBC_PKCS5", sm4T, kCBC, true, ""},
	} {
		addAlg(&algInfo{id: c.id, name: c.name, class: abi.OperationCipher, modes: modesCipher, keyTypes: c.keys,
			kind: c.kind, supported: c.ok, why: c.why, twoKeys: c.kind == kXTS,
			pad: c.id == abi.AlgSM4ECBPKCS5 || c.id == abi.AlgSM4CBCPKCS5})
	}

	// MACs.
	for _, c := range []struct {
		id   uint32
		name string
		keys []uint32
		kind algKind
		pad  bool
	}{
		{abi.AlgAESCBCMACNoPad, "AES_CBC_MAC_NOPAD", aesT, kCBCMAC, false},
		{abi.AlgAESCBCMACPKCS5, "AES_CBC_MAC_PKCS5", aesT, kCBCMAC, true},
		{abi.AlgAESCMAC, "AES_CMAC", aesT, kCMAC, false},
		{abi.AlgDESCBCMACNoPad, "DES_CBC_MAC_NOPAD", desT, kCBCMAC, false},
		{abi.AlgDESCBCMACPKCS5, "DES_CBC_MAC_PKCS5", desT, kCBCMAC, true},
		{abi.AlgDES3CBCMACNoPad, "DES3_CBC_MAC_NOPAD", des3T, kCBCMAC, false},
		{abi.AlgDES3CBCMACPKCS5, "DES3_CBC_MAC_PKCS5", des3T, kCBCMAC, true},
		{abi.AlgDES3CMAC, "DES3_CMAC", des3T, kCMAC, false},
	} {
		addAlg(&algInfo{id: c.id, name: c.name, class: abi.OperationMAC, modes: modesMAC, keyTypes: c.keys, kind: c.kind,
			pad: c.pad, supported: true})
	}
	for _, h := range []struct {
		id, typ uint32
		name    string
		h       crypto.Hash
	}{
		{abi.AlgHMACMD5, abi.TypeHMACMD5, "HMAC_MD5", crypto.MD5}, {abi.AlgHMACSHA1, abi.TypeHMACSHA1, "HMAC_SHA1", crypto.SHA1},
		{abi.AlgHMACSHA224, abi.TypeHMACSHA224, "HMAC_SHA224", crypto.SHA224}, {abi.AlgHMACSHA256, abi.TypeHMACSHA256, "HMAC_SHA256", crypto.SHA256},
		{abi.AlgHMACSHA384, abi.TypeHMACSHA384, "HMAC_SHA384", crypto.SHA384}, {abi.AlgHMACSHA512, abi.TypeHMACSHA512, "HMAC_SHA512", crypto.SHA512},
		{abi.AlgHMACSHA3_224, abi.TypeHMACSHA3_224, "HMAC_SHA3_224", crypto.SHA3_224}, {abi.AlgHMACSHA3_256, abi.TypeHMACSHA3_256, "HMAC_SHA3_256", crypto.SHA3_256},
		{abi.AlgHMACSHA3_384, abi.TypeHMACSHA3_384, "HMAC_SHA3_384", crypto.SHA3_384}, {abi.AlgHMACSHA3_512, abi.TypeHMACSHA3_512, "HMAC_SHA3_512", crypto.SHA3_512},
	} {
		addAlg(&algInfo{id: h.id, name: h.name, class: abi.OperationMAC, modes: modesMAC, keyTypes: []uint32{h.typ, abi.TypeGenericSecret},
			hash: h.h, kind: kHMAC, supported: true})
	}
	addAlg(&algInfo{id: abi.AlgHMACSM3, name: "HMAC_SM3", class: abi.OperationMAC, modes: modesMAC,
		keyTypes: []uint32{abi.TypeHMACSM3, abi.TypeGenericSecret}, kind: kHMAC, supported: true, newH: sm.NewSM3, hsize: sm.SM3Size})

	// Authenticated encryption.
	addAlg(&algInfo{id: abi.AlgAESGCM, name: "AES_GCM", class: abi.OperationAE, modes: modesCipher, keyTypes: aesT, kind: kGCM, supported: true})
	addAlg(&algInfo{id: abi.AlgAESCCM, name: "AES_CCM", class: abi.OperationAE, modes: modesCipher, keyTypes: aesT, kind: kCCM, supported: true})

	// RSA.
	rsaT := []uint32{abi.TypeRSAKeypair, abi.TypeRSAPublicKey}
	hashes := []struct {
		h    crypto.Hash
		name string
	}{{crypto.MD5, "MD5"}, {crypto.SHA1, "SHA1"}, {crypto.SHA224, "SHA224"}, {crypto.SHA256, "SHA256"}, {crypto.SHA384, "SHA384"},
		{crypto.SHA512, "SHA512"}, {crypto.SHA3_224, "SHA3_224"}, {crypto.SHA3_256, "SHA3_256"}, {crypto.SHA3_384, "SHA3_384"}, {crypto.SHA3_512, "SHA3_512"}}
	v15 := []uint32{abi.AlgRSASSAPKCS1V15MD5, abi.AlgRSASSAPKCS1V15SHA1, abi.AlgRSASSAPKCS1V15SHA224, abi.AlgRSASSAPKCS1V15SHA256,
		abi.AlgRSASSAPKCS1V15SHA384, abi.AlgRSASSAPKCS1V15SHA512, abi.AlgRSASSAPKCS1V15SHA3_224, abi.AlgRSASSAPKCS1V15SHA3_256,
		abi.AlgRSASSAPKCS1V15SHA3_384, abi.AlgRSASSAPKCS1V15SHA3_512}
	pss := []uint32{abi.AlgRSASSAPKCS1PSSMGF1MD5, abi.AlgRSASSAPKCS1PSSMGF1SHA1, abi.AlgRSASSAPKCS1PSSMGF1SHA224, abi.AlgRSASSAPKCS1PSSMGF1SHA256,
		abi.AlgRSASSAPKCS1PSSMGF1SHA384, abi.AlgRSASSAPKCS1PSSMGF1SHA512, abi.AlgRSASSAPKCS1PSSMGF1SHA3_224, abi.AlgRSASSAPKCS1PSSMGF1SHA3_256,
		abi.AlgRSASSAPKCS1PSSMGF1SHA3_384, abi.AlgRSASSAPKCS1PSSMGF1SHA3_512}
	oaep := []uint32{abi.AlgRSAESPKCS1OAEPMGF1MD5, abi.AlgRSAESPKCS1OAEPMGF1SHA1, abi.AlgRSAESPKCS1OAEPMGF1SHA224, abi.AlgRSAESPKCS1OAEPMGF1SHA256,
		abi.AlgRSAESPKCS1OAEPMGF1SHA384, abi.AlgRSAESPKCS1OAEPMGF1SHA512, abi.AlgRSAESPKCS1OAEPMGF1SHA3_224, abi.AlgRSAESPKCS1OAEPMGF1SHA3_256,
		abi.AlgRSAESPKCS1OAEPMGF1SHA3_384, abi.AlgRSAESPKCS1OAEPMGF1SHA3_512}
	for i, h := range hashes {
		addAlg(&algInfo{id: v15[i], name: "RSASSA_PKCS1_V1_5_" + h.name, class: abi.OperationAsymmetricSignature, modes: modesSign,
			keyTypes: rsaT, hash: h.h, kind: kRSASSAPKCS1, supported: true})
		addAlg(&algInfo{id: pss[i], name: "RSASSA_PKCS1_PSS_MGF1_" + h.name, class: abi.OperationAsymmetricSignature, modes: modesSign,
			keyTypes: rsaT, hash: h.h, kind: kRSASSAPSS, supported: true})
		addAlg(&algInfo{id: oaep[i], name: "RSAES_PKCS1_OAEP_MGF1_" + h.name, class: abi.OperationAsymmetricCipher, modes: modesCipher,
			keyTypes: rsaT, hash: h.h, kind: kRSAESOAEP, supported: true})
	}
	addAlg(&algInfo{id: abi.AlgRSASSAPKCS1V15MD5SHA1, name: "RSASSA_PKCS1_V1_5_MD5SHA1", class: abi.OperationAsymmetricSignature,
		modes: modesSign, keyTypes: rsaT, hash: crypto.MD5SHA1, kind: kRSASSAPKCS1, supported: true})
	addAlg(&algInfo{id: abi.AlgRSASSAPKCS1V15, name: "RSASSA_PKCS1_V1_5", class: abi.OperationAsymmetricSignature,
		modes: modesSign, keyTypes: rsaT, kind: kRSASSAPKCS1, supported: true})
	addAlg(&algInfo{id: abi.AlgRSAESPKCS1V15, name: "RSAES_PKCS1_V1_5", class: abi.OperationAsymmetricCipher, modes: modesCipher,
		keyTypes: rsaT, kind: kRSAESPKCS1, supported: true})
	addAlg(&algInfo{id: abi.AlgRSANoPad, name: "RSA_NOPAD", class: abi.OperationAsymmetricCipher, modes: modesCipher,
		keyTypes: rsaT, kind: kRSANoPad, supported: true})

	// DSA.
	dsaT := []uint32{abi.TypeDSAKeypair, abi.TypeDSAPublicKey}
	for _, d := range []struct {
		id   uint32
		name string
		h    crypto.Hash
	}{{abi.AlgDSASHA1, "DSA_SHA1", crypto.SHA1}, {abi.AlgDSASHA224, "DSA_SHA224", crypto.SHA224}, {abi.AlgDSASHA256, "DSA_SHA256", crypto.SHA256},
		{abi.AlgDSASHA3_224, "DSA_SHA3_224", crypto.SHA3_224}, {abi.AlgDSASHA3_256, "DSA_SHA3_256", crypto.SHA3_256},
		{abi.AlgDSASHA3_384, "DSA_SHA3_384", crypto.SHA3_384}, {abi.AlgDSASHA3_512, "DSA_SHA3_512", crypto.SHA3_512}} {
		addAlg(&algInfo{id: d.id, name: d.name, class: abi.OperationAsymmetricSignature, modes: modesSign, keyTypes: dsaT,
			hash: d.h, kind: kDSA, supported: true})
	}

	// ECDSA: the curve is the key's; P-192 is not supported (curves.go).
	nist := []uint32{abi.ECCCurveNISTP224, abi.ECCCurveNISTP256, abi.ECCCurveNISTP384, abi.ECCCurveNISTP521}
	ecdsaT := []uint32{abi.TypeECDSAKeypair, abi.TypeECDSAPublicKey}
	for _, d := range []struct {
		id   uint32
		name string
		h    crypto.Hash
	}{{abi.AlgECDSASHA1, "ECDSA_SHA1", crypto.SHA1}, {abi.AlgECDSASHA224, "ECDSA_SHA224", crypto.SHA224},
		{abi.AlgECDSASHA256, "ECDSA_SHA256", crypto.SHA256}, {abi.AlgECDSASHA384, "ECDSA_SHA384", crypto.SHA384},
		{abi.AlgECDSASHA512, "ECDSA_SHA512", crypto.SHA512}, {abi.AlgECDSASHA3_224, "ECDSA_SHA3_224", crypto.SHA3_224},
		{abi.AlgECDSASHA3_256, "ECDSA_SHA3_256", crypto.SHA3_256}, {abi.AlgECDSASHA3_384, "ECDSA_SHA3_384", crypto.SHA3_384},
		{abi.AlgECDSASHA3_512, "ECDSA_SHA3_512", crypto.SHA3_512}} {
		addAlg(&algInfo{id: d.id, name: d.name, class: abi.OperationAsymmetricSignature, modes: modesSign, keyTypes: ecdsaT,
			hash: d.h, kind: kECDSA, supported: true, curves: nist})
	}
	addAlg(&algInfo{id: abi.AlgECDHDeriveSharedSecret, name: "ECDH_DERIVE_SHARED_SECRET", class: abi.OperationKeyDerivation,
		modes: modesDerive, keyTypes: []uint32{abi.TypeECDHKeypair}, kind: kECDH, supported: true, curves: nist})
	addAlg(&algInfo{id: abi.AlgDHDeriveSharedSecret, name: "DH_DERIVE_SHARED_SECRET", class: abi.OperationKeyDerivation,
		modes: modesDerive, keyTypes: []uint32{abi.TypeDHKeypair}, kind: kDH, supported: true})
	addAlg(&algInfo{id: abi.AlgEd25519, name: "ED25519", class: abi.OperationAsymmetricSignature, modes: modesSign,
		keyTypes: []uint32{abi.TypeEd25519Keypair, abi.TypeEd25519PublicKey}, kind: kEd25519, supported: true,
		curves: []uint32{abi.ECCCurve25519}})
	addAlg(&algInfo{id: abi.AlgX25519, name: "X25519", class: abi.OperationKeyDerivation, modes: modesDerive,
		keyTypes: []uint32{abi.TypeX25519Keypair}, kind: kX25519, supported: true, curves: []uint32{abi.ECCCurve25519}})
	addAlg(&algInfo{id: abi.AlgEd448, name: "ED448", class: abi.OperationAsymmetricSignature, modes: modesSign,
		keyTypes: []uint32{abi.TypeEd448Keypair, abi.TypeEd448PublicKey}, kind: kOther, why: why448})
	addAlg(&algInfo{id: abi.AlgX448, name: "X448", class: abi.OperationKeyDerivation, modes: modesDerive,
		keyTypes: []uint32{abi.TypeX448Keypair}, kind: kX448, supported: true, curves: []uint32{abi.ECCCurve448}})
	sm2 := []uint32{abi.ECCCurveSM2}
	addAlg(&algInfo{id: abi.AlgSM2DSASM3, name: "SM2_DSA_SM3", class: abi.OperationAsymmetricSignature, modes: modesSign,
		keyTypes: []uint32{abi.TypeSM2DSAKeypair, abi.TypeSM2DSAPublicKey}, kind: kSM2DSA, supported: true, curves: sm2,
		newH: sm.NewSM3, hsize: sm.SM3Size})
	addAlg(&algInfo{id: abi.AlgSM2PKE, name: "SM2_PKE", class: abi.OperationAsymmetricCipher, modes: modesCipher,
		keyTypes: []uint32{abi.TypeSM2PKEKeypair, abi.TypeSM2PKEPublicKey}, kind: kSM2PKE, supported: true, curves: sm2})
	addAlg(&algInfo{id: abi.AlgSM2KEP, name: "SM2_KEP", class: abi.OperationKeyDerivation, modes: modesDerive,
		keyTypes: []uint32{abi.TypeSM2KEPKeypair}, twoKeys: true, kind: kSM2KEP, supported: true, curves: sm2})

	// Key derivation.
	addAlg(&algInfo{id: abi.AlgHKDF, name: "HKDF", class: abi.OperationKeyDerivation, modes: modesDerive,
		keyTypes: []uint32{abi.TypeHKDF, abi.TypeGenericSecret}, kind: kHKDFGP, supported: true})
	for _, d := range []struct {
		id   uint32
		name string
		h    crypto.Hash
	}{{abi.AlgHKDFMD5DeriveKey, "HKDF_MD5", crypto.MD5}, {abi.AlgHKDFSHA1DeriveKey, "HKDF_SHA1", crypto.SHA1},
		{abi.AlgHKDFSHA224DeriveKey, "HKDF_SHA224", crypto.SHA224}, {abi.AlgHKDFSHA256DeriveKey, "HKDF_SHA256", crypto.SHA256},
		{abi.AlgHKDFSHA384DeriveKey, "HKDF_SHA384", crypto.SHA384}, {abi.AlgHKDFSHA512DeriveKey, "HKDF_SHA512", crypto.SHA512}} {
		addAlg(&algInfo{id: d.id, name: d.name + "_DERIVE_KEY", class: abi.OperationKeyDerivation, modes: modesDerive,
			keyTypes: []uint32{abi.TypeHKDFIKM}, hash: d.h, kind: kHKDF, supported: true})
	}
	for _, d := range []struct {
		id   uint32
		name string
		h    crypto.Hash
	}{{abi.AlgConcatKDFSHA1DeriveKey, "CONCAT_KDF_SHA1", crypto.SHA1}, {abi.AlgConcatKDFSHA224DeriveKey, "CONCAT_KDF_SHA224", crypto.SHA224},
		{abi.AlgConcatKDFSHA256DeriveKey, "CONCAT_KDF_SHA256", crypto.SHA256}, {abi.AlgConcatKDFSHA384DeriveKey, "CONCAT_KDF_SHA384", crypto.SHA384},
		{abi.AlgConcatKDFSHA512DeriveKey, "CONCAT_KDF_SHA512", crypto.SHA512}} {
		addAlg(&algInfo{id: d.id, name: d.name + "_DERIVE_KEY", class: abi.OperationKeyDerivation, modes: modesDerive,
			keyTypes: []uint32{abi.TypeConcatKDFZ}, hash: d.h, kind: kConcatKDF, supported: true})
	}
	addAlg(&algInfo{id: abi.AlgPBKDF2HMACSHA1DeriveKey, name: "PBKDF2_HMAC_SHA1_DERIVE_KEY", class: abi.OperationKeyDerivation,
		modes: modesDerive, keyTypes: []uint32{abi.TypePBKDF2Password}, hash: crypto.SHA1, kind: kPBKDF2, supported: true})

	for _, a := range algs {
		if !a.supported && a.why == "" {
			a.why = "not implemented"
		}
		a.block, a.blockSize = blockOf(a.keyTypes)
		if a.hash != 0 {
			h := a.hash
			a.newH, a.hsize = func() hash.Hash { return newHash(h) }, h.Size()
		}
	}
}

// IsAlgorithmSupported reports whether Veritee implements alg with the
// given element (a TEE_ECC_CURVE_* or TEE_CRYPTO_ELEMENT_NONE), as
// TEE_IsAlgorithmSupported (GPD_SPE_010 §6.2.9). It answers from the
// algorithm table: an identifier it does not know, or knows but does not
// implement, is unsupported.
func IsAlgorithmSupported(alg, element uint32) bool {
	a := algs[alg]
	if a == nil || !a.supported {
		return false
	}
	if element == abi.CryptoElementNone {
		return true
	}
	for _, c := range a.curves {
		if c == element {
			return true
		}
	}
	return false
}

// AlgorithmName returns the GP name of alg without the TEE_ALG_ prefix, and
// for an unsupported algorithm the reason, for diagnostics.
func AlgorithmName(alg uint32) (name, whyUnsupported string) {
	a := algs[alg]
	if a == nil {
		return "", "unknown algorithm"
	}
	return a.name, a.why
}
