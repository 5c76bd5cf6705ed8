package main

import "github.com/veritee/veritee/sdk/go/ta"

// cmdMemFuncs checks the memory functions of GPD_SPE_010 §4.11 as the TA
// sees them and answers TEE_ERROR_GENERIC at the first deviation.
func cmdMemFuncs(*testTA, *ta.Params) error {
	for _, check := range []func() bool{
		mallocZeroFilled, reallocKeeps, freeNil, memMoveOverlap, memCompareOrders, memFillSets,
	} {
		if !check() {
			return ta.ErrGeneric
		}
	}
	return nil
}

func mallocZeroFilled() bool {
	b := ta.Malloc(256, ta.MallocFillZero)
	if len(b) != 256 {
		return false
	}
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	z := ta.Malloc(0, ta.MallocFillZero)
	return z != nil && len(z) == 0
}

func reallocKeeps() bool {
	b := ta.Malloc(16, ta.MallocFillZero)
	for i := range b {
		b[i] = byte(i)
	}
	b = ta.Realloc(b, 4096)
	if len(b) != 4096 {
		return false
	}
	for i := range 16 {
		if b[i] != byte(i) {
			return false
		}
	}
	b = ta.Realloc(b, 8)
	return len(b) == 8 && b[7] == 7
}

func freeNil() bool {
	ta.Free(nil)
	b := ta.Malloc(8, ta.MallocNoFill)
	ta.Free(b)
	return true
}

func memMoveOverlap() bool {
	b := []byte("0123456789")
	ta.MemMove(b[2:], b[:8]) // forward overlap
	if string(b) != "0101234567" {
		return false
	}
	b = []byte("0123456789")
	ta.MemMove(b[:8], b[2:]) // backward overlap
	return string(b) == "2345678989"
}

func memCompareOrders() bool {
	a, b := []byte{1, 2, 3}, []byte{1, 2, 4}
	return ta.MemCompare(a, b) < 0 && ta.MemCompare(b, a) > 0 && ta.MemCompare(a, []byte{1, 2, 3}) == 0
}

func memFillSets() bool {
	b := make([]byte, 33)
	ta.MemFill(b, 0x5A)
	for _, x := range b {
		if x != 0x5A {
			return false
		}
	}
	return true
}
