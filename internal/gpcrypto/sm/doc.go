// Package sm gives the GP crypto engine the Chinese commercial algorithms
// (GP TEE Internal Core API v1.3.1 Table 6-4): SM3 (TEE_ALG_SM3,
// TEE_ALG_HMAC_SM3), SM4 (TEE_ALG_SM4_ECB_NOPAD, _CBC_NOPAD, _CTR, _XTS) and
// SM2 (TEE_ALG_SM2_DSA_SM3, TEE_ALG_SM2_PKE, TEE_ALG_SM2_KEP), with the byte
// formats OP-TEE uses, so TAs move between the two unchanged.
//
// It wraps github.com/emmansun/gmsm. Candidates were emmansun/gmsm and
// tjfoc/gmsm: gmsm is actively maintained (v0.44.1, July 2026, monthly
// releases), follows crypto/ecdsa and crypto/ecdh's constant-time design
// (field arithmetic on fiat-crypto/assembly, bigmod scalars, hedged nonces),
// has assembly SM3/SM4 for amd64 and arm64, and ships the GB/T and GM/T
// vectors in its tests; tjfoc/gmsm's last release is v1.4.1 from July 2021
// and it uses math/big, which is not constant time. gmsm's only dependency
// is golang.org/x/crypto.
//
// Layout: sm3.go, sm4.go, sm2.go (signatures and encryption), sm2kep.go (key
// exchange). Keys cross the API as GP stores them: big-endian integers of 32
// bytes (shorter ones are left-padded), public keys as x and y.
//
// Timing: SM2 signing, decryption and the key exchange use gmsm's
// constant-time scalar and field code; verification and encryption work on
// public data. SM4 is gmsm's (table-free with AES-NI/NEON, otherwise a
// table implementation that may leak through cache timing).
package sm

import "errors"

// Errors, mapped to GP results by the engine.
var (
	// ErrKey reports a key that is malformed or not on the curve
	// (TEE_ERROR_BAD_PARAMETERS).
	ErrKey = errors.New("gpcrypto/sm: invalid SM2 key")
	// ErrVerify reports a signature that does not verify
	// (TEE_ERROR_SIGNATURE_INVALID).
	ErrVerify = errors.New("gpcrypto/sm: SM2 signature verification failed")
	// ErrDecrypt reports an SM2 ciphertext that does not decrypt
	// (TEE_ERROR_CIPHERTEXT_INVALID).
	ErrDecrypt = errors.New("gpcrypto/sm: SM2 decryption failed")
	// ErrConfirmation reports an SM2 key exchange whose confirmation value
	// from the peer does not match (OP-TEE: TEE_ERROR_BAD_STATE).
	ErrConfirmation = errors.New("gpcrypto/sm: SM2 key exchange confirmation mismatch")
	// ErrParam reports a bad argument (length of a tweak, an ID longer
	// than 8191 bytes, a confirmation value shorter than 32 bytes, ...)
	// (TEE_ERROR_BAD_PARAMETERS).
	ErrParam = errors.New("gpcrypto/sm: invalid parameter")
)
