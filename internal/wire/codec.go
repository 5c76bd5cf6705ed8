package wire

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
)

// codec describes one message type: the fixed fields that start its body and
// whether a parameter block follows. Encoding and decoding dispatch through
// the codecs table, so adding a message is adding a row.
type codec struct {
	name string
	// fixed returns the length of the fields before the parameter block.
	fixed func(m *Msg) int
	// put writes the fixed fields into b[:fixed(m)].
	put func(b []byte, m *Msg)
	// get decodes the fixed fields from the start of b and returns how many
	// bytes it used.
	get    func(b []byte, m *Msg) (int, error)
	params bool
	dir    dir
}

var codecs [256]*codec

func init() {
	for _, c := range []struct {
		t Type
		c *codec
	}{
		{TypeHello, &codec{name: "HELLO", fixed: helloLen, put: putHello, get: getHello}},
		{TypeHelloReply, &codec{name: "HELLO_REPLY", fixed: fixedLen(20), put: putHelloReply, get: getHelloReply}},
		{TypeOpenSession, &codec{name: "OPEN_SESSION", fixed: fixedLen(24), put: putOpen, get: getOpen, params: true, dir: toTEE}},
		{TypeOpenSessionReply, &codec{name: "OPEN_SESSION_REPLY", fixed: fixedLen(12), put: putRetU32(func(m *Msg) *uint32 { return &m.Session }), get: getRetU32(func(m *Msg) *uint32 { return &m.Session }), params: true, dir: fromTEE}},
		{TypeInvoke, &codec{name: "INVOKE", fixed: fixedLen(8), put: putInvoke, get: getInvoke, params: true, dir: toTEE}},
		{TypeInvokeReply, &codec{name: "INVOKE_REPLY", fixed: fixedLen(8), put: putRet, get: getRet, params: true, dir: fromTEE}},
		{TypeCloseSession, &codec{name: "CLOSE_SESSION", fixed: fixedLen(4), put: putU32(func(m *Msg) *uint32 { return &m.Session }), get: getU32(func(m *Msg) *uint32 { return &m.Session })}},
		{TypeCloseSessionReply, &codec{name: "CLOSE_SESSION_REPLY", fixed: fixedLen(8), put: putRet, get: getRet}},
		{TypeCancel, &codec{name: "CANCEL", fixed: fixedLen(12), put: putCancel, get: getCancel}},
		{TypeRegisterShm, &codec{name: "REGISTER_SHM", fixed: fixedLen(12), put: putRegister, get: getRegister}},
		{TypeRegisterShmReply, &codec{name: "REGISTER_SHM_REPLY", fixed: fixedLen(12), put: putRetU32(func(m *Msg) *uint32 { return &m.Shm }), get: getRetU32(func(m *Msg) *uint32 { return &m.Shm })}},
		{TypeReleaseShm, &codec{name: "RELEASE_SHM", fixed: fixedLen(4), put: putU32(func(m *Msg) *uint32 { return &m.Shm }), get: getU32(func(m *Msg) *uint32 { return &m.Shm })}},
		{TypeReleaseShmReply, &codec{name: "RELEASE_SHM_REPLY", fixed: fixedLen(8), put: putRet, get: getRet}},
		{TypeErrorReply, &codec{name: "ERROR_REPLY", fixed: fixedLen(8), put: putRet, get: getRet}},
	} {
		codecs[c.t] = c.c
	}
}

func fixedLen(n int) func(*Msg) int { return func(*Msg) int { return n } }

func need(b []byte, n int) error {
	if len(b) < n {
		return errf(abi.ErrBadFormat, "body cut short: %d bytes, need %d", len(b), n)
	}
	return nil
}

func putRet(b []byte, m *Msg) {
	binary.LittleEndian.PutUint32(b[0:], uint32(m.Ret.Code))
	binary.LittleEndian.PutUint32(b[4:], uint32(m.Ret.Origin))
}

func getRet(b []byte, m *Msg) (int, error) {
	if err := need(b, 8); err != nil {
		return 0, err
	}
	m.Ret.Code = abi.Result(binary.LittleEndian.Uint32(b[0:]))
	m.Ret.Origin = abi.Origin(binary.LittleEndian.Uint32(b[4:]))
	return 8, nil
}

func putU32(f func(*Msg) *uint32) func([]byte, *Msg) {
	return func(b []byte, m *Msg) { binary.LittleEndian.PutUint32(b, *f(m)) }
}

func getU32(f func(*Msg) *uint32) func([]byte, *Msg) (int, error) {
	return func(b []byte, m *Msg) (int, error) {
		if err := need(b, 4); err != nil {
			return 0, err
		}
		*f(m) = binary.LittleEndian.Uint32(b)
		return 4, nil
	}
}

func putRetU32(f func(*Msg) *uint32) func([]byte, *Msg) {
	return func(b []byte, m *Msg) {
		putRet(b, m)
		binary.LittleEndian.PutUint32(b[8:], *f(m))
	}
}

