// Package bignum computes the GP arithmetic functions (GPD_SPE_010 §8) for
// the core and for the Go TA SDK's host build: it decodes TEE_BigInts in the
// layout of abi.BigInt* into math/big values, applies a bigint_op operation
// code, and encodes the results.
package bignum

import (
	"encoding/binary"
	"math/big"

	"github.com/veritee/veritee/internal/abi"
)

// Header decodes the two header words of a TEE_BigInt: its sign, allocated
// limbs and limbs in use. ok is false for a malformed header.
func Header(w0, w1 uint32) (neg bool, alloc, used uint32, ok bool) {
	alloc, used = w1&0xFFFF, w1>>16
	if w0 > 1 || alloc > abi.BigIntMaxLimbs || used > alloc {
		return false, 0, 0, false
	}
	return w0 == 1, alloc, used, true
}

// HeaderWords encodes the header of a TEE_BigInt of alloc limbs holding
// used limbs.
func HeaderWords(neg bool, alloc, used uint32) (uint32, uint32) {
	var s uint32
	if neg {
		s = 1
	}
	return s, alloc | used<<16
}

// SetLimbs sets z to the magnitude in the little-endian u32 limbs returned
// by limb(0..n-1), negated when neg. It reuses z's storage.
func SetLimbs(z *big.Int, neg bool, n uint32, limb func(i uint32) uint32) *big.Int {
	const w = 32 << (^uint(0) >> 63) // bits of a big.Word
	k := int((n*32 + w - 1) / w)
	words := z.Bits()
	if cap(words) < k {
		words = make([]big.Word, k)
	}
	words = words[:k]
	clear(words)
	for i := range n {
		words[i*32/w] |= big.Word(limb(i)) << (i * 32 % w)
	}
	z.SetBits(words)
	if neg {
		z.Neg(z)
	}
	return z
}

// Limbs returns the number of u32 limbs of |x|.
func Limbs(x *big.Int) uint32 { return uint32(x.BitLen()+31) / 32 }

// PutLimbs calls put(i, limb) for every u32 limb of |x|, least significant
// first, and returns their number.
func PutLimbs(x *big.Int, put func(i, limb uint32)) uint32 {
	const w = 32 << (^uint(0) >> 63)
	n := Limbs(x)
	words := x.Bits()
	for i := range n {
		put(i, uint32(words[i*32/w]>>(i*32%w)))
	}
	return n
}

// SetLE sets z to the magnitude in le, little-endian u32 limbs as bytes
// (len(le) a multiple of 4), negated when neg. It reuses z's storage.
func SetLE(z *big.Int, neg bool, le []byte) *big.Int {
	const wb = 4 << (^uint(0) >> 63) // bytes of a big.Word
	k := (len(le) + wb - 1) / wb
	words := z.Bits()
	if cap(words) < k {
		words = make([]big.Word, k)
	}
	words = words[:k]
	for j := range k {
		if b := le[j*wb:]; len(b) >= wb {
			if wb == 8 {
				words[j] = big.Word(binary.LittleEndian.Uint64(b))
			} else {
				words[j] = big.Word(binary.LittleEndian.Uint32(b))
			}
		} else {
			words[j] = big.Word(binary.LittleEndian.Uint32(b)) // one u32 limb left
		}
	}
	z.SetBits(words)
	if neg {
		z.Neg(z)
	}
	return z
}

// PutLE writes the u32 limbs of |x| to le as little-endian bytes and
// returns their number; le must hold 4·Limbs(x) bytes.
func PutLE(x *big.Int, le []byte) uint32 {
	const wb = 4 << (^uint(0) >> 63)
	n := Limbs(x)
	words := x.Bits()
	for j, w := range words {
		if (j+1)*wb <= int(n)*4 {
			if wb == 8 {
				binary.LittleEndian.PutUint64(le[j*wb:], uint64(w))
			} else {
				binary.LittleEndian.PutUint32(le[j*wb:], uint32(w))
			}
		} else if j*wb < int(n)*4 {
			binary.LittleEndian.PutUint32(le[j*wb:], uint32(w))
		}
	}
	return n
}
