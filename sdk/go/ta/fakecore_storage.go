//go:build !wasip1

package ta

import (
	"bytes"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
)

// The FakeCore side of the secure storage system calls: the core's
// storage engine (internal/storage) over in-memory REE services and a
// random HUK, so a TA unit-tested on the host sees the engine's rules
// (sharing, atomic writes, enumeration order, results) without a disk.
// The objects live as long as the FakeCore. Callees (FakeCore.Callees)
// share the registered TA's namespace, as they share its properties.
//
// As in the core, a persistent object's attributes are stored as
// gpcrypto's blob, and an open handle of a key object holds the key
// rebuilt from it; the FakeCore rebuilds it when the object is opened
// rather than at first use, and puts it in the crypto side's handle table
// under the handle's number, so that a persistent key works in every
// operation exactly as a transient one. The FakeCore's results and panics
// are the core's (internal/hostapi/storage_*.go).

// fakeStorage is the FakeCore's storage state.
type fakeStorage struct {
	once sync.Once
	st   *storage.Opened
	err  error

	mu   sync.Mutex
	objs map[uint32]*fakePersistent // open persistent objects by handle
}

// fakePersistent is an open persistent object.
type fakePersistent struct {
	h   *storage.Handle
	key *gpcrypto.Object // rebuilt from the blob; nil for a pure data object
}

// store opens the in-memory storage on first use.
func (c *FakeCore) store() (*storage.Opened, Result) {
	f := &c.storage
	f.once.Do(func() {
		f.st, f.err = storage.OpenServices(ree.NewMem(), ree.NewMem(), huk.New(), reefs.Options{})
	})
	if f.err != nil {
		c.log(TraceError, "core: storage: "+f.err.Error())
		return nil, ErrStorageNotAvailable
	}
	return f.st, Success
}

// ownUUID is the namespace of the objects: the registered TA's UUID.
func ownUUID() abi.UUID { return abi.UUID(registration.props.UUID) }

// persistent returns the open persistent object h, or nil.
func (c *FakeCore) persistent(h uint32) *fakePersistent {
	c.storage.mu.Lock()
	defer c.storage.mu.Unlock()
	return c.storage.objs[h]
}

// mustPersistent returns the persistent object h, and kills the TA when h
// is anything else, as the core does (GPD_SPE_010 §5.7, §5.9: the
// functions taking a persistent object panic on a transient one).
func (c *FakeCore) mustPersistent(fn string, h uint32) *fakePersistent {
	if p := c.persistent(h); p != nil {
		return p
	}
	c.killTA(ErrBadParameters, "%s: 0x%x is not a persistent object handle", fn, h)
	return nil
}

// objResult is the result of err on persistent object num: after
// CORRUPT_OBJECT the engine has deleted the object and GP has the handle
// closed, so it is freed, as in the core.
func (c *FakeCore) objResult(num uint32, p *fakePersistent, err error) Result {
	r := storageResult(err)
	if r == ErrCorruptObject {
		c.unregister(num, p)
	}
	return r
}

func (c *FakeCore) enumerator(fn string, h uint32) *storage.Enumerator {
	if e, ok := c.crypto.get(h).(*storage.Enumerator); ok {
		return e
	}
	c.killTA(ErrBadParameters, "%s: 0x%x is not an enumerator handle", fn, h)
	return nil
}

func storageResult(err error) Result { return Result(storage.ResultOf(err)) }

// register gives the open handle h a number in the shared handle table,
// with its key rebuilt. It closes h on failure.
func (c *FakeCore) register(h *storage.Handle) (uint32, Result) {
	p := &fakePersistent{h: h}
	var entry any = p
	if h.Info().Type != abi.TypeData {
		key, r := c.keyCopy(h)
		if r != Success {
			h.Close()
			return 0, r
		}
		p.key, entry = key, key
	}
	num, ok := c.crypto.add(entry)
	if !ok {
		if p.key != nil {
			p.key.Zero()
		}
		h.Close()
		return 0, ErrOutOfMemory
	}
	c.storage.mu.Lock()
	if c.storage.objs == nil {
		c.storage.objs = map[uint32]*fakePersistent{}
	}
	c.storage.objs[num] = p
	c.storage.mu.Unlock()
	return num, Success
}

// keyCopy rebuilds the key of h from its stored attributes, as the core
// does; a blob that does not rebuild is CORRUPT_OBJECT.
func (c *FakeCore) keyCopy(h *storage.Handle) (*gpcrypto.Object, Result) {
	i := h.Info()
	key, err := gpcrypto.UnmarshalAttributes(i.Type, i.MaxObjectSize, i.Usage, h.Attributes())
	if err == nil && key.Info().ObjectSize != i.ObjectSize {
		key.Zero()
		err = storage.ErrCorruptObject
	}
	if err != nil {
		c.log(TraceError, "core: persistent object's attributes do not rebuild: "+err.Error())
		return nil, ErrCorruptObject
	}
	return key, Success
}

// unregister takes h out of the handle table and closes it.
func (c *FakeCore) unregister(num uint32, p *fakePersistent) {
	c.storage.mu.Lock()
	delete(c.storage.objs, num)
	c.storage.mu.Unlock()
	c.crypto.remove(num)
	if p.key != nil {
		p.key.Zero()
	}
	p.h.Close()
}

