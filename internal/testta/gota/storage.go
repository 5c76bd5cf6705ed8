package main

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// The secure storage commands (internal/testta/proto_storage.go), as
// internal/testta/c/storage.c: each calls exactly one GP function of the
// SDK (CmdStorBench aside) with the client's handles, ids and data, and
// returns its result. Object ids and data pass as they arrive (a NULL
// memref as an empty slice); the TA checks nothing the core checks, so
// misuse reaches the SDK and panics the TA as it would a C TA.

// storCmd is one command: the exact parameter types it takes, and its
// body.
type storCmd struct {
	types [ta.NumParams]ta.ParamType
	run   func(p *ta.Params) error
}

const tVIO = ta.ParamValueInout

func init() {
	for id, c := range storCmds {
		commands[id] = func(_ *testTA, p *ta.Params) error {
			if err := p.Check(c.types[0], c.types[1], c.types[2], c.types[3]); err != nil {
				return err
			}
			return c.run(p)
		}
	}
}

var storCmds = map[uint32]storCmd{
	testta.CmdStorOpen:              {[4]ta.ParamType{tVI, tMI, tVO, tNone}, storOpen},
	testta.CmdStorCreate:            {[4]ta.ParamType{tVI, tMI, tVIO, tMI}, storCreate},
	testta.CmdStorCloseAndDelete:    {[4]ta.ParamType{tVI, tNone, tNone, tNone}, func(p *ta.Params) error { return objArg(p).CloseAndDelete() }},
	testta.CmdStorRename:            {[4]ta.ParamType{tVI, tMI, tNone, tNone}, func(p *ta.Params) error { return objArg(p).Rename(p.Memref(1)) }},
	testta.CmdStorAllocEnum:         {[4]ta.ParamType{tVO, tNone, tNone, tNone}, storAllocEnum},
	testta.CmdStorFreeEnum:          {[4]ta.ParamType{tVI, tNone, tNone, tNone}, func(p *ta.Params) error { enumArg(p).Free(); return nil }},
	testta.CmdStorResetEnum:         {[4]ta.ParamType{tVI, tNone, tNone, tNone}, func(p *ta.Params) error { enumArg(p).Reset(); return nil }},
	testta.CmdStorStartEnum:         {[4]ta.ParamType{tVI, tNone, tNone, tNone}, storStartEnum},
	testta.CmdStorNextEnum:          {[4]ta.ParamType{tVI, tMO, tMO, tNone}, storNextEnum},
	testta.CmdStorRead:              {[4]ta.ParamType{tVI, tMO, tNone, tNone}, storRead},
	testta.CmdStorWrite:             {[4]ta.ParamType{tVI, tMI, tNone, tNone}, func(p *ta.Params) error { return objArg(p).WriteData(p.Memref(1)) }},
	testta.CmdStorTruncate:          {[4]ta.ParamType{tVI, tNone, tNone, tNone}, storTruncate},
	testta.CmdStorSeek:              {[4]ta.ParamType{tVI, tVI, tNone, tNone}, storSeek},
	testta.CmdStorCloseAndDeleteOld: {[4]ta.ParamType{tVI, tNone, tNone, tNone}, storCloseAndDeleteOld},
	testta.CmdStorBench:             {[4]ta.ParamType{tVI, tVI, tMI, tVO}, storBench},
}

func enumArg(p *ta.Params) ta.ObjectEnumHandle {
	a, _ := p.Value(0)
	return ta.ObjectEnumHandle(a)
}

func storOpen(p *ta.Params) error {
	sid, flags := p.Value(0)
	o, err := ta.OpenPersistentObject(sid, p.Memref(1), flags)
	p.SetValue(2, uint32(o), 0)
	return err
}

// storCreate passes a handle pointer when value[2].b is 0, NULL when it
// is 1; anything else is BAD_PARAMETERS, as in the C TA.
func storCreate(p *ta.Params) error {
	sid, flags := p.Value(0)
	attrs, noHandle := p.Value(2)
	if noHandle > 1 {
		return ta.ErrBadParameters
	}
	var o ta.ObjectHandle
	var err error
	if noHandle == 0 {
		o, err = ta.CreatePersistentObject(sid, p.Memref(1), flags, ta.ObjectHandle(attrs), p.Memref(3))
	} else {
		err = ta.CreatePersistentObjectNoHandle(sid, p.Memref(1), flags, ta.ObjectHandle(attrs), p.Memref(3))
	}
	p.SetValue(2, uint32(o), noHandle)
	return err
}

