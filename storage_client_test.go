package veritee_test

import (
	"context"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// storTA drives the GP storage API of a test TA from the client, one GP
// function per command (testta.CmdStor*, and the crypto family's object
// commands for persistent handles). Calls return the GP result, so tests
// compare results directly; abi.ErrTargetDead means the call panicked the
// TA.
type storTA struct {
	t testing.TB
	s *teec.Session
}

func newStorTA(t testing.TB, c *teec.Context, uuid abi.UUID) storTA {
	return storTA{t: t, s: open(t, c, uuid)}
}

// nullMem is a NULL memref.
func nullMem(typ teec.ParamType) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: typ}
}

func vinout(a, b uint32) *teec.Value { return &teec.Value{Type: teec.ValueInout, A: a, B: b} }

func (a storTA) call(cmd uint32, ps ...teec.Parameter) abi.Result {
	op := &teec.Operation{}
	copy(op.Params[:], ps)
	err := a.s.InvokeCommand(context.Background(), cmd, op)
	if err == nil {
		return abi.Success
	}
	if errors.Is(err, teec.ErrTargetDead) {
		return abi.ErrTargetDead
	}
	r, _ := teec.ResultOf(err)
	return abi.Result(r)
}

func (a storTA) create(sid uint32, id string, flags, attrs uint32, data []byte) (uint32, abi.Result) {
	v := vinout(attrs, 0)
	d := min_(data)
	if data == nil {
		d = nullMem(teec.MemrefTempInput)
	}
	r := a.call(testta.CmdStorCreate, vin(sid, flags), min_([]byte(id)), v, d)
	return v.A, r
}

// createNoHandle creates with a NULL object pointer.
func (a storTA) createNoHandle(sid uint32, id string, flags uint32, data []byte) abi.Result {
	return a.call(testta.CmdStorCreate, vin(sid, flags), min_([]byte(id)), vinout(0, 1), min_(data))
}

func (a storTA) open(sid uint32, id string, flags uint32) (uint32, abi.Result) {
	h := vout()
	r := a.call(testta.CmdStorOpen, vin(sid, flags), min_([]byte(id)), h)
	return h.A, r
}

