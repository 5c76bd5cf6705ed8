package wire

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/veritee/veritee/internal/abi"
)

// sampleMsgs returns one message of every type, with parameters of every
// kind where the type has them.
func sampleMsgs() []Msg {
	reqParams := Params{
		{Type: abi.ParamValueInout, A: 1, B: 2},
		{Type: abi.ParamMemrefInput, Size: 3, Data: []byte("abc")},
		{Type: abi.ParamMemrefOutput, Size: 100},
		{Type: abi.ParamMemrefInout, Shm: 7, Off: 8, Size: 9},
	}
	repParams := Params{
		{Type: abi.ParamValueOutput, A: 3, B: 4},
		{Type: abi.ParamMemrefOutput, Size: 5, Data: []byte("hello")},
		{Type: abi.ParamMemrefOutput, Null: true, Size: 42},
		{},
	}
	ok := abi.Ret{Code: abi.ErrShortBuffer, Origin: abi.OriginTrustedApp}
	return []Msg{
		{Type: TypeHello, ID: 1, Versions: []uint32{1, 2}},
		{Type: TypeHelloReply, ID: 1, Version: 1, MaxFrame: DefaultMaxFrame, MaxInflight: 256},
		{Type: TypeOpenSession, ID: 2, UUID: abi.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51b"), Login: abi.LoginGroup, ConnData: 100, Params: reqParams},
		{Type: TypeOpenSessionReply, ID: 2, Ret: ok, Session: 5, Params: repParams},
		{Type: TypeInvoke, ID: 3, Session: 5, Cmd: 9, Params: reqParams},
		{Type: TypeInvokeReply, ID: 3, Ret: ok, Params: repParams},
		{Type: TypeCloseSession, ID: 4, Session: 5},
		{Type: TypeCloseSessionReply, ID: 4},
		{Type: TypeCancel, ID: 5, Target: 3},
		{Type: TypeCancel, ID: 9, Target: 3, CancelFlags: CancelAbandon},
		{Type: TypeRegisterShm, ID: 6, ShmSize: 4096, ShmFlags: abi.MemInput | abi.MemOutput},
		{Type: TypeRegisterShmReply, ID: 6, Shm: 1},
		{Type: TypeReleaseShm, ID: 7, Shm: 1},
		{Type: TypeReleaseShmReply, ID: 7},
		{Type: TypeErrorReply, ID: 8, Ret: abi.Ret{Code: abi.ErrBusy, Origin: abi.OriginComms}},
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, m := range sampleMsgs() {
		t.Run(fmt.Sprintf("%s/%d", m.Type, m.ID), func(t *testing.T) {
			t.Parallel()
			b, err := Append(nil, &m, DefaultMaxFrame)
			if err != nil {
				t.Fatal(err)
			}
			var got Msg
			if err := DecodeFrame(b, DefaultMaxFrame, &got); err != nil {
				t.Fatal(err)
			}
			b2, err := Append(nil, &got, DefaultMaxFrame)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, b2) {
				t.Fatalf("re-encoding differs:\n%x\n%x", b, b2)
			}
			if got.Type != m.Type || got.ID != m.ID || got.Ret != m.Ret || got.Session != m.Session || got.Shm != m.Shm ||
				got.Target != m.Target || got.CancelFlags != m.CancelFlags {
				t.Fatalf("decoded %+v, want %+v", got, m)
			}
			// ReadFrame over a stream gives the same frame.
			var hdr [HeaderSize]byte
			h, body, err := ReadFrame(bytes.NewReader(b), &hdr)
			if err != nil || h.Type != m.Type || !bytes.Equal(body, b[HeaderSize:]) {
				t.Fatalf("ReadFrame = %v, %v", h, err)
			}
		})
	}
}

// TestDecodeAliases checks that inline payloads are not copied.
func TestDecodeAliases(t *testing.T) {
	t.Parallel()
	m := sampleMsgs()[4]
	b, err := Append(nil, &m, DefaultMaxFrame)
	if err != nil {
		t.Fatal(err)
	}
	var got Msg
	if err := DecodeFrame(b, DefaultMaxFrame, &got); err != nil {
		t.Fatal(err)
	}
	got.Params[1].Data[0] = 'X'
	if !bytes.Contains(b, []byte("Xbc")) {
		t.Fatal("decoded payload does not alias the frame")
	}
}

func frame(t Type, id uint64, body []byte) []byte {
	b := make([]byte, HeaderSize, HeaderSize+len(body))
	putHeader(b, t, id, len(body))
	return append(b, body...)
}

func cancelBody(flags uint32) []byte {
	return binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint64(nil, 3), flags)
}

