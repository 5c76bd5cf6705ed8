// Package preempt makes a TA's WebAssembly module interruptible at low
// cost. The daemon must be able to end a call that loops (a cancelled or
// abandoned call, a killed instance), and Go must be able to stop the
// goroutine running it (garbage collection stops every goroutine, and
// machine code generated at run time is never at a safe point).
//
// wazero's own answer (WithCloseOnContextDone) leaves compiled code at
// every loop back-edge to ask Go whether the module was closed, and starts
// a goroutine per call to watch the call's context: the first makes loops
// many times slower, the second costs a null invoke more than the rest of
// the call, in wake-ups between threads.
//
// Instrument instead rewrites the module once, at load: every loop header
// and the entry of every function that calls others count a budget down in
// a new global and,
// when it runs out, calls one import (ImportModule.ImportName, () -> i32).
// The host function behind it is a Go function, so the goroutine can be
// stopped there; it ends the call (by panicking, as a trap does) when the
// call must end, and otherwise returns the next budget.
package preempt

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// The import Instrument adds.
const (
	ImportModule = "veritee_preempt"
	ImportName   = "tick"
)

// Section ids of the binary format, and the order the standard puts them
// in (custom sections aside).
const (
	secCustom  = 0
	secType    = 1
	secImport  = 2
	secGlobal  = 6
	secExport  = 7
	secStart   = 8
	secElem    = 9
	secCode    = 10
	sectionEnd = 0xFF
)

var sectionRank = map[byte]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13}

var header = []byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00}

type section struct {
	id      byte
	content []byte
}

// Instrument returns a copy of the module wasm in which every loop header,
// and the entry of every function that calls another, counts down a budget
// and calls the import
// ImportModule.ImportName, of type () -> i32, when it reaches zero; the
// import returns the next budget. It adds one type (when the module has
// none of that shape), one function import (so the module's own functions
// move up by one index: calls, exports, elements, the start function and
// the name section follow them) and one mutable i32 global. DWARF and
// relocation sections, which the shift would make wrong, are dropped. An
// error means the module uses something Instrument does not know; the
// caller then runs it with the runtime's own checks.
func Instrument(wasm []byte) ([]byte, error) {
	if len(wasm) < len(header) || !bytes.Equal(wasm[:len(header)], header) {
		return nil, errors.New("preempt: not a WebAssembly 1.0 module")
	}
	r := &reader{b: wasm, off: len(header)}
	var secs []section
	for !r.done() {
		id, c, err := r.section()
		if err != nil {
			return nil, err
		}
		if _, ok := sectionRank[id]; !ok && id != secCustom {
			return nil, fmt.Errorf("preempt: unknown section %d", id)
		}
		secs = append(secs, section{id, c})
	}
	find := func(id byte) []byte {
		for _, s := range secs {
			if s.id == id {
				return s.content
			}
		}
		return nil
	}

	types, tickType, err := addTickType(find(secType))
	if err != nil {
		return nil, err
	}
	imports, funcImports, globalImports, err := addTickImport(find(secImport), tickType)
	if err != nil {
		return nil, err
	}
	rw := &rewriter{shift: funcImports, budget: ^uint32(0)}
	gsec, definedGlobals, err := rw.addGlobal(find(secGlobal))
	if err != nil {
		return nil, err
	}
	rw.budget = globalImports + definedGlobals // the new global's index
	rw.check = checkCode(rw.budget, funcImports)

	out := append([]byte(nil), header...)
	emitted := map[byte]bool{}
	// emit writes a section, first writing any of the type, import and
	// global sections the module lacked that rank before it.
	emit := func(id byte, c []byte) {
		for _, missing := range []struct {
			id byte
			c  []byte
		}{{secType, types}, {secImport, imports}, {secGlobal, gsec}} {
			if !emitted[missing.id] && (id == sectionEnd || sectionRank[missing.id] < sectionRank[id]) {
				out = appendSection(out, missing.id, missing.c)
				emitted[missing.id] = true
			}
		}
		if id != sectionEnd {
			out = appendSection(out, id, c)
			emitted[id] = true
		}
	}
	for _, s := range secs {
		c := s.content
		switch s.id {
		case secCustom:
			name, ok := customName(c)
			if !ok || strings.HasPrefix(name, ".debug_") || strings.HasPrefix(name, "reloc.") || name == "linking" {
				continue
			}
			if name == "name" {
				if c, err = rw.names(c); err != nil {
					return nil, err
				}
			}
			out = appendSection(out, secCustom, c)
			continue
		case secType:
			c = types
		case secImport:
			c = imports
		case secGlobal:
			c = gsec
		case secExport:
			c, err = rw.exports(c)
		case secStart:
			c, err = rw.start(c)
		case secElem:
			c, err = rw.elements(c)
		case secCode:
			c, err = rw.code(c)
		}
		if err != nil {
			return nil, err
		}
		emit(s.id, c)
	}
	emit(sectionEnd, nil)
	return out, nil
}

