package hostapi

import (
	"context"
	"encoding/binary"
	"time"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

func init() {
	register(abi.SysOpenTASession, sysOpenTASession)
	register(abi.SysInvokeTACommand, sysInvokeTACommand)
	register(abi.SysCloseTASession, sysCloseTASession)
}

// timeoutInfinite is TEE_TIMEOUT_INFINITE.
const timeoutInfinite = 0xFFFFFFFF

// sysOpenTASession implements TEE_OpenTASession (GPD_SPE_010 §4.9.1): the
// core opens a session with the TA whose TEE_UUID is at args[0] on behalf of
// this instance, which the callee sees as a TEE_LOGIN_TRUSTED_APP client.
// Results: the callee's or the core's, with the origin written to
// *args[5]; BAD_PARAMETERS (origin TEE) for arguments outside memory or
// parameter types GP does not define; NOT_SUPPORTED when the instance has
// no TA client (a runtime used without a core).
func sysOpenTASession(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	uuidPtr, timeout, types, paramsPtr, sessPtr, originPtr := arg32(args, 0), arg32(args, 1), arg32(args, 2), arg32(args, 3), arg32(args, 4), arg32(args, 5)
	b, ok := view(mem, uuidPtr, abi.TEEUUIDSize)
	if !ok {
		return origin(mem, originPtr, abi.TEE(abi.ErrBadParameters))
	}
	uuid, _ := abi.UUIDFromTEE(b)
	if _, ok := view(mem, sessPtr, 4); !ok {
		return origin(mem, originPtr, abi.TEE(abi.ErrBadParameters))
	}
	if s.TA == nil {
		return origin(mem, originPtr, abi.TEE(abi.ErrNotSupported))
	}
	req := &teeconn.OpenRequest{UUID: uuid, Login: abi.LoginTrustedApp}
	slots, ret := readTAParams(mem, types, paramsPtr, &req.Params)
	if !ret.OK() {
		return origin(mem, originPtr, ret)
	}
	var sess uint32
	ret = s.forward(timeout, func(ctx context.Context, c *teeconn.Cancel) abi.Ret {
		req.Cancel = c
		var r abi.Ret
		sess, r = s.TA.OpenSession(ctx, req)
		return r
	})
	writeTAParams(slots, &req.Params)
	if ret.OK() {
		mem.WriteUint32Le(sessPtr, sess)
	}
	return origin(mem, originPtr, ret)
}

// sysInvokeTACommand implements TEE_InvokeTACommand (GPD_SPE_010 §4.9.3).
// Results as sysOpenTASession; an unknown session handle is BAD_PARAMETERS
// (origin TEE), upon which the TA library panics as GP prescribes.
func sysInvokeTACommand(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	sess, timeout, cmd, types, paramsPtr, originPtr := arg32(args, 0), arg32(args, 1), arg32(args, 2), arg32(args, 3), arg32(args, 4), arg32(args, 5)
	if s.TA == nil {
		return origin(mem, originPtr, abi.TEE(abi.ErrNotSupported))
	}
	req := &teeconn.InvokeRequest{Session: sess, Cmd: cmd}
	slots, ret := readTAParams(mem, types, paramsPtr, &req.Params)
	if !ret.OK() {
		return origin(mem, originPtr, ret)
	}
	ret = s.forward(timeout, func(ctx context.Context, c *teeconn.Cancel) abi.Ret {
		req.Cancel = c
		return s.TA.Invoke(ctx, req)
	})
	writeTAParams(slots, &req.Params)
	return origin(mem, originPtr, ret)
}

// sysCloseTASession implements TEE_CloseTASession (GPD_SPE_010 §4.9.2).
// Results: SUCCESS; BAD_PARAMETERS for a handle that is not an open session
// of this instance.
func sysCloseTASession(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	if s.TA == nil {
		return abi.ErrNotSupported
	}
	return s.TA.CloseSession(s.callCtx(), arg32(args, 0)).Code
}

// callCtx is the context of the calling entry point: a TA-to-TA call is
// part of the operation the caller is running, so it ends with it and
// carries its values (the core's record of the call chain).
func (s *State) callCtx() context.Context {
	if s.Call.Ctx != nil {
		return s.Call.Ctx
	}
	return context.Background()
}

// forward runs a call into another TA with a cancellation flag of its own,
// set when the caller's operation is cancelled (whether or not the caller
// has masked cancellation: the mask governs what the caller itself sees)
// or when timeout milliseconds have passed.
func (s *State) forward(timeout uint32, call func(context.Context, *teeconn.Cancel) abi.Ret) abi.Ret {
	c := teeconn.NewCancel()
	stop := s.Call.Cancel.AfterRequest(c.Request)
	defer stop()
	if timeout != timeoutInfinite {
		t := time.AfterFunc(time.Duration(timeout)*time.Millisecond, c.Request)
		defer t.Stop()
	}
	return call(s.callCtx(), c)
}

// readTAParams decodes the caller's TEE_Param[4] at ptr with the given types
// into p. Memory references become windows of the caller's own memory: the
// caller is blocked in this call and single-threaded, so nothing else can
// touch them, and the callee's entry copies them into its own memory anyway.
// It returns the four 8-byte slots for writeTAParams.
func readTAParams(mem api.Memory, types, ptr uint32, p *teeconn.Params) ([]byte, abi.Ret) {
	if types>>16 != 0 {
		return nil, abi.TEE(abi.ErrBadParameters)
	}
	if types == 0 && ptr == 0 {
		return nil, abi.Ret{}
	}
	slots, ok := view(mem, ptr, abi.ParamsSize)
	if !ok {
		return nil, abi.TEE(abi.ErrBadParameters)
	}
	for k := range p {
		t := abi.ParamType(abi.ParamTypeAt(types, k))
		if !t.Valid() {
			return nil, abi.TEE(abi.ErrBadParameters)
		}
		slot := slots[k*abi.ParamSize:]
		a := binary.LittleEndian.Uint32(slot[abi.ParamOffsetA:])
		b := binary.LittleEndian.Uint32(slot[abi.ParamOffsetB:])
		q := &p[k]
		q.Type = t
		switch {
		case t.IsValue():
			q.A, q.B = a, b
		case t.IsMemref():
			q.Size = uint64(b)
			if a == 0 {
				continue // a NULL memory reference, possibly with a size
			}
			w, ok := view(mem, a, b)
			if !ok {
				return nil, abi.TEE(abi.ErrBadParameters)
			}
			q.Mem = w
		}
	}
	return slots, abi.Ret{}
}

// writeTAParams writes the outputs back into the caller's TEE_Param slots:
// values of output types, and the size of every output memory reference
// (the bytes themselves were written through the window).
func writeTAParams(slots []byte, p *teeconn.Params) {
	if slots == nil {
		return
	}
	for k := range p {
		q := &p[k]
		slot := slots[k*abi.ParamSize:]
		switch {
		case q.Type.IsValue() && q.Type.IsOutput():
			binary.LittleEndian.PutUint32(slot[abi.ParamOffsetA:], q.A)
			binary.LittleEndian.PutUint32(slot[abi.ParamOffsetB:], q.B)
		case q.Type.IsMemref() && q.Type.IsOutput():
			binary.LittleEndian.PutUint32(slot[abi.ParamOffsetB:], uint32(q.Size))
		}
	}
}

// origin writes ret's origin to *ptr when ptr is not 0 and returns its code.
func origin(mem api.Memory, ptr uint32, ret abi.Ret) abi.Result {
	if ptr != 0 {
		o := ret.Origin
		if ret.OK() {
			o = abi.OriginTrustedApp
		}
		mem.WriteUint32Le(ptr, uint32(o))
	}
	return ret.Code
}