func invokeBody(mutate func(desc []byte)) []byte {
	body := make([]byte, 8+ParamsSize)
	mutate(body[8:])
	return body
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	good, _ := Append(nil, &sampleMsgs()[4], DefaultMaxFrame)
	tests := []struct {
		name  string
		frame []byte
		want  error
	}{
		{"short header", []byte{1, 2, 3}, ErrBadFormat},
		{"reserved header", func() []byte { b := frame(TypeCancel, 1, make([]byte, 12)); b[5] = 1; return b }(), ErrBadFormat},
		{"oversized", func() []byte {
			b := frame(TypeCancel, 1, nil)
			binary.LittleEndian.PutUint32(b, DefaultMaxFrame)
			return b
		}(), ErrCommunication},
		{"length mismatch", func() []byte { b := frame(TypeCancel, 1, make([]byte, 12)); b[0] = 13; return b }(), ErrBadFormat},
		{"unknown type", frame(0x42, 1, nil), ErrBadFormat},
		{"truncated cancel", frame(TypeCancel, 1, make([]byte, 7)), ErrBadFormat},
		{"cancel without flags", frame(TypeCancel, 1, make([]byte, 8)), ErrBadFormat},
		{"cancel flags cut", frame(TypeCancel, 1, make([]byte, 11)), ErrBadFormat},
		{"cancel unknown flag", frame(TypeCancel, 1, cancelBody(2)), ErrBadFormat},
		{"cancel high flag", frame(TypeCancel, 1, cancelBody(1<<31|CancelAbandon)), ErrBadFormat},
		{"trailing garbage", frame(TypeCancel, 1, make([]byte, 13)), ErrBadFormat},
		{"hello no versions", frame(TypeHello, 1, make([]byte, 4)), ErrBadFormat},
		{"hello too many", frame(TypeHello, 1, binary.LittleEndian.AppendUint32(nil, 1000)), ErrBadFormat},
		{"hello short list", frame(TypeHello, 1, binary.LittleEndian.AppendUint32(nil, 2)), ErrBadFormat},
		{"params cut", frame(TypeInvoke, 1, make([]byte, 8+ParamsSize-1)), ErrBadFormat},
		{"bad param type", frame(TypeInvoke, 1, invokeBody(func(d []byte) { d[0] = 4 })), ErrBadParameters},
		{"param type 8", frame(TypeInvoke, 1, invokeBody(func(d []byte) { d[ParamDescSize] = 8 })), ErrBadParameters},
		{"unknown flag", frame(TypeInvoke, 1, invokeBody(func(d []byte) { d[0] = 5; d[1] = 2 })), ErrBadFormat},
		{"values on none", frame(TypeInvoke, 1, invokeBody(func(d []byte) { d[pdA] = 1 })), ErrBadFormat},
		{"size on value", frame(TypeInvoke, 1, invokeBody(func(d []byte) { d[0] = 1; d[pdSize] = 1 })), ErrBadFormat},
		{"dlen beyond frame", frame(TypeInvoke, 1, invokeBody(func(d []byte) {
			d[0] = 5
			binary.LittleEndian.PutUint64(d[pdSize:], 1<<63)
			binary.LittleEndian.PutUint64(d[pdDlen:], 1<<63)
		})), ErrBadFormat},
		{"input without bytes", frame(TypeInvoke, 1, invokeBody(func(d []byte) { d[0] = 5; d[pdSize] = 4 })), ErrBadFormat},
		{"output with bytes", frame(TypeInvoke, 1, append(invokeBody(func(d []byte) { d[0] = 6; d[pdSize] = 1; d[pdDlen] = 1 }), 0)), ErrBadFormat},
		{"shm with bytes", frame(TypeInvoke, 1, append(invokeBody(func(d []byte) { d[0] = 5; d[pdShm] = 1; d[pdSize] = 1; d[pdDlen] = 1 }), 0)), ErrBadFormat},
		{"null with shm", frame(TypeInvoke, 1, invokeBody(func(d []byte) { d[0] = 5; d[1] = 1; d[pdShm] = 1 })), ErrBadFormat},
		{"reply names shm", frame(TypeInvokeReply, 1, append(make([]byte, 8), invokeBody(func(d []byte) { d[0] = 6; d[pdShm] = 1 })[8:]...)), ErrBadFormat},
		{"reply too many bytes", frame(TypeInvokeReply, 1, append(append(make([]byte, 8), invokeBody(func(d []byte) { d[0] = 6; d[pdDlen] = 1 })[8:]...), 0)), ErrBadFormat},
		{"register bad flags", frame(TypeRegisterShm, 1, []byte{0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0}), ErrBadParameters},
		{"invoke trailing", append(append([]byte{}, good...), 0), ErrBadFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var m Msg
			err := DecodeFrame(tt.frame, DefaultMaxFrame, &m)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if Code(err) != tt.want.(*Error).Code {
				t.Fatalf("Code = %v", Code(err))
			}
		})
	}
}

func TestEncodeRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    Msg
		max  uint32
		want error
	}{
		{"unknown type", Msg{Type: 0x33}, DefaultMaxFrame, ErrBadFormat},
		{"no versions", Msg{Type: TypeHello}, DefaultMaxFrame, ErrBadFormat},
		{"cancel unknown flag", Msg{Type: TypeCancel, Target: 1, CancelFlags: 4}, DefaultMaxFrame, ErrBadFormat},
		{"bad type", Msg{Type: TypeInvoke, Params: Params{{Type: 9}}}, DefaultMaxFrame, ErrBadParameters},
		{"input size mismatch", Msg{Type: TypeInvoke, Params: Params{{Type: abi.ParamMemrefInput, Size: 2, Data: []byte{1}}}}, DefaultMaxFrame, ErrBadFormat},
		{"too large", Msg{Type: TypeInvoke, Params: Params{{Type: abi.ParamMemrefInput, Size: 5000, Data: make([]byte, 5000)}}}, MinMaxFrame, ErrExcessData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := Append(nil, &tt.m, tt.max); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestReadFrameErrors(t *testing.T) {
	t.Parallel()
	var hdr [HeaderSize]byte
	if _, _, err := ReadFrame(bytes.NewReader(nil), &hdr); err != io.EOF {
		t.Fatalf("empty stream: %v", err)
	}
	wrapped := iotest.ErrReader(fmt.Errorf("read unix: %w", io.EOF))
	if _, _, err := ReadFrame(wrapped, &hdr); err != io.EOF {
		t.Fatalf("wrapped end of stream: %v", err)
	}
	f := frame(TypeCancel, 9, make([]byte, 12))
	_, _, err := ReadFrame(bytes.NewReader(f[:20]), &hdr)
	if !errors.Is(err, ErrCommunication) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("cut body: %v", err)
	}
	_, _, err = ReadFrame(bytes.NewReader(f[:5]), &hdr)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("cut header: %v", err)
	}
	big := frame(TypeInvoke, 77, nil)
	binary.LittleEndian.PutUint32(big, 0xFFFFFFF0)
	h, body, err := ReadFrame(bytes.NewReader(big), &hdr)
	if !errors.Is(err, ErrCommunication) || h.ID != 77 || body != nil {
		t.Fatalf("oversized: %v %v", h, err)
	}
}

// TestProtocolExamples checks the examples of docs/protocol.md byte for byte.
func TestProtocolExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    Msg
		want string // hex, as in the document
	}{
		{"cancel abandon", Msg{Type: TypeCancel, ID: 9, Target: 7, CancelFlags: CancelAbandon},
			"0c000000 05000000 0900000000000000 0700000000000000 01000000"},
		{"null invoke", Msg{Type: TypeInvoke, ID: 7, Session: 1},
			"a8000000 03000000 0700000000000000 01000000 00000000" + strings.Repeat("00", ParamsSize)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := Append(nil, &tt.m, DefaultMaxFrame)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := hex.EncodeToString(b), strings.ReplaceAll(tt.want, " ", ""); got != want {
				t.Fatalf("encoding\n got %s\nwant %s", got, want)
			}
		})
	}
}
