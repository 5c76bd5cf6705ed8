package abi

// GP TEE Internal Core API v1.3.1 (GPD_SPE_010) cryptographic constants, and
// the OP-TEE extension identifiers Veritee accepts. The C SDK headers
// (sdk/c/include/tee_api_defines*.h) must agree: sdk/c/headers_test.go
// checks every C constant against CryptoConstants.

// §6.1.1 TEE_OperationMode values.
const (
	ModeEncrypt      uint32 = 0x00000000
	ModeDecrypt      uint32 = 0x00000001
	ModeSign         uint32 = 0x00000002
	ModeVerify       uint32 = 0x00000003
	ModeMAC          uint32 = 0x00000004
	ModeDigest       uint32 = 0x00000005
	ModeDerive       uint32 = 0x00000006
	ModeIllegalValue uint32 = 0x7FFFFFFF
)

// §5.3.2 key usage flags of objects.
const (
	UsageExtractable uint32 = 0x00000001
	UsageEncrypt     uint32 = 0x00000002
	UsageDecrypt     uint32 = 0x00000004
	UsageMAC         uint32 = 0x00000008
	UsageSign        uint32 = 0x00000010
	UsageVerify      uint32 = 0x00000020
	UsageDerive      uint32 = 0x00000040
	UsageDefault     uint32 = 0xFFFFFFFF
)

// §5.3.2, §6.2.3 handle flags of objects and operations.
const (
	HandleFlagPersistent    uint32 = 0x00010000
	HandleFlagInitialized   uint32 = 0x00020000
	HandleFlagKeySet        uint32 = 0x00040000
	HandleFlagExpectTwoKeys uint32 = 0x00080000
	HandleFlagExtracting    uint32 = 0x00100000
)

// §6.2.4 operation states.
const (
	OperationStateInitial    uint32 = 0x00000000
	OperationStateActive     uint32 = 0x00000001
	OperationStateExtracting uint32 = 0x00000002
)

// §6.1.2 operation classes.
const (
	OperationCipher              uint32 = 0x00000001
	OperationMAC                 uint32 = 0x00000003
	OperationAE                  uint32 = 0x00000004
	OperationDigest              uint32 = 0x00000005
	OperationAsymmetricCipher    uint32 = 0x00000006
	OperationAsymmetricSignature uint32 = 0x00000007
	OperationKeyDerivation       uint32 = 0x00000008
)

