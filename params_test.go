package veritee_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// window returns the bytes a memory-reference parameter covers and its
// direction as the TA sees it (nil for a NULL reference).
func window(p teec.Parameter) ([]byte, abi.ParamType) {
	switch p := p.(type) {
	case *teec.TempMemoryReference:
		dir := map[teec.ParamType]abi.ParamType{teec.MemrefTempInput: abi.ParamMemrefInput, teec.MemrefTempOutput: abi.ParamMemrefOutput, teec.MemrefTempInout: abi.ParamMemrefInout}[p.Type]
		if p.Buffer == nil {
			return nil, dir
		}
		return p.Buffer[:p.Size], dir
	case *teec.RegisteredMemoryReference:
		buf := p.Parent.Buffer()
		switch p.Type {
		case teec.MemrefWhole:
			dir := map[teec.MemFlags]abi.ParamType{teec.MemInput: abi.ParamMemrefInput, teec.MemOutput: abi.ParamMemrefOutput, teec.MemInput | teec.MemOutput: abi.ParamMemrefInout}[p.Parent.Flags()]
			return buf, dir
		case teec.MemrefPartialInput:
			return buf[p.Offset : p.Offset+p.Size], abi.ParamMemrefInput
		case teec.MemrefPartialOutput:
			return buf[p.Offset : p.Offset+p.Size], abi.ParamMemrefOutput
		case teec.MemrefPartialInout:
			return buf[p.Offset : p.Offset+p.Size], abi.ParamMemrefInout
		}
	}
	return nil, abi.ParamNone
}

// expectParams computes what testta.CmdParams does to op, as its
// documentation says, and returns a function that checks op after the call.
func expectParams(op *teec.Operation) func(t *testing.T) {
	var acc uint32
	type want struct {
		a, b  uint32
		bytes []byte
	}
	var wants [4]*want
	for i, p := range op.Params {
		switch p := p.(type) {
		case *teec.Value:
			switch p.Type {
			case teec.ValueInput:
				acc += p.A + p.B
				wants[i] = &want{a: p.A, b: p.B}
			case teec.ValueInout:
				acc += p.A + p.B
				wants[i] = &want{a: p.A + 1, b: p.B + 2}
			case teec.ValueOutput:
				wants[i] = &want{a: acc, b: uint32(i)}
			}
		case *teec.TempMemoryReference, *teec.RegisteredMemoryReference:
			w, dir := window(p)
			if w == nil {
				continue
			}
			exp := bytes.Clone(w)
			switch dir {
			case abi.ParamMemrefInput:
				acc += sum(w)
			case abi.ParamMemrefInout:
				acc += sum(w)
				for j := range exp {
					exp[j] ^= 0xFF
				}
			case abi.ParamMemrefOutput:
				for j := range exp {
					exp[j] = byte(i+1) * 0x11
				}
			}
			wants[i] = &want{bytes: exp}
		}
	}
	return func(t *testing.T) {
		t.Helper()
		for i, p := range op.Params {
			w := wants[i]
			if w == nil {
				continue
			}
			switch p := p.(type) {
			case *teec.Value:
				if p.A != w.a || p.B != w.b {
					t.Errorf("param %d (%v): a, b = %#x, %#x; want %#x, %#x", i, p.Type, p.A, p.B, w.a, w.b)
				}
			default:
				got, _ := window(p)
				if !bytes.Equal(got, w.bytes) {
					t.Errorf("param %d: bytes % x; want % x", i, head(got), head(w.bytes))
				}
			}
		}
	}
}

func sum(b []byte) uint32 {
	var s uint32
	for _, c := range b {
		s += uint32(c)
	}
	return s
}

func head(b []byte) []byte {
	if len(b) > 16 {
		return b[:16]
	}
	return b
}

func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i*7)
	}
	return b
}

