package hostapi

import (
	"encoding/binary"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// Places of the test TEE_BigInts in memory: each gets 140 words.
const (
	bnD0, bnD1, bnD2 = 0x1000, 0x1400, 0x1800
	bnA, bnB, bnN    = 0x2000, 0x2400, 0x2800
	bnOut, bnBuf     = 0x3000, 0x3100
)

// putBig stores x at ptr as a TEE_BigInt of alloc limbs.
func putBig(t testing.TB, m api.Module, ptr, alloc uint32, x *big.Int) {
	t.Helper()
	b := make([]byte, (alloc+2)*4)
	var sign uint32
	if x.Sign() < 0 {
		sign = 1
	}
	mag := new(big.Int).Abs(x).Bytes()
	used := uint32(0)
	for i := range mag {
		b[8+i] = mag[len(mag)-1-i] // little-endian limbs = little-endian bytes
	}
	used = uint32(len(mag)+3) / 4
	binary.LittleEndian.PutUint32(b, sign)
	binary.LittleEndian.PutUint32(b[4:], alloc|used<<16)
	if !m.Memory().Write(ptr, b) {
		t.Fatal("write")
	}
}

// getBig reads the TEE_BigInt at ptr.
func getBig(t testing.TB, m api.Module, ptr uint32) *big.Int {
	t.Helper()
	x, _, ok := readBigInt(m.Memory(), ptr)
	if !ok {
		t.Fatalf("malformed TEE_BigInt at %#x", ptr)
	}
	return x
}

func randBig(r *rand.Rand, bits int) *big.Int {
	x := new(big.Int)
	if bits == 0 {
		return x
	}
	b := make([]byte, (bits+7)/8)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	x.SetBytes(b)
	x.Rsh(x, uint(len(b)*8-r.IntN(bits+1)))
	if r.IntN(3) == 0 {
		x.Neg(x)
	}
	return x
}

func mod(x, n *big.Int) *big.Int { return new(big.Int).Mod(x, n) }

func TestBigIntOpAgainstMathBig(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	r := rand.New(rand.NewPCG(1, 2))
	bigOp := func(op uint32, d0, d1, d2 uint32, arg, arg2 uint32) (abi.Result, uint32) {
		res := call(s, m, abi.SysBigIntOp, uint64(op), uint64(d0), uint64(d1), uint64(d2), bnA, bnB, bnN, uint64(arg), uint64(arg2), bnOut)
		return res, u32At(t, m, bnOut)
	}
	for i := range 3000 {
		bits := []int{0, 1, 31, 32, 33, 64, 100, 512, 2048}[i%9]
		a, b, n := randBig(r, bits), randBig(r, bits), new(big.Int).Abs(randBig(r, bits))
		if n.Sign() == 0 {
			n.SetInt64(1)
		}
		putBig(t, m, bnA, abi.BigIntMaxLimbs, a)
		putBig(t, m, bnB, abi.BigIntMaxLimbs, b)
		putBig(t, m, bnN, abi.BigIntMaxLimbs, n)
		for _, d := range []uint32{bnD0, bnD1, bnD2} {
			putBig(t, m, d, abi.BigIntMaxLimbs, big.NewInt(0))
		}
		check := func(name string, op uint32, want *big.Int) {
			t.Helper()
			if res, _ := bigOp(op, bnD0, 0, 0, 0, 0); res != abi.Success {
				t.Fatalf("%s(%v, %v, %v) = %v", name, a, b, n, res)
			}
			if got := getBig(t, m, bnD0); got.Cmp(want) != 0 {
				t.Fatalf("%s(%v, %v, %v) = %v, want %v", name, a, b, n, got, want)
			}
		}
		check("add", abi.BigOpAdd, new(big.Int).Add(a, b))
		check("sub", abi.BigOpSub, new(big.Int).Sub(a, b))
		check("mul", abi.BigOpMul, new(big.Int).Mul(a, b))
		check("mod", abi.BigOpMod, mod(a, n))
		check("mulmod", abi.BigOpMulMod, mod(new(big.Int).Mul(a, b), n))
		check("submod", abi.BigOpSubMod, mod(new(big.Int).Sub(a, b), n))
		switch {
		case b.Sign() < 0:
			if res, _ := bigOp(abi.BigOpExpMod, bnD0, 0, 0, 0, 0); res != abi.ErrBadParameters {
				t.Fatalf("expmod with exponent %v: %v", b, res)
			}
		case bits <= 512:
			check("expmod", abi.BigOpExpMod, new(big.Int).Exp(mod(a, n), b, n))
		}
		if res, c := bigOp(abi.BigOpCmp, 0, 0, 0, 0, 0); res != abi.Success || int32(c) != int32(a.Cmp(b)) {
			t.Fatalf("cmp(%v, %v) = %v, %d", a, b, res, int32(c))
		}
		if b.Sign() != 0 {
			q, rem := new(big.Int).QuoRem(a, b, new(big.Int))
			if res, _ := bigOp(abi.BigOpDiv, bnD0, bnD1, 0, 0, 0); res != abi.Success ||
				getBig(t, m, bnD0).Cmp(q) != 0 || getBig(t, m, bnD1).Cmp(rem) != 0 {
				t.Fatalf("div(%v, %v) = %v: %v %v", a, b, res, getBig(t, m, bnD0), getBig(t, m, bnD1))
			}
		}
	}
}

func TestBigIntBadInput(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	putBig(t, m, bnA, 4, big.NewInt(-5))
	putBig(t, m, bnB, 4, big.NewInt(0))
	putBig(t, m, bnN, 4, big.NewInt(-7))
	putBig(t, m, bnD0, 1, big.NewInt(0))
	putBig(t, m, bnD1, 4, big.NewInt(0))
	op := func(op, d0, d1, a, b, n, arg uint32) abi.Result {
		return call(s, m, abi.SysBigIntOp, uint64(op), uint64(d0), uint64(d1), 0, uint64(a), uint64(b), uint64(n), uint64(arg), 0, bnOut)
	}
	tests := []struct {
		name string
		got  abi.Result
		want abi.Result
	}{
		{"unknown op", op(999, bnD1, 0, bnA, bnA, bnA, 0), abi.ErrNotSupported},
		{"divide by zero", op(abi.BigOpDiv, bnD1, 0, bnA, bnB, 0, 0), abi.ErrBadParameters},
		{"negative modulus", op(abi.BigOpMod, bnD1, 0, bnA, 0, bnN, 0), abi.ErrBadParameters},
		{"zero modulus", op(abi.BigOpMulMod, bnD1, 0, bnA, bnA, bnB, 0), abi.ErrBadParameters},
		{"no inverse", op(abi.BigOpInvMod, bnD1, 0, bnB, 0, bnA, 0), abi.ErrBadParameters},
		{"missing dst", op(abi.BigOpAdd, 0, 0, bnA, bnA, 0, 0), abi.ErrBadParameters},
		{"missing operand", op(abi.BigOpAdd, bnD1, 0, 0, bnA, 0, 0), abi.ErrBadParameters},
		{"operand outside memory", op(abi.BigOpAdd, bnD1, 0, bnA, memSize-4, 0, 0), abi.ErrBadParameters},
		{"dst outside memory", op(abi.BigOpAdd, memSize-4, 0, bnA, bnA, 0, 0), abi.ErrBadParameters},
		{"dst too small", op(abi.BigOpShiftRight, bnD0, 0, bnA, 0, 0, 0) + 0*op(abi.BigOpMul, bnD0, 0, bnA, bnA, 0, 0), abi.Success},
		{"setbit past dst", op(abi.BigOpSetBit, bnD1, 0, bnD1, 0, 0, 128), abi.ErrOverflow},
		{"to s32", op(abi.BigOpToS32, 0, 0, bnA, 0, 0, 0), abi.Success},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	putBig(t, m, bnA, 4, new(big.Int).Lsh(big.NewInt(1), 40))
	if got := op(abi.BigOpAssign, bnD0, 0, bnA, 0, 0, 0); got != abi.ErrOverflow {
		t.Errorf("assign 2^40 to one limb: %v", got)
	}
	if got := op(abi.BigOpToS32, 0, 0, bnA, 0, 0, 0); got != abi.ErrOverflow {
		t.Errorf("to s32 of 2^40: %v", got)
	}
	// A malformed header: sign 2, or more limbs in use than allocated.
	m.Memory().WriteUint32Le(bnB, 2)
	if got := op(abi.BigOpAssign, bnD1, 0, bnB, 0, 0, 0); got != abi.ErrBadParameters {
		t.Errorf("sign 2: %v", got)
	}
	m.Memory().WriteUint32Le(bnB, 0)
	m.Memory().WriteUint32Le(bnB+4, 4|5<<16)
	if got := op(abi.BigOpAssign, bnD1, 0, bnB, 0, 0, 0); got != abi.ErrBadParameters {
		t.Errorf("used > alloc: %v", got)
	}
	m.Memory().WriteUint32Le(bnB+4, (abi.BigIntMaxLimbs+1)|0<<16)
	if got := op(abi.BigOpAssign, bnD1, 0, bnB, 0, 0, 0); got != abi.ErrBadParameters {
		t.Errorf("alloc > max: %v", got)
	}

	// Octet strings: SHORT_BUFFER with the needed length, OVERFLOW, bounds.
	m.Memory().Write(bnBuf, []byte{0x01, 0x02, 0x03, 0x04, 0x05})
	if got := call(s, m, abi.SysBigIntFromOctets, bnD0, bnBuf, 5, 0); got != abi.ErrOverflow {
		t.Errorf("5 bytes into one limb: %v", got)
	}
	if got := call(s, m, abi.SysBigIntFromOctets, bnD1, bnBuf, 5, 0xFFFFFFFF); got != abi.Success || getBig(t, m, bnD1).Int64() != -0x0102030405 {
		t.Errorf("from octets: %v %v", got, getBig(t, m, bnD1))
	}
	if got := call(s, m, abi.SysBigIntFromOctets, bnD1, memSize-2, 5, 0); got != abi.ErrBadParameters {
		t.Errorf("buffer outside memory: %v", got)
	}
	m.Memory().WriteUint32Le(bnOut, 4)
	if got := call(s, m, abi.SysBigIntToOctets, bnD1, bnBuf, bnOut); got != abi.ErrShortBuffer || u32At(t, m, bnOut) != 5 {
		t.Errorf("to octets, 4 bytes: %v, len %d", got, u32At(t, m, bnOut))
	}
	if got := call(s, m, abi.SysBigIntToOctets, bnD1, memSize-4, bnOut); got != abi.ErrBadParameters {
		t.Errorf("to octets outside memory: %v", got)
	}
	if got := call(s, m, abi.SysBigIntToOctets, bnD1, bnBuf, memSize-2); got != abi.ErrBadParameters {
		t.Errorf("length outside memory: %v", got)
	}
}

// FuzzBigInt drives random arguments and memory into the big-integer
// system calls: they must answer, never panic.
func FuzzBigInt(f *testing.F) {
	f.Add(uint8(0), abi.BigOpMulMod, uint32(bnD0), uint32(bnA), uint32(bnB), uint32(bnN), uint32(3), []byte{1, 0, 0, 0, 4, 0, 4, 0, 1, 2})
	f.Add(uint8(1), uint32(0), uint32(bnD0), uint32(bnBuf), uint32(9), uint32(0), uint32(3), []byte{0, 0, 0, 0, 2, 0, 0, 0})
	f.Add(uint8(2), uint32(0), uint32(bnA), uint32(bnBuf), uint32(bnOut), uint32(0), uint32(3), []byte{0, 0, 0, 0, 2, 0, 2, 0, 7, 7, 7, 7})
	m := newModule(f)
	f.Fuzz(func(t *testing.T, which uint8, op, p1, p2, p3, p4, arg uint32, memBytes []byte) {
		s, _ := newState()
		mem := m.Memory()
		// The same bytes at every place a pointer is likely to land.
		for _, p := range []uint32{0, bnD0, bnD1, bnA, bnB, bnN} {
			mem.Write(p, memBytes[:min(len(memBytes), 0x400)])
		}
		small := func(v uint32) uint64 {
			if v&3 == 3 {
				return uint64(v & 0xFFFF)
			}
			return uint64(v)
		}
		switch which % 3 {
		case 0:
			call(s, m, abi.SysBigIntOp, uint64(op%40), small(p1), small(p2), small(p3), small(p4), small(arg), small(p1^p4), uint64(arg), uint64(op>>8), small(p2^p3))
		case 1:
			call(s, m, abi.SysBigIntFromOctets, small(p1), small(p2), small(p3), uint64(arg))
		case 2:
			call(s, m, abi.SysBigIntToOctets, small(p1), small(p2), small(p3))
		}
	})
}
