package wire

import (
	"github.com/veritee/veritee/internal/abi"
)

// Msg is one decoded frame. It is a flat record, not one type per message,
// so that the hot path (INVOKE and its reply) decodes into a reused value
// without allocating; each message uses the fields its type lists below and
// leaves the others zero.
//
//	HELLO               Versions
//	HELLO reply         Ret, Version, MaxFrame, MaxInflight
//	OPEN_SESSION        UUID, Login, ConnData, Params
//	OPEN_SESSION reply  Ret, Session, Params
//	INVOKE              Session, Cmd, Params
//	INVOKE reply        Ret, Params
//	CLOSE_SESSION       Session
//	CLOSE_SESSION reply Ret
//	CANCEL              Target, CancelFlags (no reply)
//	REGISTER_SHM        ShmSize, ShmFlags (the memfd travels as SCM_RIGHTS)
//	REGISTER_SHM reply  Ret, Shm
//	RELEASE_SHM         Shm
//	RELEASE_SHM reply   Ret
//	ERROR reply         Ret
type Msg struct {
	Type Type
	ID   uint64

	Ret abi.Ret

	Versions    []uint32
	Version     uint32
	MaxFrame    uint32
	MaxInflight uint32

	UUID     abi.UUID
	Login    uint32
	ConnData uint32
	Session  uint32
	Cmd      uint32
	Params   Params

	Target      uint64
	CancelFlags uint32
	Shm         uint32
	ShmSize     uint64
	ShmFlags    uint32
}

// CancelAbandon is the CANCEL flag saying that the client no longer waits
// for the reply (its caller's context ended), as opposed to a cooperative
// TEEC_RequestCancellation. The daemon then cancels the context of the
// operation as well as setting its cancellation flag, so the core may kill
// a TA that does not return. Every other flag bit is reserved: a CANCEL
// carrying one is malformed.
const CancelAbandon uint32 = 1 << 0

// Reply returns an empty reply to m: the reply type of m's type, m's id, and
// ret.
func (m *Msg) Reply(ret abi.Ret) Msg {
	return Msg{Type: m.Type | ReplyBit, ID: m.ID, Ret: ret}
}

// ErrorReply returns the ERROR reply to the request with the given id.
func ErrorReply(id uint64, ret abi.Ret) Msg {
	return Msg{Type: TypeErrorReply, ID: id, Ret: ret}
}
