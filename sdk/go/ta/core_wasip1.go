//go:build wasip1

package ta

import (
	"encoding/binary"
	"os"
	"runtime"
	"unsafe"

	"github.com/veritee/veritee/internal/abi"
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

func (wasmCore) setTATime(t Time) Result {
	var b [8]byte
	binary.LittleEndian.PutUint32(b[0:], t.Seconds)
	binary.LittleEndian.PutUint32(b[4:], t.Millis)
	return Result(sysSetTATime(unsafe.Pointer(&b)))
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

// teeParams lays p out as the TEE_Param[4] the core reads in place, memory
// references pointing at the Go buffers themselves (the collector does not
// move them, and the call is synchronous).
func teeParams(p *Params) (uint32, *[abi.ParamsSize]byte) {
	var raw [abi.ParamsSize]byte
	if p == nil {
		return 0, &raw
	}
	for i := range NumParams {
		t := p.Type(i)
		f := raw[i*abi.ParamSize:]
		switch {
		case t.IsValue():
			binary.LittleEndian.PutUint32(f[abi.ParamOffsetA:], p.p[i].a)
			binary.LittleEndian.PutUint32(f[abi.ParamOffsetB:], p.p[i].b)
		case t.IsMemref():
			if m := p.p[i].mem; m != nil {
				// Not ptr: an empty buffer is not a NULL memref.
				binary.LittleEndian.PutUint32(f[abi.ParamOffsetA:], uint32(uintptr(unsafe.Pointer(unsafe.SliceData(m)))))
			}
			binary.LittleEndian.PutUint32(f[abi.ParamOffsetB:], p.callSize(i))
		}
	}
	return uint32(p.types), &raw
}

// updateParams stores the outputs the core wrote into raw back into p.
func updateParams(p *Params, raw *[abi.ParamsSize]byte) {
	if p == nil {
		return
	}
	for i := range NumParams {
		f := raw[i*abi.ParamSize:]
		p.setOutput(i, binary.LittleEndian.Uint32(f[abi.ParamOffsetA:]), binary.LittleEndian.Uint32(f[abi.ParamOffsetB:]))
	}
}

func (wasmCore) openTASession(dest UUID, timeout uint32, p *Params) (uint32, Origin, Result) {
	u := abi.UUID(dest).TEEUUIDBytes()
	types, raw := teeParams(p)
	var sess uint32
	origin := uint32(OriginTEE)
	r := Result(sysOpenTASession(unsafe.Pointer(&u), timeout, types, unsafe.Pointer(raw), &sess, &origin))
	updateParams(p, raw)
	keepParams(p)
	if r != Success {
		sess = 0
	}
	return sess, Origin(origin), r
}

func (wasmCore) invokeTACommand(sess, timeout, cmd uint32, p *Params) (Origin, Result) {
	types, raw := teeParams(p)
	origin := uint32(OriginTEE)
	r := Result(sysInvokeTACommand(sess, timeout, cmd, types, unsafe.Pointer(raw), &origin))
	updateParams(p, raw)
	keepParams(p)
	return Origin(origin), r
}

func (wasmCore) closeTASession(sess uint32) Result {
	return Result(sysCloseTASession(sess))
}

// keepParams keeps p's buffers alive up to here: the core wrote into them
// through addresses the collector does not see.
func keepParams(p *Params) {
	if p == nil {
		return
	}
	for i := range NumParams {
		runtime.KeepAlive(p.p[i].mem)
	}
}
