package veritee_test

import (
	"context"
	"os"
	"testing"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/internal/transport"
	"github.com/veritee/veritee/teec"
)

// BenchmarkNullInvoke times a null invoke of the C test TA over the socket
// and in-process, beside the floor: a bare Unix-socket round trip of a
// frame the size of a null invoke, in the same run.
//
//	go test -run '^$' -bench NullInvoke .
func BenchmarkNullInvoke(b *testing.B) {
	tee := startTEE(b)
	for _, mode := range modes {
		b.Run(mode, func(b *testing.B) {
			c := tee.client(b, mode)
			s := open(b, c, testta.CUUIDs[testta.VariantShared])
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := s.InvokeCommand(ctx, testta.CmdNull, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("raw-socket-echo", func(b *testing.B) {
		e, err := transport.NewRawEcho(transport.NullInvokeFrameSize)
		if err != nil {
			b.Fatal(err)
		}
		defer e.Close()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := e.RoundTrip(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkInvokeMemref1MiB passes 1 MiB of registered shared memory as
// MEMREF_PARTIAL_INOUT: in, to the TA and back.
//
//	go test -run '^$' -bench InvokeMemref .
func BenchmarkInvokeMemref1MiB(b *testing.B) {
	tee := startTEE(b)
	for _, mode := range modes {
		b.Run(mode, func(b *testing.B) {
			c := tee.client(b, mode)
			s := open(b, c, testta.CUUIDs[testta.VariantShared])
			shm, err := c.AllocateSharedMemory(1<<20, teec.MemInput|teec.MemOutput)
			if err != nil {
				b.Fatal(err)
			}
			defer shm.Release()
			op := &teec.Operation{}
			ctx := context.Background()
			b.SetBytes(1 << 20)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				op.Params[0] = &teec.RegisteredMemoryReference{Type: teec.MemrefPartialInout, Parent: shm, Size: 1 << 20}
				if err := s.InvokeCommand(ctx, testta.CmdNull, op); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenSession times opening the first session of the C
// hello_world TA in a fresh TEE: with an empty compile cache (the TA is
// compiled) and with a warm one.
//
//	go test -run '^$' -bench OpenSession .
func BenchmarkOpenSession(b *testing.B) {
	hello := teec.MustParseUUID(testta.HelloWorldC)
	warm := b.TempDir()
	first := func(b *testing.B, state string) {
		ctx := context.Background()
		b.StopTimer()
		tee, err := veritee.Start(ctx, veritee.Options{TADirs: []string{taDir}, StateDir: state, DevKey: testta.DevKey()})
		if err != nil {
			b.Fatal(err)
		}
		c, err := teec.InitializeContext(tee.Name())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		s, err := c.OpenSession(ctx, hello, teec.LoginPublic, nil, nil)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
		c.Finalize()
		tee.Close(ctx)
		b.StartTimer()
	}
	b.Run("cold-cache", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			dir, err := os.MkdirTemp("", "vt-cold-")
			if err != nil {
				b.Fatal(err)
			}
			first(b, dir)
			b.StopTimer()
			os.RemoveAll(dir)
			b.StartTimer()
		}
	})
	b.Run("warm-cache", func(b *testing.B) {
		first(b, warm) // fill the cache
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			first(b, warm)
		}
	})
}

// BenchmarkTAToTANullInvoke times a null invoke from one C TA to another
// (TEE_InvokeTACommand on an open session), beside an embedded null invoke
// from a client in the same run.
//
//	go test -run '^$' -bench TAToTANullInvoke .
func BenchmarkTAToTANullInvoke(b *testing.B) {
	tee := startTEE(b)
	c := tee.client(b, embedded)
	s := open(b, c, testta.CUUIDs[testta.VariantShared])
	ctx := context.Background()
	b.Run("ta-to-ta", func(b *testing.B) {
		callee := testta.CUUIDs[testta.VariantMulti]
		n := &teec.Value{Type: teec.ValueInput, A: uint32(b.N)}
		op := &teec.Operation{Params: [4]teec.Parameter{
			&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: callee[:], Size: 16}, n}}
		b.ResetTimer()
		if err := s.InvokeCommand(ctx, testta.CmdTANullLoop, op); err != nil {
			b.Fatal(err)
		}
	})
	b.Run("embedded", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := s.InvokeCommand(ctx, testta.CmdNull, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
