package reefs

import (
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
	workers := min(runtime.GOMAXPROCS(0), n, size/parallelMin)
	if workers <= 1 {
		for i := range n {
			if err := do(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		run := func() {
			for i := lo; i < hi; i++ {
				if errs[w] = do(i); errs[w] != nil {
					return
				}
			}
		}
		if w == workers-1 {
			run() // the caller takes the last range itself
			continue
		}
		wg.Go(run)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
