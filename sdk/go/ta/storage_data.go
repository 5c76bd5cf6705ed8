package ta

// The data stream of a persistent object (GPD_SPE_010 §5.9): bytes from 0
// to its size, read and written at the handle's data position, which each
// handle keeps for itself. Every function panics the TA for HandleNull, a
// transient object, or a handle not opened with the access right it needs
// (DataFlagAccessRead to read, DataFlagAccessWrite to write or truncate).

// ReadData is TEE_ReadObjectData (§5.9.1): it reads up to len(p) bytes
// from the data position into p and advances the position by the count
// read, which is less than len(p) only at the end of the stream (0 at or
// past it). Results: ErrCorruptObject (the object is deleted),
// ErrStorageNotAvailable.
func (o ObjectHandle) ReadData(p []byte) (int, error) {
	if o == HandleNull {
		Panic(ErrBadParameters)
	}
	n, r := sys.storageObjRead(uint32(o), p)
	if err := allowed(r, ErrCorruptObject, ErrStorageNotAvailable); err != nil {
		return 0, err
	}
	if n < 0 || n > len(p) {
		Panic(ErrGeneric) // a core bug: more than asked for
	}
	return n, nil
}

// WriteData is TEE_WriteObjectData (§5.9.2): it writes p at the data
// position, first extending the stream with zeros when the position is
// past its end, and advances the position. The write is atomic and
// durable once WriteData returns. Results: ErrStorageNoSpace, ErrOverflow
// (the position would pass DataMaxPosition), ErrCorruptObject,
// ErrStorageNotAvailable.
func (o ObjectHandle) WriteData(p []byte) error {
	if o == HandleNull {
		Panic(ErrBadParameters)
	}
	if uint64(len(p)) > DataMaxPosition {
		return ErrOverflow
	}
	return allowed(sys.storageObjWrite(uint32(o), p), ErrStorageNoSpace, ErrOverflow, ErrCorruptObject, ErrStorageNotAvailable)
}

// TruncateData is TEE_TruncateObjectData (§5.9.3): the stream becomes
// size bytes long, cut or extended with zeros; the data position does not
// move. Results: ErrStorageNoSpace, ErrCorruptObject,
// ErrStorageNotAvailable.
func (o ObjectHandle) TruncateData(size uint32) error {
	if o == HandleNull {
		Panic(ErrBadParameters)
	}
	return allowed(sys.storageObjTrunc(uint32(o), size), ErrStorageNoSpace, ErrCorruptObject, ErrStorageNotAvailable)
}

// SeekData is TEE_SeekObjectData (§5.9.4): the data position becomes
// offset from the start (DataSeekSet), the current position (DataSeekCur)
// or the end (DataSeekEnd), clamped at 0; it may lie past the end.
// Results: ErrOverflow (it would pass DataMaxPosition; the position is
// unchanged), ErrCorruptObject, ErrStorageNotAvailable. It panics the TA
// for another whence.
func (o ObjectHandle) SeekData(offset int32, whence uint32) error {
	if o == HandleNull {
		Panic(ErrBadParameters)
	}
	return allowed(sys.storageObjSeek(uint32(o), offset, whence), ErrOverflow, ErrCorruptObject, ErrStorageNotAvailable)
}
