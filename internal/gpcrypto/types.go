package gpcrypto

import (
	"io"
	"slices"

	"github.com/veritee/veritee/internal/abi"
)

// objType describes one GP object type (GPD_SPE_010 §5.6.1 Table 5-9 for
// the sizes, §6.11 Table 6-17 for the attributes): the sizes it accepts,
// the attributes TEE_PopulateTransientObject takes (and which are
// mandatory), how to parse and check them, and how to generate a key.
type objType struct {
	id        uint32
	name      string
	supported bool
	// maxObjectSize and key sizes: min..max in steps of step, or one of
	// sizes when sizes is set.
	min, max, step uint32
	sizes          []uint32
	attrs          []attrSpec
	keypair        bool
	publicType     uint32 // for a key pair: its public key type
	parse          func(t *objType, attrs []Attribute) (size uint32, key any, err error)
	generate       func(t *objType, size uint32, params []Attribute, rand io.Reader) ([]Attribute, error)
	secretAttr     uint32 // for secret types: the attribute holding the key
	curve          uint32 // for types with a fixed curve
}

type attrSpec struct {
	id        uint32
	mandatory bool
}

func (t *objType) validMax(m uint32) bool {
	if t.sizes != nil {
		return m >= t.sizes[0] && m <= t.sizes[len(t.sizes)-1]
	}
	return m >= t.min && m <= t.max && (t.step <= 1 || m%t.step == 0)
}

func (t *objType) validSize(s uint32) bool {
	if t.sizes != nil {
		return slices.Contains(t.sizes, s)
	}
	return s >= t.min && s <= t.max && (t.step <= 1 || s%t.step == 0)
}

func (t *objType) allows(id uint32) bool {
	for _, s := range t.attrs {
		if s.id == id {
			return true
		}
	}
	return false
}

func mand(ids ...uint32) []attrSpec {
	s := make([]attrSpec, len(ids))
	for i, id := range ids {
		s[i] = attrSpec{id, true}
	}
	return s
}

func opt(ids ...uint32) []attrSpec {
	s := make([]attrSpec, len(ids))
	for i, id := range ids {
		s[i] = attrSpec{id, false}
	}
	return s
}

var objTypes = map[uint32]*objType{}

func addType(t *objType) { objTypes[t.id] = t }

func secretType(id uint32, name string, min, max, step uint32, sizes []uint32, attr uint32) *objType {
	return &objType{id: id, name: name, supported: true, min: min, max: max, step: step, sizes: sizes,
		attrs: mand(attr), secretAttr: attr, parse: parseSecret, generate: generateSecret}
}

