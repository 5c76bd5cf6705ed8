package rpmb

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/veritee/veritee/internal/storage/ree"
)

// MaxWriteBlocks is the most blocks one authenticated write carries (the
// device's reliable-write sector count). A write of up to this many blocks
// is atomic.
const MaxWriteBlocks = 64

// DefaultBlocks is the size of a new emulated partition: 512 KiB.
const DefaultBlocks = 2048

// Device file layout: a header, two journal slots, the data blocks.
const (
	devMagic      = "VTRPMBD1"
	devHeaderSize = 512
	slotHeader    = 48 // magic(4) counter(4) nframes(4) reserved(4) sha256(32)
	slotSize      = slotHeader + MaxWriteBlocks*FrameSize
	dataOffset    = devHeaderSize + 2*slotSize
	slotMagic     = "VTRJ"
)

// ErrDevice is returned for a device file that is damaged or does not
// match the requested geometry.
var ErrDevice = errors.New("rpmb: device file damaged")

// Device is the emulated RPMB partition: the "chip". It keeps the
// programmed key, the write counter and the data blocks in one file; every
// authenticated write is journalled into one of two alternating slots and
// synced before it is acknowledged, so a write is whole or absent after a
// crash. Exchange is safe for concurrent use.
type Device struct {
	mu      sync.Mutex
	f       ree.File
	blocks  int
	key     []byte // nil until programmed
	counter uint32
	data    []byte
	result  Frame // response to the next result-read request
	hasRes  bool
	dirty   bool // the data area on disk lags behind data
}

// OpenDevice opens (creating when absent) the device file name with the
// given number of 256-byte blocks.
func OpenDevice(svc ree.Services, name string, blocks int) (*Device, error) {
	if blocks < 1 || blocks > 0xFFFF {
		return nil, fmt.Errorf("rpmb: %d blocks, want 1..65535", blocks)
	}
	f, err := svc.Open(name, true)
	if err != nil {
		return nil, err
	}
	d := &Device{f: f, blocks: blocks, data: make([]byte, blocks*BlockSize)}
	if err := d.load(svc); err != nil {
		f.Close()
		return nil, err
	}
	return d, nil
}

func (d *Device) load(svc ree.Services) error {
	size, err := d.f.Size()
	if err != nil {
		return err
	}
	total := int64(dataOffset + d.blocks*BlockSize)
	if size > total {
		return fmt.Errorf("%w: %d bytes, want %d", ErrDevice, size, total)
	}
	buf := make([]byte, size)
	if _, err := d.f.ReadAt(buf, 0); err != nil && err != io.EOF {
		return err
	}
	// A file with nothing but zeros after its header never took a write:
	// it is a blank chip whose creation (or key programming) a crash cut
	// short, and is set up again. Anything else must be whole.
	if size < devHeaderSize || allZero(buf[devHeaderSize:]) {
		if _, herr := parseDevHeader(buf[:min(size, devHeaderSize)], d.blocks); herr != nil || size != total {
			return d.format(svc, total)
		}
	}
	if size != total {
		return fmt.Errorf("%w: %d bytes, want %d", ErrDevice, size, total)
	}
	key, err := parseDevHeader(buf[:devHeaderSize], d.blocks)
	if err != nil {
		return err
	}
	d.key = key
	copy(d.data, buf[dataOffset:])
	// Replay the journal, oldest first: a write whose slot is whole may
	// not have reached the data area before a crash.
	type slot struct {
		counter uint32
		fs      []Frame
	}
	var ss []slot
	for i := 0; i < 2; i++ {
		c, fs, ok := parseSlot(buf[devHeaderSize+i*slotSize : devHeaderSize+(i+1)*slotSize])
		if ok {
			ss = append(ss, slot{c, fs})
		}
	}
	if len(ss) == 2 && ss[0].counter > ss[1].counter {
		ss[0], ss[1] = ss[1], ss[0]
	}
	for _, s := range ss {
		d.apply(s.fs)
		d.counter = s.counter
	}
	return nil
}

// format makes the file a blank device: zeros, then the header.
func (d *Device) format(svc ree.Services, total int64) error {
	if err := d.f.Truncate(0); err != nil {
		return err
	}
	if err := d.f.Truncate(total); err != nil {
		return err
	}
	if _, err := d.f.WriteAt(d.header(), 0); err != nil {
		return err
	}
	if err := d.f.Sync(); err != nil {
		return err
	}
	return svc.SyncDir()
}

func (d *Device) header() []byte {
	h := make([]byte, devHeaderSize)
	copy(h, devMagic)
	binary.BigEndian.PutUint32(h[8:], uint32(d.blocks))
	if d.key != nil {
		h[12] = 1
		copy(h[16:48], d.key)
	}
	sum := sha256.Sum256(h[:devHeaderSize-32])
	copy(h[devHeaderSize-32:], sum[:])
	return h
}