func storAllocEnum(p *ta.Params) error {
	e, err := ta.AllocatePersistentObjectEnumerator()
	p.SetValue(0, uint32(e), 0)
	return err
}

func storStartEnum(p *ta.Params) error {
	e, sid := p.Value(0)
	return ta.ObjectEnumHandle(e).Start(sid)
}

// storNextEnum gets the next object into a buffer of
// TEE_OBJECT_ID_MAX_LEN bytes, as the protocol has the C TA do, and
// reports the id's length through memref[2] (SHORT_BUFFER when it is
// smaller; the enumerator has then moved on).
func storNextEnum(p *ta.Params) error {
	wantInfo := p.Memref(1) != nil
	if wantInfo && p.MemrefSize(1) < abi.ObjectInfoSize {
		return ta.ErrBadParameters
	}
	var id [ta.ObjectIDMaxLen]byte
	info, n, err := enumArg(p).GetNext(id[:])
	if err != nil {
		return err
	}
	if wantInfo {
		putU32s(p.Memref(1), info.ObjectType, info.ObjectSize, info.MaxObjectSize, info.ObjectUsage,
			info.DataSize, info.DataPosition, info.HandleFlags)
		p.SetMemrefSize(1, abi.ObjectInfoSize)
	}
	if p.MemrefSize(2) < uint32(n) {
		p.SetMemrefSize(2, uint32(n))
		return ta.ErrShortBuffer
	}
	copy(p.Memref(2), id[:n]) // a NULL memref only learns the length
	p.SetMemrefSize(2, uint32(n))
	return nil
}

// storRead reads memref[1]'s size in bytes; a NULL memref gets a scratch
// buffer of that size (see outBuf), so the core sees the length a C TA
// asks for.
func storRead(p *ta.Params) error {
	buf, err := outBuf(p, 1)
	if err != nil {
		return err
	}
	n, err := objArg(p).ReadData(buf)
	if err == nil {
		p.SetMemrefSize(1, uint32(n))
	}
	return err
}

func storTruncate(p *ta.Params) error {
	obj, size := p.Value(0)
	return ta.ObjectHandle(obj).TruncateData(size)
}

func storSeek(p *ta.Params) error {
	obj, off := p.Value(0)
	whence, _ := p.Value(1)
	return ta.ObjectHandle(obj).SeekData(int32(off), whence)
}

// storCloseAndDeleteOld is the deprecated void
// TEE_CloseAndDeletePersistentObject: an error panics the TA, as libutee
// does.
func storCloseAndDeleteOld(p *ta.Params) error {
	if err := objArg(p).CloseAndDelete(); err != nil {
		ta.Panic(ta.ResultOf(err))
	}
	return nil
}

// storBench is CmdStorBench: value[0] = operation, iterations; value[1] =
// storage id, data size; memref[2] = object id; value[3].a out.
func storBench(p *ta.Params) error {
	op, iters := p.Value(0)
	sid, size := p.Value(1)
	p.SetValue(3, 0, 0)
	if p.Memref(2) == nil && p.MemrefSize(2) != 0 {
		return ta.ErrBadParameters
	}
	b := &storBencher{sid: sid, id: p.Memref(2)}
	run, ok := storBenchOps[op]
	if !ok {
		return ta.ErrBadParameters
	}
	if op != testta.StorBenchOpen && op != testta.StorBenchEnumerate && op != testta.StorBenchDeleteMany {
		block := ta.Malloc(max(size, 1), ta.MallocNoFill)
		if block == nil {
			return ta.ErrOutOfMemory
		}
		defer ta.Free(block)
		b.buf = block[:size]
		ta.MemFill(b.buf, 0xA5)
	}
	out, err := run(b, iters)
	p.SetValue(3, out, 0)
	return err
}

// storBencher holds what every iteration of CmdStorBench uses.
type storBencher struct {
	sid uint32
	id  []byte
	buf []byte
}

const (
	benchRW      = ta.DataFlagAccessRead | ta.DataFlagAccessWrite | ta.DataFlagAccessWriteMeta | ta.DataFlagOverwrite
	benchReadOpt = ta.DataFlagAccessRead | ta.DataFlagShareRead
)

