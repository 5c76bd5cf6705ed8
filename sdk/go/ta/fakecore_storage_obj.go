//go:build !wasip1

package ta

// fakeSys is the core the SDK talks to on the host: the FakeCore, with
// the generic object calls (GPD_SPE_010 §5.5) that apply to persistent
// objects too served here for persistent handles and passed on to the
// crypto side for the others. The real core keeps both kinds in one
// table and asks each object what it is; the FakeCore's crypto side knows
// only transient objects, and this keeps the two sides apart.
type fakeSys struct{ *FakeCore }

// objGetInfo adds what only a persistent object has: the data size and
// position, and the persistent and data flags.
func (s fakeSys) objGetInfo(obj uint32) (ObjectInfo, Result) {
	p := s.persistent(obj)
	if p == nil {
		return s.FakeCore.objGetInfo(obj)
	}
	i := p.h.Info()
	size, err := p.h.DataSize()
	if err != nil {
		return ObjectInfo{}, s.objResult(obj, p, err)
	}
	return ObjectInfo{ObjectType: i.Type, ObjectSize: i.ObjectSize, MaxObjectSize: i.MaxObjectSize,
		ObjectUsage: i.Usage, DataSize: size, DataPosition: p.h.Position(), HandleFlags: p.h.HandleFlags()}, Success
}

// objRestrictUsage stores the restricted usage with the object, so that
// later opens see it (§5.5.3), and restricts this handle's key copy.
func (s fakeSys) objRestrictUsage(obj, usage uint32) Result {
	p := s.persistent(obj)
	if p == nil {
		return s.FakeCore.objRestrictUsage(obj, usage)
	}
	old := p.h.Info().Usage
	if old&usage != old {
		if err := p.h.SetUsage(old & usage); err != nil {
			return s.objResult(obj, p, err)
		}
	}
	if p.key != nil {
		p.key.RestrictUsage(usage)
	}
	return Success
}

// objGetAttr answers ITEM_NOT_FOUND for a pure data object, which has no
// attributes, as the core does.
func (s fakeSys) objGetAttr(obj, id uint32, buf []byte) (int, Result) {
	if p := s.persistent(obj); p != nil && p.key == nil {
		return 0, ErrItemNotFound
	}
	return s.FakeCore.objGetAttr(obj, id, buf)
}

// objClose closes a persistent handle, releasing its sharing lock.
func (s fakeSys) objClose(obj uint32) Result {
	if p := s.persistent(obj); p != nil {
		s.unregister(obj, p)
		return Success
	}
	return s.FakeCore.objClose(obj)
}

// objReset kills the TA for a persistent object: GP allows resetting
// only transient ones (§5.6.3).
func (s fakeSys) objReset(obj uint32) Result {
	if s.persistent(obj) != nil {
		s.killTA(ErrBadParameters, "TEE_ResetTransientObject: 0x%x is a persistent object", obj)
	}
	return s.FakeCore.objReset(obj)
}