// openAfterPanic is open for an object a panicked instance held: the
// runtime closes a dead instance's handles asynchronously, just after the
// client learns of the death, so ACCESS_CONFLICT is retried briefly.
func (a storTA) openAfterPanic(sid uint32, id string, flags uint32) (uint32, abi.Result) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		h, r := a.open(sid, id, flags)
		if r != abi.ErrAccessConflict || time.Now().After(deadline) {
			return h, r
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (a storTA) read(h uint32, n int) ([]byte, abi.Result) {
	m := mout(make([]byte, n))
	r := a.call(testta.CmdStorRead, vin(h, 0), m)
	return m.Buffer[:m.Size], r
}

func (a storTA) write(h uint32, data []byte) abi.Result {
	return a.call(testta.CmdStorWrite, vin(h, 0), min_(data))
}

func (a storTA) truncate(h, size uint32) abi.Result {
	return a.call(testta.CmdStorTruncate, vin(h, size))
}

func (a storTA) seek(h uint32, off int32, whence uint32) abi.Result {
	return a.call(testta.CmdStorSeek, vin(h, uint32(off)), vin(whence, 0))
}

func (a storTA) rename(h uint32, id string) abi.Result {
	return a.call(testta.CmdStorRename, vin(h, 0), min_([]byte(id)))
}

func (a storTA) del(h uint32) abi.Result { return a.call(testta.CmdStorCloseAndDelete, vin(h, 0)) }

func (a storTA) close(h uint32) abi.Result { return a.call(testta.CmdCrypCloseObject, vin(h, 0)) }

// objInfo is a TEE_ObjectInfo: objectType, objectSize, maxObjectSize,
// objectUsage, dataSize, dataPosition, handleFlags.
type objInfo [7]uint32

func (a storTA) info(h uint32) (objInfo, abi.Result) {
	b := make([]byte, abi.ObjectInfoSize)
	r := a.call(testta.CmdCrypGetObjectInfo, vin(h, 0), mout(b))
	var inf objInfo
	copy(inf[:], u32s(b))
	return inf, r
}

func (a storTA) allocEnum() (uint32, abi.Result) {
	h := vout()
	r := a.call(testta.CmdStorAllocEnum, h)
	return h.A, r
}

func (a storTA) freeEnum(e uint32) abi.Result  { return a.call(testta.CmdStorFreeEnum, vin(e, 0)) }
func (a storTA) resetEnum(e uint32) abi.Result { return a.call(testta.CmdStorResetEnum, vin(e, 0)) }
func (a storTA) startEnum(e, sid uint32) abi.Result {
	return a.call(testta.CmdStorStartEnum, vin(e, sid))
}

// next returns the next object's info and id; idCap is the id buffer's
// size (SHORT_BUFFER returns the size needed as len(id)).
func (a storTA) next(e uint32, idCap int) (objInfo, []byte, abi.Result) {
	ib := make([]byte, abi.ObjectInfoSize)
	m := mout(make([]byte, idCap))
	r := a.call(testta.CmdStorNextEnum, vin(e, 0), mout(ib), m)
	var inf objInfo
	copy(inf[:], u32s(ib))
	if r == abi.ErrShortBuffer {
		return inf, make([]byte, m.Size), r
	}
	return inf, m.Buffer[:m.Size], r
}

// list enumerates storage sid to the end and returns the ids; it fails
// the test on anything but success or ITEM_NOT_FOUND.
func (a storTA) list(sid uint32) []string {
	a.t.Helper()
	e, r := a.allocEnum()
	if r != abi.Success {
		a.t.Fatalf("alloc enumerator: %v", r)
	}
	defer a.freeEnum(e)
	if r := a.startEnum(e, sid); r == abi.ErrItemNotFound {
		return nil
	} else if r != abi.Success {
		a.t.Fatalf("start enumeration: %v", r)
	}
	var ids []string
	for {
		_, id, r := a.next(e, abi.ObjectIDMaxLen)
		if r == abi.ErrItemNotFound {
			return ids
		}
		if r != abi.Success {
			a.t.Fatalf("next: %v", r)
		}
		ids = append(ids, string(id))
	}
}

// bench runs CmdStorBench and returns value[3].a.
func (a storTA) bench(op, n, sid, size uint32, id []byte) (uint32, abi.Result) {
	out := vout()
	r := a.call(testta.CmdStorBench, vin(op, n), vin(sid, size), min_(id), out)
	return out.A, r
}

// must fails the test unless r is success.
func (a storTA) must(what string, r abi.Result) {
	a.t.Helper()
	if r != abi.Success {
		a.t.Fatalf("%s: %v", what, r)
	}
}

// aesKey allocates and generates an AES key of bits in the TA, restricted
// to usage, and returns its handle.
func (a storTA) aesKey(bits, usage uint32) uint32 {
	a.t.Helper()
	h := vout()
	a.must("alloc AES", a.call(testta.CmdCrypAllocTransientObject, vin(abi.TypeAES, bits), h))
	a.must("generate", a.call(testta.CmdCrypGenerateKey, vin(h.A, bits), nullMem(teec.MemrefTempInput)))
	a.must("restrict", a.call(testta.CmdCrypRestrictObjectUsage, vin(h.A, usage)))
	return h.A
}

// ecbEncrypt encrypts in with AES-ECB under key object k (transient or
// persistent).
func (a storTA) ecbEncrypt(k uint32, bits uint32, in []byte) []byte {
	a.t.Helper()
	op := vout()
	a.must("alloc op", a.call(testta.CmdCrypAllocOperation, vin(abi.AlgAESECBNoPad, abi.ModeEncrypt), vin(bits, 0), op))
	defer a.call(testta.CmdCrypFreeOperation, vin(op.A, 0))
	a.must("set key", a.call(testta.CmdCrypSetOperationKey, vin(op.A, k)))
	a.must("cipher init", a.call(testta.CmdCrypCipherInit, vin(op.A, 0), nullMem(teec.MemrefTempInput)))
	m := mout(make([]byte, len(in)))
	a.must("cipher final", a.call(testta.CmdCrypCipherDoFinal, vin(op.A, 0), min_(in), m))
	return m.Buffer[:m.Size]
}

// le32 appends i to id as the bench's *Many operations name objects.
func le32(id []byte, i uint32) []byte {
	return binary.LittleEndian.AppendUint32(append([]byte(nil), id...), i)
}
