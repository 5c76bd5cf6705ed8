// Package rpmb provides Veritee's Replay Protected Memory Block: an
// emulated eMMC RPMB partition (Device), the core's side of the JEDEC
// protocol that talks to it (Client), and a small crash-safe file system
// on top (FS) that holds TEE_STORAGE_PRIVATE_RPMB objects, the root of the
// REE file store and the anti-rollback version counters of TA images.
//
// The protocol is JEDEC's (JESD84-B51 §6.6.22): 512-byte frames, 256 bytes
// of data each, an HMAC-SHA256 over bytes 228..511 of every frame of a
// request or response, a 16-byte nonce that makes every read fresh, and a
// monotonic write counter that makes every write single-use. The
// authentication key is derived from the HUK (huk.LabelRPMB), so a device
// file copied to another installation is useless, and a copy of an old
// device state cannot be replayed through the Client: each read answers a
// fresh nonce and each write must carry the current counter.
//
// The emulated device is one file reached through the REE services
// (internal/storage/ree). On a board the partition is inside the eMMC and
// its counter cannot go back; here the file stands in for the chip, so it
// must be kept where the daemon's HUK is kept: an attacker who can replace
// both the REE store and the device file with older copies rolls both
// back together, which real RPMB hardware prevents. docs/storage.md says so.
package rpmb
