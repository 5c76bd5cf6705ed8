package main

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// The storage commands on the host, against the SDK's FakeCore: the
// protocol's conventions (handles as values, NULL memrefs, the id-length
// reporting of CmdStorNextEnum) and every CmdStorBench operation. The
// behaviour of the storage itself is tested against the real core by the
// root tests. FakeCore is process-wide, so these tests do not run in
// parallel.

func vo() ta.Arg { return ta.Value(ta.ParamValueOutput, 0, 0) }

func mo(b []byte) ta.Arg { return ta.Memref(ta.ParamMemrefOutput, b) }

const storRWM = ta.DataFlagAccessRead | ta.DataFlagAccessWrite | ta.DataFlagAccessWriteMeta

// storCreateCmd creates a data object through CmdStorCreate and returns
// its handle.
func storCreateCmd(t *testing.T, id string, data []byte) uint32 {
	t.Helper()
	p, err := run(t, testta.CmdStorCreate, vi(ta.StoragePrivate, storRWM), mi([]byte(id)),
		ta.Value(ta.ParamValueInout, 0, 0), mi(data))
	if err != nil {
		t.Fatalf("CmdStorCreate %q: %v", id, err)
	}
	h, _ := p.Value(2)
	return h
}

func TestHostStorageCommands(t *testing.T) {
	ta.NewFakeCore().Log = nil
	h := storCreateCmd(t, "obj", []byte("0123456789"))
	if h == 0 {
		t.Fatal("CmdStorCreate returned handle 0")
	}
	if _, err := run(t, testta.CmdStorSeek, vi(h, uint32(0xFFFFFFFD)), vi(ta.DataSeekEnd, 0)); err != nil {
		t.Fatalf("CmdStorSeek -3 from the end: %v", err)
	}
	buf := make([]byte, 8)
	p, err := run(t, testta.CmdStorRead, vi(h, 0), mo(buf))
	if err != nil || p.MemrefSize(1) != 3 || string(buf[:3]) != "789" {
		t.Errorf("CmdStorRead = %q (%d), %v; want 789", buf[:3], p.MemrefSize(1), err)
	}
	steps := []struct {
		name string
		cmd  uint32
		args []ta.Arg
	}{
		{"write", testta.CmdStorWrite, []ta.Arg{vi(h, 0), mi([]byte("ab"))}},
		{"write NULL", testta.CmdStorWrite, []ta.Arg{vi(h, 0), ta.NullMemref(ta.ParamMemrefInput, 0)}},
		{"truncate", testta.CmdStorTruncate, []ta.Arg{vi(h, 4), ta.None()}},
		{"rename", testta.CmdStorRename, []ta.Arg{vi(h, 0), mi([]byte("renamed"))}},
	}
	for _, s := range steps {
		if _, err := run(t, s.cmd, s.args...); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	info := make([]byte, abi.ObjectInfoSize)
	if _, err := run(t, testta.CmdCrypGetObjectInfo, vi(h, 0), mo(info)); err != nil {
		t.Fatal(err)
	}
	if size, pos := binary.LittleEndian.Uint32(info[16:]), binary.LittleEndian.Uint32(info[20:]); size != 4 || pos != 12 {
		t.Errorf("after write and truncate: size %d, position %d; want 4, 12", size, pos)
	}
	if _, err := run(t, testta.CmdCrypCloseObject, vi(h, 0)); err != nil {
		t.Fatal(err)
	}

	// Create with a NULL handle pointer, then an enumeration.
	p, err = run(t, testta.CmdStorCreate, vi(ta.StoragePrivate, 0), mi([]byte("a-longer-id")),
		ta.Value(ta.ParamValueInout, 0, 1), ta.NullMemref(ta.ParamMemrefInput, 0))
	if a, b := p.Value(2); err != nil || a != 0 || b != 1 {
		t.Fatalf("CmdStorCreate without a handle: (%d, %d), %v; want (0, 1)", a, b, err)
	}
	if _, err := run(t, testta.CmdStorCreate, vi(ta.StoragePrivate, 0), mi([]byte("x")),
		ta.Value(ta.ParamValueInout, 0, 2), mi([]byte{})); err != ta.ErrBadParameters {
		t.Errorf("CmdStorCreate with value[2].b = 2: %v, want BAD_PARAMETERS", err)
	}
	p, err = run(t, testta.CmdStorAllocEnum, vo())
	if err != nil {
		t.Fatal(err)
	}
	e, _ := p.Value(0)
	if _, err := run(t, testta.CmdStorStartEnum, vi(e, ta.StoragePrivate)); err != nil {
		t.Fatal(err)
	}
	p, err = run(t, testta.CmdStorNextEnum, vi(e, 0), mo(make([]byte, abi.ObjectInfoSize)), mo(make([]byte, 4)))
	if err != ta.ErrShortBuffer || p.MemrefSize(2) != uint32(len("a-longer-id")) {
		t.Errorf("CmdStorNextEnum into 4 bytes: %d, %v; want 11, SHORT_BUFFER", p.MemrefSize(2), err)
	}
	// A NULL id memref large enough learns the length.
	p, err = run(t, testta.CmdStorNextEnum, vi(e, 0), ta.NullMemref(ta.ParamMemrefOutput, 0), ta.NullMemref(ta.ParamMemrefOutput, 64))
	if err != nil || p.MemrefSize(2) != uint32(len("renamed")) {
		t.Errorf("CmdStorNextEnum into a NULL memref: size %d, %v; want 7", p.MemrefSize(2), err)
	}
	if _, err := run(t, testta.CmdStorStartEnum, vi(e, ta.StoragePrivate)); err != nil {
		t.Fatal(err)
	}
	id := make([]byte, 16)
	if _, err := run(t, testta.CmdStorNextEnum, vi(e, 0), mo(make([]byte, 4)), mo(id)); err != ta.ErrBadParameters {
		t.Errorf("CmdStorNextEnum with a 4-byte info memref: %v, want BAD_PARAMETERS", err)
	}
	for _, want := range []string{"a-longer-id", "renamed"} {
		p, err = run(t, testta.CmdStorNextEnum, vi(e, 0), ta.NullMemref(ta.ParamMemrefOutput, 0), mo(id))
		if err != nil || string(id[:p.MemrefSize(2)]) != want {
			t.Errorf("CmdStorNextEnum = %q, %v; want %q", id[:p.MemrefSize(2)], err, want)
		}
	}
	if _, err := run(t, testta.CmdStorNextEnum, vi(e, 0), ta.NullMemref(ta.ParamMemrefOutput, 0), mo(id)); err != ta.ErrItemNotFound {
		t.Errorf("CmdStorNextEnum at the end: %v, want ITEM_NOT_FOUND", err)
	}
	for _, cmd := range []uint32{testta.CmdStorResetEnum, testta.CmdStorFreeEnum} {
		if _, err := run(t, cmd, vi(e, 0)); err != nil {
			t.Errorf("command %d: %v", cmd, err)
		}
	}

	// Delete, both forms.
	for _, cmd := range []uint32{testta.CmdStorCloseAndDelete, testta.CmdStorCloseAndDeleteOld} {
		p, err := run(t, testta.CmdStorOpen, vi(ta.StoragePrivate, ta.DataFlagAccessWriteMeta), mi([]byte("renamed")), vo())
		if err != nil {
			t.Fatal(err)
		}
		h, _ := p.Value(2)
		if _, err := run(t, cmd, vi(h, 0)); err != nil {
			t.Errorf("command %d: %v", cmd, err)
		}
		if _, err := run(t, testta.CmdCrypCloseObject, vi(storCreateCmd(t, "renamed", []byte{}), 0)); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := run(t, testta.CmdStorOpen, vi(ta.StoragePrivate, 0), mi([]byte("missing")), vo()); err != ta.ErrItemNotFound {
		t.Errorf("CmdStorOpen of a missing object: %v, want ITEM_NOT_FOUND", err)
	} else if h, _ := p.Value(2); h != 0 {
		t.Errorf("CmdStorOpen failed with handle %d, want 0", h)
	}
}

// TestStorageBenchHost runs every CmdStorBench operation a few times.
func TestHostStorageBench(t *testing.T) {
	ta.NewFakeCore().Log = nil
	const size = 100
	tests := []struct {
		op, iters, wantOut uint32
		id                 string
	}{
		{testta.StorBenchCreateWrite, 3, 0, "bench"},
		{testta.StorBenchOpenReadClose, 2, size, "bench"},
		{testta.StorBenchRead, 3, size, "bench"},
		{testta.StorBenchWrite, 3, 0, "bench"},
		{testta.StorBenchOpen, 3, 0, "bench"},
		{testta.StorBenchCreateMany, 5, 0, "many"},
		{testta.StorBenchEnumerate, 2, 6, ""},
		{testta.StorBenchDeleteMany, 7, 0, "many"}, // 5 and 6 do not exist
		{testta.StorBenchEnumerate, 1, 1, ""},
	}
	for _, tt := range tests {
		p, err := run(t, testta.CmdStorBench, vi(tt.op, tt.iters), vi(ta.StoragePrivate, size), mi([]byte(tt.id)), vo())
		if err != nil {
			t.Fatalf("bench op %d: %v", tt.op, err)
		}
		if out, _ := p.Value(3); out != tt.wantOut {
			t.Errorf("bench op %d: out %d, want %d", tt.op, out, tt.wantOut)
		}
	}
	o, err := ta.OpenPersistentObject(ta.StoragePrivate, []byte("bench"), ta.DataFlagAccessRead)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	got := make([]byte, 2*size)
	if n, err := o.ReadData(got); err != nil || !bytes.Equal(got[:n], bytes.Repeat([]byte{0xA5}, size)) {
		t.Errorf("bench object holds %x, %v", got[:n], err)
	}
	if _, err := run(t, testta.CmdStorBench, vi(99, 1), vi(ta.StoragePrivate, 0), ta.NullMemref(ta.ParamMemrefInput, 0), vo()); err != ta.ErrBadParameters {
		t.Errorf("unknown bench operation: %v, want BAD_PARAMETERS", err)
	}
	if _, err := run(t, testta.CmdStorBench, vi(testta.StorBenchOpen, 1), vi(ta.StoragePrivate, 0), mi([]byte("none")), vo()); err != ta.ErrItemNotFound {
		t.Errorf("bench open of a missing object: %v, want ITEM_NOT_FOUND", err)
	}
}
