package modes

import (
	"crypto/cipher"
	"crypto/subtle"
)

// CBCMAC is a raw CBC-MAC: the last block of CBC encryption under a zero IV.
// It serves TEE_ALG_{AES,DES,DES3}_CBC_MAC_NOPAD and _CBC_MAC_PKCS5 (GP TEE
// Internal Core API v1.3.1 Table 6-4). OP-TEE ignores the IV given to
// TEE_MACInit for these algorithms and chains from zero, and so does this
// type.
//
// CBC-MAC is only secure for messages of one fixed length; it exists here
// because GP names it.
//
// Timing: branches only on lengths.
type CBCMAC struct {
	b   cipher.Block
	pad bool
	x   []byte
	buf []byte
	n   int
	any bool // at least one whole block absorbed
}

// NewCBCMAC returns a CBC-MAC over b. With pad, the message is padded as
// PKCS#5 (PKCS#7 for 16-byte blocks) does: 1 to BlockSize bytes, each holding
// the pad length, always added. Without pad, the message must be a whole
// number of blocks by the time Final is called.
func NewCBCMAC(b cipher.Block, pad bool) *CBCMAC {
	bs := b.BlockSize()
	return &CBCMAC{b: b, pad: pad, x: make([]byte, bs), buf: make([]byte, bs)}
}

// Size returns the tag size, one block.
func (m *CBCMAC) Size() int { return len(m.x) }

// BlockSize returns the block size of the cipher.
func (m *CBCMAC) BlockSize() int { return len(m.x) }

// Reset forgets all data written.
func (m *CBCMAC) Reset() {
	clear(m.x)
	clear(m.buf)
	m.n = 0
	m.any = false
}

func (m *CBCMAC) block(p []byte) {
	m.any = true
	subtle.XORBytes(m.x, m.x, p)
	m.b.Encrypt(m.x, m.x)
}

// Write absorbs p in any chunking. It never fails.
func (m *CBCMAC) Write(p []byte) (int, error) {
	n := len(p)
	bs := len(m.buf)
	if m.n > 0 {
		k := copy(m.buf[m.n:], p)
		m.n += k
		p = p[k:]
		if m.n < bs {
			return n, nil
		}
		m.block(m.buf)
		m.n = 0
	}
	for len(p) >= bs {
		m.block(p[:bs])
		p = p[bs:]
	}
	m.n = copy(m.buf, p)
	return n, nil
}

// Final appends the tag of the data written so far to in. The state is left
// unchanged. Without padding, Final returns ErrNotAligned if the data is not
// a whole number of blocks or is empty, as OP-TEE refuses both
// (core/crypto/cbc-mac.c answers TEE_ERROR_BAD_STATE).
func (m *CBCMAC) Final(in []byte) ([]byte, error) {
	bs := len(m.buf)
	x := make([]byte, bs)
	copy(x, m.x)
	if m.pad {
		last := make([]byte, bs)
		copy(last, m.buf[:m.n])
		p := byte(bs - m.n)
		for i := m.n; i < bs; i++ {
			last[i] = p
		}
		subtle.XORBytes(x, x, last)
		m.b.Encrypt(x, x)
	} else if m.n != 0 || !m.any {
		return in, ErrNotAligned
	}
	return append(in, x...), nil
}

// Sum implements hash.Hash. It panics where Final returns an error (NOPAD
// with a partial block): callers that cannot rule that out use Final.
func (m *CBCMAC) Sum(in []byte) []byte {
	out, err := m.Final(in)
	if err != nil {
		panic(err)
	}
	return out
}
