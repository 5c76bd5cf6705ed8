package preempt

import "fmt"

// rewriter copies instructions: function indices at or above shift move up
// by one (the tick import takes index shift), and check is inserted after
// the block type of every loop. The module's own code may not name a
// global at or above budget: the index the budget global takes would make
// such an invalid module valid, and its code the budget's master.
type rewriter struct {
	shift  uint32
	budget uint32
	check  []byte
	calls  bool // instrs copied a call
}

func (rw *rewriter) fn(i uint32) uint32 {
	if i >= rw.shift {
		return i + 1
	}
	return i
}

// instrs copies instructions from r, appending them to w. For a function
// body (body set) it copies to the end of r and instruments loops; for a
// constant expression it stops after the end that closes it.
func (rw *rewriter) instrs(r *reader, w []byte, body bool) ([]byte, error) {
	depth := 0
	for !r.done() {
		start := r.off
		op, _ := r.byte()
		var err error
		switch {
		case op == 0x02 || op == 0x04: // block, if
			depth++
			err = skipBlockType(r)
		case op == 0x03: // loop
			depth++
			if err = skipBlockType(r); err == nil && body {
				w = append(w, r.b[start:r.off]...)
				w = append(w, rw.check...)
				continue
			}
		case op == 0x0B: // end
			depth--
			if !body && depth < 0 {
				return append(w, op), nil
			}
		case op == 0x23 || op == 0x24: // global.get, global.set
			var i uint32
			if i, err = r.u32(); err == nil && i >= rw.budget {
				err = fmt.Errorf("preempt: global %d does not exist", i)
			}
		case op == 0x10 || op == 0x12 || op == 0xD2: // call, return_call, ref.func
			var i uint32
			if i, err = r.u32(); err != nil {
				return nil, err
			}
			rw.calls = rw.calls || op != 0xD2
			w = append(w, op)
			w = appendU32(w, rw.fn(i))
			continue
		default:
			err = skipImmediates(r, op)
			rw.calls = rw.calls || op == 0x11 || op == 0x13 // call_indirect, return_call_indirect
		}
		if err != nil {
			return nil, err
		}
		w = append(w, r.b[start:r.off]...)
	}
	if !body {
		return nil, errTruncated
	}
	return w, nil
}

// skipBlockType skips a block type: empty, one value type, or a type
// index (a non-negative s33).
func skipBlockType(r *reader) error {
	if r.done() {
		return errTruncated
	}
	switch r.b[r.off] {
	case 0x40, 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F:
		r.off++
		return nil
	}
	return r.skipLEB(33)
}

// skipMemarg skips a memory argument: alignment (bit 6 announcing a memory
// index, as multi-memory encodes it) and offset.
func skipMemarg(r *reader) error {
	align, err := r.u32()
	if err != nil {
		return err
	}
	if align&0x40 != 0 {
		if _, err := r.u32(); err != nil {
			return err
		}
	}
	return r.skipLEB(64)
}

// skipImmediates skips the immediates of every instruction but those
// instrs handles itself. Opcodes it does not know (exception handling, GC,
// which wazero does not run either) are an error: the caller falls back to
// the runtime's own termination checks.
func skipImmediates(r *reader, op byte) error {
	switch {
	case op == 0x00 || op == 0x01 || op == 0x05 || op == 0x0F || op == 0x1A || op == 0x1B || op == 0xD1:
		return nil // unreachable, nop, else, return, drop, select, ref.is_null
	case op == 0x0C || op == 0x0D || // br, br_if
		op >= 0x20 && op <= 0x22 || op == 0x25 || op == 0x26 || // local.*, table.get/set
		op == 0x3F || op == 0x40: // memory.size, memory.grow
		_, err := r.u32()
		return err
	case op == 0x0E: // br_table
		n, err := r.vec()
		if err != nil {
			return err
		}
		for range n + 1 {
			if _, err := r.u32(); err != nil {
				return err
			}
		}
		return nil
	case op == 0x11 || op == 0x13: // call_indirect, return_call_indirect
		if _, err := r.u32(); err != nil {
			return err
		}
		_, err := r.u32()
		return err
	case op == 0x1C: // select t*
		n, err := r.vec()
		if err != nil {
			return err
		}
		_, err = r.bytes(n)
		return err
	case op >= 0x28 && op <= 0x3E: // loads and stores
		return skipMemarg(r)
	case op == 0x41:
		return r.skipLEB(32)
	case op == 0x42:
		return r.skipLEB(64)
	case op == 0x43:
		_, err := r.bytes(4)
		return err
	case op == 0x44:
		_, err := r.bytes(8)
		return err
	case op >= 0x45 && op <= 0xC4: // numeric, sign extension
		return nil
	case op == 0xD0: // ref.null t
		_, err := r.byte()
		return err
	case op == 0xFC:
		return skipFC(r)
	case op == 0xFD:
		return skipSIMD(r)
	case op == 0xFE:
		return skipAtomic(r)
	}
	return fmt.Errorf("preempt: unsupported opcode 0x%02x", op)
}

// skipFC skips the 0xFC-prefixed instructions: saturating truncations,
// bulk memory and table operations.
func skipFC(r *reader) error {
	sub, err := r.u32()
	if err != nil {
		return err
	}
	imms := 0
	switch {
	case sub <= 7:
		imms = 0
	case sub == 8 || sub == 10 || sub == 12 || sub == 14: // memory.init, memory.copy, table.init, table.copy
		imms = 2
	case sub <= 17: // data.drop, memory.fill, elem.drop, table.grow/size/fill
		imms = 1
	default:
		return fmt.Errorf("preempt: unsupported opcode 0xfc %d", sub)
	}
	for range imms {
		if _, err := r.u32(); err != nil {
			return err
		}
	}
	return nil
}

// skipSIMD skips the 0xFD-prefixed (128-bit SIMD) instructions.
func skipSIMD(r *reader) error {
	sub, err := r.u32()
	if err != nil {
		return err
	}
	switch {
	case sub <= 11 || sub == 92 || sub == 93: // v128 loads and stores
		return skipMemarg(r)
	case sub == 12 || sub == 13: // v128.const, i8x16.shuffle
		_, err := r.bytes(16)
		return err
	case sub >= 21 && sub <= 34: // extract and replace lane
		_, err := r.byte()
		return err
	case sub >= 84 && sub <= 91: // load and store lane
		if err := skipMemarg(r); err != nil {
			return err
		}
		_, err := r.byte()
		return err
	case sub <= 275:
		return nil
	}
	return fmt.Errorf("preempt: unsupported opcode 0xfd %d", sub)
}

// skipAtomic skips the 0xFE-prefixed (threads) instructions.
func skipAtomic(r *reader) error {
	sub, err := r.u32()
	if err != nil {
		return err
	}
	switch {
	case sub == 3: // atomic.fence
		_, err := r.byte()
		return err
	case sub <= 2 || sub >= 0x10 && sub <= 0x4E:
		return skipMemarg(r)
	}
	return fmt.Errorf("preempt: unsupported opcode 0xfe %d", sub)
}
