package gpcrypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/subtle"
	"encoding/binary"
	"math/bits"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto/sm"
)

type blockCipher = cipher.Block

func newDES3(key []byte) (cipher.Block, error) {
	if len(key) == 16 { // two-key 3DES: K1 K2 K1
		k := make([]byte, 24)
		copy(k, key)
		copy(k[16:], key[:8])
		defer wipe(k)
		return des.NewTripleDESCipher(k)
	}
	return des.NewTripleDESCipher(key)
}

// blockOf returns the block cipher constructor of the key types.
func blockOf(keyTypes []uint32) (func([]byte) (blockCipher, error), int) {
	if len(keyTypes) == 0 {
		return nil, 0
	}
	switch keyTypes[0] {
	case abi.TypeAES:
		return aes.NewCipher, aes.BlockSize
	case abi.TypeDES:
		return des.NewCipher, des.BlockSize
	case abi.TypeDES3:
		return newDES3, des.BlockSize
	case abi.TypeSM4:
		return sm.NewSM4, sm.SM4BlockSize
	}
	return nil, 0
}

// cipherEngine is the running state of a symmetric cipher operation
// (GPD_SPE_010 §6.4). Every engine keeps its state in plain values so that
// TEE_CopyOperation can clone it mid-stream.
type cipherEngine interface {
	// outLen returns how many bytes update (final: the final call) would
	// write for n more input bytes.
	outLen(n int, final bool) int
	// update processes in into out (len(out) >= outLen(len(in), final)),
	// returning the bytes written; final rejects a partial block.
	update(in, out []byte, final bool) (int, error)
	clone() cipherEngine
}

// blockBuffered is the shared buffering of the block modes: whole blocks
// are processed as they arrive, a partial block waits.
type blockBuffered struct {
	bs  int
	buf []byte
}

func (b *blockBuffered) outLen(n int, final bool) int {
	return (len(b.buf) + n) / b.bs * b.bs
}

// take returns the whole blocks of buf+in and keeps the rest.
func (b *blockBuffered) take(in []byte, final bool) ([]byte, error) {
	total := len(b.buf) + len(in)
	if final && total%b.bs != 0 {
		return nil, badParam("input is not a multiple of the block size")
	}
	whole := total / b.bs * b.bs
	if len(b.buf) == 0 { // the common case: no copy of the input
		b.buf = append(b.buf, in[whole:]...)
		return in[:whole], nil
	}
	data := make([]byte, 0, total)
	data = append(append(data, b.buf...), in...)
	b.buf = append(b.buf[:0], data[whole:]...)
	return data[:whole], nil
}

type ecbEngine struct {
	blockBuffered
	b       cipher.Block
	decrypt bool
}

func (e *ecbEngine) update(in, out []byte, final bool) (int, error) {
	data, err := e.take(in, final)
	if err != nil {
		return 0, err
	}
	for i := 0; i < len(data); i += e.bs {
		if e.decrypt {
			e.b.Decrypt(out[i:], data[i:i+e.bs])
		} else {
			e.b.Encrypt(out[i:], data[i:i+e.bs])
		}
	}
	return len(data), nil
}

func (e *ecbEngine) clone() cipherEngine {
	c := *e
	c.buf = append([]byte(nil), e.buf...)
	return &c
}

type cbcEngine struct {
	blockBuffered
	b       cipher.Block
	iv      []byte
	decrypt bool
}

func (e *cbcEngine) update(in, out []byte, final bool) (int, error) {
	data, err := e.take(in, final)
	if err != nil || len(data) == 0 {
		return 0, err
	}
	next := append([]byte(nil), data[len(data)-e.bs:]...)
	if e.decrypt {
		cipher.NewCBCDecrypter(e.b, e.iv).CryptBlocks(out[:len(data)], data)
	} else {
		cipher.NewCBCEncrypter(e.b, e.iv).CryptBlocks(out[:len(data)], data)
		copy(next, out[len(data)-e.bs:len(data)])
	}
	e.iv = next
	return len(data), nil
}

