package ree

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Dir serves files from one directory of the host file system.
type Dir struct {
	path string
}

// NewDir returns the services of directory path, creating it (0700).
func NewDir(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, fmt.Errorf("ree: %w", err)
	}
	return &Dir{path: path}, nil
}

// Path returns the directory served.
func (d *Dir) Path() string { return d.path }

func (d *Dir) Open(name string, create bool) (File, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	flag := os.O_RDWR
	if create {
		flag |= os.O_CREATE
	}
	f, err := os.OpenFile(filepath.Join(d.path, name), flag, 0o600)
	if err != nil {
		return nil, fmt.Errorf("ree: %w", err)
	}
	return osFile{f}, nil
}

func (d *Dir) Remove(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(d.path, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("ree: %w", err)
	}
	return nil
}

func (d *Dir) Rename(old, new string) error {
	if err := CheckName(old); err != nil {
		return err
	}
	if err := CheckName(new); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(d.path, old), filepath.Join(d.path, new)); err != nil {
		return fmt.Errorf("ree: %w", err)
	}
	return nil
}

func (d *Dir) List() ([]string, error) {
	es, err := os.ReadDir(d.path)
	if err != nil {
		return nil, fmt.Errorf("ree: %w", err)
	}
	names := make([]string, 0, len(es))
	for _, e := range es {
		if e.Type().IsRegular() && CheckName(e.Name()) == nil {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

func (d *Dir) SyncDir() error {
	f, err := os.Open(d.path)
	if err != nil {
		return fmt.Errorf("ree: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("ree: %w", err)
	}
	return nil
}

type osFile struct{ f *os.File }

func (o osFile) ReadAt(p []byte, off int64) (int, error)  { return o.f.ReadAt(p, off) }
func (o osFile) WriteAt(p []byte, off int64) (int, error) { return o.f.WriteAt(p, off) }
func (o osFile) Sync() error                              { return datasync(o.f) }
func (o osFile) Truncate(n int64) error                   { return o.f.Truncate(n) }
func (o osFile) Close() error                             { return o.f.Close() }
func (o osFile) Size() (int64, error) {
	fi, err := o.f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}
