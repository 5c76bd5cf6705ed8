package rpmb

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/storage/ree"
)

func FuzzParseFrames(f *testing.F) {
	var fr Frame
	fr.SetType(ReqRead)
	f.Add(fr[:])
	f.Add(make([]byte, 3*FrameSize))
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, err := ParseFrames(b, MaxWriteBlocks)
		if err != nil {
			return
		}
		if !bytes.Equal(MarshalFrames(fs), b) {
			t.Fatal("frames do not round-trip")
		}
	})
}

func FuzzParseMeta(f *testing.F) {
	f.Add(marshalMeta(nil, 0))
	one := entry{key: NamedKey(KindSystem, "x"), length: 3}
	copy(one.inline[:], "abc")
	big := entry{key: NamedKey(KindObject, "y"), length: 1000, start: MetaBlocks, count: 4}
	f.Add(marshalMeta([]entry{one, big}, 7))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < metaSize {
			b = append(b, make([]byte, metaSize-len(b))...)
		}
		b = b[:metaSize]
		es, gen, err := parseMeta(b, DefaultBlocks)
		if err != nil {
			return
		}
		if !bytes.Equal(marshalMeta(es, gen), b) {
			t.Fatal("metadata does not round-trip")
		}
	})
}

func FuzzDeviceFile(f *testing.F) {
	// A device file of any content is refused or opened; never a panic.
	svc := ree.NewMem()
	d, err := OpenDevice(svc, "dev", MetaBlocks+4)
	if err != nil {
		f.Fatal(err)
	}
	c, _ := NewClient(d, bytes.Repeat([]byte{1}, KeySize))
	if err := c.Init(); err != nil {
		f.Fatal(err)
	}
	c.Write(2, make([]byte, 2*BlockSize))
	d.Close()
	f.Add(svc.Files()["dev"], 0, byte(0))
	f.Fuzz(func(t *testing.T, img []byte, at int, x byte) {
		if len(img) > 0 {
			img = bytes.Clone(img)
			img[uint(at)%uint(len(img))] ^= x
		}
		m := ree.NewMem()
		m.SetFiles(map[string][]byte{"dev": img})
		d, err := OpenDevice(m, "dev", MetaBlocks+4)
		if err != nil {
			return
		}
		defer d.Close()
		c, _ := NewClient(d, bytes.Repeat([]byte{1}, KeySize))
		if c.Init() == nil {
			c.Read(0, 4)
		}
	})
}

func FuzzExchange(f *testing.F) {
	var fr Frame
	fr.SetType(ReqReadCounter)
	f.Add(fr[:], 1)
	fr.SetType(ReqWrite)
	fr.SetCount(1)
	f.Add(fr[:], 0)
	f.Fuzz(func(t *testing.T, req []byte, nresp int) {
		d, err := OpenDevice(ree.NewMem(), "dev", MetaBlocks+4)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		key := bytes.Repeat([]byte{2}, KeySize)
		c, _ := NewClient(d, key)
		if err := c.Init(); err != nil {
			t.Fatal(err)
		}
		out, err := d.Exchange(req, nresp)
		if err == nil && len(out)%FrameSize != 0 {
			t.Fatalf("response of %d bytes", len(out))
		}
		// Whatever was asked, the device still answers its owner.
		if _, err := c.Counter(); err != nil {
			t.Fatal(err)
		}
	})
}
