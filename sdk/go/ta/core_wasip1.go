//go:build wasip1

package ta

import (
	"encoding/binary"
	"os"
	"runtime"
	"unsafe"
)

// wasmCore is the real core: the system calls of syscall_wasip1.go.
type wasmCore struct{}

func init() { sys = wasmCore{} }

// ptr returns the address of b's bytes (nil for an empty slice); Go's
// collector does not move objects, and every call is synchronous.
func ptr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(unsafe.SliceData(b))
}

func strPtr(s string) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(unsafe.StringData(s))
}

func (wasmCore) log(level TraceLevel, msg string) {
	sysLog(uint32(level), strPtr(msg), uint32(len(msg)))
	runtime.KeepAlive(msg)
}

func (wasmCore) panic(code Result) {
	sysPanic(uint32(code))
	// The core never returns from panic; if it did, end the module anyway
	// rather than run on in a state the TA declared broken.
	os.Exit(2)
}

func (c wasmCore) property(set PropSet, name string) (PropType, []byte, Result) {
	var index uint32
	r := Result(sysGetPropertyNameToIndex(uint32(set), strPtr(name), uint32(len(name)), &index))
	runtime.KeepAlive(name)
	if r != Success {
		return 0, nil, r
	}
	_, typ, val, r := c.getProperty(set, index, false)
	return typ, val, r
}

func (c wasmCore) propertyAt(set PropSet, index uint32) (string, PropType, []byte, Result) {
	return c.getProperty(set, index, true)
}

// getProperty calls get_property, growing its buffers on SHORT_BUFFER.
func (wasmCore) getProperty(set PropSet, index uint32, withName bool) (string, PropType, []byte, Result) {
	var name []byte
	if withName {
		name = make([]byte, 64)
	}
	buf := make([]byte, 64)
	for range 4 { // the sizes are known after one SHORT_BUFFER
		nameLen, bufLen, typ := uint32(len(name)), uint32(len(buf)), uint32(0)
		var np unsafe.Pointer
		var nl *uint32
		if withName {
			np, nl = ptr(name), &nameLen
		}
		r := Result(sysGetProperty(uint32(set), index, np, nl, ptr(buf), &bufLen, &typ))
		runtime.KeepAlive(name)
		runtime.KeepAlive(buf)
		switch {
		case r == ErrShortBuffer:
			if withName && nameLen > uint32(len(name)) {
				name = make([]byte, nameLen)
			}
			if bufLen > uint32(len(buf)) {
				buf = make([]byte, bufLen)
			}
			continue
		case r != Success:
			return "", 0, nil, r
		case bufLen > uint32(len(buf)) || (withName && nameLen > uint32(len(name))):
			return "", 0, nil, ErrBadFormat // a core bug; do not read past
		}
		n := ""
		if withName {
			// The name comes NUL-terminated; the length may count the NUL.
			nb := name[:nameLen]
			for len(nb) > 0 && nb[len(nb)-1] == 0 {
				nb = nb[:len(nb)-1]
			}
			n = string(nb)
		}
		return n, PropType(typ), buf[:bufLen:bufLen], Success
	}
	return "", 0, nil, ErrGeneric
}

func (wasmCore) time(cat uint32) (Time, Result) {
	var b [8]byte
	r := Result(sysGetTime(cat, unsafe.Pointer(&b)))
	return Time{Seconds: binary.LittleEndian.Uint32(b[0:]), Millis: binary.LittleEndian.Uint32(b[4:])}, r
}

func (wasmCore) wait(ms uint32) Result { return Result(sysWait(ms)) }

func (wasmCore) cancellationFlag() bool {
	var v uint32
	if r := Result(sysGetCancellationFlag(&v)); r != Success {
		Panic(r)
	}
	return v != 0
}

func (wasmCore) maskCancellation() bool {
	var v uint32
	if r := Result(sysMaskCancellation(&v)); r != Success {
		Panic(r)
	}
	return v != 0
}

func (wasmCore) unmaskCancellation() bool {
	var v uint32
	if r := Result(sysUnmaskCancellation(&v)); r != Success {
		Panic(r)
	}
	return v != 0
}

func (wasmCore) random(b []byte) Result {
	r := Result(sysCrypRandomNumberGenerate(ptr(b), uint32(len(b))))
	runtime.KeepAlive(b)
	return r
}

func (wasmCore) checkAccess(flags uint32, b []byte) Result {
	// Not ptr: an empty memref still has the address the core gave it.
	r := Result(sysCheckAccessRights(flags, unsafe.Pointer(unsafe.SliceData(b)), uint32(len(b))))
	runtime.KeepAlive(b)
	return r
}
