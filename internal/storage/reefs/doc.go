// Package reefs provides the REE file store of secure storage: the
// persistent objects of TEE_STORAGE_PRIVATE and TEE_STORAGE_PRIVATE_REE of
// every TA, kept in the normal world's file system through the REE
// services (internal/storage/ree), and trusted only as far as the keys and
// the RPMB allow.
//
// The store is a log: one file, log-<n>, of records appended and synced
// one per update. A record carries the directory changes of one update
// (encrypted with a key derived from the SSK) followed by the new data
// blocks of the objects it changes (each sealed with AES-GCM under the
// object's random FEK, which is itself wrapped by the TA's TSK). Every
// record's authentication covers the hash of all records before it, and
// the hash of the newest record, with its sequence number and the log's
// number, is committed to the RPMB after the record is synced. So an
// update is whole or absent after a crash, any changed, swapped or
// truncated byte of the log breaks the chain or a block's tag, and an old
// copy of the store is refused because its newest record is not the one
// the RPMB names.
//
// Each directory entry lists the GCM tags of its object's blocks, and the
// chain covers the entries: a two-level hash tree per object under one
// root per store. File names are log numbers; object ids, TA UUIDs and
// sizes appear only encrypted.
//
// When the log holds more than twice the live data, Compact writes the
// live entries and blocks into log-<n+1> behind a checkpoint record,
// syncs it, commits it to the RPMB and removes log-<n>.
//
// docs/storage.md describes the formats and the crash model.
package reefs
