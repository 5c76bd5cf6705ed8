package sm

import (
	"crypto/cipher"

	gmcipher "github.com/emmansun/gmsm/cipher"
	"github.com/emmansun/gmsm/sm4"
)

// SM4 key and block size in bytes.
const (
	SM4KeySize   = 16
	SM4BlockSize = 16
)

// NewSM4 returns the SM4 block cipher (GB/T 32907-2016) for a 16-byte key.
// CBC and CTR are crypto/cipher's NewCBCEncrypter, NewCBCDecrypter and
// NewCTR over it; CCM and CMAC are gpcrypto/modes over it.
func NewSM4(key []byte) (cipher.Block, error) {
	if len(key) != SM4KeySize {
		return nil, ErrParam
	}
	return sm4.NewCipher(key)
}

// NewECBEncrypter returns ECB encryption over any block cipher (TEE_ALG_*_
// ECB_NOPAD): each block on its own, input a whole number of blocks.
func NewECBEncrypter(b cipher.Block) cipher.BlockMode { return gmcipher.NewECBEncrypter(b) }

// NewECBDecrypter returns ECB decryption over any block cipher.
func NewECBDecrypter(b cipher.Block) cipher.BlockMode { return gmcipher.NewECBDecrypter(b) }

// NewXTS returns XTS (IEEE 1619-2007, NIST SP 800-38E) over a 16-byte block
// cipher made by newBlock, with data key key1, tweak key key2 and a 16-byte
// initial tweak, as GP's TEE_CipherInit gives it for TEE_ALG_SM4_XTS and
// TEE_ALG_AES_XTS. Successive CryptBlocks calls continue the tweak sequence;
// a call may end in a partial block of a final part at least one block long
// (ciphertext stealing), after which the mode must not be used again.
func NewXTS(newBlock func([]byte) (cipher.Block, error), key1, key2, tweak []byte, decrypt bool) (cipher.BlockMode, error) {
	if len(tweak) != 16 {
		return nil, ErrParam
	}
	if decrypt {
		return gmcipher.NewXTSDecrypter(newBlock, key1, key2, tweak)
	}
	return gmcipher.NewXTSEncrypter(newBlock, key1, key2, tweak)
}

// NewSM4XTS is NewXTS with SM4, for TEE_ALG_SM4_XTS (two 16-byte keys).
func NewSM4XTS(key1, key2, tweak []byte, decrypt bool) (cipher.BlockMode, error) {
	if len(key1) != SM4KeySize || len(key2) != SM4KeySize {
		return nil, ErrParam
	}
	return NewXTS(sm4.NewCipher, key1, key2, tweak, decrypt)
}
