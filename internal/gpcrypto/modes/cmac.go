package modes

import (
	"crypto/cipher"
	"crypto/subtle"
	"hash"
)

// NewCMAC returns a CMAC (NIST SP 800-38B, RFC 4493) over b as a hash.Hash.
// It serves TEE_ALG_AES_CMAC and TEE_ALG_DES3_CMAC (GP TEE Internal Core API
// v1.3.1 §6.2.5 and Table 6-4). The tag is the full block; GP's
// TEE_MACComputeFinal truncates it if the caller asks for less.
//
// b must have a block size of 8 (the R_64 constant 0x1b) or 16 (R_128,
// 0x87) bytes; NewCMAC returns ErrBlockSize otherwise.
//
// Timing: the computation branches only on lengths. Compare tags with
// subtle.ConstantTimeCompare (or hmac.Equal).
func NewCMAC(b cipher.Block) (hash.Hash, error) {
	bs := b.BlockSize()
	var rb byte
	switch bs {
	case 8:
		rb = 0x1b
	case 16:
		rb = 0x87
	default:
		return nil, ErrBlockSize
	}
	c := &cmac{b: b, k1: make([]byte, bs), k2: make([]byte, bs), x: make([]byte, bs), buf: make([]byte, bs)}
	l := make([]byte, bs)
	b.Encrypt(l, l)
	dbl(c.k1, l, rb)
	dbl(c.k2, c.k1, rb)
	clear(l)
	return c, nil
}

// dbl sets dst to src·x in GF(2^n): a left shift and a conditional XOR of rb,
// done with a mask rather than a branch on the secret top bit.
func dbl(dst, src []byte, rb byte) {
	mask := byte(int8(src[0]) >> 7)
	for i := 0; i < len(src)-1; i++ {
		dst[i] = src[i]<<1 | src[i+1]>>7
	}
	dst[len(src)-1] = src[len(src)-1]<<1 ^ rb&mask
}

type cmac struct {
	b      cipher.Block
	k1, k2 []byte
	x      []byte // chaining value
	buf    []byte // the last, possibly full, block not yet processed
	n      int    // bytes in buf
}

func (c *cmac) Size() int      { return len(c.x) }
func (c *cmac) BlockSize() int { return len(c.x) }

func (c *cmac) Reset() {
	clear(c.x)
	clear(c.buf)
	c.n = 0
}

// block absorbs one whole block into the chaining value.
func (c *cmac) block(p []byte) {
	subtle.XORBytes(c.x, c.x, p)
	c.b.Encrypt(c.x, c.x)
}

// Write absorbs p. It never fails. The last block is held back, because its
// processing depends on whether more data follows.
func (c *cmac) Write(p []byte) (int, error) {
	n := len(p)
	bs := len(c.buf)
	if c.n > 0 {
		k := copy(c.buf[c.n:], p)
		c.n += k
		p = p[k:]
		if len(p) == 0 {
			return n, nil
		}
		c.block(c.buf)
		c.n = 0
	}
	for len(p) > bs {
		c.block(p[:bs])
		p = p[bs:]
	}
	c.n = copy(c.buf, p)
	return n, nil
}

// Sum appends the tag of the data written so far to in; the state is left
// unchanged, so writing may go on.
func (c *cmac) Sum(in []byte) []byte {
	bs := len(c.buf)
	last := make([]byte, bs)
	copy(last, c.buf[:c.n])
	if c.n == bs {
		subtle.XORBytes(last, last, c.k1)
	} else {
		last[c.n] = 0x80
		subtle.XORBytes(last, last, c.k2)
	}
	subtle.XORBytes(last, last, c.x)
	c.b.Encrypt(last, last)
	return append(in, last...)
}
