package ta

// arena keeps the buffers veritee_alloc hands out to the core alive and at a
// fixed address until veritee_free (docs/ta-abi.md). Go's collector does not
// move objects, so a []byte referenced from blocks stays where it is; the
// map is also how the SDK turns an address the core writes into a TEE_Param
// back into a Go slice, checking that the range lies inside a live block.
type arena struct {
	blocks map[uint32][]byte
	addrOf func([]byte) uint32 // address of b[0] in linear memory
	total  uint64              // bytes currently handed out
	limit  uint64              // 0: no limit
}

func newArena(addrOf func([]byte) uint32) *arena {
	return &arena{blocks: make(map[uint32][]byte), addrOf: addrOf}
}

// alloc returns the address of a new zeroed block of size bytes (at least 1,
// so that a zero-sized memref still gets a non-NULL address), or 0 when the
// request would exceed the limit.
func (a *arena) alloc(size uint32) uint32 {
	n := uint64(size)
	if n == 0 {
		n = 1
	}
	if a.limit != 0 && (n > a.limit || a.total+n > a.limit) {
		return 0
	}
	b := make([]byte, n)
	addr := a.addrOf(b)
	if addr == 0 {
		return 0
	}
	a.blocks[addr] = b
	a.total += n
	return addr
}

// free releases a block; it reports false for an address alloc did not
// return (or already freed). free(0) is a no-op that reports true.
func (a *arena) free(addr uint32) bool {
	if addr == 0 {
		return true
	}
	b, ok := a.blocks[addr]
	if !ok {
		return false
	}
	clear(b) // parameters may carry secrets; do not leave them for the GC
	delete(a.blocks, addr)
	a.total -= uint64(len(b))
	return true
}

// resolve returns the size bytes at addr when they lie inside one live
// block. The common case, a range that starts a block, is one map look-up.
func (a *arena) resolve(addr, size uint32) ([]byte, bool) {
	if b, ok := a.blocks[addr]; ok {
		if uint64(size) > uint64(len(b)) {
			return nil, false
		}
		return b[:size:size], true
	}
	for start, b := range a.blocks {
		if addr > start && uint64(addr)+uint64(size) <= uint64(start)+uint64(len(b)) {
			off := addr - start
			return b[off : off+size : off+size], true
		}
	}
	return nil, false
}
