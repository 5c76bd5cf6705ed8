package veritee_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
)

// BenchmarkStorage times the GP storage API inside a test TA
// (testta.CmdStorBench repeats the operation b.N times in one invoke, so
// the invoke path is not measured), beside the bare file system on the
// same disk in the same run: "bare" is os.WriteFile plus fsync, or
// os.ReadFile, os.Open, os.ReadDir, in a directory beside the TEE's state
// directory. The TEE writes are durable and atomic when they return, as
// the bare ones are after fsync. The store is TEE_STORAGE_PRIVATE (the
// REE file store). The C test TA runs them (the Go one when the C one
// lacks the storage family).
//
//	go test -run '^$' -bench Storage -benchtime 2s .
func BenchmarkStorage(b *testing.B) {
	state := b.TempDir()
	tee := startTEE(b, withStateDir(state))
	c := tee.client(b, embedded)
	a := newStorTA(b, c, testta.CUUIDs[testta.VariantShared])
	if _, r := a.allocEnum(); r == abi.ErrNotSupported {
		b.Log("the C test TA has no storage family: the Go test TA runs the benchmarks")
		a = newStorTA(b, c, testta.GoUUIDs[testta.VariantShared])
	}
	bare := filepath.Join(state, "bare")
	if err := os.MkdirAll(bare, 0o700); err != nil {
		b.Fatal(err)
	}
	const sid = abi.StoragePrivate
	teeBench := func(op uint32, size int, id []byte) func(b *testing.B) {
		return func(b *testing.B) {
			if op != testta.StorBenchOpen && op != testta.StorBenchEnumerate {
				b.SetBytes(int64(size))
			}
			b.ResetTimer()
			if _, r := a.bench(op, uint32(b.N), sid, uint32(size), id); r != abi.Success {
				b.Fatalf("bench op %d: %v", op, r)
			}
		}
	}
	data := func(n int) []byte {
		d := make([]byte, n)
		for i := range d {
			d[i] = 0xA5
		}
		return d
	}
	writeSync := func(b *testing.B, p string, d []byte) {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err == nil {
			_, err = f.Write(d)
		}
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	readBare := func(p string, size int) func(b *testing.B) {
		return func(b *testing.B) {
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				if _, err := os.ReadFile(p); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	writeBare := func(p string, size int) func(b *testing.B) {
		d := data(size)
		return func(b *testing.B) {
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				writeSync(b, p, d)
			}
		}
	}
	// prepare creates object id with size bytes, and the bare file p.
	prepare := func(id string, p string, size int) {
		if _, r := a.bench(testta.StorBenchCreateWrite, 1, sid, uint32(size), []byte(id)); r != abi.Success {
			b.Fatalf("creating %s: %v", id, r)
		}
		writeSync(b, p, data(size))
	}

	b.Run("create-write-4KiB", func(b *testing.B) {
		b.Run("tee", teeBench(testta.StorBenchCreateWrite, 4<<10, []byte("bench/cw")))
		b.Run("bare", writeBare(filepath.Join(bare, "cw"), 4<<10))
	})
	for _, sz := range []struct {
		name string
		n    int
	}{{"4KiB", 4 << 10}, {"1MiB", 1 << 20}} {
		id, p := "bench/r"+sz.name, filepath.Join(bare, "r"+sz.name)
		prepare(id, p, sz.n)
		b.Run("read-"+sz.name, func(b *testing.B) {
			b.Run("tee", teeBench(testta.StorBenchRead, sz.n, []byte(id)))
			b.Run("bare", readBare(p, sz.n))
		})
	}
	prepare("bench/w1MiB", filepath.Join(bare, "w1MiB"), 1<<20)
	b.Run("write-1MiB", func(b *testing.B) {
		b.Run("tee", teeBench(testta.StorBenchWrite, 1<<20, []byte("bench/w1MiB")))
		b.Run("bare", writeBare(filepath.Join(bare, "w1MiB"), 1<<20))
	})
	// The counts below are all the TA has: the objects above go first.
	for _, id := range []string{"bench/cw", "bench/r4KiB", "bench/r1MiB", "bench/w1MiB"} {
		h, r := a.open(sid, id, abi.DataFlagAccessWriteMeta)
		a.must("open "+id, r)
		a.must("delete "+id, a.del(h))
	}
	base := []byte("bench/many/")
	for _, n := range []int{10, 1000} {
		dir := filepath.Join(bare, fmt.Sprintf("many%d", n))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			b.Fatal(err)
		}
		for i := range n {
			writeSync(b, filepath.Join(dir, fmt.Sprint(i)), nil)
		}
		if _, r := a.bench(testta.StorBenchCreateMany, uint32(n), sid, 0, base); r != abi.Success {
			b.Fatalf("creating %d objects: %v", n, r)
		}
		mid := le32(base, uint32(n/2))
		b.Run(fmt.Sprintf("open-by-id-%d", n), func(b *testing.B) {
			b.Run("tee", teeBench(testta.StorBenchOpen, 0, mid))
			b.Run("bare", func(b *testing.B) {
				p := filepath.Join(dir, fmt.Sprint(n/2))
				for i := 0; i < b.N; i++ {
					f, err := os.Open(p)
					if err != nil {
						b.Fatal(err)
					}
					f.Close()
				}
			})
		})
		b.Run(fmt.Sprintf("enumerate-%d", n), func(b *testing.B) {
			b.Run("tee", func(b *testing.B) {
				got, r := a.bench(testta.StorBenchEnumerate, uint32(b.N), sid, 0, base)
				if r != abi.Success || got != uint32(n) {
					b.Fatalf("enumerated %d objects (%v), want %d", got, r, n)
				}
			})
			b.Run("bare", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if es, err := os.ReadDir(dir); err != nil || len(es) != n {
						b.Fatalf("ReadDir: %d entries, %v", len(es), err)
					}
				}
			})
		})
		if _, r := a.bench(testta.StorBenchDeleteMany, uint32(n), sid, 0, base); r != abi.Success {
			b.Fatalf("deleting %d objects: %v", n, r)
		}
	}
}
