//go:build wasip1

package ta

import (
	"runtime"
	"unsafe"
)

// u32Ptr returns the address of b's words, nil for an absent one.
func u32Ptr(b []uint32) unsafe.Pointer {
	if b == nil {
		return nil
	}
	return unsafe.Pointer(unsafe.SliceData(b))
}

// bigOp runs one bigint_op system call; the arrays have been checked by
// checkBig, so the core stays inside them.
func bigOp(op uint32, dst [3][]uint32, in [3][]uint32, arg, arg2 uint32) (uint32, Result) {
	bigOut = 0
	r := Result(sysBigIntOp(op, u32Ptr(dst[0]), u32Ptr(dst[1]), u32Ptr(dst[2]),
		u32Ptr(in[0]), u32Ptr(in[1]), u32Ptr(in[2]), arg, arg2, &bigOut))
	// The collector cannot run during the synchronous call: no KeepAlive.
	return bigOut, r
}

// bigOut receives bigint_op's scalar result: a global, so that a call
// allocates nothing (a TA instance runs one call at a time, and wasip1
// runs one goroutine at a time with no switch inside a system call).
var bigOut uint32

func bigFromOctets(dst []uint32, buf []byte, sign int32) Result {
	r := Result(sysBigIntFromOctets(u32Ptr(dst), ptr(buf), uint32(len(buf)), sign))
	runtime.KeepAlive(dst)
	runtime.KeepAlive(buf)
	return r
}

func bigToOctets(buf []byte, src []uint32) (int, Result) {
	n := uint32(len(buf))
	r := Result(sysBigIntToOctets(u32Ptr(src), ptr(buf), &n))
	runtime.KeepAlive(src)
	runtime.KeepAlive(buf)
	return int(n), r
}
