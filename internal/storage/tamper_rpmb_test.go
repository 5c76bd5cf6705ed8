package storage

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

// TestTamperRPMBDevice alters the emulated partition's file: the bytes of
// its header and a sample of the rest (journal, metadata, records, free
// blocks). The storage must then be refused, report an object corrupt or
// missing, or read back exactly what was stored; never other content.
func TestTamperRPMBDevice(t *testing.T) {
	t.Parallel()
	dev, store := ree.NewMem(), ree.NewMem()
	o, err := OpenServices(dev, store, testHUK(), reefs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint32]map[string][]byte{
		abi.StoragePrivateRPMB: {"r1": []byte("rpmb one"), "r2": bytes.Repeat([]byte("two"), 300)},
		abi.StoragePrivate:     {"e1": []byte("ree one")},
	}
	for sid, objs := range want {
		for id, d := range objs {
			mustCreate(t, o.Storage, taA, sid, id, 0, d).Close()
		}
	}
	o.Close()
	pristine := dev.Files()[rpmb.DeviceFile]
	storeFiles := store.Files()

	// The header's fields and checksum byte by byte (the rest of it is
	// zero padding under the checksum), then a sample of everything else.
	var offsets []int
	for i := 0; i < 512; i++ {
		if i < 48 || i >= 480 || i%37 == 0 {
			offsets = append(offsets, i)
		}
	}
	for i := 512; i < len(pristine); i += 4093 {
		offsets = append(offsets, i)
	}
	detected := 0
	for _, off := range offsets {
		img := bytes.Clone(pristine)
		img[off] ^= 0xFF
		dev.SetFiles(map[string][]byte{rpmb.DeviceFile: img})
		store.SetFiles(storeFiles)
		o, err := OpenServices(dev, store, testHUK(), reefs.Options{})
		if err != nil {
			detected++
			continue
		}
		seen := false
		for sid, objs := range want {
			for id, d := range objs {
				h, err := o.Open(taA, sid, []byte(id), abi.DataFlagAccessRead)
				if err != nil {
					seen = true
					continue
				}
				got := make([]byte, len(d)+1)
				n, err := h.Read(got)
				h.Close()
				if err != nil {
					seen = true
					continue
				}
				if !bytes.Equal(got[:n], d) {
					t.Errorf("byte %d: %q reads back altered content without an error", off, id)
				}
			}
		}
		if seen {
			detected++
		}
		o.Close()
	}
	t.Logf("%d of %d altered device files detected; the rest changed nothing stored", detected, len(offsets))
}