// §6.10.1 algorithm identifiers (GP v1.3.1 Table 6-11), then OP-TEE's extension identifiers (HKDF, Concat KDF, PBKDF2 derivations, pre-hashed PKCS#1 v1.5, DES3 CMAC, SM4 XTS, MD5 PSS/OAEP).
const (
	AlgAESECBNoPad                uint32 = 0x10000010
	AlgAESCBCNoPad                uint32 = 0x10000110
	AlgAESCTR                     uint32 = 0x10000210
	AlgAESCTS                     uint32 = 0x10000310
	AlgAESXTS                     uint32 = 0x10000410
	AlgAESCBCMACNoPad             uint32 = 0x30000110
	AlgAESCBCMACPKCS5             uint32 = 0x30000510
	AlgAESCMAC                    uint32 = 0x30000610
	AlgAESCCM                     uint32 = 0x40000710
	AlgAESGCM                     uint32 = 0x40000810
	AlgDESECBNoPad                uint32 = 0x10000011
	AlgDESCBCNoPad                uint32 = 0x10000111
	AlgDESCBCMACNoPad             uint32 = 0x30000111
	AlgDESCBCMACPKCS5             uint32 = 0x30000511
	AlgDES3ECBNoPad               uint32 = 0x10000013
	AlgDES3CBCNoPad               uint32 = 0x10000113
	AlgDES3CBCMACNoPad            uint32 = 0x30000113
	AlgDES3CBCMACPKCS5            uint32 = 0x30000513
	AlgSM4ECBNoPad                uint32 = 0x10000014
	AlgSM4CBCNoPad                uint32 = 0x10000114
	AlgSM4CTR                     uint32 = 0x10000214
	AlgSM4ECBPKCS5                uint32 = 0x10000015
	AlgSM4CBCPKCS5                uint32 = 0x10000115
	AlgRSASSAPKCS1V15MD5          uint32 = 0x70001830
	AlgRSASSAPKCS1V15SHA1         uint32 = 0x70002830
	AlgRSASSAPKCS1V15SHA224       uint32 = 0x70003830
	AlgRSASSAPKCS1V15SHA256       uint32 = 0x70004830
	AlgRSASSAPKCS1V15SHA384       uint32 = 0x70005830
	AlgRSASSAPKCS1V15SHA512       uint32 = 0x70006830
	AlgRSASSAPKCS1V15MD5SHA1      uint32 = 0x7000F830
	AlgRSASSAPKCS1V15SHA3_224     uint32 = 0x70008830
	AlgRSASSAPKCS1V15SHA3_256     uint32 = 0x70009830
	AlgRSASSAPKCS1V15SHA3_384     uint32 = 0x7000A830
	AlgRSASSAPKCS1V15SHA3_512     uint32 = 0x7000B830
	AlgRSASSAPKCS1PSSMGF1SHA1     uint32 = 0x70212930
	AlgRSASSAPKCS1PSSMGF1SHA224   uint32 = 0x70313930
	AlgRSASSAPKCS1PSSMGF1SHA256   uint32 = 0x70414930
	AlgRSASSAPKCS1PSSMGF1SHA384   uint32 = 0x70515930
	AlgRSASSAPKCS1PSSMGF1SHA512   uint32 = 0x70616930
	AlgRSASSAPKCS1PSSMGF1SHA3_224 uint32 = 0x70818930
	AlgRSASSAPKCS1PSSMGF1SHA3_256 uint32 = 0x70919930
	AlgRSASSAPKCS1PSSMGF1SHA3_384 uint32 = 0x70A1A930
	AlgRSASSAPKCS1PSSMGF1SHA3_512 uint32 = 0x70B1B930
	AlgRSAESPKCS1V15              uint32 = 0x60000130
	AlgRSAESPKCS1OAEPMGF1SHA1     uint32 = 0x60210230
	AlgRSAESPKCS1OAEPMGF1SHA224   uint32 = 0x60310230
	AlgRSAESPKCS1OAEPMGF1SHA256   uint32 = 0x60410230
	AlgRSAESPKCS1OAEPMGF1SHA384   uint32 = 0x60510230
	AlgRSAESPKCS1OAEPMGF1SHA512   uint32 = 0x60610230
	AlgRSAESPKCS1OAEPMGF1SHA3_224 uint32 = 0x60810230
	AlgRSAESPKCS1OAEPMGF1SHA3_256 uint32 = 0x60910230
	AlgRSAESPKCS1OAEPMGF1SHA3_384 uint32 = 0x60A10230
	AlgRSAESPKCS1OAEPMGF1SHA3_512 uint32 = 0x60B10230
	AlgRSANoPad                   uint32 = 0x60000030
	AlgDSASHA1                    uint32 = 0x70002131
	AlgDSASHA224                  uint32 = 0x70003131
	AlgDSASHA256                  uint32 = 0x70004131
	AlgDSASHA3_224                uint32 = 0x70008131
	AlgDSASHA3_256                uint32 = 0x70009131
	AlgDSASHA3_384                uint32 = 0x7000A131
	AlgDSASHA3_512                uint32 = 0x7000B131
	AlgDHDeriveSharedSecret       uint32 = 0x80000032
	AlgECDSASHA1                  uint32 = 0x70001042
	AlgECDSASHA224                uint32 = 0x70002042
	AlgECDSASHA256                uint32 = 0x70003042
	AlgECDSASHA384                uint32 = 0x70004042
	AlgECDSASHA512                uint32 = 0x70005042
	AlgECDSASHA3_224              uint32 = 0x70006042
	AlgECDSASHA3_256              uint32 = 0x70007042
	AlgECDSASHA3_384              uint32 = 0x70008042
	AlgECDSASHA3_512              uint32 = 0x70009042
	AlgECDHDeriveSharedSecret     uint32 = 0x80000042
	AlgEd25519                    uint32 = 0x70006043
	AlgEd448                      uint32 = 0x70006044
	AlgX25519                     uint32 = 0x80000044
	AlgX448                       uint32 = 0x80000045
	AlgSM2DSASM3                  uint32 = 0x70006045
	AlgSM2KEP                     uint32 = 0x60000045
	AlgSM2PKE                     uint32 = 0x80000046
	AlgHKDF                       uint32 = 0x80000047
	AlgMD5                        uint32 = 0x50000001
	AlgSHA1                       uint32 = 0x50000002
	AlgSHA224                     uint32 = 0x50000003
	AlgSHA256                     uint32 = 0x50000004
	AlgSHA384                     uint32 = 0x50000005
	AlgSHA512                     uint32 = 0x50000006
	AlgSM3                        uint32 = 0x50000007
	AlgSHA3_224                   uint32 = 0x50000008
	AlgSHA3_256                   uint32 = 0x50000009
	AlgSHA3_384                   uint32 = 0x5000000A
	AlgSHA3_512                   uint32 = 0x5000000B
	AlgMD5SHA1                    uint32 = 0x5000000F
	AlgSHAKE128                   uint32 = 0x50000101
	AlgSHAKE256                   uint32 = 0x50000102
	AlgHMACMD5                    uint32 = 0x30000001
	AlgHMACSHA1                   uint32 = 0x30000002
	AlgHMACSHA224                 uint32 = 0x30000003
	AlgHMACSHA256                 uint32 = 0x30000004
	AlgHMACSHA384                 uint32 = 0x30000005
	AlgHMACSHA512                 uint32 = 0x30000006
	AlgHMACSM3                    uint32 = 0x30000007
	AlgHMACSHA3_224               uint32 = 0x30000008
	AlgHMACSHA3_256               uint32 = 0x30000009
	AlgHMACSHA3_384               uint32 = 0x3000000A
	AlgHMACSHA3_512               uint32 = 0x3000000B
	AlgIllegalValue               uint32 = 0xEFFFFFFF
	AlgHKDFMD5DeriveKey           uint32 = 0x800010C0
	AlgHKDFSHA1DeriveKey          uint32 = 0x800020C0
	AlgHKDFSHA224DeriveKey        uint32 = 0x800030C0
	AlgHKDFSHA256DeriveKey        uint32 = 0x800040C0
	AlgHKDFSHA384DeriveKey        uint32 = 0x800050C0
	AlgHKDFSHA512DeriveKey        uint32 = 0x800060C0
	AlgConcatKDFSHA1DeriveKey     uint32 = 0x800020C1
	AlgConcatKDFSHA224DeriveKey   uint32 = 0x800030C1
	AlgConcatKDFSHA256DeriveKey   uint32 = 0x800040C1
	AlgConcatKDFSHA384DeriveKey   uint32 = 0x800050C1
	AlgConcatKDFSHA512DeriveKey   uint32 = 0x800060C1
	AlgPBKDF2HMACSHA1DeriveKey    uint32 = 0x800020C2
	AlgRSASSAPKCS1V15             uint32 = 0xF0000830 // TEE_ALG_RSASSA_PKCS1_V1_5: OP-TEE extension: PKCS#1 v1.5 signature of a pre-hashed digest without DigestInfo
	AlgRSASSAPKCS1PSSMGF1MD5      uint32 = 0xF0111930 // TEE_ALG_RSASSA_PKCS1_PSS_MGF1_MD5: OP-TEE extension
	AlgRSAESPKCS1OAEPMGF1MD5      uint32 = 0xF0110230 // TEE_ALG_RSAES_PKCS1_OAEP_MGF1_MD5: OP-TEE extension
	AlgDES3CMAC                   uint32 = 0xF0000613 // TEE_ALG_DES3_CMAC: OP-TEE extension: TDEA CMAC (NIST SP 800-38B)
	AlgSM4XTS                     uint32 = 0xF0000414 // TEE_ALG_SM4_XTS: OP-TEE extension
)

