package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
)

// BenchmarkStorage compares each operation of the engine (tee) with bare
// Go doing the same I/O on the same disk (bare): os.WriteFile-style
// writes followed by fsync, os.ReadFile reads. Both use directories under
// the benchmark's temporary directory. The lead runs the same operations
// through a TA; these are the engine's own figures.
func BenchmarkStorage(b *testing.B) {
	root := b.TempDir()
	rs, _ := ree.NewDir(filepath.Join(root, "state"))
	ss, _ := ree.NewDir(filepath.Join(root, "state", REEStoreDir))
	k, _ := huk.FromBytes(make([]byte, huk.Size))
	st, err := OpenServices(rs, ss, k, reefs.DefaultOptions)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s := st.Storage
	bare := filepath.Join(root, "bare")
	os.MkdirAll(bare, 0o700)
	data4K := make([]byte, 4<<10)
	data1M := make([]byte, 1<<20)
	for i := range data1M {
		data1M[i] = byte(i)
	}
	sid := abi.StoragePrivate
	ta := taA

	bareWrite := func(name string, data []byte) {
		f, err := os.OpenFile(filepath.Join(bare, name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Write(data); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	teeCreate := func(id string, data []byte) {
		h, err := s.Create(ta, sid, []byte(id), abi.DataFlagAccessWrite|abi.DataFlagOverwrite, dataInfo, nil, data)
		if err != nil {
			b.Fatal(err)
		}
		h.Close()
	}

	b.Run("create-write-4KiB/tee", func(b *testing.B) {
		b.SetBytes(4 << 10)
		for i := 0; b.Loop(); i++ {
			teeCreate(fmt.Sprintf("c%d", i%1000), data4K)
		}
	})
	b.Run("create-write-4KiB/bare", func(b *testing.B) {
		b.SetBytes(4 << 10)
		for i := 0; b.Loop(); i++ {
			bareWrite(fmt.Sprintf("c%d", i%1000), data4K)
		}
	})
	b.Run("create-then-write-4KiB/tee", func(b *testing.B) {
		b.SetBytes(4 << 10)
		for i := 0; b.Loop(); i++ {
			h, err := s.Create(ta, sid, []byte(fmt.Sprintf("w%d", i%1000)), abi.DataFlagAccessWrite|abi.DataFlagOverwrite, dataInfo, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := h.Write(data4K); err != nil {
				b.Fatal(err)
			}
			h.Close()
		}
	})
	b.Run("create-then-write-4KiB/bare", func(b *testing.B) {
		b.SetBytes(4 << 10)
		for i := 0; b.Loop(); i++ {
			bareWrite(fmt.Sprintf("w%d", i%1000), data4K)
		}
	})

	teeCreate("r4k", data4K)
	bareWrite("r4k", data4K)
	teeCreate("r1m", data1M)
	bareWrite("r1m", data1M)
	teeRead := func(b *testing.B, id string, n int) {
		buf := make([]byte, n)
		b.SetBytes(int64(n))
		for b.Loop() {
			h, err := s.Open(ta, sid, []byte(id), abi.DataFlagAccessRead)
			if err != nil {
				b.Fatal(err)
			}
			if got, err := h.Read(buf); err != nil || got != n {
				b.Fatal(got, err)
			}
			h.Close()
		}
	}
	bareRead := func(b *testing.B, name string, n int) {
		b.SetBytes(int64(n))
		for b.Loop() {
			d, err := os.ReadFile(filepath.Join(bare, name))
			if err != nil || len(d) != n {
				b.Fatal(err)
			}
		}
	}
	b.Run("read-4KiB/tee", func(b *testing.B) { teeRead(b, "r4k", 4<<10) })
	b.Run("read-4KiB/bare", func(b *testing.B) { bareRead(b, "r4k", 4<<10) })
	b.Run("read-1MiB/tee", func(b *testing.B) { teeRead(b, "r1m", 1<<20) })
	b.Run("read-1MiB/bare", func(b *testing.B) { bareRead(b, "r1m", 1<<20) })
	b.Run("write-1MiB/tee", func(b *testing.B) {
		b.SetBytes(1 << 20)
		for b.Loop() {
			h, err := s.Open(ta, sid, []byte("r1m"), abi.DataFlagAccessWrite)
			if err != nil {
				b.Fatal(err)
			}
			if err := h.Write(data1M); err != nil {
				b.Fatal(err)
			}
			h.Close()
		}
	})
	b.Run("write-1MiB/bare", func(b *testing.B) {
		b.SetBytes(1 << 20)
		for b.Loop() {
			bareWrite("r1m", data1M)
		}
	})

	for _, n := range []int{10, 1000} {
		tta := abi.UUID{byte(n >> 8), byte(n)}
		dir := filepath.Join(root, fmt.Sprintf("bare-%d", n))
		os.MkdirAll(dir, 0o700)
		for i := range n {
			id := fmt.Sprintf("obj-%04d", i)
			h, err := s.Create(tta, sid, []byte(id), 0, dataInfo, nil, data4K[:64])
			if err != nil {
				b.Fatal(err)
			}
			h.Close()
			os.WriteFile(filepath.Join(dir, id), data4K[:64], 0o600)
		}
		b.Run(fmt.Sprintf("open-%d/tee", n), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				h, err := s.Open(tta, sid, []byte(fmt.Sprintf("obj-%04d", i*7919%n)), abi.DataFlagAccessRead)
				if err != nil {
					b.Fatal(err)
				}
				h.Close()
			}
		})
		b.Run(fmt.Sprintf("open-%d/bare", n), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				f, err := os.Open(filepath.Join(dir, fmt.Sprintf("obj-%04d", i*7919%n)))
				if err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
		})
		b.Run(fmt.Sprintf("enumerate-%d/tee", n), func(b *testing.B) {
			e := s.NewEnumerator(tta)
			for b.Loop() {
				if err := e.Start(sid); err != nil {
					b.Fatal(err)
				}
				c := 0
				for {
					_, err := e.GetNext(64)
					if err != nil {
						break
					}
					c++
				}
				if c != n {
					b.Fatal(c)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/object")
		})
		b.Run(fmt.Sprintf("enumerate-%d/bare", n), func(b *testing.B) {
			for b.Loop() {
				es, err := os.ReadDir(dir)
				if err != nil || len(es) != n {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/object")
		})
	}
}