// checkCode is what runs at every function entry and loop header:
//
//	global.get g; i32.eqz; if; call tick; global.set g; end
//	global.get g; i32.const 1; i32.sub; global.set g
func checkCode(g, tick uint32) []byte {
	var b []byte
	b = appendU32(append(b, 0x23), g)
	b = append(b, 0x45, 0x04, 0x40)
	b = appendU32(append(b, 0x10), tick)
	b = appendU32(append(b, 0x24), g)
	b = append(b, 0x0B)
	b = appendU32(append(b, 0x23), g)
	b = append(b, 0x41, 0x01, 0x6B)
	return appendU32(append(b, 0x24), g)
}

func customName(c []byte) (string, bool) {
	r := &reader{b: c}
	n, err := r.vec()
	if err != nil {
		return "", false
	}
	name, _ := r.bytes(n)
	return string(name), true
}

// addTickType returns the type section with a () -> i32 type, and its
// index: an existing one, or one appended.
func addTickType(c []byte) ([]byte, uint32, error) {
	r, n, err := items(c)
	if err != nil {
		return nil, 0, err
	}
	for i := range n {
		form, err := r.byte()
		if err != nil {
			return nil, 0, err
		}
		if form != 0x60 {
			return nil, 0, fmt.Errorf("preempt: type form 0x%02x", form)
		}
		np, err := r.vec()
		if err != nil {
			return nil, 0, err
		}
		params, _ := r.bytes(np)
		nr, err := r.vec()
		if err != nil {
			return nil, 0, err
		}
		results, _ := r.bytes(nr)
		if len(params) == 0 && len(results) == 1 && results[0] == 0x7F {
			return c, uint32(i), nil
		}
	}
	if !r.done() {
		return nil, 0, errors.New("preempt: bytes after the types")
	}
	out := appendU32(nil, uint32(n+1))
	out = append(out, c[lenPrefix(c):]...)
	out = append(out, 0x60, 0x00, 0x01, 0x7F)
	return out, uint32(n), nil
}

// lenPrefix returns the length of the vector count that starts c (0 for
// a section that is absent).
func lenPrefix(c []byte) int {
	for i, b := range c {
		if b&0x80 == 0 {
			return i + 1
		}
	}
	return len(c)
}

// addTickImport appends the tick import to the import section and returns
// it with the numbers of imported functions and globals before it.
func addTickImport(c []byte, tickType uint32) ([]byte, uint32, uint32, error) {
	r, n, err := items(c)
	if err != nil {
		return nil, 0, 0, err
	}
	var funcs, globals uint32
	for range n {
		for range 2 { // module and field names
			l, err := r.vec()
			if err != nil {
				return nil, 0, 0, err
			}
			r.bytes(l)
		}
		kind, err := r.byte()
		if err != nil {
			return nil, 0, 0, err
		}
		switch kind {
		case 0x00: // function
			funcs++
			_, err = r.u32()
		case 0x01: // table
			if _, err = r.byte(); err == nil {
				err = skipLimits(r)
			}
		case 0x02: // memory
			err = skipLimits(r)
		case 0x03: // global
			globals++
			_, err = r.bytes(2)
		default:
			err = fmt.Errorf("preempt: import kind 0x%02x", kind)
		}
		if err != nil {
			return nil, 0, 0, err
		}
	}
	if !r.done() {
		return nil, 0, 0, errors.New("preempt: bytes after the imports")
	}
	out := appendU32(nil, uint32(n+1))
	out = append(out, c[lenPrefix(c):]...)
	for _, s := range []string{ImportModule, ImportName} {
		out = appendU32(out, uint32(len(s)))
		out = append(out, s...)
	}
	out = append(out, 0x00)
	out = appendU32(out, tickType)
	return out, funcs, globals, nil
}

func skipLimits(r *reader) error {
	flags, err := r.byte()
	if err != nil {
		return err
	}
	if err := r.skipLEB(64); err != nil {
		return err
	}
	if flags&1 != 0 {
		return r.skipLEB(64)
	}
	return nil
}
