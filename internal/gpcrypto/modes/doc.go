// Package modes holds the block-cipher modes that Go's standard library and
// golang.org/x/crypto lack and that GP TEE Internal Core API v1.3.1 §6.1.1
// (Table 6-4, the algorithm identifiers) requires: CBC ciphertext stealing
// (TEE_ALG_AES_CTS), CBC-MAC with and without PKCS#5 padding
// (TEE_ALG_*_CBC_MAC_NOPAD, TEE_ALG_*_CBC_MAC_PKCS5), CMAC (TEE_ALG_AES_CMAC,
// TEE_ALG_DES3_CMAC) and CCM (TEE_ALG_AES_CCM).
//
// Every mode is generic over cipher.Block, so the same code serves AES, DES,
// 3DES and SM4. The block cipher itself is never implemented here.
//
// Timing: the modes branch only on public values (lengths, the mode, the
// declared sizes). Tags are compared with crypto/subtle. What a block cipher
// leaks is the block cipher's business; crypto/aes is constant time, crypto/des
// is table based.
//
// One file per mode: cts.go, cbcmac.go, cmac.go, ccm.go. Each has its
// published vectors beside it and fuzz targets comparing streaming against
// one-shot use.
package modes

import "errors"

// Errors returned by the modes. They are sentinels, so callers map them to
// GP results with errors.Is.
var (
	// ErrBlockSize reports a block cipher whose block size the mode does not
	// support (CCM needs 16 bytes; CMAC 8 or 16).
	ErrBlockSize = errors.New("gpcrypto/modes: unsupported block size")
	// ErrNotAligned reports input that is not a whole number of blocks where
	// the mode needs one (CBC-MAC NOPAD, also when empty; CTS CryptBlocks).
	ErrNotAligned = errors.New("gpcrypto/modes: input not a multiple of the block size")
	// ErrCTSShort reports a CTS final part of at most one block; OP-TEE answers
	// TEE_ERROR_BAD_STATE for it.
	ErrCTSShort = errors.New("gpcrypto/modes: CTS final input must be longer than one block")
	// ErrNonceSize reports a CCM nonce outside 7..13 bytes.
	ErrNonceSize = errors.New("gpcrypto/modes: invalid CCM nonce size")
	// ErrTagSize reports a CCM tag length outside {4, 6, 8, 10, 12, 14, 16}.
	ErrTagSize = errors.New("gpcrypto/modes: invalid CCM tag size")
	// ErrLength reports data that does not match the lengths declared to
	// NewCCMStream (too much, too little, or payload before the AAD is done),
	// or a payload length that does not fit the nonce's length field.
	ErrLength = errors.New("gpcrypto/modes: data length differs from the declared length")
	// ErrAuth reports a tag that does not verify. GP maps it to
	// TEE_ERROR_MAC_INVALID.
	ErrAuth = errors.New("gpcrypto/modes: message authentication failed")
)
