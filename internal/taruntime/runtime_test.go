package taruntime

import (
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
	"github.com/veritee/veritee/internal/taimage"
	"github.com/veritee/veritee/internal/teeconn"
)

func TestLoad(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "main", Config{})
	if f.ta.UUID() != testUUID {
		t.Fatalf("UUID %v", f.ta.UUID())
	}
	if !f.ta.Props().Bool(abi.PropSingleInstance, false) || f.ta.Props().U32(abi.PropDataSize, 0) != 1<<20 {
		t.Fatalf("props %+v", f.ta.Props())
	}
	img, _ := taimage.Parse(testImages["main"])
	initial, _, _, _ := taimage.MemoryPages(img.Wasm)
	if want := initial + 17; f.ta.MemoryLimitPages() != want { // (1 MiB + 64 KiB) / 64 KiB
		t.Fatalf("memory cap %d pages, want %d", f.ta.MemoryLimitPages(), want)
	}
	if _, err := f.rt.Load(context.Background(), []byte("junk")); err == nil {
		t.Fatal("Load accepted junk")
	}
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "main", Config{})
	inst, ret := f.ta.NewInstance(ctx)
	wantRet(t, ret, abi.Success, abi.OriginTrustedApp)
	s := NewSession(abi.Identity{})
	refuse := &teeconn.Params{{Type: abi.ParamValueInput, A: 0xDEAD}}
	wantRet(t, inst.OpenSession(ctx, s, refuse, nil), abi.ErrAccessDenied, abi.OriginTrustedApp)
	wantRet(t, inst.OpenSession(ctx, s, nil, nil), abi.Success, abi.OriginTrustedApp)
	p := &teeconn.Params{{Type: abi.ParamValueOutput}}
	for want := uint32(1); want <= 3; want++ {
		wantRet(t, inst.Invoke(ctx, s, cmdCounter, p, nil), abi.Success, abi.OriginTrustedApp)
		if p[0].A != want {
			t.Fatalf("counter %d, want %d", p[0].A, want)
		}
	}
	wantRet(t, inst.Invoke(ctx, s, 999, nil, nil), abi.ErrBadParameters, abi.OriginTrustedApp)
	inst.CloseSession(ctx, s)
	inst.Destroy(ctx)
	if !inst.Dead() {
		t.Fatal("not dead after Destroy")
	}
	wantRet(t, inst.Invoke(ctx, s, cmdNull, nil, nil), abi.ErrTargetDead, abi.OriginTEE)
	inst.Destroy(ctx) // twice is harmless
}

func TestParams(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "main", Config{})
	inst, s := f.open(t)
	in := []byte{1, 2, 3}
	tests := []struct {
		name  string
		p     teeconn.Params
		check func(t *testing.T, p *teeconn.Params)
	}{
		{"values", teeconn.Params{
			{Type: abi.ParamValueInput, A: 1, B: 2},
			{Type: abi.ParamValueInout, A: 10, B: 20},
			{Type: abi.ParamValueOutput, A: 77, B: 77},
			{Type: abi.ParamNone},
		}, func(t *testing.T, p *teeconn.Params) {
			if p[1].A != 11 || p[1].B != 22 || p[2].A != 33 || p[2].B != 2 || p[0].A != 1 {
				t.Errorf("values %+v", p)
			}
		}},
		{"memrefs", teeconn.Params{
			{Type: abi.ParamMemrefInput, Mem: bytes.Clone(in), Size: 3},
			{Type: abi.ParamMemrefInout, Mem: []byte{0, 0xF0}, Size: 2},
			{Type: abi.ParamMemrefOutput, Mem: make([]byte, 4), Size: 4},
			{Type: abi.ParamValueOutput},
		}, func(t *testing.T, p *teeconn.Params) {
			if !bytes.Equal(p[1].Mem, []byte{0xFF, 0x0F}) || !bytes.Equal(p[2].Mem, []byte{0x33, 0x33, 0x33, 0x33}) || p[2].Size != 4 {
				t.Errorf("memrefs %x %x size %d", p[1].Mem, p[2].Mem, p[2].Size)
			}
			if p[3].A != 6+0xF0 || p[3].B != 3 {
				t.Errorf("sum %d", p[3].A)
			}
			if !bytes.Equal(p[0].Mem, in) {
				t.Error("input memref changed")
			}
		}},
		{"null and zero-size memrefs", teeconn.Params{
			{Type: abi.ParamMemrefOutput, Mem: nil, Size: 100},
			{Type: abi.ParamMemrefInout, Mem: []byte{}, Size: 0},
			{Type: abi.ParamMemrefInput, Mem: nil, Size: 0},
			{Type: abi.ParamValueOutput},
		}, func(t *testing.T, p *teeconn.Params) {
			if p[0].Size != 100 || p[1].Size != 0 || p[3].A != 0 {
				t.Errorf("%+v", p)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			wantRet(t, inst.Invoke(ctx, s, cmdParams, &p, nil), abi.Success, abi.OriginTrustedApp)
			tt.check(t, &p)
		})
	}
}

