package preempt

import (
	"errors"
	"fmt"
)

// addGlobal rewrites the global section (initialisers may hold ref.func)
// and appends the budget global, a mutable i32 starting at 0, so that the
// first check calls the import. It returns the section and the number of
// globals the module defined before.
func (rw *rewriter) addGlobal(c []byte) ([]byte, uint32, error) {
	r, n, err := items(c)
	if err != nil {
		return nil, 0, err
	}
	out := appendU32(nil, uint32(n+1))
	for range n {
		t, err := r.bytes(2) // value type, mutability
		if err != nil {
			return nil, 0, err
		}
		out = append(out, t...)
		if out, err = rw.instrs(r, out, false); err != nil {
			return nil, 0, err
		}
	}
	if !r.done() {
		return nil, 0, errors.New("preempt: bytes after the globals")
	}
	out = append(out, 0x7F, 0x01, 0x41, 0x00, 0x0B)
	return out, uint32(n), nil
}

// exports moves function exports to their new indices.
func (rw *rewriter) exports(c []byte) ([]byte, error) {
	r := &reader{b: c}
	n, err := r.vec()
	if err != nil {
		return nil, err
	}
	out := appendU32(nil, uint32(n))
	for range n {
		l, err := r.vec()
		if err != nil {
			return nil, err
		}
		name, _ := r.bytes(l)
		kind, err := r.byte()
		if err != nil {
			return nil, err
		}
		idx, err := r.u32()
		if err != nil {
			return nil, err
		}
		if kind == 0x00 {
			idx = rw.fn(idx)
		}
		out = appendU32(out, uint32(l))
		out = append(out, name...)
		out = appendU32(append(out, kind), idx)
	}
	if !r.done() {
		return nil, errors.New("preempt: bytes after the exports")
	}
	return out, nil
}

func (rw *rewriter) start(c []byte) ([]byte, error) {
	r := &reader{b: c}
	idx, err := r.u32()
	if err != nil || !r.done() {
		return nil, errors.New("preempt: malformed start section")
	}
	return appendU32(nil, rw.fn(idx)), nil
}

// elements rewrites element segments: their function indices, or the
// ref.func of their expressions.
func (rw *rewriter) elements(c []byte) ([]byte, error) {
	r := &reader{b: c}
	n, err := r.vec()
	if err != nil {
		return nil, err
	}
	out := appendU32(nil, uint32(n))
	for range n {
		flags, err := r.u32()
		if err != nil {
			return nil, err
		}
		if flags > 7 {
			return nil, fmt.Errorf("preempt: element segment flags %d", flags)
		}
		out = appendU32(out, flags)
		if flags&3 == 2 { // explicit table index
			t, err := r.u32()
			if err != nil {
				return nil, err
			}
			out = appendU32(out, t)
		}
		if flags&1 == 0 { // active: offset expression
			if out, err = rw.instrs(r, out, false); err != nil {
				return nil, err
			}
		}
		if flags&3 != 0 { // element kind or reference type
			k, err := r.byte()
			if err != nil {
				return nil, err
			}
			out = append(out, k)
		}
		items, err := r.vec()
		if err != nil {
			return nil, err
		}
		out = appendU32(out, uint32(items))
		for range items {
			if flags&4 != 0 {
				if out, err = rw.instrs(r, out, false); err != nil {
					return nil, err
				}
				continue
			}
			idx, err := r.u32()
			if err != nil {
				return nil, err
			}
			out = appendU32(out, rw.fn(idx))
		}
	}
	if !r.done() {
		return nil, errors.New("preempt: bytes after the elements")
	}
	return out, nil
}

// code rewrites every function body: its loops instrumented, its calls
// moved, and the check at its entry when it calls anything. A function
// that neither loops nor calls ends in bounded time, so only the entries
// of functions that may be part of a recursion need the check (which
// spares the compiler many small functions' worth of work).
func (rw *rewriter) code(c []byte) ([]byte, error) {
	r := &reader{b: c}
	n, err := r.vec()
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(c)+len(c)/4)
	out = appendU32(out, uint32(n))
	var body, code []byte
	for range n {
		size, err := r.vec()
		if err != nil {
			return nil, err
		}
		fr := &reader{b: r.b[r.off : r.off+size]}
		r.off += size
		groups, err := fr.vec()
		if err != nil {
			return nil, err
		}
		for range groups {
			if _, err := fr.u32(); err != nil {
				return nil, err
			}
			if _, err := fr.byte(); err != nil {
				return nil, err
			}
		}
		locals := fr.b[:fr.off]
		rw.calls = false
		if code, err = rw.instrs(fr, code[:0], true); err != nil {
			return nil, err
		}
		body = append(body[:0], locals...)
		if rw.calls {
			body = append(body, rw.check...)
		}
		body = append(body, code...)
		out = appendU32(out, uint32(len(body)))
		out = append(out, body...)
	}
	if !r.done() {
		return nil, errors.New("preempt: bytes after the code")
	}
	return out, nil
}

// names rewrites the name section: function names (subsection 1) and
// local names (2) are keyed by function index. Other subsections are kept.
func (rw *rewriter) names(c []byte) ([]byte, error) {
	r := &reader{b: c}
	l, err := r.vec()
	if err != nil {
		return nil, err
	}
	r.bytes(l)
	out := append([]byte(nil), c[:r.off]...)
	for !r.done() {
		id, sub, err := r.section()
		if err != nil {
			return nil, err
		}
		if id == 1 || id == 2 {
			if sub, err = rw.nameMap(sub, id == 2); err != nil {
				return nil, err
			}
		}
		out = appendSection(out, id, sub)
	}
	return out, nil
}

// nameMap moves the function indices of a name map (or, indirect, of a
// map of name maps) by the shift.
func (rw *rewriter) nameMap(c []byte, indirect bool) ([]byte, error) {
	r := &reader{b: c}
	n, err := r.vec()
	if err != nil {
		return nil, err
	}
	out := appendU32(nil, uint32(n))
	for range n {
		idx, err := r.u32()
		if err != nil {
			return nil, err
		}
		out = appendU32(out, rw.fn(idx))
		start := r.off
		if indirect {
			m, err := r.vec()
			if err != nil {
				return nil, err
			}
			for range m {
				if _, err := r.u32(); err != nil {
					return nil, err
				}
				if err := skipName(r); err != nil {
					return nil, err
				}
			}
		} else if err := skipName(r); err != nil {
			return nil, err
		}
		out = append(out, r.b[start:r.off]...)
	}
	if !r.done() {
		return nil, errors.New("preempt: bytes after a name map")
	}
	return out, nil
}

func skipName(r *reader) error {
	l, err := r.vec()
	if err != nil {
		return err
	}
	_, err = r.bytes(l)
	return err
}
