package ree

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"sync"
)

// Mem serves files from memory, for tests: fast, and every byte of the
// "disk" can be inspected and altered with Files and SetFiles.
type Mem struct {
	mu    sync.Mutex
	files map[string]*memData
}

type memData struct{ b []byte }

// NewMem returns empty in-memory services.
func NewMem() *Mem { return &Mem{files: map[string]*memData{}} }

// Files returns a copy of every file.
func (m *Mem) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string][]byte, len(m.files))
	for n, d := range m.files {
		out[n] = bytes.Clone(d.b)
	}
	return out
}

// SetFiles replaces every file with files.
func (m *Mem) SetFiles(files map[string][]byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files = make(map[string]*memData, len(files))
	for n, b := range files {
		m.files[n] = &memData{bytes.Clone(b)}
	}
}

func (m *Mem) Open(name string, create bool) (File, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d := m.files[name]
	if d == nil {
		if !create {
			return nil, fmt.Errorf("ree: %s: %w", name, fs.ErrNotExist)
		}
		d = &memData{}
		m.files[name] = d
	}
	return &memFile{m: m, d: d}, nil
}

func (m *Mem) Remove(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, name)
	return nil
}

func (m *Mem) Rename(old, new string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d := m.files[old]
	if d == nil {
		return fmt.Errorf("ree: %s: %w", old, fs.ErrNotExist)
	}
	delete(m.files, old)
	m.files[new] = d
	return nil
}

func (m *Mem) List() ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ns []string
	for n := range m.files {
		ns = append(ns, n)
	}
	return ns, nil
}

func (m *Mem) SyncDir() error { return nil }

type memFile struct {
	m *Mem
	d *memData
}

func (f *memFile) ReadAt(p []byte, off int64) (int, error) {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if off < 0 {
		return 0, fmt.Errorf("ree: negative offset")
	}
	if off >= int64(len(f.d.b)) {
		return 0, io.EOF
	}
	n := copy(p, f.d.b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (f *memFile) WriteAt(p []byte, off int64) (int, error) {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if off < 0 || off > 1<<40 {
		return 0, fmt.Errorf("ree: offset %d", off)
	}
	if end := off + int64(len(p)); end > int64(len(f.d.b)) {
		f.d.b = append(f.d.b, make([]byte, end-int64(len(f.d.b)))...)
	}
	return copy(f.d.b[off:], p), nil
}

func (f *memFile) Truncate(n int64) error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if n < 0 || n > 1<<40 {
		return fmt.Errorf("ree: size %d", n)
	}
	if n <= int64(len(f.d.b)) {
		f.d.b = f.d.b[:n]
	} else {
		f.d.b = append(f.d.b, make([]byte, n-int64(len(f.d.b)))...)
	}
	return nil
}

func (f *memFile) Size() (int64, error) {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	return int64(len(f.d.b)), nil
}

func (f *memFile) Sync() error  { return nil }
func (f *memFile) Close() error { return nil }
