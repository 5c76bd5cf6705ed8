package transport

import (
	"context"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/wire"
)

// AllocateSharedMemory creates size bytes of memory shared with the daemon
// (GPD_SPE_007 §4.5.7, TEEC_AllocateSharedMemory): a sealed memfd (see
// newShm) mapped here and passed once to the daemon, which maps it too. It
// returns the id under which teeconn.Param.Shm names it.
func (cc *ClientConn) AllocateSharedMemory(size int) (uint32, []byte, error) {
	if size < 0 || uint64(size) > abi.MaxMemrefSize {
		return 0, nil, newError("allocate shared memory", abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginAPI}, "size %d", size)
	}
	fd, mem, err := newShm(size)
	if err != nil {
		return 0, nil, newError("allocate shared memory", abi.Ret{Code: abi.ErrOutOfMemory, Origin: abi.OriginAPI}, "%w", err)
	}
	defer closeFD(fd)
	m := wire.Msg{Type: wire.TypeRegisterShm, ShmSize: uint64(size), ShmFlags: abi.MemInput | abi.MemOutput}
	r, ret := cc.roundTrip(context.Background(), &m, nil, rightsFor(fd))
	if ret.OK() && r.Type == wire.TypeRegisterShmReply {
		ret = r.Ret
	}
	if !ret.OK() || r.Shm == 0 {
		unmapShm(mem)
		if ret.OK() {
			ret = retComms
		}
		return 0, nil, newError("allocate shared memory", ret, "")
	}
	cc.shmMu.Lock()
	cc.shm[r.Shm] = mem
	cc.shmMu.Unlock()
	return r.Shm, mem, nil
}

// ReleaseSharedMemory tells the daemon to forget shared memory id and
// unmaps it here (TEEC_ReleaseSharedMemory). The daemon unmaps its side
// once no operation in flight uses it. The memory is unmapped here even
// when the daemon cannot be told, for example after the connection broke.
func (cc *ClientConn) ReleaseSharedMemory(id uint32) error {
	cc.shmMu.Lock()
	mem, ok := cc.shm[id]
	delete(cc.shm, id)
	cc.shmMu.Unlock()
	if !ok {
		return newError("release shared memory", abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginAPI}, "unknown shared memory id %d", id)
	}
	m := wire.Msg{Type: wire.TypeReleaseShm, Shm: id}
	r, ret := cc.roundTrip(context.Background(), &m, nil, nil)
	unmapShm(mem)
	if ret.OK() && r.Type == wire.TypeReleaseShmReply {
		ret = r.Ret
	}
	if !ret.OK() {
		return newError("release shared memory", ret, "")
	}
	return nil
}