// parseDevHeader checks a device header and returns the programmed key,
// nil when none is.
func parseDevHeader(h []byte, blocks int) ([]byte, error) {
	if len(h) != devHeaderSize || string(h[:8]) != devMagic {
		return nil, fmt.Errorf("%w: bad header", ErrDevice)
	}
	sum := sha256.Sum256(h[:devHeaderSize-32])
	if !bytes.Equal(sum[:], h[devHeaderSize-32:]) {
		return nil, fmt.Errorf("%w: header checksum", ErrDevice)
	}
	if int(binary.BigEndian.Uint32(h[8:])) != blocks {
		return nil, fmt.Errorf("%w: %d blocks, want %d", ErrDevice, binary.BigEndian.Uint32(h[8:]), blocks)
	}
	switch h[12] {
	case 0:
		return nil, nil
	case 1:
		return bytes.Clone(h[16:48]), nil
	}
	return nil, fmt.Errorf("%w: bad key flag", ErrDevice)
}

// parseSlot returns the counter and frames of a whole journal slot.
func parseSlot(s []byte) (uint32, []Frame, bool) {
	if len(s) < slotHeader || string(s[:4]) != slotMagic {
		return 0, nil, false
	}
	counter := binary.BigEndian.Uint32(s[4:])
	n := int(binary.BigEndian.Uint32(s[8:]))
	if n < 1 || n > MaxWriteBlocks || len(s) < slotHeader+n*FrameSize {
		return 0, nil, false
	}
	h := sha256.New()
	h.Write(s[4:16])
	h.Write(s[slotHeader : slotHeader+n*FrameSize])
	if !bytes.Equal(h.Sum(nil), s[16:48]) {
		return 0, nil, false
	}
	fs, err := ParseFrames(s[slotHeader:slotHeader+n*FrameSize], MaxWriteBlocks)
	if err != nil {
		return 0, nil, false
	}
	return counter, fs, true
}

func (d *Device) apply(fs []Frame) {
	addr := int(fs[0].Addr())
	for i := range fs {
		if (addr+i)*BlockSize < len(d.data) {
			copy(d.data[(addr+i)*BlockSize:], fs[i].Data())
		}
	}
}

// Close closes the device file.
func (d *Device) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	clear(d.key)
	return d.f.Close()
}

// Blocks returns the partition size in 256-byte blocks.
func (d *Device) Blocks() int { return d.blocks }

// Exchange sends request frames and returns nresp response frames, as the
// core's RPMB driver does through tee-supplicant. Write and key
// programming answer nothing (nresp 0); their outcome is fetched with a
// result-read request. A malformed exchange is an error; a refused
// operation is a response frame with a failure result.
func (d *Device) Exchange(req []byte, nresp int) ([]byte, error) {
	fs, err := ParseFrames(req, MaxWriteBlocks)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	switch t := fs[0].Type(); t {
	case ReqProgramKey:
		if nresp != 0 || len(fs) != 1 {
			return nil, fmt.Errorf("%w: program key takes one frame", ErrBadFrames)
		}
		return nil, d.programKey(&fs[0])
	case ReqWrite:
		if nresp != 0 {
			return nil, fmt.Errorf("%w: write has no direct response", ErrBadFrames)
		}
		return nil, d.write(fs)
	case ReqResult:
		if nresp != 1 || len(fs) != 1 || !d.hasRes {
			return nil, fmt.Errorf("%w: no result to read", ErrBadFrames)
		}
		d.hasRes = false
		r := d.result
		return r[:], nil
	case ReqReadCounter:
		if nresp != 1 || len(fs) != 1 {
			return nil, fmt.Errorf("%w: read counter takes one frame", ErrBadFrames)
		}
		return d.readCounter(&fs[0]), nil
	case ReqRead:
		if len(fs) != 1 || nresp < 1 || nresp > MaxWriteBlocks {
			return nil, fmt.Errorf("%w: read takes one frame and 1..%d responses", ErrBadFrames, MaxWriteBlocks)
		}
		return d.read(&fs[0], nresp), nil
	default:
		return nil, fmt.Errorf("%w: request type 0x%04x", ErrBadFrames, t)
	}
}

func (d *Device) expired() uint16 {
	if d.counter == 0xFFFFFFFF {
		return ResultCounterExpired
	}
	return 0
}

func (d *Device) setResult(typ, res uint16) {
	var r Frame
	r.SetType(typ)
	r.SetResult(res | d.expired())
	r.SetCounter(d.counter)
	d.result, d.hasRes = r, true
}