func TestShortBuffer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "main", Config{})
	inst, s := f.open(t)
	buf := []byte{9, 9, 9, 9}
	p := &teeconn.Params{{Type: abi.ParamMemrefOutput, Mem: buf, Size: 4}, {Type: abi.ParamValueInput, A: 10}}
	wantRet(t, inst.Invoke(ctx, s, cmdShortBuffer, p, nil), abi.ErrShortBuffer, abi.OriginTrustedApp)
	if p[0].Size != 10 || !bytes.Equal(buf, []byte{9, 9, 9, 9}) {
		t.Fatalf("size %d, buf %x: want size 10 and the buffer untouched", p[0].Size, buf)
	}
	p = &teeconn.Params{{Type: abi.ParamMemrefOutput, Mem: nil, Size: 0}, {Type: abi.ParamValueInput, A: 10}}
	wantRet(t, inst.Invoke(ctx, s, cmdShortBuffer, p, nil), abi.ErrShortBuffer, abi.OriginTrustedApp)
	if p[0].Size != 10 {
		t.Fatalf("NULL size query: size %d", p[0].Size)
	}
	big := make([]byte, 16)
	p = &teeconn.Params{{Type: abi.ParamMemrefOutput, Mem: big, Size: 16}, {Type: abi.ParamValueInput, A: 10}}
	wantRet(t, inst.Invoke(ctx, s, cmdShortBuffer, p, nil), abi.Success, abi.OriginTrustedApp)
	if p[0].Size != 10 || !bytes.Equal(big[:10], bytes.Repeat([]byte{0xA5}, 10)) || big[10] != 0 {
		t.Fatalf("size %d buf %x", p[0].Size, big)
	}
}

func TestRewrittenPointersIgnored(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "main", Config{})
	inst, s := f.open(t)
	out := []byte{1, 2, 3, 4}
	p := &teeconn.Params{{Type: abi.ParamMemrefInout, Mem: out, Size: 4}}
	wantRet(t, inst.Invoke(ctx, s, cmdRewritePtrs, p, nil), abi.Success, abi.OriginTrustedApp)
	if !bytes.Equal(out, []byte{1, 2, 3, 4}) || p[0].Size != 4 {
		t.Fatalf("the core followed a rewritten pointer: %x", out)
	}
	// The instance is still usable.
	wantRet(t, inst.Invoke(ctx, s, cmdNull, nil, nil), abi.Success, abi.OriginTrustedApp)
}

func TestBadParams(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "main", Config{})
	inst, s := f.open(t)
	tests := []teeconn.Params{
		{{Type: abi.ParamMemrefInput, Mem: nil, Size: 1 << 32}},
		{{Type: abi.ParamType(4)}},
		{{}, {}, {}, {Type: abi.ParamType(0xF)}},
		{{Type: abi.ParamMemrefInput, Mem: []byte{1}, Size: 2}},
	}
	for _, p := range tests {
		wantRet(t, inst.Invoke(ctx, s, cmdNull, &p, nil), abi.ErrBadParameters, abi.OriginTEE)
		wantRet(t, inst.OpenSession(ctx, NewSession(abi.Identity{}), &p, nil), abi.ErrBadParameters, abi.OriginTEE)
	}
	wantRet(t, inst.Invoke(ctx, s, cmdNull, nil, nil), abi.Success, abi.OriginTrustedApp)
}

