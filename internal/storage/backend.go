package storage

import "github.com/veritee/veritee/internal/storage/reefs"

// Namespace is one TA's objects under one storage id.
type Namespace = reefs.Namespace

// Object describes a stored object.
type Object = reefs.Object

// backend is where the objects of a storage id live. Both the REE file
// store and the RPMB object store provide it, with reefs' errors.
type backend interface {
	Lookup(ns Namespace, id []byte) (Object, error)
	Attributes(ns Namespace, id []byte) ([]byte, error)
	ReadAt(ns Namespace, id []byte, p []byte, off uint64) (int, error)
	Create(ns Namespace, id, info, attrs, data []byte, overwrite bool) error
	WriteAt(ns Namespace, id []byte, p []byte, off uint64) error
	Truncate(ns Namespace, id []byte, size uint64) error
	SetInfo(ns Namespace, id, info []byte) error
	Rename(ns Namespace, old, new []byte) error
	Delete(ns Namespace, id []byte) error
	Next(ns Namespace, after []byte, first bool) ([]byte, Object, bool)
}

var _ backend = (*reefs.Store)(nil)