func (c *FakeCore) storageObjOpen(storageID uint32, id []byte, flags uint32) (uint32, Result) {
	st, r := c.store()
	if r != Success {
		return 0, r
	}
	h, err := st.Open(ownUUID(), storageID, id, flags)
	if err != nil {
		return 0, storageResult(err)
	}
	return c.register(h)
}

// createSource returns what a new persistent object copies from the
// object attrs (§5.7.2): its info and attribute blob, which the caller
// wipes. 0 makes a pure data object. An uninitialised transient object is
// BAD_PARAMETERS, as in OP-TEE's core.
func (c *FakeCore) createSource(attrs uint32) (storage.ObjectInfo, []byte, Result) {
	if attrs == 0 {
		return storage.ObjectInfo{Type: abi.TypeData, Usage: abi.UsageDefault}, nil, Success
	}
	if p := c.persistent(attrs); p != nil {
		return p.h.Info(), bytes.Clone(p.h.Attributes()), Success
	}
	o := c.object("TEE_CreatePersistentObject", attrs)
	if !o.Initialized() {
		return storage.ObjectInfo{}, nil, ErrBadParameters
	}
	i := o.Info()
	return storage.ObjectInfo{Type: i.ObjectType, ObjectSize: i.ObjectSize, MaxObjectSize: i.MaxObjectSize,
		Usage: i.ObjectUsage}, o.MarshalAttributes(), Success
}

func (c *FakeCore) storageObjCreate(storageID uint32, id []byte, flags, attrs uint32, data []byte, wantHandle bool) (uint32, Result) {
	info, blob, r := c.createSource(attrs)
	defer clear(blob)
	if r != Success {
		return 0, r
	}
	st, r := c.store()
	if r != Success {
		return 0, r
	}
	h, err := st.Create(ownUUID(), storageID, id, flags, info, blob, data)
	if err != nil {
		return 0, storageResult(err)
	}
	if !wantHandle {
		h.Close()
		return 0, Success
	}
	return c.register(h)
}

// storageObjDel leaves the handle open when the engine refused before
// doing anything (no WRITE_META), and closes it otherwise, as the core.
func (c *FakeCore) storageObjDel(obj uint32) Result {
	if obj == 0 {
		return Success
	}
	p := c.mustPersistent("TEE_CloseAndDeletePersistentObject1", obj)
	r := storageResult(p.h.CloseAndDelete())
	if r != ErrAccessConflict && r != ErrBadState {
		c.unregister(obj, p)
	}
	return r
}

func (c *FakeCore) storageObjRename(obj uint32, newID []byte) Result {
	p := c.mustPersistent("TEE_RenamePersistentObject", obj)
	return c.objResult(obj, p, p.h.Rename(newID))
}

func (c *FakeCore) storageAllocEnum() (uint32, Result) {
	st, r := c.store()
	if r != Success {
		return 0, r
	}
	num, ok := c.crypto.add(st.NewEnumerator(ownUUID()))
	if !ok {
		return 0, ErrOutOfMemory
	}
	return num, Success
}

func (c *FakeCore) storageFreeEnum(enum uint32) Result {
	if enum == 0 {
		return Success
	}
	c.enumerator("TEE_FreePersistentObjectEnumerator", enum)
	c.crypto.remove(enum)
	return Success
}

func (c *FakeCore) storageResetEnum(enum uint32) Result {
	c.enumerator("TEE_ResetPersistentObjectEnumerator", enum).Reset()
	return Success
}

func (c *FakeCore) storageStartEnum(enum, storageID uint32) Result {
	return storageResult(c.enumerator("TEE_StartPersistentObjectEnumerator", enum).Start(storageID))
}

func (c *FakeCore) storageNextEnum(enum uint32, id []byte) (ObjectInfo, int, Result) {
	e, err := c.enumerator("TEE_GetNextPersistentObject", enum).GetNext(len(id))
	if err != nil {
		need, _ := storage.NeededSize(err)
		return ObjectInfo{}, need, storageResult(err)
	}
	i := e.Info
	return ObjectInfo{ObjectType: i.Type, ObjectSize: i.ObjectSize, MaxObjectSize: i.MaxObjectSize,
		ObjectUsage: i.Usage, DataSize: e.DataSize, HandleFlags: e.HandleFlags()}, copy(id, e.ID), Success
}

func (c *FakeCore) storageObjRead(obj uint32, buf []byte) (int, Result) {
	p := c.mustPersistent("TEE_ReadObjectData", obj)
	n, err := p.h.Read(buf)
	return n, c.objResult(obj, p, err)
}

func (c *FakeCore) storageObjWrite(obj uint32, buf []byte) Result {
	p := c.mustPersistent("TEE_WriteObjectData", obj)
	return c.objResult(obj, p, p.h.Write(buf))
}

func (c *FakeCore) storageObjTrunc(obj, size uint32) Result {
	p := c.mustPersistent("TEE_TruncateObjectData", obj)
	return c.objResult(obj, p, p.h.Truncate(size))
}

func (c *FakeCore) storageObjSeek(obj uint32, offset int32, whence uint32) Result {
	p := c.mustPersistent("TEE_SeekObjectData", obj)
	return c.objResult(obj, p, p.h.Seek(offset, whence))
}