func (d *Device) programKey(f *Frame) error {
	if d.key != nil {
		d.setResult(RespProgramKey, ResultGeneralFailure)
		return nil
	}
	d.key = bytes.Clone(f.KeyMAC())
	if _, err := d.f.WriteAt(d.header(), 0); err != nil {
		d.key = nil
		d.setResult(RespProgramKey, ResultWriteFailure)
		return err
	}
	if err := d.f.Sync(); err != nil {
		d.key = nil
		d.setResult(RespProgramKey, ResultWriteFailure)
		return err
	}
	d.setResult(RespProgramKey, ResultOK)
	return nil
}

func (d *Device) readCounter(f *Frame) []byte {
	var r Frame
	r.SetType(RespReadCounter)
	copy(r.Nonce(), f.Nonce())
	if d.key == nil {
		r.SetResult(ResultNoKey)
		return r[:]
	}
	r.SetCounter(d.counter)
	r.SetResult(ResultOK | d.expired())
	signFrame(d.key, &r)
	return r[:]
}

func (d *Device) write(fs []Frame) error {
	if d.key == nil {
		d.setResult(RespWrite, ResultNoKey)
		return nil
	}
	first := &fs[0]
	addr, count, ctr := first.Addr(), first.Count(), first.Counter()
	for i := range fs {
		if fs[i].Type() != ReqWrite || fs[i].Addr() != addr || fs[i].Count() != count || fs[i].Counter() != ctr {
			d.setResult(RespWrite, ResultGeneralFailure)
			return nil
		}
	}
	var res uint16
	switch {
	case !checkMAC(d.key, fs):
		res = ResultAuthFailure
	case d.counter == 0xFFFFFFFF:
		res = ResultWriteFailure
	case ctr != d.counter:
		res = ResultCounterFailure
	case int(count) != len(fs) || int(addr)+len(fs) > d.blocks:
		res = ResultAddressFailure
	}
	if res != ResultOK {
		d.setResult(RespWrite, res)
		d.result.SetAddr(addr)
		signFrame(d.key, &d.result)
		return nil
	}
	next := d.counter + 1
	slot := make([]byte, slotHeader+len(fs)*FrameSize)
	copy(slot, slotMagic)
	binary.BigEndian.PutUint32(slot[4:], next)
	binary.BigEndian.PutUint32(slot[8:], uint32(len(fs)))
	for i := range fs {
		copy(slot[slotHeader+i*FrameSize:], fs[i][:])
	}
	h := sha256.New()
	h.Write(slot[4:16])
	h.Write(slot[slotHeader:])
	copy(slot[16:48], h.Sum(nil))
	// The slot of this write overwrites the one two writes back, whose
	// data the sync of the previous write made durable.
	if d.dirty {
		// A data-area write failed earlier; its journal slot is about to
		// be reused, so bring the whole area up to date first.
		if _, err := d.f.WriteAt(d.data, dataOffset); err != nil {
			d.setResult(RespWrite, ResultWriteFailure)
			return err
		}
		d.dirty = false
	}
	off := int64(devHeaderSize + int(next%2)*slotSize)
	if _, err := d.f.WriteAt(slot, off); err != nil {
		d.setResult(RespWrite, ResultWriteFailure)
		return err
	}
	if err := d.f.Sync(); err != nil {
		d.setResult(RespWrite, ResultWriteFailure)
		return err
	}
	d.counter = next
	d.apply(fs)
	area := d.data[int(addr)*BlockSize : (int(addr)+len(fs))*BlockSize]
	if _, err := d.f.WriteAt(area, int64(dataOffset+int(addr)*BlockSize)); err != nil {
		// The journal holds the write (it is replayed at the next open)
		// until the next write rewrites the area.
		d.dirty = true
	}
	d.setResult(RespWrite, ResultOK)
	d.result.SetAddr(addr)
	signFrame(d.key, &d.result)
	return nil
}

func (d *Device) read(f *Frame, n int) []byte {
	out := make([]Frame, n)
	addr := int(f.Addr())
	res := ResultOK
	switch {
	case d.key == nil:
		res = ResultNoKey
	case addr+n > d.blocks:
		res = ResultAddressFailure
	}
	for i := range out {
		o := &out[i]
		o.SetType(RespRead)
		copy(o.Nonce(), f.Nonce())
		o.SetAddr(uint16(addr))
		o.SetCount(uint16(n))
		o.SetResult(res)
		if res == ResultOK {
			copy(o.Data(), d.data[(addr+i)*BlockSize:])
		}
	}
	if d.key != nil {
		signFrames(d.key, out)
	}
	return MarshalFrames(out)
}
