package storage

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func flipByte(t *testing.T, path string, off int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if off < 0 {
		off += int64(len(b))
	}
	b[off] ^= 0xFF
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestCorruptObjectIsReportedAndDeleted damages one object's stored bytes
// in each back end: the object reports CORRUPT_OBJECT, is deleted, and
// the others are untouched.
func TestCorruptObjectIsReportedAndDeleted(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		sid    uint32
		damage func(t *testing.T, dir string)
	}{
		{"ree", abi.StoragePrivate, func(t *testing.T, dir string) {
			// The victim's last block ends the log (no preallocation).
			flipByte(t, filepath.Join(dir, REEStoreDir, "log-00000001"), -1)
		}},
		{"rpmb", abi.StoragePrivateRPMB, func(t *testing.T, dir string) {
			// After the device header, two journal slots and 64 metadata
			// blocks, block 64 holds "keep" and the victim follows.
			flipByte(t, filepath.Join(dir, "rpmb.img"), 66144+70*256)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			s := openAt(t, dir)
			mustCreate(t, s.Storage, taA, tc.sid, "keep", 0, []byte("fine")).Close()
			mustCreate(t, s.Storage, taA, tc.sid, "victim", 0, make([]byte, 20000)).Close()
			if tc.sid == abi.StoragePrivateRPMB {
				// Two more RPMB writes, so the device journal no longer
				// holds the victim's record.
				mustCreate(t, s.Storage, taB, abi.StoragePrivate, "x", 0, nil).Close()
				mustCreate(t, s.Storage, taB, abi.StoragePrivate, "y", 0, nil).Close()
			}
			s.Close()
			tc.damage(t, dir)
			s = openAt(t, dir)
			defer s.Close()
			h, err := s.Open(taA, tc.sid, []byte("victim"), abi.DataFlagAccessRead|abi.DataFlagShareRead)
			if err == nil {
				h2, err2 := s.Open(taA, tc.sid, []byte("victim"), abi.DataFlagAccessRead|abi.DataFlagShareRead)
				wantCode(t, err2, abi.Success)
				_, err = h.Read(make([]byte, 20000))
				// The other handle on the deleted object is unusable too.
				_, err2 = h2.Read(make([]byte, 1))
				wantCode(t, err2, abi.ErrCorruptObject)
				h.Close()
				h2.Close()
			}
			wantCode(t, err, abi.ErrCorruptObject)
			_, err = s.Open(taA, tc.sid, []byte("victim"), abi.DataFlagAccessRead)
			wantCode(t, err, abi.ErrItemNotFound)
			h, err = s.Open(taA, tc.sid, []byte("keep"), abi.DataFlagAccessRead)
			wantCode(t, err, abi.Success)
			if got := readAll(t, h); string(got) != "fine" {
				t.Fatalf("other object reads %q", got)
			}
			h.Close()
		})
	}
}
