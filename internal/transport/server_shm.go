package transport

import (
	"sync"

	"github.com/veritee/veritee/internal/abi"
)

// shmRegion is one client's shared memory as the daemon maps it. refs counts
// the operations in flight that hold a window of it; a released region is
// unmapped when the last of them finishes, never under one.
type shmRegion struct {
	mem      []byte
	refs     int
	released bool
}

// shmTable is a connection's registered shared memory.
type shmTable struct {
	mu   sync.Mutex
	next uint32
	m    map[uint32]*shmRegion
}

// add registers mem and returns its id, never 0; ok is false when the table
// is full.
func (t *shmTable) add(mem []byte, limit int) (uint32, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = make(map[uint32]*shmRegion)
	}
	if len(t.m) >= limit {
		return 0, false
	}
	for {
		t.next++
		if _, used := t.m[t.next]; t.next != 0 && !used {
			break
		}
	}
	t.m[t.next] = &shmRegion{mem: mem}
	return t.next, true
}

// window returns size bytes at offset off of region id and takes a
// reference on it. It returns TEE_ERROR_BAD_PARAMETERS (origin COMMS) for
// an unknown id or a window outside the region; off+size is never computed,
// so it cannot overflow.
func (t *shmTable) window(id uint32, off, size uint64) ([]byte, *shmRegion, abi.Ret) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.m[id]
	if r == nil {
		return nil, nil, retBadParamsComms
	}
	n := uint64(len(r.mem))
	if off > n || size > n-off {
		return nil, nil, retBadParamsComms
	}
	r.refs++
	return r.mem[off : off+size : off+size], r, abi.Ret{}
}

// put drops a reference taken by window.
func (t *shmTable) put(r *shmRegion) {
	t.mu.Lock()
	r.refs--
	unmap := r.released && r.refs == 0
	t.mu.Unlock()
	if unmap {
		unmapShm(r.mem)
	}
}

// release forgets region id and unmaps it once unused. It reports whether
// the id was known.
func (t *shmTable) release(id uint32) bool {
	t.mu.Lock()
	r := t.m[id]
	delete(t.m, id)
	unmap := false
	if r != nil {
		r.released = true
		unmap = r.refs == 0
	}
	t.mu.Unlock()
	if unmap {
		unmapShm(r.mem)
	}
	return r != nil
}

// releaseAll releases every region, when the connection ends.
func (t *shmTable) releaseAll() {
	t.mu.Lock()
	ids := make([]uint32, 0, len(t.m))
	for id := range t.m {
		ids = append(ids, id)
	}
	t.mu.Unlock()
	for _, id := range ids {
		t.release(id)
	}
}