func init() {
	// Symmetric keys. Sizes are in bits including DES parity bits, as in
	// GP Table 5-9 and OP-TEE.
	addType(secretType(abi.TypeAES, "AES", 0, 0, 0, []uint32{128, 192, 256}, abi.AttrSecretValue))
	addType(secretType(abi.TypeDES, "DES", 0, 0, 0, []uint32{64}, abi.AttrSecretValue))
	addType(secretType(abi.TypeDES3, "DES3", 0, 0, 0, []uint32{128, 192}, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACMD5, "HMAC_MD5", 64, 512, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA1, "HMAC_SHA1", 80, 512, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA224, "HMAC_SHA224", 112, 512, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA256, "HMAC_SHA256", 192, 1024, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA384, "HMAC_SHA384", 256, 1024, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA512, "HMAC_SHA512", 256, 1024, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA3_224, "HMAC_SHA3_224", 192, 1024, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA3_256, "HMAC_SHA3_256", 256, 1024, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA3_384, "HMAC_SHA3_384", 256, 1024, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSHA3_512, "HMAC_SHA3_512", 256, 1024, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeGenericSecret, "GENERIC_SECRET", 8, 4096, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHKDF, "HKDF", 8, 4096, 8, nil, abi.AttrSecretValue))
	addType(secretType(abi.TypeHKDFIKM, "HKDF_IKM", 8, 4096, 8, nil, abi.AttrHKDFIKM))
	addType(secretType(abi.TypeConcatKDFZ, "CONCAT_KDF_Z", 8, 4096, 8, nil, abi.AttrConcatKDFZ))
	addType(secretType(abi.TypePBKDF2Password, "PBKDF2_PASSWORD", 8, 4096, 8, nil, abi.AttrPBKDF2Password))
	addType(secretType(abi.TypeSM4, "SM4", 0, 0, 0, []uint32{128}, abi.AttrSecretValue))
	addType(secretType(abi.TypeHMACSM3, "HMAC_SM3", 80, 1024, 8, nil, abi.AttrSecretValue))

	// RSA: crypto/rsa refuses moduli under 1024 bits (GP asks for 256 and
	// up), so smaller maxObjectSize values are NOT_SUPPORTED.
	rsaPub := []uint32{abi.AttrRSAModulus, abi.AttrRSAPublicExponent}
	addType(&objType{id: abi.TypeRSAPublicKey, name: "RSA_PUBLIC_KEY", supported: true, min: 1024, max: 4096, step: 1,
		attrs: mand(rsaPub...), parse: parseRSA})
	addType(&objType{id: abi.TypeRSAKeypair, name: "RSA_KEYPAIR", supported: true, min: 1024, max: 4096, step: 1,
		attrs: append(mand(append(rsaPub, abi.AttrRSAPrivateExponent)...),
			opt(abi.AttrRSAPrime1, abi.AttrRSAPrime2, abi.AttrRSAExponent1, abi.AttrRSAExponent2, abi.AttrRSACoefficient)...),
		keypair: true, publicType: abi.TypeRSAPublicKey, parse: parseRSA, generate: generateRSA})

	dsaDom := []uint32{abi.AttrDSAPrime, abi.AttrDSASubprime, abi.AttrDSABase}
	addType(&objType{id: abi.TypeDSAPublicKey, name: "DSA_PUBLIC_KEY", supported: true, min: 512, max: 3072, step: 64,
		attrs: mand(append(dsaDom, abi.AttrDSAPublicValue)...), parse: parseDSA})
	addType(&objType{id: abi.TypeDSAKeypair, name: "DSA_KEYPAIR", supported: true, min: 512, max: 3072, step: 64,
		attrs:   mand(append(dsaDom, abi.AttrDSAPublicValue, abi.AttrDSAPrivateValue)...),
		keypair: true, publicType: abi.TypeDSAPublicKey, parse: parseDSA, generate: generateDSA})

	addType(&objType{id: abi.TypeDHKeypair, name: "DH_KEYPAIR", supported: true, min: 256, max: 4096, step: 8,
		attrs: append(mand(abi.AttrDHPrime, abi.AttrDHBase, abi.AttrDHPublicValue, abi.AttrDHPrivateValue),
			opt(abi.AttrDHSubprime, abi.AttrDHXBits)...),
		keypair: true, parse: parseDH, generate: generateDH})

	eccPub := []uint32{abi.AttrECCPublicValueX, abi.AttrECCPublicValueY, abi.AttrECCCurve}
	eccPair := append(slices.Clone(eccPub), abi.AttrECCPrivateValue)
	for _, p := range []struct {
		pub, pair uint32
		name      string
	}{{abi.TypeECDSAPublicKey, abi.TypeECDSAKeypair, "ECDSA"}, {abi.TypeECDHPublicKey, abi.TypeECDHKeypair, "ECDH"}} {
		addType(&objType{id: p.pub, name: p.name + "_PUBLIC_KEY", supported: true, min: 192, max: 521, step: 1,
			attrs: mand(eccPub...), parse: parseECC})
		addType(&objType{id: p.pair, name: p.name + "_KEYPAIR", supported: true, min: 192, max: 521, step: 1,
			attrs: mand(eccPair...), keypair: true, publicType: p.pub, parse: parseECC, generate: generateECC})
	}

	addType(&objType{id: abi.TypeEd25519PublicKey, name: "ED25519_PUBLIC_KEY", supported: true, sizes: []uint32{256},
		attrs: mand(abi.AttrEd25519PublicValue), parse: parseEd25519, curve: abi.ECCCurve25519})
	addType(&objType{id: abi.TypeEd25519Keypair, name: "ED25519_KEYPAIR", supported: true, sizes: []uint32{256},
		attrs: mand(abi.AttrEd25519PublicValue, abi.AttrEd25519PrivateValue), keypair: true,
		publicType: abi.TypeEd25519PublicKey, parse: parseEd25519, generate: generateEd25519, curve: abi.ECCCurve25519})
	addType(&objType{id: abi.TypeX25519PublicKey, name: "X25519_PUBLIC_KEY", supported: true, sizes: []uint32{256},
		attrs: mand(abi.AttrX25519PublicValue), parse: parseX25519, curve: abi.ECCCurve25519})
	addType(&objType{id: abi.TypeX25519Keypair, name: "X25519_KEYPAIR", supported: true, sizes: []uint32{256},
		attrs: mand(abi.AttrX25519PublicValue, abi.AttrX25519PrivateValue), keypair: true,
		publicType: abi.TypeX25519PublicKey, parse: parseX25519, generate: generateX25519, curve: abi.ECCCurve25519})

	addType(&objType{id: abi.TypeX448PublicKey, name: "X448_PUBLIC_KEY", supported: true, sizes: []uint32{448},
		attrs: mand(abi.AttrX448PublicValue), parse: parseX448, curve: abi.ECCCurve448})
	addType(&objType{id: abi.TypeX448Keypair, name: "X448_KEYPAIR", supported: true, sizes: []uint32{448},
		attrs: mand(abi.AttrX448PublicValue, abi.AttrX448PrivateValue), keypair: true, publicType: abi.TypeX448PublicKey,
		parse: parseX448, generate: generateX448, curve: abi.ECCCurve448})
	// Ed448: known, not supported (x448.go says why).
	addType(&objType{id: abi.TypeEd448PublicKey, name: "ED448_PUBLIC_KEY", sizes: []uint32{448}})
	addType(&objType{id: abi.TypeEd448Keypair, name: "ED448_KEYPAIR", sizes: []uint32{448}, keypair: true, publicType: abi.TypeEd448PublicKey})
	for _, p := range []struct {
		pub, pair uint32
		name      string
	}{{abi.TypeSM2DSAPublicKey, abi.TypeSM2DSAKeypair, "SM2_DSA"}, {abi.TypeSM2KEPPublicKey, abi.TypeSM2KEPKeypair, "SM2_KEP"},
		{abi.TypeSM2PKEPublicKey, abi.TypeSM2PKEKeypair, "SM2_PKE"}} {
		addType(&objType{id: p.pub, name: p.name + "_PUBLIC_KEY", supported: true, sizes: []uint32{256},
			attrs: mand(abi.AttrECCPublicValueX, abi.AttrECCPublicValueY), curve: abi.ECCCurveSM2, parse: parseSM2})
		addType(&objType{id: p.pair, name: p.name + "_KEYPAIR", supported: true, sizes: []uint32{256},
			attrs: mand(abi.AttrECCPublicValueX, abi.AttrECCPublicValueY, abi.AttrECCPrivateValue), keypair: true,
			publicType: p.pub, curve: abi.ECCCurveSM2, parse: parseSM2, generate: generateSM2})
	}
}