var storBenchOps = map[uint32]func(*storBencher, uint32) (uint32, error){
	testta.StorBenchCreateWrite: func(b *storBencher, n uint32) (uint32, error) {
		for range n {
			if err := b.createWrite(b.id); err != nil {
				return 0, err
			}
		}
		return 0, nil
	},
	testta.StorBenchOpenReadClose: func(b *storBencher, n uint32) (uint32, error) {
		var read int
		for range n {
			o, err := ta.OpenPersistentObject(b.sid, b.id, benchReadOpt)
			if err != nil {
				return 0, err
			}
			read, err = o.ReadData(b.buf)
			o.Close()
			if err != nil {
				return 0, err
			}
		}
		return uint32(read), nil
	},
	testta.StorBenchRead: func(b *storBencher, n uint32) (uint32, error) {
		o, err := ta.OpenPersistentObject(b.sid, b.id, benchReadOpt)
		if err != nil {
			return 0, err
		}
		defer o.Close()
		var read int
		for range n {
			if err := o.SeekData(0, ta.DataSeekSet); err != nil {
				return 0, err
			}
			if read, err = o.ReadData(b.buf); err != nil {
				return 0, err
			}
		}
		return uint32(read), nil
	},
	testta.StorBenchWrite: func(b *storBencher, n uint32) (uint32, error) {
		o, err := ta.OpenPersistentObject(b.sid, b.id, ta.DataFlagAccessWrite)
		if err != nil {
			return 0, err
		}
		defer o.Close()
		for range n {
			if err := o.SeekData(0, ta.DataSeekSet); err != nil {
				return 0, err
			}
			if err := o.WriteData(b.buf); err != nil {
				return 0, err
			}
		}
		return 0, nil
	},
	testta.StorBenchOpen: func(b *storBencher, n uint32) (uint32, error) {
		for range n {
			o, err := ta.OpenPersistentObject(b.sid, b.id, benchReadOpt)
			if err != nil {
				return 0, err
			}
			o.Close()
		}
		return 0, nil
	},
	testta.StorBenchEnumerate: (*storBencher).enumerate,
	testta.StorBenchCreateMany: func(b *storBencher, n uint32) (uint32, error) {
		for i := range n {
			id, err := b.nth(i)
			if err != nil {
				return 0, err
			}
			if err := b.createWrite(id); err != nil {
				return 0, err
			}
		}
		return 0, nil
	},
	testta.StorBenchDeleteMany: func(b *storBencher, n uint32) (uint32, error) {
		for i := range n {
			id, err := b.nth(i)
			if err != nil {
				return 0, err
			}
			o, err := ta.OpenPersistentObject(b.sid, id, ta.DataFlagAccessWriteMeta)
			if err == ta.ErrItemNotFound {
				continue
			}
			if err != nil {
				return 0, err
			}
			if err := o.CloseAndDelete(); err != nil {
				return 0, err
			}
		}
		return 0, nil
	},
}

// createWrite creates object id with no initial data, writes the buffer
// and closes it.
func (b *storBencher) createWrite(id []byte) error {
	o, err := ta.CreatePersistentObject(b.sid, id, benchRW, ta.HandleNull, nil)
	if err != nil {
		return err
	}
	defer o.Close()
	return o.WriteData(b.buf)
}

// nth is the id of object i of the *Many operations: the base id, then
// i as a LE u32. A base id leaving no room for i is BAD_PARAMETERS.
func (b *storBencher) nth(i uint32) ([]byte, error) {
	if len(b.id) > ta.ObjectIDMaxLen-4 {
		return nil, ta.ErrBadParameters
	}
	return binary.LittleEndian.AppendUint32(append([]byte(nil), b.id...), i), nil
}

// enumerate runs n enumerations and returns the objects the last found.
func (b *storBencher) enumerate(n uint32) (uint32, error) {
	e, err := ta.AllocatePersistentObjectEnumerator()
	if err != nil {
		return 0, err
	}
	defer e.Free()
	var id [ta.ObjectIDMaxLen]byte
	var count uint32
	for range n {
		count = 0
		err := e.Start(b.sid)
		for err == nil {
			if _, _, err = e.GetNext(id[:]); err == nil {
				count++
			}
		}
		if err != ta.ErrItemNotFound {
			return 0, err
		}
	}
	return count, nil
}
