package ree

import (
	"errors"
	"sync"
)

// Faulty wraps Services and counts every operation that changes the disk
// (create, write, sync, truncate, remove, directory sync). Before the
// operation numbered At (1-based) it calls Hit; a crash test's Hit kills
// the process, a fault test's returns an error. For a write at the fault
// point, Faulty first writes the first half of the buffer, so that the
// crash leaves a torn write behind.
type Faulty struct {
	Inner Services
	At    int64
	// Hit is called at the fault point; a non-nil result fails the
	// operation with it.
	Hit func(op string) error

	mu sync.Mutex
	n  int64
}

// ErrInjected is a convenient error for Hit to return.
var ErrInjected = errors.New("ree: injected fault")

// Count returns the number of mutating operations seen so far.
func (f *Faulty) Count() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

func (f *Faulty) step() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	return f.At > 0 && f.n == f.At
}

func (f *Faulty) hit(op string) error {
	if f.Hit == nil {
		return ErrInjected
	}
	return f.Hit(op)
}

func (f *Faulty) Open(name string, create bool) (File, error) {
	if create && f.step() {
		if err := f.hit("create"); err != nil {
			return nil, err
		}
	}
	in, err := f.Inner.Open(name, create)
	if err != nil {
		return nil, err
	}
	return &faultyFile{f: f, in: in}, nil
}

func (f *Faulty) Remove(name string) error {
	if f.step() {
		if err := f.hit("remove"); err != nil {
			return err
		}
	}
	return f.Inner.Remove(name)
}

func (f *Faulty) List() ([]string, error) { return f.Inner.List() }

func (f *Faulty) SyncDir() error {
	if f.step() {
		if err := f.hit("syncdir"); err != nil {
			return err
		}
	}
	return f.Inner.SyncDir()
}

type faultyFile struct {
	f  *Faulty
	in File
}

func (ff *faultyFile) ReadAt(p []byte, off int64) (int, error) { return ff.in.ReadAt(p, off) }
func (ff *faultyFile) Size() (int64, error)                    { return ff.in.Size() }
func (ff *faultyFile) Close() error                            { return ff.in.Close() }

func (ff *faultyFile) WriteAt(p []byte, off int64) (int, error) {
	if ff.f.step() {
		ff.in.WriteAt(p[:len(p)/2], off) // torn write
		if err := ff.f.hit("write"); err != nil {
			return 0, err
		}
	}
	return ff.in.WriteAt(p, off)
}

func (ff *faultyFile) Sync() error {
	if ff.f.step() {
		if err := ff.f.hit("sync"); err != nil {
			return err
		}
	}
	return ff.in.Sync()
}

func (ff *faultyFile) Truncate(n int64) error {
	if ff.f.step() {
		if err := ff.f.hit("truncate"); err != nil {
			return err
		}
	}
	return ff.in.Truncate(n)
}
