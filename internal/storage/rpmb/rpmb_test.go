package rpmb

import (
	"bytes"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/storage/ree"
)

var testKey = bytes.Repeat([]byte{0x5A}, KeySize)

func newDevice(t *testing.T, svc ree.Services, blocks int) (*Device, *Client) {
	t.Helper()
	d, err := OpenDevice(svc, "rpmb", blocks)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(d, testKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Init(); err != nil {
		t.Fatal(err)
	}
	return d, c
}

func block(b byte) []byte { return bytes.Repeat([]byte{b}, BlockSize) }

func resultOf(t *testing.T, d *Device) *Frame {
	t.Helper()
	var f Frame
	f.SetType(ReqResult)
	b, err := d.Exchange(f[:], 1)
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := ParseFrames(b, 1)
	return &fs[0]
}

// writeFrames builds an authenticated write request as the client does.
func writeFrames(key []byte, addr uint16, counter uint32, data ...[]byte) []Frame {
	fs := make([]Frame, len(data))
	for i := range fs {
		fs[i].SetType(ReqWrite)
		fs[i].SetAddr(addr)
		fs[i].SetCount(uint16(len(data)))
		fs[i].SetCounter(counter)
		copy(fs[i].Data(), data[i])
	}
	signFrames(key, fs)
	return fs
}

func TestProtocolRefusals(t *testing.T) {
	t.Parallel()
	d, c := newDevice(t, ree.NewMem(), 128)
	if err := c.Write(3, append(block(1), block(2)...)); err != nil {
		t.Fatal(err)
	}
	ctr, _ := c.Counter()
	if ctr != 1 {
		t.Fatalf("counter %d after one write", ctr)
	}
	recorded := writeFrames(testKey, 3, 0, block(9)) // a write with a spent counter
	tests := []struct {
		name   string
		frames []Frame
		want   uint16
	}{
		{"replay of an old counter", recorded, ResultCounterFailure},
		{"wrong key", writeFrames(bytes.Repeat([]byte{1}, KeySize), 3, ctr, block(9)), ResultAuthFailure},
		{"bad MAC", func() []Frame { f := writeFrames(testKey, 3, ctr, block(9)); f[0].Data()[0] ^= 1; return f }(), ResultAuthFailure},
		{"past the end", writeFrames(testKey, 127, ctr, block(1), block(2)), ResultAddressFailure},
		{"count mismatch", func() []Frame {
			f := writeFrames(testKey, 3, ctr, block(1), block(2))
			f[0].SetCount(3)
			f[1].SetCount(3)
			signFrames(testKey, f)
			return f
		}(), ResultAddressFailure},
		{"mixed addresses", func() []Frame {
			f := writeFrames(testKey, 3, ctr, block(1), block(2))
			f[1].SetAddr(4)
			signFrames(testKey, f)
			return f
		}(), ResultGeneralFailure},
	}
	for _, tc := range tests {
		if _, err := d.Exchange(MarshalFrames(tc.frames), 0); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if r := resultOf(t, d); r.Result() != tc.want {
			t.Errorf("%s: result 0x%04x, want 0x%04x", tc.name, r.Result(), tc.want)
		}
	}
	got, err := c.Read(3, 2)
	if err != nil || !bytes.Equal(got, append(block(1), block(2)...)) {
		t.Fatalf("data changed by refused writes: %v", err)
	}
	if ctr2, _ := c.Counter(); ctr2 != ctr {
		t.Fatalf("refused writes moved the counter to %d", ctr2)
	}
	// Programming the key again is refused.
	var pk Frame
	pk.SetType(ReqProgramKey)
	d.Exchange(pk[:], 0)
	if r := resultOf(t, d); r.Result() != ResultGeneralFailure {
		t.Fatalf("second key programming: 0x%04x", r.Result())
	}
	// Malformed exchanges are errors.
	for _, bad := range [][]byte{nil, make([]byte, 100), make([]byte, (MaxWriteBlocks+1)*FrameSize)} {
		if _, err := d.Exchange(bad, 0); !errors.Is(err, ErrBadFrames) {
			t.Errorf("exchange of %d bytes: %v", len(bad), err)
		}
	}
}

// replayer answers reads with a response recorded earlier.
type replayer struct {
	*Device
	saved []byte
}

func (r *replayer) Exchange(req []byte, n int) ([]byte, error) {
	if r.saved != nil && len(req) == FrameSize && binaryType(req) == ReqRead {
		return r.saved, nil
	}
	out, err := r.Device.Exchange(req, n)
	if len(req) == FrameSize && binaryType(req) == ReqRead {
		r.saved = out
	}
	return out, err
}

func binaryType(f []byte) uint16 { return uint16(f[offType])<<8 | uint16(f[offType+1]) }

func TestClientRefusesReplayedAndForgedResponses(t *testing.T) {
	t.Parallel()
	d, _ := newDevice(t, ree.NewMem(), 128)
	r := &replayer{Device: d}
	c, _ := NewClient(r, testKey)
	if err := c.Init(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Read(5, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Read(5, 1); !errors.Is(err, ErrAuth) {
		t.Fatalf("replayed read response: %v, want ErrAuth", err)
	}
	other, _ := NewClient(d, bytes.Repeat([]byte{3}, KeySize))
	if err := other.Init(); !errors.Is(err, ErrKeyDiffer) {
		t.Fatalf("client with another key: %v", err)
	}
}

func TestDeviceSurvivesReopenAndTornJournal(t *testing.T) {
	t.Parallel()
	svc := ree.NewMem()
	d, c := newDevice(t, svc, 128)
	for i := 0; i < 5; i++ {
		if err := c.Write(uint16(10+i), block(byte(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	d.Close()
	// Undo the data-area write of the last write: the journal replays it.
	files := svc.Files()
	img := files["rpmb"]
	copy(img[dataOffset+14*BlockSize:], make([]byte, BlockSize))
	svc.SetFiles(map[string][]byte{"rpmb": img})
	d, c = newDevice(t, svc, 128)
	got, err := c.Read(14, 1)
	if err != nil || !bytes.Equal(got, block(5)) {
		t.Fatalf("journal not replayed: %v", err)
	}
	if ctr, _ := c.Counter(); ctr != 5 {
		t.Fatalf("counter %d after reopen", ctr)
	}
	d.Close()
	// A torn newest slot falls back to the write before it.
	img = svc.Files()["rpmb"]
	slot := devHeaderSize + int(5%2)*slotSize
	img[slot+slotHeader+7] ^= 0xFF
	copy(img[dataOffset+14*BlockSize:], make([]byte, BlockSize))
	svc.SetFiles(map[string][]byte{"rpmb": img})
	d, c = newDevice(t, svc, 128)
	defer d.Close()
	if ctr, _ := c.Counter(); ctr != 4 {
		t.Fatalf("counter %d with a torn last slot, want 4", ctr)
	}
	// Wrong geometry or a damaged header is refused.
	if _, err := OpenDevice(svc, "rpmb", 64); !errors.Is(err, ErrDevice) {
		t.Fatalf("wrong size: %v", err)
	}
	img[3] ^= 1
	svc.SetFiles(map[string][]byte{"rpmb": img})
	if _, err := OpenDevice(svc, "rpmb", 128); !errors.Is(err, ErrDevice) {
		t.Fatalf("damaged header: %v", err)
	}
}

func TestFSCommitAndVersions(t *testing.T) {
	t.Parallel()
	svc := ree.NewMem()
	d, c := newDevice(t, svc, MetaBlocks+40)
	fs, err := Mount(c, MetaBlocks+40)
	if err != nil {
		t.Fatal(err)
	}
	small := NamedKey(KindSystem, "small")
	big := NamedKey(KindObject, "big")
	bigVal := bytes.Repeat([]byte("0123456789"), 300)
	if err := fs.Commit(Change{Key: small, Value: []byte("tiny")}, Change{Key: big, Value: bigVal}); err != nil {
		t.Fatal(err)
	}
	if v, err := fs.Version("ta-1"); err != nil || v != 0 {
		t.Fatalf("unset version %d %v", v, err)
	}
	if old, err := fs.RaiseVersion("ta-1", 7); err != nil || old != 0 {
		t.Fatal(err)
	}
	if old, err := fs.RaiseVersion("ta-1", 3); err != nil || old != 7 {
		t.Fatalf("raise to lower: %d %v", old, err)
	}
	// Too big for the partition, too many blocks: refused, nothing changes.
	if err := fs.Commit(Change{Key: NamedKey(KindObject, "huge"), Value: make([]byte, 40*BlockSize)}); !errors.Is(err, ErrNoSpace) {
		t.Fatalf("huge record: %v", err)
	}
	d.Close()
	d, c = newDevice(t, svc, MetaBlocks+40)
	defer d.Close()
	fs, err = Mount(c, MetaBlocks+40)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := fs.Get(small); string(v) != "tiny" {
		t.Fatalf("small %q", v)
	}
	if v, _ := fs.Get(big); !bytes.Equal(v, bigVal) {
		t.Fatal("big record")
	}
	if v, _ := fs.Version("ta-1"); v != 7 {
		t.Fatalf("version %d after reopen", v)
	}
	if err := fs.Commit(Change{Key: big, Delete: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Get(big); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted record: %v", err)
	}
	if len(fs.Keys([]byte{KindObject})) != 0 {
		t.Fatal("keys after delete")
	}
}

func TestMountRefusesWrittenPartitionWithoutMetadata(t *testing.T) {
	t.Parallel()
	d, c := newDevice(t, ree.NewMem(), MetaBlocks+8)
	defer d.Close()
	if err := c.Write(MetaBlocks+1, block(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := Mount(c, MetaBlocks+8); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("mount: %v, want ErrCorrupt", err)
	}
}

// TestFSCrashAtEveryStep fails the device at every disk operation of a
// sequence of commits and checks that the file system holds, after
// reopening, the values of the last acknowledged commit or of the one in
// flight.
func TestFSCrashAtEveryStep(t *testing.T) {
	t.Parallel()
	vals := [][]byte{[]byte("one"), bytes.Repeat([]byte("two"), 200), []byte("three"), bytes.Repeat([]byte("4"), 900)}
	k := NamedKey(KindObject, "k")
	for at := int64(1); ; at++ {
		mem := ree.NewMem()
		faults := &ree.Faults{At: at}
		svc := faults.Wrap(mem)
		acked := -1
		func() {
			d, err := OpenDevice(svc, "rpmb", MetaBlocks+16)
			if err != nil {
				return
			}
			defer d.Close()
			c, _ := NewClient(d, testKey)
			if c.Init() != nil {
				return
			}
			fs, err := Mount(c, MetaBlocks+16)
			if err != nil {
				return
			}
			for i, v := range vals {
				if fs.Commit(Change{Key: k, Value: v}) != nil {
					return
				}
				acked = i
			}
		}()
		if faults.Count() < at {
			if acked != len(vals)-1 {
				t.Fatalf("run without a fault acknowledged %d", acked)
			}
			t.Logf("%d fault points", at-1)
			return
		}
		d, c := newDevice(t, mem, MetaBlocks+16)
		fs, err := Mount(c, MetaBlocks+16)
		if err != nil {
			t.Fatalf("fault at %d: mount: %v", at, err)
		}
		got, err := fs.Get(k)
		ok := acked >= 0 && err == nil && bytes.Equal(got, vals[acked]) ||
			acked+1 < len(vals) && err == nil && bytes.Equal(got, vals[acked+1]) ||
			acked == -1 && errors.Is(err, ErrNotFound)
		if !ok {
			t.Fatalf("fault at %d after commit %d: got %q %v", at, acked, got, err)
		}
		d.Close()
	}
}
