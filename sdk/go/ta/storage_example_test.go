//go:build !wasip1

package ta_test

import (
	"errors"
	"fmt"

	"github.com/veritee/veritee/sdk/go/ta"
)

// A TA keeps a counter in a persistent object: it opens the object, or
// creates it on first use, then reads, updates and writes it back in
// place. On the host the calls run against FakeCore's in-memory storage.
func Example_persistentCounter() {
	ta.NewFakeCore().Log = nil
	id := []byte("counter")
	const flags = ta.DataFlagAccessRead | ta.DataFlagAccessWrite

	for range 3 {
		o, err := ta.OpenPersistentObject(ta.StoragePrivate, id, flags)
		if errors.Is(err, ta.ErrItemNotFound) {
			o, err = ta.CreatePersistentObject(ta.StoragePrivate, id, flags, ta.HandleNull, []byte{0})
		}
		if err != nil {
			panic(err)
		}
		var b [1]byte
		if _, err := o.ReadData(b[:]); err != nil {
			panic(err)
		}
		b[0]++
		if err := o.SeekData(0, ta.DataSeekSet); err != nil {
			panic(err)
		}
		if err := o.WriteData(b[:]); err != nil {
			panic(err)
		}
		o.Close()
		fmt.Println("count", b[0])
	}

	// The enumerator lists the TA's objects with their sizes.
	e, err := ta.AllocatePersistentObjectEnumerator()
	if err != nil {
		panic(err)
	}
	defer e.Free()
	if err := e.Start(ta.StoragePrivate); err != nil {
		panic(err)
	}
	buf := make([]byte, ta.ObjectIDMaxLen)
	for {
		info, n, err := e.GetNext(buf)
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Printf("%s: %d bytes\n", buf[:n], info.DataSize)
	}
	// Output:
	// count 1
	// count 2
	// count 3
	// counter: 1 bytes
	// TEE_ERROR_ITEM_NOT_FOUND
}
