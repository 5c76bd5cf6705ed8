//go:build !wasip1

package ta

import (
	"errors"
	"math/big"
	"testing"
)

// bigOf returns a BigInt of bits bits holding x.
func bigOf(t *testing.T, bits uint32, x *big.Int) BigInt {
	t.Helper()
	b := NewBigInt(bits)
	if r := BigIntConvertFromOctetString(b, x.Bytes(), int32(x.Sign())); r != Success {
		t.Fatalf("ConvertFromOctetString(%v): %v", x, r)
	}
	return b
}

// mathBig converts b back through ConvertToOctetString and CmpS32.
func mathBig(t *testing.T, b BigInt) *big.Int {
	t.Helper()
	buf := make([]byte, BigIntMaxBits/8)
	n, r := BigIntConvertToOctetString(buf, b)
	if r != Success {
		t.Fatal(r)
	}
	x := new(big.Int).SetBytes(buf[:n])
	if BigIntCmpS32(b, 0) < 0 {
		x.Neg(x)
	}
	return x
}

// panics returns the TEE_Panic code f raises, or 0.
func panics(f func()) (code Result) {
	defer func() {
		if r := recover(); r != nil {
			var pe *PanicError
			if err, ok := r.(error); ok && errors.As(err, &pe) {
				code = pe.Code
				return
			}
			panic(r)
		}
	}()
	f()
	return 0
}

// TestBigIntHost runs the GP arithmetic of the host build (FakeCore): the
// same code as the core's, on the same layout.
func TestBigIntHost(t *testing.T) {
	NewFakeCore()
	a, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	b, _ := new(big.Int).SetString("987654321987654321", 10)
	n := big.NewInt(1000000007)
	A, B, N := bigOf(t, 256, a), bigOf(t, 256, b), bigOf(t, 64, n)
	d := NewBigInt(512)
	BigIntMul(d, A, B)
	if got := mathBig(t, d); got.Cmp(new(big.Int).Mul(a, b)) != 0 {
		t.Errorf("Mul = %v", got)
	}
	q, r := NewBigInt(256), NewBigInt(256)
	BigIntDiv(q, r, A, B)
	wq, wr := new(big.Int).QuoRem(a, b, new(big.Int))
	if mathBig(t, q).Cmp(wq) != 0 || mathBig(t, r).Cmp(wr) != 0 {
		t.Errorf("Div = %v, %v; want %v, %v", mathBig(t, q), mathBig(t, r), wq, wr)
	}
	BigIntMulMod(d, A, B, N)
	if got, want := mathBig(t, d), new(big.Int).Mod(new(big.Int).Mul(a, b), n); got.Cmp(want) != 0 {
		t.Errorf("MulMod = %v, want %v", got, want)
	}
	if v, res := BigIntConvertToS32(A); res != ErrOverflow {
		t.Errorf("ConvertToS32(%v) = %d, %v", a, v, res)
	}
	if res := BigIntAssign(NewBigInt(32), A); res != ErrOverflow {
		t.Errorf("Assign to 32 bits: %v", res)
	}
	if n, res := BigIntConvertToOctetString(make([]byte, 3), B); res != ErrShortBuffer || n != 8 {
		t.Errorf("ConvertToOctetString into 3 bytes: %d, %v", n, res)
	}
	zero := NewBigInt(32)
	for name, f := range map[string]func(){
		"divide by zero":  func() { BigIntDiv(q, r, A, zero) },
		"modulus 0":       func() { BigIntMod(d, A, zero) },
		"modulus < 0":     func() { BigIntMod(d, A, A) },
		"dest too small":  func() { BigIntMul(NewBigInt(32), A, B) },
		"uninitialised":   func() { BigIntAdd(make(BigInt, 4), A, B) },
		"header too long": func() { BigIntAdd(d, BigInt{0, 5, 1}, B) },
		"too large":       func() { NewBigInt(BigIntMaxBits + 32) },
	} {
		if code := panics(f); code != ErrBadParameters && code != ErrOverflow {
			t.Errorf("%s: panic code %v", name, code)
		}
	}
}