func (e *cbcEngine) clone() cipherEngine {
	c := *e
	c.buf = append([]byte(nil), e.buf...)
	c.iv = append([]byte(nil), e.iv...)
	return &c
}

// ctrEngine is CTR mode with a 128-bit big-endian counter block, as GP and
// NIST SP 800-38A define it; it is a stream mode, writing as many bytes as
// it reads.
type ctrEngine struct {
	b   cipher.Block
	ctr []byte
	off int // bytes of the current keystream block already used
}

func (e *ctrEngine) outLen(n int, final bool) int { return n }

func (e *ctrEngine) update(in, out []byte, final bool) (int, error) {
	if len(in) == 0 {
		return 0, nil
	}
	s := cipher.NewCTR(e.b, e.ctr)
	if e.off != 0 {
		skip := make([]byte, e.off)
		s.XORKeyStream(skip, skip)
	}
	s.XORKeyStream(out[:len(in)], in)
	bs := e.b.BlockSize()
	adv := (e.off + len(in)) / bs
	e.off = (e.off + len(in)) % bs
	addCounter(e.ctr, uint64(adv))
	return len(in), nil
}

func (e *ctrEngine) clone() cipherEngine {
	c := *e
	c.ctr = append([]byte(nil), e.ctr...)
	return &c
}

// xtsEngine is XTS-AES (IEEE 1619) on whole blocks: key 1 encrypts the
// data, key 2 encrypts the IV into the initial tweak, and the tweak is
// multiplied by x in GF(2^128) from block to block, across update calls.
// golang.org/x/crypto/xts takes only a 64-bit sector number and restarts
// the tweak at every call, which cannot express GP's arbitrary 16-byte IV
// and streaming; the mode itself is these few lines around crypto/aes.
// Ciphertext stealing is not implemented: the total length must be a
// multiple of 16 (ERROR_BAD_PARAMETERS otherwise).
type xtsEngine struct {
	blockBuffered
	k1      cipher.Block
	tweak   [16]byte
	decrypt bool
}

func (e *xtsEngine) update(in, out []byte, final bool) (int, error) {
	data, err := e.take(in, final)
	if err != nil {
		return 0, err
	}
	var x [16]byte
	for i := 0; i < len(data); i += 16 {
		subtle.XORBytes(x[:], data[i:i+16], e.tweak[:])
		if e.decrypt {
			e.k1.Decrypt(x[:], x[:])
		} else {
			e.k1.Encrypt(x[:], x[:])
		}
		subtle.XORBytes(out[i:i+16], x[:], e.tweak[:])
		mulX(&e.tweak)
	}
	return len(data), nil
}

// mulX multiplies the tweak by x in GF(2^128), little-endian as in IEEE 1619.
func mulX(t *[16]byte) {
	var carry byte
	for i := range t {
		c := t[i] >> 7
		t[i] = t[i]<<1 | carry
		carry = c
	}
	t[0] ^= 0x87 & -carry
}

func (e *xtsEngine) clone() cipherEngine {
	c := *e
	c.buf = append([]byte(nil), e.buf...)
	return &c
}

// addCounter adds n to the big-endian counter block ctr (16 or 8 bytes),
// wrapping around as crypto/cipher's CTR does.
func addCounter(ctr []byte, n uint64) {
	if len(ctr) == 16 {
		lo := binary.BigEndian.Uint64(ctr[8:])
		hi := binary.BigEndian.Uint64(ctr[:8])
		sum, carry := bits.Add64(lo, n, 0)
		binary.BigEndian.PutUint64(ctr[8:], sum)
		binary.BigEndian.PutUint64(ctr[:8], hi+carry)
		return
	}
	binary.BigEndian.PutUint64(ctr, binary.BigEndian.Uint64(ctr)+n)
}
