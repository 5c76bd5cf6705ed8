package taimage

import (
	"bytes"
	"errors"
	"fmt"
)

// ErrWasm is wrapped by every MemoryPages error.
var ErrWasm = errors.New("taimage: malformed wasm module")

// Wasm section ids and import kinds (WebAssembly core spec §5.5).
const (
	wasmSecImport = 2
	wasmSecMemory = 5
	wasmKindFunc  = 0x00
	wasmKindTable = 0x01
	wasmKindMem   = 0x02
	wasmKindGlob  = 0x03
	wasmKindTag   = 0x04
)

// MemoryPages returns the limits of the module's linear memory, in 64 KiB
// pages: min, and max when hasMax. It reads only the import and memory
// sections, so the runtime can compute a TA's memory cap before it
// compiles the module. A module without exactly one 32-bit memory
// (defined or imported) is an error: a TA has one linear memory.
func MemoryPages(wasm []byte) (min uint32, max uint32, hasMax bool, err error) {
	if !bytes.HasPrefix(wasm, wasmMagic) {
		return 0, 0, false, fmt.Errorf("%w: bad magic", ErrWasm)
	}
	r := wreader{b: wasm[len(wasmMagic):]}
	found := 0
	for len(r.b) > 0 {
		id := r.byte()
		size := r.u32()
		body := r.bytes(size)
		if r.err != nil {
			return 0, 0, false, r.err
		}
		switch id {
		case wasmSecImport:
			mins, maxs, hasMaxs, err := importedMemories(body)
			if err != nil {
				return 0, 0, false, err
			}
			for i := range mins {
				min, max, hasMax = mins[i], maxs[i], hasMaxs[i]
				found++
			}
		case wasmSecMemory:
			s := wreader{b: body}
			n := s.u32()
			for i := uint32(0); i < n && s.err == nil; i++ {
				min, max, hasMax = s.limits(true)
				found++
			}
			if s.err != nil {
				return 0, 0, false, s.err
			}
			if len(s.b) != 0 {
				return 0, 0, false, fmt.Errorf("%w: trailing bytes in the memory section", ErrWasm)
			}
		}
		if found > 1 {
			return 0, 0, false, fmt.Errorf("%w: more than one memory", ErrWasm)
		}
	}
	if found == 0 {
		return 0, 0, false, fmt.Errorf("%w: no memory", ErrWasm)
	}
	if hasMax && max < min {
		return 0, 0, false, fmt.Errorf("%w: memory max %d below min %d", ErrWasm, max, min)
	}
	return min, max, hasMax, nil
}

// importedMemories walks an import section and returns the limits of each
// imported memory.
func importedMemories(body []byte) (mins, maxs []uint32, hasMaxs []bool, err error) {
	r := wreader{b: body}
	n := r.u32()
	for i := uint32(0); i < n && r.err == nil; i++ {
		r.bytes(r.u32()) // module name
		r.bytes(r.u32()) // field name
		switch kind := r.byte(); kind {
		case wasmKindFunc:
			r.u32()
		case wasmKindTable:
			r.byte() // reference type
			r.limits(false)
		case wasmKindMem:
			min, max, hasMax := r.limits(true)
			if r.err == nil {
				mins, maxs, hasMaxs = append(mins, min), append(maxs, max), append(hasMaxs, hasMax)
			}
		case wasmKindGlob:
			r.byte() // value type
			r.byte() // mutability
		case wasmKindTag:
			r.byte() // attribute
			r.u32()  // type index
		default:
			if r.err == nil {
				r.err = fmt.Errorf("%w: import kind 0x%x", ErrWasm, kind)
			}
		}
		if len(mins) > 1 {
			break
		}
	}
	if r.err != nil {
		return nil, nil, nil, r.err
	}
	return mins, maxs, hasMaxs, nil
}

// wreader reads the wasm binary encoding; the first error sticks.
type wreader struct {
	b   []byte
	err error
}

func (r *wreader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: truncated or invalid %s", ErrWasm, what)
	}
	r.b = nil
}

func (r *wreader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.fail("byte")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// u32 reads an unsigned LEB128 of at most 5 bytes whose value fits in 32
// bits.
func (r *wreader) u32() uint32 {
	var v uint32
	for i := 0; i < 5; i++ {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		if i == 4 && c > 0x0F {
			r.fail("u32")
			return 0
		}
		v |= uint32(c&0x7F) << (7 * i)
		if c&0x80 == 0 {
			return v
		}
	}
	r.fail("u32")
	return 0
}

func (r *wreader) bytes(n uint32) []byte {
	if r.err != nil || uint64(n) > uint64(len(r.b)) {
		r.fail("vector")
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// limits reads memory (mem) or table limits. Shared memories (flag 2, 3)
// are read like plain ones; 64-bit memories and tables (flags 4..7) are
// refused, since a wasm32 TA cannot use them.
func (r *wreader) limits(mem bool) (min, max uint32, hasMax bool) {
	flag := r.byte()
	if r.err != nil {
		return
	}
	if flag > 3 {
		r.err = fmt.Errorf("%w: limits flag 0x%x", ErrWasm, flag)
		r.b = nil
		return
	}
	min = r.u32()
	if flag&1 != 0 {
		max, hasMax = r.u32(), true
	}
	if mem && r.err == nil && (min > 65536 || max > 65536) {
		r.err = fmt.Errorf("%w: memory of more than 65536 pages", ErrWasm)
	}
	return
}