// TestParams passes every client parameter type, in every position, to the
// C and the Go test TA, over the socket and in-process, and checks what
// comes back against the command's specification.
func TestParams(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		s := open(t, c, uuids[testta.VariantShared])
		shmIn, err := c.AllocateSharedMemory(64, teec.MemInput)
		if err != nil {
			t.Fatal(err)
		}
		defer shmIn.Release()
		shmOut, err := c.AllocateSharedMemory(64, teec.MemOutput)
		if err != nil {
			t.Fatal(err)
		}
		defer shmOut.Release()
		shmIO, err := c.AllocateSharedMemory(4096, teec.MemInput|teec.MemOutput)
		if err != nil {
			t.Fatal(err)
		}
		defer shmIO.Release()
		// Registered user memory: the model reads and checks it through
		// Parent.Buffer(), which is the caller's own slice.
		shmReg, err := c.RegisterSharedMemory(pattern(100, 3), teec.MemInput|teec.MemOutput)
		if err != nil {
			t.Fatal(err)
		}
		defer shmReg.Release()

		// Each maker returns a fresh parameter of one kind.
		makers := map[string]func() teec.Parameter{
			"none":        func() teec.Parameter { return nil },
			"value-in":    func() teec.Parameter { return &teec.Value{Type: teec.ValueInput, A: 7, B: 11} },
			"value-out":   func() teec.Parameter { return &teec.Value{Type: teec.ValueOutput, A: 0xdead, B: 0xbeef} },
			"value-inout": func() teec.Parameter { return &teec.Value{Type: teec.ValueInout, A: 100, B: 200} },
			"temp-in": func() teec.Parameter {
				return &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: pattern(33, 1), Size: 33}
			},
			"temp-out": func() teec.Parameter {
				return &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 17), Size: 17}
			},
			"temp-inout": func() teec.Parameter {
				return &teec.TempMemoryReference{Type: teec.MemrefTempInout, Buffer: pattern(1000, 9), Size: 1000}
			},
			"temp-in-null":  func() teec.Parameter { return &teec.TempMemoryReference{Type: teec.MemrefTempInput} },
			"temp-out-zero": func() teec.Parameter { return &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: []byte{}} },
			"whole-in": func() teec.Parameter {
				copy(shmIn.Buffer(), pattern(64, 5))
				return &teec.RegisteredMemoryReference{Type: teec.MemrefWhole, Parent: shmIn}
			},
			"whole-out": func() teec.Parameter { return &teec.RegisteredMemoryReference{Type: teec.MemrefWhole, Parent: shmOut} },
			"whole-inout": func() teec.Parameter {
				copy(shmIO.Buffer(), pattern(4096, 2))
				return &teec.RegisteredMemoryReference{Type: teec.MemrefWhole, Parent: shmIO}
			},
			"partial-in": func() teec.Parameter {
				copy(shmIO.Buffer(), pattern(4096, 4))
				return &teec.RegisteredMemoryReference{Type: teec.MemrefPartialInput, Parent: shmIO, Offset: 10, Size: 20}
			},
			"partial-out": func() teec.Parameter {
				return &teec.RegisteredMemoryReference{Type: teec.MemrefPartialOutput, Parent: shmIO, Offset: 1000, Size: 300}
			},
			"partial-inout": func() teec.Parameter {
				copy(shmIO.Buffer(), pattern(4096, 6))
				return &teec.RegisteredMemoryReference{Type: teec.MemrefPartialInout, Parent: shmIO, Offset: 4000, Size: 96}
			},
			"registered-inout": func() teec.Parameter {
				return &teec.RegisteredMemoryReference{Type: teec.MemrefPartialInout, Parent: shmReg, Offset: 50, Size: 50}
			},
		}
		// Every kind in every position, after a value input and before a
		// value output, so the running sum shows that inputs arrived.
		for name, mk := range makers {
			for pos := 0; pos < 4; pos++ {
				t.Run(fmt.Sprintf("%s@%d", name, pos), func(t *testing.T) {
					var op teec.Operation
					for i := range op.Params {
						switch {
						case i == pos:
							op.Params[i] = mk()
						case i < pos:
							op.Params[i] = &teec.Value{Type: teec.ValueInput, A: uint32(i), B: 1}
						default:
							op.Params[i] = &teec.Value{Type: teec.ValueOutput}
						}
					}
					check := expectParams(&op)
					if err := s.InvokeCommand(context.Background(), testta.CmdParams, &op); err != nil {
						t.Fatal(err)
					}
					check(t)
				})
			}
		}
	})
}

