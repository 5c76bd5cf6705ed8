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
	var out uint32
	r := Result(sysBigIntOp(op, u32Ptr(dst[0]), u32Ptr(dst[1]), u32Ptr(dst[2]),
		u32Ptr(in[0]), u32Ptr(in[1]), u32Ptr(in[2]), arg, arg2, &out))
	runtime.KeepAlive(dst)
	runtime.KeepAlive(in)
	return out, r
}

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
