package ree

import (
	"errors"
	"sync"
)

// Faults counts the operations that change the disk (create, write, sync,
// truncate, remove, directory sync) across every Services it wraps, and
// injects a fault before the operation numbered At (1-based): Hit is
// called, and a crash test's Hit kills the process there. For a write at
// the fault point, the first half of the buffer is written first, so that
// a crash leaves a torn write behind.
type Faults struct {
	At int64
	// Hit is called at the fault point; a non-nil result fails the
	// operation with it. A nil Hit fails it with ErrInjected.
	Hit func(op string) error

	mu sync.Mutex
	n  int64
}

// ErrInjected is the error of an injected fault.
var ErrInjected = errors.New("ree: injected fault")

// Wrap returns s with its operations counted by f.
func (f *Faults) Wrap(s Services) Services { return &faulty{f: f, in: s} }

// Count returns the number of mutating operations seen so far.
func (f *Faults) Count() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// step counts an operation and reports whether it is the fault point.
func (f *Faults) step() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	return f.At > 0 && f.n == f.At
}

func (f *Faults) hit(op string) error {
	if f.Hit == nil {
		return ErrInjected
	}
	return f.Hit(op)
}

type faulty struct {
	f  *Faults
	in Services
}

func (s *faulty) Open(name string, create bool) (File, error) {
	if create && s.f.step() {
		if err := s.f.hit("create"); err != nil {
			return nil, err
		}
	}
	in, err := s.in.Open(name, create)
	if err != nil {
		return nil, err
	}
	return &faultyFile{f: s.f, in: in}, nil
}

func (s *faulty) Remove(name string) error {
	if s.f.step() {
		if err := s.f.hit("remove"); err != nil {
			return err
		}
	}
	return s.in.Remove(name)
}

func (s *faulty) Rename(old, new string) error {
	if s.f.step() {
		if err := s.f.hit("rename"); err != nil {
			return err
		}
	}
	return s.in.Rename(old, new)
}

func (s *faulty) List() ([]string, error) { return s.in.List() }

func (s *faulty) SyncDir() error {
	if s.f.step() {
		if err := s.f.hit("syncdir"); err != nil {
			return err
		}
	}
	return s.in.SyncDir()
}

type faultyFile struct {
	f  *Faults
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
