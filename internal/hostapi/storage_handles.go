package hostapi

import (
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
	"github.com/veritee/veritee/internal/storage"
)

// Storage is the secure storage engine as the storage system calls use
// it (GPD_SPE_010 §5.7–§5.9); *storage.Opened satisfies it. The State's
// UUID names the TA's namespace in every call, so a TA reaches only its
// own objects.
type Storage interface {
	Create(ta abi.UUID, storageID uint32, id []byte, flags uint32, info storage.ObjectInfo, attrs, data []byte) (*storage.Handle, error)
	Open(ta abi.UUID, storageID uint32, id []byte, flags uint32) (*storage.Handle, error)
	NewEnumerator(ta abi.UUID) *storage.Enumerator
}

// persistent is a persistent object in the handle table: the engine's
// handle, and the key rebuilt from its attributes the first time the TA
// uses the object as a key or reads an attribute (most persistent objects
// are data, and most keys are opened to be used, so building it lazily
// keeps TEE_OpenPersistentObject cheap).
type persistent struct {
	h   *storage.Handle
	key *gpcrypto.Object
}

// close closes the engine's handle and wipes the rebuilt key.
func (p *persistent) close() {
	p.h.Close()
	if p.key != nil {
		p.key.Zero()
		p.key = nil
	}
}

// enumerator is a TEE_ObjectEnumHandle's core side; e is nil in an
// instance without storage, where every enumeration is empty.
type enumerator struct{ e *storage.Enumerator }

// persistentObj returns the persistent object behind handle id; any other
// handle panics the TA (GPD_SPE_010 §5.7: the functions taking a
// persistent object panic on a transient or invalid one).
func (s *State) persistentObj(fn string, id uint32) *persistent {
	if p, ok := s.handles.m[id].(*persistent); ok && id != 0 {
		return p
	}
	s.panicTA(abi.ErrBadParameters, "%s: 0x%x is not a persistent object handle", fn, id)
	return nil
}

// anyObject returns the transient (*gpcrypto.Object) or persistent
// (*persistent) object behind handle id, panicking the TA on anything
// else.
func (s *State) anyObject(fn string, id uint32) any {
	switch v := s.handles.m[id].(type) {
	case *gpcrypto.Object, *persistent:
		if id != 0 {
			return v
		}
	}
	s.panicTA(abi.ErrBadParameters, "%s: 0x%x is not an object handle", fn, id)
	return nil
}

// enumHandle returns the enumerator behind handle id, panicking the TA
// on anything else.
func (s *State) enumHandle(fn string, id uint32) *enumerator {
	if e, ok := s.handles.m[id].(*enumerator); ok && id != 0 {
		return e
	}
	s.panicTA(abi.ErrBadParameters, "%s: 0x%x is not an enumerator handle", fn, id)
	return nil
}

// keyObject returns the key behind handle id for use by an operation or
// an attribute copy: a transient object, or a persistent object's key,
// rebuilt from its stored attributes on first use. A stored blob that
// does not rebuild is CORRUPT_OBJECT, and the handle is then closed
// (GPD_SPE_010 §5.7: "the object handle is closed"). A pure data object
// is no key: the TA is panicked, as for a handle of the wrong type.
func (s *State) keyObject(fn string, id uint32) (*gpcrypto.Object, abi.Result) {
	switch v := s.anyObject(fn, id).(type) {
	case *gpcrypto.Object:
		return v, abi.Success
	case *persistent:
		if v.key != nil {
			return v.key, abi.Success
		}
		inf := v.h.Info()
		if inf.Type == abi.TypeData {
			s.panicTA(abi.ErrBadParameters, "%s: 0x%x is a pure data object, not a key", fn, id)
		}
		k, err := gpcrypto.UnmarshalAttributes(inf.Type, inf.MaxObjectSize, inf.Usage, v.h.Attributes())
		if err == nil && k.Info().ObjectSize != inf.ObjectSize {
			k.Zero()
			err = storage.ErrCorruptObject
		}
		if err != nil {
			s.Logger.Warn("persistent object's attributes do not rebuild", "fn", fn, "err", err)
			s.closeObject(id)
			return nil, abi.ErrCorruptObject
		}
		v.key = k
		return k, abi.Success
	}
	return nil, abi.ErrBadParameters // not reached: anyObject panicked
}

// optKeyObject is keyObject with 0 (TEE_HANDLE_NULL) giving nil.
func (s *State) optKeyObject(fn string, id uint32) (*gpcrypto.Object, abi.Result) {
	if id == 0 {
		return nil, abi.Success
	}
	return s.keyObject(fn, id)
}

// closeObject closes the object behind handle id, transient or
// persistent, wiping its key, and frees the handle.
func (s *State) closeObject(id uint32) {
	switch v := s.handles.m[id].(type) {
	case *gpcrypto.Object:
		v.Zero()
	case *persistent:
		v.close()
	}
	s.handles.remove(id)
}

// storageResult turns the engine's error on persistent object id into
// the system call's result. After CORRUPT_OBJECT the engine has deleted
// the object and GP has the handle closed (§5.7), so it is freed here;
// every other result leaves the handle as it is.
func (s *State) storageResult(id uint32, err error) abi.Result {
	res := storage.ResultOf(err)
	if res == abi.ErrCorruptObject && id != 0 {
		s.closeObject(id)
	}
	return res
}
