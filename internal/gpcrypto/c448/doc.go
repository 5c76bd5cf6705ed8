// Package c448 gives the GP crypto engine Ed448 (RFC 8032 §5.2, pure with an
// optional context, and Ed448ph) and X448 (RFC 7748 §5), for TEE_ALG_ED448
// and TEE_ALG_X448 (GP TEE Internal Core API v1.3.1 §6.1 and Table 6-4,
// with TEE_ATTR_EDDSA_CTX and TEE_ATTR_EDDSA_PREHASH).
//
// It wraps github.com/cloudflare/circl (sign/ed448, dh/x448): Go's standard
// library and golang.org/x/crypto have neither curve, and circl is
// Cloudflare's maintained, constant-time implementation with assembly for
// amd64 and arm64. The wrapper adds length checks that return errors
// instead of panics, the context limit, and the all-zero check for X448.
//
// Timing: circl's scalar multiplications and signing are constant time;
// verification works on public data.
package c448

import "errors"

// Sizes in bytes.
const (
	Ed448SeedSize      = 57  // the private key as RFC 8032 and GP store it
	Ed448PublicKeySize = 57  // TEE_ATTR_ED448_PUBLIC_VALUE
	Ed448SignatureSize = 114 // R || S
	Ed448ContextMax    = 255 // RFC 8032 §5.2: at most 255 octets
	X448KeySize        = 56  // private scalar, public u-coordinate, shared secret
)

// Errors. Verification failure is ErrVerify (GP: TEE_ERROR_SIGNATURE_INVALID).
var (
	ErrKeySize     = errors.New("gpcrypto/c448: invalid key length")
	ErrContextSize = errors.New("gpcrypto/c448: Ed448 context longer than 255 bytes")
	ErrVerify      = errors.New("gpcrypto/c448: signature verification failed")
	// ErrLowOrder reports an X448 peer key of low order: the shared secret
	// would be all zeros (RFC 7748 §6.2 allows, and Veritee does, refusing it).
	ErrLowOrder = errors.New("gpcrypto/c448: X448 public key of low order")
)