func TestSystemCalls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "main", Config{Rand: bytes.NewReader(bytes.Repeat([]byte{0x7E}, 1<<20))})
	inst, s := f.open(t)

	rnd := make([]byte, 8)
	wantRet(t, inst.Invoke(ctx, s, cmdRandom, &teeconn.Params{{Type: abi.ParamMemrefOutput, Mem: rnd, Size: 8}}, nil), abi.Success, abi.OriginTrustedApp)
	if !bytes.Equal(rnd, bytes.Repeat([]byte{0x7E}, 8)) {
		t.Errorf("random %x", rnd)
	}
	tp := &teeconn.Params{{Type: abi.ParamValueOutput}}
	wantRet(t, inst.Invoke(ctx, s, cmdTime, tp, nil), abi.Success, abi.OriginTrustedApp)
	if tp[0].A != 42 || tp[0].B != 7 {
		t.Errorf("time %d.%03d", tp[0].A, tp[0].B)
	}
	rw := abi.MemoryAccessRead | abi.MemoryAccessWrite
	acc := &teeconn.Params{{Type: abi.ParamMemrefInput, Mem: make([]byte, 8), Size: 8}, {Type: abi.ParamValueInput, A: rw}}
	wantRet(t, inst.Invoke(ctx, s, cmdCheckAccess, acc, nil), abi.ErrAccessDenied, abi.OriginTrustedApp)
	acc[1].A = rw | abi.MemoryAccessAnyOwner
	wantRet(t, inst.Invoke(ctx, s, cmdCheckAccess, acc, nil), abi.Success, abi.OriginTrustedApp)

	msg := []byte("hello log")
	wantRet(t, inst.Invoke(ctx, s, cmdLog, &teeconn.Params{{Type: abi.ParamMemrefInput, Mem: msg, Size: uint64(len(msg))}}, nil), abi.Success, abi.OriginTrustedApp)
	if !strings.Contains(f.log.String(), "hello log") {
		t.Errorf("log %q", f.log.String())
	}

	// Property 0 of CURRENT_TA is gpd.ta.appID, a UUID.
	name := make([]byte, 64)
	pp := &teeconn.Params{{Type: abi.ParamMemrefOutput, Mem: name, Size: 64}, {Type: abi.ParamValueInput, A: 0}, {Type: abi.ParamValueOutput}}
	wantRet(t, inst.Invoke(ctx, s, cmdPropName, pp, nil), abi.Success, abi.OriginTrustedApp)
	if string(name[:pp[0].Size]) != abi.PropAppID+"\x00" || pp[2].A != uint32(abi.PropUUID) || pp[2].B != 16 {
		t.Errorf("property 0: %q type %d size %d", name[:pp[0].Size], pp[2].A, pp[2].B)
	}
	// The standard properties the TA leaves out follow its own, ending
	// with doesNotCloseHandleOnCorruptObject; nothing comes after them.
	all := hostapi.WithTADefaults(f.ta.Props().List)
	if len(all) <= len(f.ta.Props().List) {
		t.Fatalf("no defaults added to %d properties", len(all))
	}
	last := hostapi.PropDoesNotCloseHandleOnCorruptObject
	pi := &teeconn.Params{{Type: abi.ParamValueOutput}, {Type: abi.ParamMemrefInput, Mem: []byte(last), Size: uint64(len(last))}}
	wantRet(t, inst.Invoke(ctx, s, cmdPropIndex, pi, nil), abi.Success, abi.OriginTrustedApp)
	if pi[0].A != uint32(len(all)-1) {
		t.Errorf("index of %s %d, want %d", last, pi[0].A, len(all)-1)
	}
	pp = &teeconn.Params{{Type: abi.ParamMemrefOutput, Mem: name, Size: 64}, {Type: abi.ParamValueInput, A: uint32(len(all))}, {Type: abi.ParamValueOutput}}
	wantRet(t, inst.Invoke(ctx, s, cmdPropName, pp, nil), abi.ErrItemNotFound, abi.OriginTrustedApp)
	_ = binary.LittleEndian
}
