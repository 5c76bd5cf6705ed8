// Package gpcrypto is Veritee's cryptographic engine: the objects and
// operations of the GlobalPlatform TEE Internal Core API v1.3.1
// (GPD_SPE_010 §5 and §6) in pure Go, as the core runs them on behalf of
// TAs. As in OP-TEE, key material lives here, in the core; a TA only ever
// holds handles, which the system-call layer maps onto *Object and
// *Operation values.
//
// The API mirrors the GP functions one to one so that the system-call layer
// is a thin mapping: NewObject is TEE_AllocateTransientObject, (*Object).Populate
// is TEE_PopulateTransientObject, NewOperation is TEE_AllocateOperation,
// (*Operation).CipherUpdate is TEE_CipherUpdate, and so on.
//
// Errors come in two kinds. Results GP lets the TA see (SHORT_BUFFER,
// BAD_PARAMETERS, MAC_INVALID, SIGNATURE_INVALID, NOT_SUPPORTED, ...) are
// *Error values carrying an abi.Result; errors.Is(err, ErrShortBuffer) and
// ResultOf(err) work on them, and NeededSize reports the size a
// SHORT_BUFFER asked for. Every case where GP says the implementation
// panics (wrong state, wrong mode, wrong key type or size, update before
// init, ...) is a *Panic; the system-call layer turns it into killing the
// TA instance, never the daemon.
//
// Objects and operations are not safe for concurrent use: the caller (one
// TA instance's system calls) serialises access to each of them.
//
// Primitives come from Go's standard library; the modes it lacks from
// internal/gpcrypto/modes (CTS, CBC-MAC, CMAC, CCM), SM2/SM3/SM4 from
// internal/gpcrypto/sm and X448 from internal/gpcrypto/c448. The algorithm
// table (algtable.go) says which GP identifiers are supported, and
// IsAlgorithmSupported answers from it for every identifier of internal/abi.
//
// Supported: MD5, SHA-1, SHA-224/256/384/512, SHA3-224/256/384/512,
// SHAKE128/256 (with DigestExtract), MD5SHA1, SM3; AES ECB/CBC/CTR/CTS/XTS,
// DES and 3DES ECB/CBC, SM4 ECB/CBC/CTR/XTS and OP-TEE's SM4
// ECB/CBC with PKCS#5 padding; CBC-MAC (NOPAD, PKCS5) for
// AES, DES, 3DES, CMAC for AES and 3DES, HMAC with every GP hash and SM3;
// AES-GCM and AES-CCM with every GP tag length; RSASSA-PKCS1-v1_5 (every
// hash, MD5SHA1, and OP-TEE's no-OID id), RSASSA-PSS, RSAES-PKCS1-v1_5,
// RSAES-OAEP (every hash, MGF1 hash selectable), RSA_NOPAD; DSA; ECDSA on
// P-224, P-256, P-384, P-521 with every SHA-2 and SHA-3 hash; Ed25519 (pure,
// ctx, ph); SM2 DSA, PKE and KEP; DH, ECDH (same curves, the peer point
// checked), X25519, X448; HKDF (GP's id and OP-TEE's), Concat KDF, PBKDF2.
//
// Not supported, and answered so: the NIST P-192 curve (no constant-time Go
// implementation), Ed448 (GP's key attribute ids are not in the headers).
//
// Deviations, each chosen and documented where it happens: RSA keys under
// 1024 bits are refused (crypto/rsa), and generation uses e = 65537 only;
// AE operations buffer the payload until the final call; RSA_NOPAD and PSS
// with an empty salt use math/big (blinded, not constant time); DSA and DH
// use math/big (crypto/dsa is not constant time either); XTS has no
// ciphertext stealing; AsymmetricDecrypt reports a bad ciphertext as
// ERROR_BAD_PARAMETERS, as OP-TEE does.
package gpcrypto
