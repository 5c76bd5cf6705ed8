//go:build !linux

package ree

import "os"

func datasync(f *os.File) error { return f.Sync() }