// §6.11 object types (GP v1.3.1 Table 6-13), then OP-TEE's KDF key types.
const (
	TypeAES              uint32 = 0xA0000010
	TypeDES              uint32 = 0xA0000011
	TypeDES3             uint32 = 0xA0000013
	TypeSM4              uint32 = 0xA0000014
	TypeHMACMD5          uint32 = 0xA0000001
	TypeHMACSHA1         uint32 = 0xA0000002
	TypeHMACSHA224       uint32 = 0xA0000003
	TypeHMACSHA256       uint32 = 0xA0000004
	TypeHMACSHA384       uint32 = 0xA0000005
	TypeHMACSHA512       uint32 = 0xA0000006
	TypeHMACSM3          uint32 = 0xA0000007
	TypeHMACSHA3_224     uint32 = 0xA0000008
	TypeHMACSHA3_256     uint32 = 0xA0000009
	TypeHMACSHA3_384     uint32 = 0xA000000A
	TypeHMACSHA3_512     uint32 = 0xA000000B
	TypeRSAPublicKey     uint32 = 0xA0000030
	TypeRSAKeypair       uint32 = 0xA1000030
	TypeDSAPublicKey     uint32 = 0xA0000031
	TypeDSAKeypair       uint32 = 0xA1000031
	TypeDHKeypair        uint32 = 0xA1000032
	TypeECDSAPublicKey   uint32 = 0xA0000041
	TypeECDSAKeypair     uint32 = 0xA1000041
	TypeECDHPublicKey    uint32 = 0xA0000042
	TypeECDHKeypair      uint32 = 0xA1000042
	TypeEd25519PublicKey uint32 = 0xA0000043
	TypeEd25519Keypair   uint32 = 0xA1000043
	TypeX25519PublicKey  uint32 = 0xA0000044
	TypeX25519Keypair    uint32 = 0xA1000044
	TypeSM2DSAPublicKey  uint32 = 0xA0000045
	TypeSM2DSAKeypair    uint32 = 0xA1000045
	TypeSM2KEPPublicKey  uint32 = 0xA0000046
	TypeSM2KEPKeypair    uint32 = 0xA1000046
	TypeSM2PKEPublicKey  uint32 = 0xA0000047
	TypeSM2PKEKeypair    uint32 = 0xA1000047
	TypeEd448PublicKey   uint32 = 0xA0000048
	TypeEd448Keypair     uint32 = 0xA1000048
	TypeX448PublicKey    uint32 = 0xA0000049
	TypeX448Keypair      uint32 = 0xA1000049
	TypeHKDF             uint32 = 0xA000004A
	TypeGenericSecret    uint32 = 0xA0000000
	TypeCorruptedObject  uint32 = 0xA00000BE
	TypeData             uint32 = 0xA00000BF
	TypeIllegalValue     uint32 = 0xEFFFFFFF
	TypeHKDFIKM          uint32 = 0xA10000C0
	TypeConcatKDFZ       uint32 = 0xA10000C1
	TypePBKDF2Password   uint32 = 0xA10000C2
)

// §6.11 object and operation attributes (GP v1.3.1 Table 6-16). Bit 28 set means public, bit 29 set means a value attribute.
const (
	AttrSecretValue              uint32 = 0xC0000000
	AttrRSAModulus               uint32 = 0xD0000130
	AttrRSAPublicExponent        uint32 = 0xD0000230
	AttrRSAPrivateExponent       uint32 = 0xC0000330
	AttrRSAPrime1                uint32 = 0xC0000430
	AttrRSAPrime2                uint32 = 0xC0000530
	AttrRSAExponent1             uint32 = 0xC0000630
	AttrRSAExponent2             uint32 = 0xC0000730
	AttrRSACoefficient           uint32 = 0xC0000830
	AttrRSAOAEPLabel             uint32 = 0xD0000930
	AttrRSAOAEPMGFHash           uint32 = 0xD0000931
	AttrRSAPSSSaltLength         uint32 = 0xF0000A30
	AttrDSAPrime                 uint32 = 0xD0001031
	AttrDSASubprime              uint32 = 0xD0001131
	AttrDSABase                  uint32 = 0xD0001231
	AttrDSAPublicValue           uint32 = 0xD0000131
	AttrDSAPrivateValue          uint32 = 0xC0000231
	AttrDHPrime                  uint32 = 0xD0001032
	AttrDHSubprime               uint32 = 0xD0001132
	AttrDHBase                   uint32 = 0xD0001232
	AttrDHXBits                  uint32 = 0xF0001332
	AttrDHPublicValue            uint32 = 0xD0000132
	AttrDHPrivateValue           uint32 = 0xC0000232
	AttrECCPublicValueX          uint32 = 0xD0000141
	AttrECCPublicValueY          uint32 = 0xD0000241
	AttrECCPrivateValue          uint32 = 0xC0000341
	AttrECCCurve                 uint32 = 0xF0000441
	AttrECCEphemeralPublicValueX uint32 = 0xD0000146
	AttrECCEphemeralPublicValueY uint32 = 0xD0000246
	AttrSM2IDInitiator           uint32 = 0xD0000446
	AttrSM2IDResponder           uint32 = 0xD0000546
	AttrSM2KEPUser               uint32 = 0xF0000646
	AttrSM2KEPConfirmationIn     uint32 = 0xD0000746
	AttrSM2KEPConfirmationOut    uint32 = 0xD0000846
	AttrEdDSAPrehash             uint32 = 0xF0000004
	AttrEdDSACtx                 uint32 = 0xD0000643
	AttrEd25519PublicValue       uint32 = 0xD0000743
	AttrEd25519PrivateValue      uint32 = 0xC0000843
	AttrX25519PublicValue        uint32 = 0xD0000944
	AttrX25519PrivateValue       uint32 = 0xC0000A44
	AttrX448PublicValue          uint32 = 0xD0000A45
	AttrX448PrivateValue         uint32 = 0xC0000A46
	AttrHKDFSalt                 uint32 = 0xD0000946
	AttrHKDFInfo                 uint32 = 0xD0000A46
	AttrHKDFHashAlgorithm        uint32 = 0xF0000B46
	AttrKDFKeySize               uint32 = 0xF0000C46
	AttrHKDFIKM                  uint32 = 0xC00001C0
	AttrHKDFOKMLength            uint32 = 0xF00004C0
	AttrConcatKDFZ               uint32 = 0xC00001C1
	AttrConcatKDFOtherInfo       uint32 = 0xD00002C1
	AttrConcatKDFDKMLength       uint32 = 0xF00003C1
	AttrPBKDF2Password           uint32 = 0xC00001C2
	AttrPBKDF2Salt               uint32 = 0xD00002C2
	AttrPBKDF2IterationCount     uint32 = 0xF00003C2
	AttrPBKDF2DKMLength          uint32 = 0xF00004C2
	AttrFlagPublic               uint32 = 0x10000000 // TEE_ATTR_FLAG_PUBLIC: bit 28: the attribute is public
	AttrFlagValue                uint32 = 0x20000000 // TEE_ATTR_FLAG_VALUE: bit 29: the attribute is a value (a, b), not a buffer
)

