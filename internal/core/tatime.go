package core

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/veritee/veritee/internal/abi"
)

// taTimeStore keeps each TA's persistent time offset
// (hostapi.TATimeStore). With a directory it is also written there, one
// file per TA named by its UUID; until secure storage exists these are
// plain REE files, protected only by a checksum against damage.
type taTimeStore struct {
	dir string // "": in memory (mem); else read from the file every time

	mu  sync.Mutex
	mem map[abi.UUID]time.Duration
}

func newTATimeStore(dir string) *taTimeStore {
	return &taTimeStore{dir: dir, mem: make(map[abi.UUID]time.Duration)}
}

// taTimeMagic starts a record: "VTT1", the offset in nanoseconds as a
// little-endian int64, the CRC-32 (IEEE) of the 12 bytes before it.
var taTimeMagic = []byte("VTT1")

const taTimeRecordSize = 16

func (s *taTimeStore) path(ta abi.UUID) string { return filepath.Join(s.dir, ta.String()) }

func (s *taTimeStore) Get(ta abi.UUID) (time.Duration, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir == "" {
		off, ok := s.mem[ta]
		return off, ok, nil
	}
	b, err := os.ReadFile(s.path(ta))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if len(b) != taTimeRecordSize || !bytes.Equal(b[:4], taTimeMagic) ||
		crc32.ChecksumIEEE(b[:12]) != binary.LittleEndian.Uint32(b[12:]) {
		return 0, false, fmt.Errorf("core: TA time record %s is damaged", s.path(ta))
	}
	return time.Duration(binary.LittleEndian.Uint64(b[4:12])), true, nil
}

func (s *taTimeStore) Set(ta abi.UUID, off time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir == "" {
		s.mem[ta] = off
		return nil
	}
	b := make([]byte, taTimeRecordSize)
	copy(b, taTimeMagic)
	binary.LittleEndian.PutUint64(b[4:12], uint64(off))
	binary.LittleEndian.PutUint32(b[12:], crc32.ChecksumIEEE(b[:12]))
	return writeFileAtomic(s.path(ta), b)
}

// writeFileAtomic replaces name with b: a temporary file in the same
// directory, synced, then renamed over name, and the directory synced.
func writeFileAtomic(name string, b []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
