// Package storage is Veritee's secure storage engine: the persistent
// objects of the GlobalPlatform TEE Internal Core API v1.3.1 (GPD_SPE_010
// §5.7 to §5.9) in pure Go, as the core runs them on behalf of TAs, the
// way internal/gpcrypto is its crypto engine. The system-call layer maps
// TA handles onto *Handle and *Enumerator values and GP calls onto their
// methods one to one: Storage.Create is TEE_CreatePersistentObject,
// Storage.Open is TEE_OpenPersistentObject, (*Handle).Read is
// TEE_ReadObjectData, and so on.
//
// Every TA has its own namespace in each storage id. TEE_STORAGE_PRIVATE
// and TEE_STORAGE_PRIVATE_REE live in the REE file store
// (internal/storage/reefs), as OP-TEE's default, each a namespace of its
// own; TEE_STORAGE_PRIVATE_RPMB lives in the RPMB file system
// (internal/storage/rpmb). The object's attributes are an opaque blob
// serialised by the crypto layer; this package stores it encrypted with
// the data.
//
// Errors are *Error values carrying the GP result (ResultOf, errors.Is
// against the sentinels); SHORT_BUFFER carries the size needed. Misuse
// for which GP says the implementation panics (reading a handle not
// opened for reading, renaming without WRITE_META, undefined flags, ...)
// gets the result OP-TEE's core returns for it (ACCESS_CONFLICT,
// BAD_STATE, BAD_PARAMETERS), on which the TA-side library panics, as
// libutee does.
//
// An object whose data or attributes fail authentication is reported as
// TEE_ERROR_CORRUPT_OBJECT and deleted, as OP-TEE does; its handles are
// unusable from then on. A store whose structure fails authentication or
// is older than the RPMB says is refused when it is opened, never reset.
package storage
