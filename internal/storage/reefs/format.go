package reefs

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Log file layout.
//
// File header (16 bytes): magic "VTREEL02", log number u32, zero u32.
//
// Record:
//
//	0  4  magic "VTRC"
//	4  1  kind: 1 checkpoint (replaces the directory), 2 update
//	5  3  zero
//	8  8  sequence number (one more than the record before, across logs)
//	16 4  length of the sealed body
//	20 4  length of the data area after the body
//	24 -  sealed body: nonce || AES-GCM(meta key, ops) || tag, bound to
//	      the log number, this header and the chain hash before it
//	..    data area: the sealed blocks the body's entries place there,
//	      back to back; each is checked against its entry's tag at open
const (
	fileMagic   = "VTREEL02"
	fileHeader  = 16
	recMagic    = "VTRC"
	recHeader   = 24
	kindCheckpt = 1
	kindUpdate  = 2

	minBody = 12 + 4 + 16 // nonce, op count, tag
	maxBody = 1 << 30
	maxData = 1 << 31
)

// ErrFormat is returned for bytes that are not a well-formed record, body
// or entry.
var ErrFormat = errors.New("reefs: malformed store data")

type recHdr struct {
	kind    byte
	seq     uint64
	bodyLen uint32
	dataLen uint32
}

func (h recHdr) marshal() []byte {
	b := make([]byte, recHeader)
	copy(b, recMagic)
	b[4] = h.kind
	binary.BigEndian.PutUint64(b[8:], h.seq)
	binary.BigEndian.PutUint32(b[16:], h.bodyLen)
	binary.BigEndian.PutUint32(b[20:], h.dataLen)
	return b
}

func parseRecHdr(b []byte) (recHdr, error) {
	var h recHdr
	if len(b) < recHeader || string(b[:4]) != recMagic || b[5]|b[6]|b[7] != 0 {
		return h, fmt.Errorf("%w: record header", ErrFormat)
	}
	h.kind = b[4]
	h.seq = binary.BigEndian.Uint64(b[8:])
	h.bodyLen = binary.BigEndian.Uint32(b[16:])
	h.dataLen = binary.BigEndian.Uint32(b[20:])
	if h.kind != kindCheckpt && h.kind != kindUpdate || h.bodyLen < minBody || h.bodyLen > maxBody || h.dataLen > maxData {
		return h, fmt.Errorf("%w: record header fields", ErrFormat)
	}
	return h, nil
}

func marshalFileHeader(n uint32) []byte {
	b := make([]byte, fileHeader)
	copy(b, fileMagic)
	binary.BigEndian.PutUint32(b[8:], n)
	return b
}

func parseFileHeader(b []byte) (uint32, error) {
	if len(b) < fileHeader || string(b[:8]) != fileMagic || binary.BigEndian.Uint32(b[12:]) != 0 {
		return 0, fmt.Errorf("%w: log header", ErrFormat)
	}
	return binary.BigEndian.Uint32(b[8:]), nil
}

// logName returns the file name of log n.
func logName(n uint32) string { return fmt.Sprintf("log-%08x", n) }

// parseLogName returns the number of a log file name.
func parseLogName(s string) (uint32, bool) {
	var n uint32
	if len(s) != 12 || s[:4] != "log-" {
		return 0, false
	}
	if _, err := fmt.Sscanf(s[4:], "%08x", &n); err != nil || logName(n) != s {
		return 0, false
	}
	return n, true
}