// TestOpenSessionParams checks that TA_OpenSessionEntryPoint gets and
// returns parameters like an invoke, and that a TA refusing a session is
// reported with origin TRUSTED_APP.
func TestOpenSessionParams(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		op := &teec.Operation{Params: [4]teec.Parameter{
			&teec.Value{Type: teec.ValueInput, A: 1, B: 2},
			&teec.TempMemoryReference{Type: teec.MemrefTempInout, Buffer: []byte{1, 2, 3}, Size: 3},
			&teec.Value{Type: teec.ValueOutput},
		}}
		check := expectParams(op)
		s, err := c.OpenSession(context.Background(), uuids[testta.VariantMulti], teec.LoginPublic, nil, op)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		check(t)

		refuse := &teec.Operation{Params: [4]teec.Parameter{&teec.Value{Type: teec.ValueInput, A: testta.OpenRefuse}}}
		_, err = c.OpenSession(context.Background(), uuids[testta.VariantMulti], teec.LoginPublic, nil, refuse)
		wantResult(t, err, teec.ErrAccessDenied, teec.OriginTrustedApp)
	})
}

// TestShortBuffer checks GP's size-query protocol: SHORT_BUFFER hands back
// the size needed, and a large enough buffer then gets the data.
func TestShortBuffer(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		s := open(t, c, uuids[testta.VariantShared])
		for _, tc := range []struct {
			name string
			out  *teec.TempMemoryReference
		}{
			{"small", &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 10), Size: 10}},
			{"null", &teec.TempMemoryReference{Type: teec.MemrefTempOutput}},
			{"null with size", &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Size: 99}},
		} {
			op := &teec.Operation{Params: [4]teec.Parameter{tc.out, &teec.Value{Type: teec.ValueInput, A: 100}}}
			err := s.InvokeCommand(context.Background(), testta.CmdShortBuffer, op)
			wantResult(t, err, teec.ErrShortBuffer, teec.OriginTrustedApp)
			if tc.out.Size != 100 {
				t.Errorf("%s: size after SHORT_BUFFER = %d, want 100", tc.name, tc.out.Size)
			}
		}
		out := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 128), Size: 128}
		op := &teec.Operation{Params: [4]teec.Parameter{out, &teec.Value{Type: teec.ValueInput, A: 100}}}
		if err := s.InvokeCommand(context.Background(), testta.CmdShortBuffer, op); err != nil {
			t.Fatal(err)
		}
		if out.Size != 100 || !bytes.Equal(out.Buffer[:100], bytes.Repeat([]byte{0xA5}, 100)) || out.Buffer[100] != 0 {
			t.Errorf("after success: size %d, data % x...", out.Size, head(out.Buffer[96:]))
		}
		// The same through registered memory.
		shm, err := c.AllocateSharedMemory(256, teec.MemOutput)
		if err != nil {
			t.Fatal(err)
		}
		defer shm.Release()
		ref := &teec.RegisteredMemoryReference{Type: teec.MemrefPartialOutput, Parent: shm, Offset: 8, Size: 50}
		op = &teec.Operation{Params: [4]teec.Parameter{ref, &teec.Value{Type: teec.ValueInput, A: 100}}}
		wantResult(t, s.InvokeCommand(context.Background(), testta.CmdShortBuffer, op), teec.ErrShortBuffer, teec.OriginTrustedApp)
		if ref.Size != 100 {
			t.Errorf("registered: size after SHORT_BUFFER = %d, want 100", ref.Size)
		}
	})
}