// OP-TEE attribute identifiers kept for compatibility with OP-TEE TAs.
const (
	OPTEEAttrHKDFSalt                       uint32 = 0xD00002C0 // __OPTEE_TEE_ATTR_HKDF_SALT: OP-TEE's HKDF salt of the TEE_ALG_HKDF_*_DERIVE_KEY extension (renamed in OP-TEE when GP took the name)
	OPTEEAttrHKDFInfo                       uint32 = 0xD00003C0 // __OPTEE_TEE_ATTR_HKDF_INFO: OP-TEE's HKDF info of the TEE_ALG_HKDF_*_DERIVE_KEY extension
	OPTEEAttrSM2KEPECCEphemeralPublicValueX uint32 = 0xD0000946 // __OPTEE_SM2_KEP_ATTR_ECC_EPHEMERAL_PUBLIC_VALUE_X: OP-TEE's historical SM2 KEP ephemeral X id, accepted as an alias
	OPTEEAttrSM2KEPECCEphemeralPublicValueY uint32 = 0xD0000A46 // __OPTEE_SM2_KEP_ATTR_ECC_EPHEMERAL_PUBLIC_VALUE_Y: OP-TEE's historical SM2 KEP ephemeral Y id, accepted as an alias
)

// §6.10.1 element of TEE_IsAlgorithmSupported without a curve.
const (
	CryptoElementNone uint32 = 0x00000000
)

// §6.10.1 Table 6-14 ECC curves (the TEE_ATTR_ECC_CURVE value of keys and the element of TEE_IsAlgorithmSupported).
const (
	ECCCurveNISTP192 uint32 = 0x00000001
	ECCCurveNISTP224 uint32 = 0x00000002
	ECCCurveNISTP256 uint32 = 0x00000003
	ECCCurveNISTP384 uint32 = 0x00000004
	ECCCurveNISTP521 uint32 = 0x00000005
	ECCCurve25519    uint32 = 0x00000300
	ECCCurve448      uint32 = 0x00000301
	ECCCurveSM2      uint32 = 0x00000400
)

