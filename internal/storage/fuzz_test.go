package storage

import (
	"bytes"
	"testing"
)

func FuzzParseInfo(f *testing.F) {
	f.Add(ObjectInfo{Type: 1, ObjectSize: 2, MaxObjectSize: 3, Usage: 4}.marshal())
	f.Fuzz(func(t *testing.T, b []byte) {
		i, err := parseInfo(b)
		if err != nil {
			return
		}
		if !bytes.Equal(i.marshal(), b) {
			t.Fatal("info does not round-trip")
		}
	})
}

func FuzzParseRPMBObj(f *testing.F) {
	f.Add((&rpmbObj{id: []byte("id"), info: []byte("info"), attrs: []byte("a"), data: []byte("data")}).marshal())
	f.Add([]byte{65})
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := parseRPMBObj(b)
		if err != nil {
			return
		}
		if !bytes.Equal(o.marshal(), b) {
			t.Fatal("RPMB object does not round-trip")
		}
	})
}
