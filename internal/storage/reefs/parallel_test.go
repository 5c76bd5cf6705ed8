package reefs

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

func TestParallelRunsEveryJobAndReportsTheFirstError(t *testing.T) {
	t.Parallel()
	bad := errors.New("bad")
	for _, tc := range []struct {
		n, size int
		failAt  []int
		want    error
	}{
		{n: 0, size: 0},
		{n: 1, size: BlockSize},
		{n: 64, size: 64 * BlockSize},
		{n: 7, size: 7 * parallelMin},
		{n: 64, size: 64 * BlockSize, failAt: []int{50, 3}, want: bad},
		{n: 3, size: 3 * BlockSize, failAt: []int{2}, want: bad},
	} {
		t.Run(fmt.Sprintf("%d/%d/%v", tc.n, tc.size, tc.failAt), func(t *testing.T) {
			t.Parallel()
			ran := make([]bool, tc.n)
			fail := map[int]bool{}
			for _, i := range tc.failAt {
				fail[i] = true
			}
			err := parallel(tc.n, tc.size, func(i int) error {
				ran[i] = true
				if fail[i] {
					return fmt.Errorf("job %d: %w", i, bad)
				}
				return nil
			})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err %v, want %v", err, tc.want)
			}
			if tc.want != nil {
				return
			}
			for i, r := range ran {
				if !r {
					t.Fatalf("job %d did not run", i)
				}
			}
		})
	}
}

// TestLargeObjects writes and reads objects larger than one read of the
// log (readRunMax), at unaligned offsets, so that sealing and opening run
// in parallel and reads are split into several runs; the store reopened
// authenticates every data area again.
func TestLargeObjects(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	o := e.mustOpen(t)
	big := pattern(3*readRunMax+BlockSize/3, 9)
	if err := o.s.Create(taA, []byte("big"), nil, nil, big, false); err != nil {
		t.Fatal(err)
	}
	patch := pattern(2*readRunMax+5, 200)
	const at = 5*BlockSize + 77
	if err := o.s.WriteAt(taA, []byte("big"), patch, at); err != nil {
		t.Fatal(err)
	}
	copy(big[at:], patch)
	check := func(s *Store) {
		t.Helper()
		for _, r := range []struct{ off, n int }{
			{0, len(big)},
			{1, len(big) - 2},
			{BlockSize - 1, readRunMax + 2},
			{at, len(patch)},
			{len(big) - 10, 10},
		} {
			got := make([]byte, r.n)
			if n, err := s.ReadAt(taA, []byte("big"), got, uint64(r.off)); err != nil || n != r.n {
				t.Fatalf("read %d+%d: %d, %v", r.off, r.n, n, err)
			}
			if !bytes.Equal(got, big[r.off:r.off+r.n]) {
				t.Fatalf("read %d+%d differs", r.off, r.n)
			}
		}
	}
	check(o.s)
	o.Close()
	o = e.mustOpen(t)
	defer o.Close()
	if err := o.s.Health(); err != nil {
		t.Fatalf("reopened store: %v", err)
	}
	check(o.s)
}

func TestParallelWorkerPanicIsAnError(t *testing.T) {
	t.Parallel()
	err := parallelRanges(64, 64*BlockSize, func(lo, hi int) error {
		if lo == 0 {
			panic("boom")
		}
		return nil
	})
	if err == nil {
		t.Fatal("a worker's panic was lost")
	}
}