// cryptoNames maps the C name of every constant above to its value.
var cryptoNames = map[string]uint32{
	"TEE_MODE_ENCRYPT":                                  ModeEncrypt,
	"TEE_MODE_DECRYPT":                                  ModeDecrypt,
	"TEE_MODE_SIGN":                                     ModeSign,
	"TEE_MODE_VERIFY":                                   ModeVerify,
	"TEE_MODE_MAC":                                      ModeMAC,
	"TEE_MODE_DIGEST":                                   ModeDigest,
	"TEE_MODE_DERIVE":                                   ModeDerive,
	"TEE_MODE_ILLEGAL_VALUE":                            ModeIllegalValue,
	"TEE_USAGE_EXTRACTABLE":                             UsageExtractable,
	"TEE_USAGE_ENCRYPT":                                 UsageEncrypt,
	"TEE_USAGE_DECRYPT":                                 UsageDecrypt,
	"TEE_USAGE_MAC":                                     UsageMAC,
	"TEE_USAGE_SIGN":                                    UsageSign,
	"TEE_USAGE_VERIFY":                                  UsageVerify,
	"TEE_USAGE_DERIVE":                                  UsageDerive,
	"TEE_USAGE_DEFAULT":                                 UsageDefault,
	"TEE_HANDLE_FLAG_PERSISTENT":                        HandleFlagPersistent,
	"TEE_HANDLE_FLAG_INITIALIZED":                       HandleFlagInitialized,
	"TEE_HANDLE_FLAG_KEY_SET":                           HandleFlagKeySet,
	"TEE_HANDLE_FLAG_EXPECT_TWO_KEYS":                   HandleFlagExpectTwoKeys,
	"TEE_HANDLE_FLAG_EXTRACTING":                        HandleFlagExtracting,
	"TEE_OPERATION_STATE_INITIAL":                       OperationStateInitial,
	"TEE_OPERATION_STATE_ACTIVE":                        OperationStateActive,
	"TEE_OPERATION_STATE_EXTRACTING":                    OperationStateExtracting,
	"TEE_OPERATION_CIPHER":                              OperationCipher,
	"TEE_OPERATION_MAC":                                 OperationMAC,
	"TEE_OPERATION_AE":                                  OperationAE,
	"TEE_OPERATION_DIGEST":                              OperationDigest,
	"TEE_OPERATION_ASYMMETRIC_CIPHER":                   OperationAsymmetricCipher,
	"TEE_OPERATION_ASYMMETRIC_SIGNATURE":                OperationAsymmetricSignature,
	"TEE_OPERATION_KEY_DERIVATION":                      OperationKeyDerivation,
	"TEE_ALG_AES_ECB_NOPAD":                             AlgAESECBNoPad,
	"TEE_ALG_AES_CBC_NOPAD":                             AlgAESCBCNoPad,
	"TEE_ALG_AES_CTR":                                   AlgAESCTR,
	"TEE_ALG_AES_CTS":                                   AlgAESCTS,
	"TEE_ALG_AES_XTS":                                   AlgAESXTS,
	"TEE_ALG_AES_CBC_MAC_NOPAD":                         AlgAESCBCMACNoPad,
	"TEE_ALG_AES_CBC_MAC_PKCS5":                         AlgAESCBCMACPKCS5,
	"TEE_ALG_AES_CMAC":                                  AlgAESCMAC,
	"TEE_ALG_AES_CCM":                                   AlgAESCCM,
	"TEE_ALG_AES_GCM":                                   AlgAESGCM,
	"TEE_ALG_DES_ECB_NOPAD":                             AlgDESECBNoPad,
	"TEE_ALG_DES_CBC_NOPAD":                             AlgDESCBCNoPad,
	"TEE_ALG_DES_CBC_MAC_NOPAD":                         AlgDESCBCMACNoPad,
	"TEE_ALG_DES_CBC_MAC_PKCS5":                         AlgDESCBCMACPKCS5,
	"TEE_ALG_DES3_ECB_NOPAD":                            AlgDES3ECBNoPad,
	"TEE_ALG_DES3_CBC_NOPAD":                            AlgDES3CBCNoPad,
	"TEE_ALG_DES3_CBC_MAC_NOPAD":                        AlgDES3CBCMACNoPad,
	"TEE_ALG_DES3_CBC_MAC_PKCS5":                        AlgDES3CBCMACPKCS5,
	"TEE_ALG_SM4_ECB_NOPAD":                             AlgSM4ECBNoPad,
	"TEE_ALG_SM4_CBC_NOPAD":                             AlgSM4CBCNoPad,
	"TEE_ALG_SM4_CTR":                                   AlgSM4CTR,
	"TEE_ALG_SM4_ECB_PKCS5":                             AlgSM4ECBPKCS5,
	"TEE_ALG_SM4_CBC_PKCS5":                             AlgSM4CBCPKCS5,
	"TEE_ALG_RSASSA_PKCS1_V1_5_MD5":                     AlgRSASSAPKCS1V15MD5,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA1":                    AlgRSASSAPKCS1V15SHA1,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA224":                  AlgRSASSAPKCS1V15SHA224,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA256":                  AlgRSASSAPKCS1V15SHA256,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA384":                  AlgRSASSAPKCS1V15SHA384,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA512":                  AlgRSASSAPKCS1V15SHA512,
	"TEE_ALG_RSASSA_PKCS1_V1_5_MD5SHA1":                 AlgRSASSAPKCS1V15MD5SHA1,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_224":                AlgRSASSAPKCS1V15SHA3_224,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_256":                AlgRSASSAPKCS1V15SHA3_256,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_384":                AlgRSASSAPKCS1V15SHA3_384,
	"TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_512":                AlgRSASSAPKCS1V15SHA3_512,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA1":                AlgRSASSAPKCS1PSSMGF1SHA1,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA224":              AlgRSASSAPKCS1PSSMGF1SHA224,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256":              AlgRSASSAPKCS1PSSMGF1SHA256,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA384":              AlgRSASSAPKCS1PSSMGF1SHA384,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA512":              AlgRSASSAPKCS1PSSMGF1SHA512,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_224":            AlgRSASSAPKCS1PSSMGF1SHA3_224,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_256":            AlgRSASSAPKCS1PSSMGF1SHA3_256,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_384":            AlgRSASSAPKCS1PSSMGF1SHA3_384,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_512":            AlgRSASSAPKCS1PSSMGF1SHA3_512,
	"TEE_ALG_RSAES_PKCS1_V1_5":                          AlgRSAESPKCS1V15,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1":                AlgRSAESPKCS1OAEPMGF1SHA1,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA224":              AlgRSAESPKCS1OAEPMGF1SHA224,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA256":              AlgRSAESPKCS1OAEPMGF1SHA256,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA384":              AlgRSAESPKCS1OAEPMGF1SHA384,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA512":              AlgRSAESPKCS1OAEPMGF1SHA512,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_224":            AlgRSAESPKCS1OAEPMGF1SHA3_224,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_256":            AlgRSAESPKCS1OAEPMGF1SHA3_256,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_384":            AlgRSAESPKCS1OAEPMGF1SHA3_384,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_512":            AlgRSAESPKCS1OAEPMGF1SHA3_512,
	"TEE_ALG_RSA_NOPAD":                                 AlgRSANoPad,
	"TEE_ALG_DSA_SHA1":                                  AlgDSASHA1,
	"TEE_ALG_DSA_SHA224":                                AlgDSASHA224,
	"TEE_ALG_DSA_SHA256":                                AlgDSASHA256,
	"TEE_ALG_DSA_SHA3_224":                              AlgDSASHA3_224,
	"TEE_ALG_DSA_SHA3_256":                              AlgDSASHA3_256,
	"TEE_ALG_DSA_SHA3_384":                              AlgDSASHA3_384,
	"TEE_ALG_DSA_SHA3_512":                              AlgDSASHA3_512,
	"TEE_ALG_DH_DERIVE_SHARED_SECRET":                   AlgDHDeriveSharedSecret,
	"TEE_ALG_ECDSA_SHA1":                                AlgECDSASHA1,
	"TEE_ALG_ECDSA_SHA224":                              AlgECDSASHA224,
	"TEE_ALG_ECDSA_SHA256":                              AlgECDSASHA256,
	"TEE_ALG_ECDSA_SHA384":                              AlgECDSASHA384,
	"TEE_ALG_ECDSA_SHA512":                              AlgECDSASHA512,
	"TEE_ALG_ECDSA_SHA3_224":                            AlgECDSASHA3_224,
	"TEE_ALG_ECDSA_SHA3_256":                            AlgECDSASHA3_256,
	"TEE_ALG_ECDSA_SHA3_384":                            AlgECDSASHA3_384,
	"TEE_ALG_ECDSA_SHA3_512":                            AlgECDSASHA3_512,
	"TEE_ALG_ECDH_DERIVE_SHARED_SECRET":                 AlgECDHDeriveSharedSecret,
	"TEE_ALG_ED25519":                                   AlgEd25519,
	"TEE_ALG_ED448":                                     AlgEd448,
	"TEE_ALG_X25519":                                    AlgX25519,
	"TEE_ALG_X448":                                      AlgX448,
	"TEE_ALG_SM2_DSA_SM3":                               AlgSM2DSASM3,
	"TEE_ALG_SM2_KEP":                                   AlgSM2KEP,
	"TEE_ALG_SM2_PKE":                                   AlgSM2PKE,
	"TEE_ALG_HKDF":                                      AlgHKDF,
	"TEE_ALG_MD5":                                       AlgMD5,
	"TEE_ALG_SHA1":                                      AlgSHA1,
	"TEE_ALG_SHA224":                                    AlgSHA224,
	"TEE_ALG_SHA256":                                    AlgSHA256,
	"TEE_ALG_SHA384":                                    AlgSHA384,
	"TEE_ALG_SHA512":                                    AlgSHA512,
	"TEE_ALG_SM3":                                       AlgSM3,
	"TEE_ALG_SHA3_224":                                  AlgSHA3_224,
	"TEE_ALG_SHA3_256":                                  AlgSHA3_256,
	"TEE_ALG_SHA3_384":                                  AlgSHA3_384,
	"TEE_ALG_SHA3_512":                                  AlgSHA3_512,
	"TEE_ALG_MD5SHA1":                                   AlgMD5SHA1,
	"TEE_ALG_SHAKE128":                                  AlgSHAKE128,
	"TEE_ALG_SHAKE256":                                  AlgSHAKE256,
	"TEE_ALG_HMAC_MD5":                                  AlgHMACMD5,
	"TEE_ALG_HMAC_SHA1":                                 AlgHMACSHA1,
	"TEE_ALG_HMAC_SHA224":                               AlgHMACSHA224,
	"TEE_ALG_HMAC_SHA256":                               AlgHMACSHA256,
	"TEE_ALG_HMAC_SHA384":                               AlgHMACSHA384,
	"TEE_ALG_HMAC_SHA512":                               AlgHMACSHA512,
	"TEE_ALG_HMAC_SM3":                                  AlgHMACSM3,
	"TEE_ALG_HMAC_SHA3_224":                             AlgHMACSHA3_224,
	"TEE_ALG_HMAC_SHA3_256":                             AlgHMACSHA3_256,
	"TEE_ALG_HMAC_SHA3_384":                             AlgHMACSHA3_384,
	"TEE_ALG_HMAC_SHA3_512":                             AlgHMACSHA3_512,
	"TEE_ALG_ILLEGAL_VALUE":                             AlgIllegalValue,
	"TEE_ALG_HKDF_MD5_DERIVE_KEY":                       AlgHKDFMD5DeriveKey,
	"TEE_ALG_HKDF_SHA1_DERIVE_KEY":                      AlgHKDFSHA1DeriveKey,
	"TEE_ALG_HKDF_SHA224_DERIVE_KEY":                    AlgHKDFSHA224DeriveKey,
	"TEE_ALG_HKDF_SHA256_DERIVE_KEY":                    AlgHKDFSHA256DeriveKey,
	"TEE_ALG_HKDF_SHA384_DERIVE_KEY":                    AlgHKDFSHA384DeriveKey,
	"TEE_ALG_HKDF_SHA512_DERIVE_KEY":                    AlgHKDFSHA512DeriveKey,
	"TEE_ALG_CONCAT_KDF_SHA1_DERIVE_KEY":                AlgConcatKDFSHA1DeriveKey,
	"TEE_ALG_CONCAT_KDF_SHA224_DERIVE_KEY":              AlgConcatKDFSHA224DeriveKey,
	"TEE_ALG_CONCAT_KDF_SHA256_DERIVE_KEY":              AlgConcatKDFSHA256DeriveKey,
	"TEE_ALG_CONCAT_KDF_SHA384_DERIVE_KEY":              AlgConcatKDFSHA384DeriveKey,
	"TEE_ALG_CONCAT_KDF_SHA512_DERIVE_KEY":              AlgConcatKDFSHA512DeriveKey,
	"TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY":               AlgPBKDF2HMACSHA1DeriveKey,
	"TEE_ALG_RSASSA_PKCS1_V1_5":                         AlgRSASSAPKCS1V15,
	"TEE_ALG_RSASSA_PKCS1_PSS_MGF1_MD5":                 AlgRSASSAPKCS1PSSMGF1MD5,
	"TEE_ALG_RSAES_PKCS1_OAEP_MGF1_MD5":                 AlgRSAESPKCS1OAEPMGF1MD5,
	"TEE_ALG_DES3_CMAC":                                 AlgDES3CMAC,
	"TEE_ALG_SM4_XTS":                                   AlgSM4XTS,
	"TEE_TYPE_AES":                                      TypeAES,
	"TEE_TYPE_DES":                                      TypeDES,
	"TEE_TYPE_DES3":                                     TypeDES3,
	"TEE_TYPE_SM4":                                      TypeSM4,
	"TEE_TYPE_HMAC_MD5":                                 TypeHMACMD5,
	"TEE_TYPE_HMAC_SHA1":                                TypeHMACSHA1,
	"TEE_TYPE_HMAC_SHA224":                              TypeHMACSHA224,
	"TEE_TYPE_HMAC_SHA256":                              TypeHMACSHA256,
	"TEE_TYPE_HMAC_SHA384":                              TypeHMACSHA384,
	"TEE_TYPE_HMAC_SHA512":                              TypeHMACSHA512,
	"TEE_TYPE_HMAC_SM3":                                 TypeHMACSM3,
	"TEE_TYPE_HMAC_SHA3_224":                            TypeHMACSHA3_224,
	"TEE_TYPE_HMAC_SHA3_256":                            TypeHMACSHA3_256,
	"TEE_TYPE_HMAC_SHA3_384":                            TypeHMACSHA3_384,
	"TEE_TYPE_HMAC_SHA3_512":                            TypeHMACSHA3_512,
	"TEE_TYPE_RSA_PUBLIC_KEY":                           TypeRSAPublicKey,
	"TEE_TYPE_RSA_KEYPAIR":                              TypeRSAKeypair,
	"TEE_TYPE_DSA_PUBLIC_KEY":                           TypeDSAPublicKey,
	"TEE_TYPE_DSA_KEYPAIR":                              TypeDSAKeypair,
	"TEE_TYPE_DH_KEYPAIR":                               TypeDHKeypair,
	"TEE_TYPE_ECDSA_PUBLIC_KEY":                         TypeECDSAPublicKey,
	"TEE_TYPE_ECDSA_KEYPAIR":                            TypeECDSAKeypair,
	"TEE_TYPE_ECDH_PUBLIC_KEY":                          TypeECDHPublicKey,
	"TEE_TYPE_ECDH_KEYPAIR":                             TypeECDHKeypair,
	"TEE_TYPE_ED25519_PUBLIC_KEY":                       TypeEd25519PublicKey,
	"TEE_TYPE_ED25519_KEYPAIR":                          TypeEd25519Keypair,
	"TEE_TYPE_X25519_PUBLIC_KEY":                        TypeX25519PublicKey,
	"TEE_TYPE_X25519_KEYPAIR":                           TypeX25519Keypair,
	"TEE_TYPE_SM2_DSA_PUBLIC_KEY":                       TypeSM2DSAPublicKey,
	"TEE_TYPE_SM2_DSA_KEYPAIR":                          TypeSM2DSAKeypair,
	"TEE_TYPE_SM2_KEP_PUBLIC_KEY":                       TypeSM2KEPPublicKey,
	"TEE_TYPE_SM2_KEP_KEYPAIR":                          TypeSM2KEPKeypair,
	"TEE_TYPE_SM2_PKE_PUBLIC_KEY":                       TypeSM2PKEPublicKey,
	"TEE_TYPE_SM2_PKE_KEYPAIR":                          TypeSM2PKEKeypair,
	"TEE_TYPE_ED448_PUBLIC_KEY":                         TypeEd448PublicKey,
	"TEE_TYPE_ED448_KEYPAIR":                            TypeEd448Keypair,
	"TEE_TYPE_X448_PUBLIC_KEY":                          TypeX448PublicKey,
	"TEE_TYPE_X448_KEYPAIR":                             TypeX448Keypair,
	"TEE_TYPE_HKDF":                                     TypeHKDF,
	"TEE_TYPE_GENERIC_SECRET":                           TypeGenericSecret,
	"TEE_TYPE_CORRUPTED_OBJECT":                         TypeCorruptedObject,
	"TEE_TYPE_DATA":                                     TypeData,
	"TEE_TYPE_ILLEGAL_VALUE":                            TypeIllegalValue,
	"TEE_TYPE_HKDF_IKM":                                 TypeHKDFIKM,
	"TEE_TYPE_CONCAT_KDF_Z":                             TypeConcatKDFZ,
	"TEE_TYPE_PBKDF2_PASSWORD":                          TypePBKDF2Password,
	"TEE_ATTR_SECRET_VALUE":                             AttrSecretValue,
	"TEE_ATTR_RSA_MODULUS":                              AttrRSAModulus,
	"TEE_ATTR_RSA_PUBLIC_EXPONENT":                      AttrRSAPublicExponent,
	"TEE_ATTR_RSA_PRIVATE_EXPONENT":                     AttrRSAPrivateExponent,
	"TEE_ATTR_RSA_PRIME1":                               AttrRSAPrime1,
	"TEE_ATTR_RSA_PRIME2":                               AttrRSAPrime2,
	"TEE_ATTR_RSA_EXPONENT1":                            AttrRSAExponent1,
	"TEE_ATTR_RSA_EXPONENT2":                            AttrRSAExponent2,
	"TEE_ATTR_RSA_COEFFICIENT":                          AttrRSACoefficient,
	"TEE_ATTR_RSA_OAEP_LABEL":                           AttrRSAOAEPLabel,
	"TEE_ATTR_RSA_OAEP_MGF_HASH":                        AttrRSAOAEPMGFHash,
	"TEE_ATTR_RSA_PSS_SALT_LENGTH":                      AttrRSAPSSSaltLength,
	"TEE_ATTR_DSA_PRIME":                                AttrDSAPrime,
	"TEE_ATTR_DSA_SUBPRIME":                             AttrDSASubprime,
	"TEE_ATTR_DSA_BASE":                                 AttrDSABase,
	"TEE_ATTR_DSA_PUBLIC_VALUE":                         AttrDSAPublicValue,
	"TEE_ATTR_DSA_PRIVATE_VALUE":                        AttrDSAPrivateValue,
	"TEE_ATTR_DH_PRIME":                                 AttrDHPrime,
	"TEE_ATTR_DH_SUBPRIME":                              AttrDHSubprime,
	"TEE_ATTR_DH_BASE":                                  AttrDHBase,
	"TEE_ATTR_DH_X_BITS":                                AttrDHXBits,
	"TEE_ATTR_DH_PUBLIC_VALUE":                          AttrDHPublicValue,
	"TEE_ATTR_DH_PRIVATE_VALUE":                         AttrDHPrivateValue,
	"TEE_ATTR_ECC_PUBLIC_VALUE_X":                       AttrECCPublicValueX,
	"TEE_ATTR_ECC_PUBLIC_VALUE_Y":                       AttrECCPublicValueY,
	"TEE_ATTR_ECC_PRIVATE_VALUE":                        AttrECCPrivateValue,
	"TEE_ATTR_ECC_CURVE":                                AttrECCCurve,
	"TEE_ATTR_ECC_EPHEMERAL_PUBLIC_VALUE_X":             AttrECCEphemeralPublicValueX,
	"TEE_ATTR_ECC_EPHEMERAL_PUBLIC_VALUE_Y":             AttrECCEphemeralPublicValueY,
	"TEE_ATTR_SM2_ID_INITIATOR":                         AttrSM2IDInitiator,
	"TEE_ATTR_SM2_ID_RESPONDER":                         AttrSM2IDResponder,
	"TEE_ATTR_SM2_KEP_USER":                             AttrSM2KEPUser,
	"TEE_ATTR_SM2_KEP_CONFIRMATION_IN":                  AttrSM2KEPConfirmationIn,
	"TEE_ATTR_SM2_KEP_CONFIRMATION_OUT":                 AttrSM2KEPConfirmationOut,
	"TEE_ATTR_EDDSA_PREHASH":                            AttrEdDSAPrehash,
	"TEE_ATTR_EDDSA_CTX":                                AttrEdDSACtx,
	"TEE_ATTR_ED25519_PUBLIC_VALUE":                     AttrEd25519PublicValue,
	"TEE_ATTR_ED25519_PRIVATE_VALUE":                    AttrEd25519PrivateValue,
	"TEE_ATTR_X25519_PUBLIC_VALUE":                      AttrX25519PublicValue,
	"TEE_ATTR_X25519_PRIVATE_VALUE":                     AttrX25519PrivateValue,
	"TEE_ATTR_X448_PUBLIC_VALUE":                        AttrX448PublicValue,
	"TEE_ATTR_X448_PRIVATE_VALUE":                       AttrX448PrivateValue,
	"TEE_ATTR_HKDF_SALT":                                AttrHKDFSalt,
	"TEE_ATTR_HKDF_INFO":                                AttrHKDFInfo,
	"TEE_ATTR_HKDF_HASH_ALGORITHM":                      AttrHKDFHashAlgorithm,
	"TEE_ATTR_KDF_KEY_SIZE":                             AttrKDFKeySize,
	"TEE_ATTR_HKDF_IKM":                                 AttrHKDFIKM,
	"TEE_ATTR_HKDF_OKM_LENGTH":                          AttrHKDFOKMLength,
	"TEE_ATTR_CONCAT_KDF_Z":                             AttrConcatKDFZ,
	"TEE_ATTR_CONCAT_KDF_OTHER_INFO":                    AttrConcatKDFOtherInfo,
	"TEE_ATTR_CONCAT_KDF_DKM_LENGTH":                    AttrConcatKDFDKMLength,
	"TEE_ATTR_PBKDF2_PASSWORD":                          AttrPBKDF2Password,
	"TEE_ATTR_PBKDF2_SALT":                              AttrPBKDF2Salt,
	"TEE_ATTR_PBKDF2_ITERATION_COUNT":                   AttrPBKDF2IterationCount,
	"TEE_ATTR_PBKDF2_DKM_LENGTH":                        AttrPBKDF2DKMLength,
	"TEE_ATTR_FLAG_PUBLIC":                              AttrFlagPublic,
	"TEE_ATTR_FLAG_VALUE":                               AttrFlagValue,
	"__OPTEE_TEE_ATTR_HKDF_SALT":                        OPTEEAttrHKDFSalt,
	"__OPTEE_TEE_ATTR_HKDF_INFO":                        OPTEEAttrHKDFInfo,
	"__OPTEE_SM2_KEP_ATTR_ECC_EPHEMERAL_PUBLIC_VALUE_X": OPTEEAttrSM2KEPECCEphemeralPublicValueX,
	"__OPTEE_SM2_KEP_ATTR_ECC_EPHEMERAL_PUBLIC_VALUE_Y": OPTEEAttrSM2KEPECCEphemeralPublicValueY,
	"TEE_CRYPTO_ELEMENT_NONE":                           CryptoElementNone,
	"TEE_ECC_CURVE_NIST_P192":                           ECCCurveNISTP192,
	"TEE_ECC_CURVE_NIST_P224":                           ECCCurveNISTP224,
	"TEE_ECC_CURVE_NIST_P256":                           ECCCurveNISTP256,
	"TEE_ECC_CURVE_NIST_P384":                           ECCCurveNISTP384,
	"TEE_ECC_CURVE_NIST_P521":                           ECCCurveNISTP521,
	"TEE_ECC_CURVE_25519":                               ECCCurve25519,
	"TEE_ECC_CURVE_448":                                 ECCCurve448,
	"TEE_ECC_CURVE_SM2":                                 ECCCurveSM2,
}

// CryptoConstants returns the C name and value of every cryptographic
// constant of this file; the C SDK test checks the headers against it.
func CryptoConstants() map[string]uint32 {
	m := make(map[string]uint32, len(cryptoNames))
	for k, v := range cryptoNames {
		m[k] = v
	}
	return m
}
