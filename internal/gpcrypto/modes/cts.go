package modes

import (
	"crypto/cipher"
	"crypto/subtle"
)

// CTS is CBC with ciphertext stealing in the CBC-CS3 variant of NIST SP
// 800-38A Addendum (2010), which is also the Kerberos variant of RFC 3962
// §5: the last two ciphertext blocks are always swapped, even when the input
// is a whole number of blocks. GP TEE Internal Core API v1.3.1 Table 6-4
// defines TEE_ALG_AES_CTS as CBC-CS3, and OP-TEE implements it so
// (optee_os core/crypto/aes-cts.c: "From Global Platform: CTS = CBC-CS3";
// encryption pads the last partial block with zeros, runs CBC and swaps the
// last two blocks; a final part of fewer than two blocks' worth,
// ceil(len/16) < 2, is TEE_ERROR_BAD_STATE).
//
// Use it as OP-TEE does: CryptBlocks for whole blocks that are certainly not
// among the last two (the engine holds back the last two blocks, as libutee
// does for CTS), then Final once for the rest.
//
// Timing: branches only on lengths.
type CTS struct {
	b       cipher.Block
	iv      []byte
	decrypt bool
}

// NewCTSEncrypter returns a CTS encrypter; iv must be one block long.
func NewCTSEncrypter(b cipher.Block, iv []byte) *CTS {
	return newCTS(b, iv, false)
}

// NewCTSDecrypter returns a CTS decrypter; iv must be one block long.
func NewCTSDecrypter(b cipher.Block, iv []byte) *CTS {
	return newCTS(b, iv, true)
}

func newCTS(b cipher.Block, iv []byte, decrypt bool) *CTS {
	if len(iv) != b.BlockSize() {
		panic("gpcrypto/modes: CTS IV length must equal block size")
	}
	return &CTS{b: b, iv: append([]byte(nil), iv...), decrypt: decrypt}
}

// BlockSize returns the block size of the cipher.
func (c *CTS) BlockSize() int { return len(c.iv) }

// CryptBlocks processes whole blocks in plain CBC mode, carrying the chaining
// value to the next call. len(src) must be a multiple of the block size
// (else ErrNotAligned) and dst at least as long; dst and src may be equal but
// must not overlap otherwise.
func (c *CTS) CryptBlocks(dst, src []byte) error {
	bs := len(c.iv)
	if len(src)%bs != 0 {
		return ErrNotAligned
	}
	if len(dst) < len(src) {
		panic("gpcrypto/modes: CTS output smaller than input")
	}
	if len(src) == 0 {
		return nil
	}
	dst = dst[:len(src)]
	if inexactOverlap(dst, src) {
		panic("gpcrypto/modes: invalid buffer overlap")
	}
	if c.decrypt {
		next := append([]byte(nil), src[len(src)-bs:]...)
		cipher.NewCBCDecrypter(c.b, c.iv).CryptBlocks(dst, src)
		copy(c.iv, next)
	} else {
		cipher.NewCBCEncrypter(c.b, c.iv).CryptBlocks(dst, src)
		copy(c.iv, dst[len(dst)-bs:])
	}
	return nil
}

// Final processes the last part of the message, which must be longer than
// one block (else ErrCTSShort, as OP-TEE refuses it); it may be longer than
// two blocks, in which case the leading blocks go through CBC. Output is as
// long as the input. dst and src may be equal but must not overlap
// otherwise. After Final the CTS must not be used again.
func (c *CTS) Final(dst, src []byte) error {
	bs := len(c.iv)
	n := len(src)
	if n <= bs {
		return ErrCTSShort
	}
	if len(dst) < n {
		panic("gpcrypto/modes: CTS output smaller than input")
	}
	dst = dst[:n]
	if inexactOverlap(dst, src) {
		panic("gpcrypto/modes: invalid buffer overlap")
	}
	nb := (n + bs - 1) / bs
	head := (nb - 2) * bs
	if err := c.CryptBlocks(dst[:head], src[:head]); err != nil {
		return err
	}
	tail := src[head:]
	out := dst[head:]
	last := n - head - bs // length of the final partial (or full) block, 1..bs
	a := make([]byte, bs)
	d := make([]byte, bs)
	if !c.decrypt {
		// a = E(P[n-1] ^ iv), then E((P[n] || 0...) ^ a) comes first and
		// the head of a second.
		subtle.XORBytes(a, tail[:bs], c.iv)
		c.b.Encrypt(a, a)
		copy(d, tail[bs:])
		subtle.XORBytes(d, d, a)
		c.b.Encrypt(d, d)
		copy(out[bs:], a[:last])
		copy(out[:bs], d)
	} else {
		// d = D(C first) = (P[n] || 0...) ^ a, where a = C second || tail of d.
		c.b.Decrypt(d, tail[:bs])
		copy(a, tail[bs:])
		copy(a[last:], d[last:])
		pn := make([]byte, last)
		subtle.XORBytes(pn, d[:last], a[:last])
		c.b.Decrypt(a, a)
		subtle.XORBytes(out[:bs], a, c.iv)
		copy(out[bs:], pn)
	}
	clear(a)
	clear(d)
	return nil
}
