package veritee_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"sync"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// taCall is the p0 of testta.CmdTACall: the callee and the command.
func taCall(callee abi.UUID, cmd uint32) *teec.TempMemoryReference {
	b := binary.LittleEndian.AppendUint32(append([]byte(nil), callee[:]...), cmd)
	return &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: b, Size: uint64(len(b))}
}

// other returns the test TA UUIDs of the other language.
func other(uuids [testta.NumVariants]abi.UUID) [testta.NumVariants]abi.UUID {
	if uuids == testta.CUUIDs {
		return testta.GoUUIDs
	}
	return testta.CUUIDs
}

// TestTAToTA: a TA calls another TA (GPD_SPE_010 §4.9), C calling Go and Go
// calling C: parameters of every kind pass and come back, the callee sees
// the caller as a TRUSTED_APP client, chains work, and a dead, cancelled,
// missing or recursive callee is reported as GP says.
func TestTAToTA(t *testing.T) {
	t.Parallel()
	forEach(t, nil, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		ctx := context.Background()
		caller := uuids[testta.VariantShared]
		callee := other(uuids)[testta.VariantMulti]
		s := open(t, c, caller)
		origin := func() *teec.Value { return &teec.Value{Type: teec.ValueOutput} }

		t.Run("identity", func(t *testing.T) {
			login := &teec.Value{Type: teec.ValueOutput}
			id := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 16), Size: 16}
			op := &teec.Operation{Params: [4]teec.Parameter{taCall(callee, testta.CmdClientIdentity), login, id}}
			if err := s.InvokeCommand(ctx, testta.CmdTACall, op); err != nil {
				t.Fatal(err)
			}
			if login.A != abi.LoginTrustedApp || abi.UUID(id.Buffer) != caller {
				t.Errorf("callee sees login %#x, UUID %x; want TRUSTED_APP and %v", login.A, id.Buffer, caller)
			}
		})
		t.Run("parameters", func(t *testing.T) {
			data := pattern(300, 5)
			m := &teec.TempMemoryReference{Type: teec.MemrefTempInout, Buffer: bytes.Clone(data), Size: 300}
			v := &teec.Value{Type: teec.ValueInout, A: 10, B: 20}
			op := &teec.Operation{Params: [4]teec.Parameter{taCall(callee, testta.CmdParams), m, v, origin()}}
			if err := s.InvokeCommand(ctx, testta.CmdTACall, op); err != nil {
				t.Fatal(err)
			}
			for i := range data {
				data[i] ^= 0xFF
			}
			if !bytes.Equal(m.Buffer, data) || v.A != 11 || v.B != 22 {
				t.Errorf("after the callee: value %d,%d; bytes % x...", v.A, v.B, head(m.Buffer))
			}
		})
		t.Run("input and output types", func(t *testing.T) {
			// A memref input and a value input reach the callee (its sum
			// comes back in the value output); a memref output is filled.
			in := &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: []byte{1, 2, 3}, Size: 3}
			sum := &teec.Value{Type: teec.ValueOutput}
			op := &teec.Operation{Params: [4]teec.Parameter{taCall(callee, testta.CmdParams), in, sum}}
			if err := s.InvokeCommand(ctx, testta.CmdTACall, op); err != nil {
				t.Fatal(err)
			}
			if sum.A != 6 || sum.B != 1 {
				t.Errorf("callee's sum %d (param %d), want 6 (1)", sum.A, sum.B)
			}
			v := &teec.Value{Type: teec.ValueInput, A: 5, B: 6}
			out := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 4), Size: 4}
			op = &teec.Operation{Params: [4]teec.Parameter{taCall(callee, testta.CmdParams), v, out}}
			if err := s.InvokeCommand(ctx, testta.CmdTACall, op); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Buffer, []byte{0x22, 0x22, 0x22, 0x22}) || out.Size != 4 {
				t.Errorf("callee's output % x (size %d)", out.Buffer, out.Size)
			}
		})
		t.Run("chain of three", func(t *testing.T) {
			third := uuids[testta.VariantMulti]
			m := &teec.TempMemoryReference{Type: teec.MemrefTempInout, Buffer: []byte{1, 2, 3}, Size: 3}
			op := &teec.Operation{Params: [4]teec.Parameter{taCall(callee, testta.CmdTACall), taCall(third, testta.CmdParams), m}}
			if err := s.InvokeCommand(ctx, testta.CmdTACall, op); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(m.Buffer, []byte{0xFE, 0xFD, 0xFC}) {
				t.Errorf("chain result % x", m.Buffer)
			}
		})
		t.Run("dead callee", func(t *testing.T) {
			o := origin()
			op := &teec.Operation{Params: [4]teec.Parameter{taCall(callee, testta.CmdPanic), nil, nil, o}}
			wantResult(t, s.InvokeCommand(ctx, testta.CmdTACall, op), teec.ErrTargetDead, teec.OriginTrustedApp)
			if o.A != uint32(abi.OriginTEE) || o.B != uint32(abi.ErrTargetDead) {
				t.Errorf("the caller saw origin %#x result %#x", o.A, o.B)
			}
			// The caller lives on.
			if err := s.InvokeCommand(ctx, testta.CmdNull, nil); err != nil {
				t.Errorf("caller after its callee died: %v", err)
			}
		})
		t.Run("missing callee", func(t *testing.T) {
			o := origin()
			op := &teec.Operation{Params: [4]teec.Parameter{taCall(abi.MustParseUUID("00000000-0000-4000-8000-00000000dead"), testta.CmdNull), nil, nil, o}}
			wantResult(t, s.InvokeCommand(ctx, testta.CmdTACall, op), teec.ErrItemNotFound, teec.OriginTrustedApp)
			if o.A != uint32(abi.OriginTEE) {
				t.Errorf("origin %#x, want TEE", o.A)
			}
		})
		t.Run("calling itself", func(t *testing.T) {
			o := origin()
			op := &teec.Operation{Params: [4]teec.Parameter{taCall(caller, testta.CmdNull), nil, nil, o}}
			wantResult(t, s.InvokeCommand(ctx, testta.CmdTACall, op), teec.ErrBusy, teec.OriginTrustedApp)
			if o.A != uint32(abi.OriginTEE) {
				t.Errorf("origin %#x, want TEE", o.A)
			}
		})
		t.Run("one session, many invokes", func(t *testing.T) {
			op := &teec.Operation{Params: [4]teec.Parameter{
				&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: callee[:], Size: 16},
				&teec.Value{Type: teec.ValueInput, A: 100}}}
			if err := s.InvokeCommand(ctx, testta.CmdTANullLoop, op); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("cancelled from the client", func(t *testing.T) {
			op := &teec.Operation{Params: [4]teec.Parameter{taCall(callee, testta.CmdLoopUntilCancel)}}
			done := make(chan error, 1)
			go func() { done <- s.InvokeCommand(ctx, testta.CmdTACall, op) }()
			time.Sleep(50 * time.Millisecond)
			op.RequestCancellation()
			select {
			case err := <-done:
				wantResult(t, err, teec.ErrCancel, teec.OriginTrustedApp)
			case <-time.After(10 * time.Second):
				t.Fatal("the cancellation did not reach the callee")
			}
		})
	})
}

// TestTAToTAConcurrent runs 32 chains client → C → Go → C at once.
func TestTAToTAConcurrent(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	c := tee.client(t, embedded)
	var wg sync.WaitGroup
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := c.OpenSession(context.Background(), testta.CUUIDs[testta.VariantMulti], teec.LoginPublic, nil, nil)
			if err != nil {
				t.Error(err)
				return
			}
			defer s.Close()
			for i := 0; i < 20; i++ {
				m := &teec.TempMemoryReference{Type: teec.MemrefTempInout, Buffer: []byte{byte(g), byte(i)}, Size: 2}
				op := &teec.Operation{Params: [4]teec.Parameter{
					taCall(testta.GoUUIDs[testta.VariantMulti], testta.CmdTACall),
					taCall(testta.CUUIDs[testta.VariantShared], testta.CmdParams), m}}
				if err := s.InvokeCommand(context.Background(), testta.CmdTACall, op); err != nil {
					t.Error(err)
					return
				}
				if m.Buffer[0] != ^byte(g) || m.Buffer[1] != ^byte(i) {
					t.Errorf("chain %d round %d: % x", g, i, m.Buffer)
					return
				}
			}
		}()
	}
	wg.Wait()
}
