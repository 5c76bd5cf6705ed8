package wire

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

const fuzzMax = 1 << 20

// FuzzDecode feeds arbitrary bytes to the decoder: it must never panic,
// never read a body beyond the limit, and whatever decodes must encode back
// to the same bytes (the format is canonical).
func FuzzDecode(f *testing.F) {
	for _, m := range sampleMsgs() {
		b, err := Append(nil, &m, fuzzMax)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add(make([]byte, HeaderSize))
	f.Fuzz(func(t *testing.T, b []byte) {
		var hdr [HeaderSize]byte
		h, body, err := ReadFrameLimit(bytes.NewReader(b), &hdr, fuzzMax)
		if err == nil && uint64(len(body))+HeaderSize > fuzzMax {
			t.Fatalf("read a body of %d bytes past the limit", len(body))
		}
		var m Msg
		if err == nil {
			err = Decode(h, body, &m)
		}
		if err != nil {
			return
		}
		out, err := Append(nil, &m, fuzzMax)
		if err != nil {
			t.Fatalf("decoded %s does not encode: %v", m.Type, err)
		}
		if !bytes.Equal(out, b[:HeaderSize+len(body)]) {
			t.Fatalf("%s re-encodes differently:\n in %x\nout %x", m.Type, b, out)
		}
	})
}

// FuzzRoundTrip builds a message of every type from fuzzed fields and
// checks encode → decode → encode equality.
func FuzzRoundTrip(f *testing.F) {
	f.Add(uint8(TypeInvoke), uint64(1), uint32(2), uint64(3), []byte("abc"), uint8(0x57))
	f.Add(uint8(TypeOpenSessionReply), uint64(9), uint32(0xFFFF0010), uint64(0), []byte{}, uint8(0x66))
	f.Add(uint8(TypeCancel), uint64(10), uint32(3), uint64(7), []byte{}, uint8(0))
	f.Fuzz(func(t *testing.T, typ uint8, id uint64, x uint32, y uint64, data []byte, kinds uint8) {
		m := Msg{Type: Type(typ), ID: id, Ret: abi.Ret{Code: abi.Result(x), Origin: abi.Origin(x >> 3)},
			Versions: []uint32{x, 1}, Version: x, MaxFrame: x + 1, MaxInflight: x + 2,
			Login: x, ConnData: x ^ 1, Session: x, Cmd: x + 3, Target: y, CancelFlags: x & CancelAbandon, Shm: x, ShmSize: y,
			ShmFlags: x & (abi.MemInput | abi.MemOutput)}
		binary.LittleEndian.PutUint64(m.UUID[:], y)
		reply := m.Type.IsReply()
		for i := range m.Params {
			types := []abi.ParamType{abi.ParamNone, abi.ParamValueInput, abi.ParamValueInout, abi.ParamMemrefInput, abi.ParamMemrefOutput, abi.ParamMemrefInout}
			p := &m.Params[i]
			p.Type = types[int(kinds>>(2*i)&3+uint8(i))%len(types)]
			switch {
			case p.Type.IsValue():
				p.A, p.B = x, uint32(y)
			case !p.Type.IsMemref():
			case i == 3 && !reply:
				p.Shm, p.Off, p.Size = x|1, y, y>>1
			case i == 2:
				p.Null, p.Size = true, y
			case reply:
				p.Size = uint64(len(data)) + y%8
				if p.Type.IsOutput() {
					p.Data = data
				}
			default:
				p.Size = uint64(len(data))
				if p.Type.IsInput() {
					p.Data = data
				}
			}
		}
		b, err := Append(nil, &m, fuzzMax)
		if err != nil {
			return // unknown type or too large: refused before encoding
		}
		var got Msg
		if err := DecodeFrame(b, fuzzMax, &got); err != nil {
			t.Fatalf("%s: encoded frame does not decode: %v", m.Type, err)
		}
		b2, err := Append(nil, &got, fuzzMax)
		if err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("%s: round trip differs (%v)", m.Type, err)
		}
	})
}
