package hostapi

import (
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
)

// TestStorageCorruptClosesHandle: once the engine finds an object
// corrupt (and deletes it), the system call returns CORRUPT_OBJECT and
// the handle is closed (GPD_SPE_010 §5.7), so using it again panics the
// TA; other handles on it answer CORRUPT_OBJECT the same way.
func TestStorageCorruptClosesHandle(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	rpmbSvc, store, h := ree.NewMem(), ree.NewMem(), huk.New()
	open := func() *storage.Opened {
		st, err := storage.OpenServices(rpmbSvc, store, h, reefs.Options{}) // no preallocation: the victim ends the log
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := open()
	s := storageState(st)
	must(t, s, m, abi.SysStorageObjCreate, uint64(abi.StoragePrivate), sID, 1, 0, 0, cIn, 20000, 0)
	s.Release()
	st.Close()
	// The victim's last block ends the log (no preallocation).
	files := store.Files()
	log := files["log-00000001"]
	if len(log) == 0 {
		t.Fatalf("no log in %d files", len(files))
	}
	log[len(log)-1] ^= 0xFF
	store.SetFiles(files)

	st = open()
	defer st.Close()
	s = storageState(st)
	var hs [2]uint32
	for i := range hs {
		must(t, s, m, abi.SysStorageObjOpen, uint64(abi.StoragePrivate), sID, 1, uint64(abi.DataFlagAccessRead|abi.DataFlagShareRead), cOut)
		hs[i] = u32At(t, m, cOut)
	}
	for _, h := range hs {
		if res := call(s, m, abi.SysStorageObjRead, uint64(h), cDst, 20000, sLen); res != abi.ErrCorruptObject {
			t.Fatalf("read of a corrupt object: %v", res)
		}
		if _, pe := try(s, m, abi.SysStorageObjRead, uint64(h), cDst, 1, sLen); pe == nil {
			t.Error("the handle outlived CORRUPT_OBJECT")
		}
	}
	if _, res := openObj(s, m, "\x00", abi.DataFlagAccessRead); res != abi.ErrItemNotFound {
		t.Errorf("open after CORRUPT_OBJECT: %v (the engine deletes the object)", res)
	}
}
