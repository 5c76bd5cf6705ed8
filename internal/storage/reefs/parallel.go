package reefs

import (
	"fmt"
	"runtime"
	"sync"
)

// parallelMin is the amount of block data below which sealing or opening
// stays on the calling goroutine: under it, waking another costs more
// than it saves.
const parallelMin = 4 * BlockSize

// parallel runs do(i) for every i in [0, n), the jobs together covering
// size bytes, spread over up to GOMAXPROCS goroutines in contiguous
// ranges. AES-GCM is the bulk of a large read or write, and one core does
// about 3 GB/s of it: the others are idle while a TA waits on its storage
// call. It returns the error of the lowest failing job.
func parallel(n, size int, do func(i int) error) error {
	return parallelRanges(n, size, func(lo, hi int) error {
		for i := lo; i < hi; i++ {
			if err := do(i); err != nil {
				return err
			}
		}
		return nil
	})
}

// parallelRanges splits [0, n) into contiguous ranges, one per goroutine
// (see parallel), and runs do on each: a range can then be read from the
// log in one system call by the goroutine that decrypts it. It returns the
// error of the lowest failing range.
func parallelRanges(n, size int, do func(lo, hi int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n, size/parallelMin)
	if workers <= 1 {
		if n == 0 {
			return nil
		}
		return guarded(do, 0, n)
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		if w == workers-1 {
			errs[w] = guarded(do, lo, hi) // the caller takes the last range itself
			continue
		}
		wg.Go(func() { errs[w] = guarded(do, lo, hi) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// guarded runs do(lo, hi), turning a panic into its error: in a goroutine
// of its own a panic would end the daemon, not the TA whose call it serves.
func guarded(do func(lo, hi int) error, lo, hi int) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("reefs: %v", v)
		}
	}()
	return do(lo, hi)
}