func getRetU32(f func(*Msg) *uint32) func([]byte, *Msg) (int, error) {
	return func(b []byte, m *Msg) (int, error) {
		if err := need(b, 12); err != nil {
			return 0, err
		}
		getRet(b, m)
		*f(m) = binary.LittleEndian.Uint32(b[8:])
		return 12, nil
	}
}

// HELLO: u32 count, then count u32 versions.
func helloLen(m *Msg) int { return 4 + 4*len(m.Versions) }

func putHello(b []byte, m *Msg) {
	binary.LittleEndian.PutUint32(b, uint32(len(m.Versions)))
	for i, v := range m.Versions {
		binary.LittleEndian.PutUint32(b[4+4*i:], v)
	}
}

func getHello(b []byte, m *Msg) (int, error) {
	if err := need(b, 4); err != nil {
		return 0, err
	}
	n := binary.LittleEndian.Uint32(b)
	if n == 0 || n > MaxVersions {
		return 0, errf(abi.ErrBadFormat, "HELLO offers %d versions", n)
	}
	if err := need(b, 4+4*int(n)); err != nil {
		return 0, err
	}
	m.Versions = make([]uint32, n)
	for i := range m.Versions {
		m.Versions[i] = binary.LittleEndian.Uint32(b[4+4*i:])
	}
	return 4 + 4*int(n), nil
}

// HELLO reply: result, origin, version, max frame, max in flight.
func putHelloReply(b []byte, m *Msg) {
	putRet(b, m)
	binary.LittleEndian.PutUint32(b[8:], m.Version)
	binary.LittleEndian.PutUint32(b[12:], m.MaxFrame)
	binary.LittleEndian.PutUint32(b[16:], m.MaxInflight)
}

func getHelloReply(b []byte, m *Msg) (int, error) {
	if err := need(b, 20); err != nil {
		return 0, err
	}
	getRet(b, m)
	m.Version = binary.LittleEndian.Uint32(b[8:])
	m.MaxFrame = binary.LittleEndian.Uint32(b[12:])
	m.MaxInflight = binary.LittleEndian.Uint32(b[16:])
	return 20, nil
}

// OPEN_SESSION: uuid[16] in canonical order, login, connection data.
func putOpen(b []byte, m *Msg) {
	copy(b[0:16], m.UUID[:])
	binary.LittleEndian.PutUint32(b[16:], m.Login)
	binary.LittleEndian.PutUint32(b[20:], m.ConnData)
}

func getOpen(b []byte, m *Msg) (int, error) {
	if err := need(b, 24); err != nil {
		return 0, err
	}
	copy(m.UUID[:], b[0:16])
	m.Login = binary.LittleEndian.Uint32(b[16:])
	m.ConnData = binary.LittleEndian.Uint32(b[20:])
	return 24, nil
}

// INVOKE: session, command.
func putInvoke(b []byte, m *Msg) {
	binary.LittleEndian.PutUint32(b[0:], m.Session)
	binary.LittleEndian.PutUint32(b[4:], m.Cmd)
}

func getInvoke(b []byte, m *Msg) (int, error) {
	if err := need(b, 8); err != nil {
		return 0, err
	}
	m.Session = binary.LittleEndian.Uint32(b[0:])
	m.Cmd = binary.LittleEndian.Uint32(b[4:])
	return 8, nil
}

// CANCEL: u64 id of the request to cancel, u32 flags (CancelAbandon).
func putCancel(b []byte, m *Msg) {
	binary.LittleEndian.PutUint64(b[0:], m.Target)
	binary.LittleEndian.PutUint32(b[8:], m.CancelFlags)
}

func getCancel(b []byte, m *Msg) (int, error) {
	if err := need(b, 12); err != nil {
		return 0, err
	}
	m.Target = binary.LittleEndian.Uint64(b[0:])
	m.CancelFlags = binary.LittleEndian.Uint32(b[8:])
	if m.CancelFlags&^CancelAbandon != 0 {
		return 0, errf(abi.ErrBadFormat, "unknown CANCEL flags 0x%x", m.CancelFlags)
	}
	return 12, nil
}

// REGISTER_SHM: u64 size, u32 flags (TEEC_MEM_INPUT | TEEC_MEM_OUTPUT).
func putRegister(b []byte, m *Msg) {
	binary.LittleEndian.PutUint64(b[0:], m.ShmSize)
	binary.LittleEndian.PutUint32(b[8:], m.ShmFlags)
}

func getRegister(b []byte, m *Msg) (int, error) {
	if err := need(b, 12); err != nil {
		return 0, err
	}
	m.ShmSize = binary.LittleEndian.Uint64(b[0:])
	m.ShmFlags = binary.LittleEndian.Uint32(b[8:])
	if m.ShmFlags&^(abi.MemInput|abi.MemOutput) != 0 {
		return 0, errf(abi.ErrBadParameters, "unknown shared memory flags 0x%x", m.ShmFlags)
	}
	return 12, nil
}
