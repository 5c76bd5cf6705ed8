package storage

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// TestHammer runs several TAs' storage calls at once, as TA instances on
// different cores do: each TA creates, writes, reads back, renames,
// enumerates and deletes its own objects in every storage id while the
// others do the same.
func TestHammer(t *testing.T) {
	t.Parallel()
	s := newStorage(t)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ta := abi.UUID{0xC0, byte(g)}
			for i := range 12 {
				sid := storageIDs[i%len(storageIDs)]
				id := []byte(fmt.Sprintf("o%d", i))
				data := bytes.Repeat([]byte{byte(g), byte(i)}, 1000+i*100)
				h, err := s.Create(ta, sid, id, rwm, dataInfo, []byte{byte(g)}, data)
				if err != nil {
					t.Error(err)
					return
				}
				if err := h.Seek(0, abi.DataSeekEnd); err != nil {
					t.Error(err)
				}
				if err := h.Write([]byte("tail")); err != nil {
					t.Error(err)
				}
				if got := readAll(t, h); !bytes.Equal(got, append(data, "tail"...)) {
					t.Errorf("TA %d object %d reads back other content", g, i)
				}
				if err := h.Rename(append(id, 'r')); err != nil {
					t.Error(err)
				}
				e := s.NewEnumerator(ta)
				if err := e.Start(sid); err != nil {
					t.Error(err)
				}
				for {
					en, err := e.GetNext(64)
					if err != nil {
						break
					}
					if en.ID[0] != 'o' {
						t.Errorf("TA %d enumerates %q", g, en.ID)
					}
				}
				if i%2 == 0 {
					if err := h.CloseAndDelete(); err != nil {
						t.Error(err)
					}
				} else {
					h.Close()
				}
			}
		}()
	}
	wg.Wait()
}
