package csdk_test

import (
	"encoding/binary"
	"slices"
	"sync"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// The stand-in core's side of the TA-to-TA system calls: one callee TA,
// served in Go, reached through the caller's memory as the real core
// reaches it (TEE_Param[4] read in place, outputs written back into it and
// into the buffers its memory references point to).
var (
	// standInCallee opens sessions; its commands are the callee* ones.
	standInCallee = abi.MustParseUUID("ca11ee00-7e57-4000-8000-000000000001")
	// standInDead answers every open with TARGET_DEAD (origin TEE).
	standInDead = abi.MustParseUUID("ca11ee00-7e57-4000-8000-0000000000de")
)

const (
	// calleeEcho transforms the parameters by type: VALUE_INOUT a+1, b+2;
	// VALUE_OUTPUT (0xEC40, index); MEMREF_INOUT reversed; MEMREF_OUTPUT
	// receives p0's bytes when p0 is an input memref (SHORT_BUFFER with the
	// size needed when they do not fit), else is left alone.
	calleeEcho = 1
	// calleeMisuse makes the stand-in core answer BAD_PARAMETERS with
	// origin TEE, what the real core says for a handle that is not a
	// session of the caller: the SDK must panic.
	calleeMisuse = 2
	// Any other command: NOT_SUPPORTED from the callee (origin TA).
)

// taCalls is the stand-in core's record of the caller's sessions.
type taCalls struct {
	mu       sync.Mutex
	next     uint32
	open     map[uint32]bool
	opened   int
	timeouts []uint32 // cancellation timeouts seen, open and invoke
	badOpen  bool     // an open came with parameters (CmdTACall sends none)
}

// ret writes origin to *ptr (when not 0) and returns code, as the core does.
func taRet(mem api.Memory, ptr uint32, code abi.Result, origin abi.Origin) abi.Result {
	if ptr != 0 {
		mem.WriteUint32Le(ptr, uint32(origin))
	}
	return code
}

func (c *taCalls) openSession(mem api.Memory, uuidPtr, timeout, types, params, sessPtr, originPtr uint32) abi.Result {
	b, ok := mem.Read(uuidPtr, abi.TEEUUIDSize)
	if !ok {
		return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
	}
	u, _ := abi.UUIDFromTEE(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timeouts = append(c.timeouts, timeout)
	if types != 0 {
		c.badOpen = true
	}
	switch u {
	case standInCallee:
		c.next++
		h := 0x100 + c.next
		if !mem.WriteUint32Le(sessPtr, h) {
			return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
		}
		if c.open == nil {
			c.open = map[uint32]bool{}
		}
		c.open[h] = true
		c.opened++
		return taRet(mem, originPtr, abi.Success, abi.OriginTrustedApp)
	case standInDead:
		return taRet(mem, originPtr, abi.ErrTargetDead, abi.OriginTEE)
	}
	return taRet(mem, originPtr, abi.ErrItemNotFound, abi.OriginTEE)
}

func (c *taCalls) invoke(mem api.Memory, sess, timeout, cmd, types, params, originPtr uint32) abi.Result {
	c.mu.Lock()
	known := c.open[sess]
	c.timeouts = append(c.timeouts, timeout)
	c.mu.Unlock()
	if !known || cmd == calleeMisuse {
		return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
	}
	if cmd != calleeEcho {
		return taRet(mem, originPtr, abi.ErrNotSupported, abi.OriginTrustedApp)
	}
	slots, ok := mem.Read(params, abi.ParamsSize)
	if !ok {
		return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
	}
	window := func(i int) ([]byte, bool) {
		s := slots[i*abi.ParamSize:]
		a, n := binary.LittleEndian.Uint32(s), binary.LittleEndian.Uint32(s[4:])
		if a == 0 {
			return nil, true
		}
		return mem.Read(a, n)
	}
	var in []byte
	if t := abi.ParamType(abi.ParamTypeAt(types, 0)); t == abi.ParamMemrefInput || t == abi.ParamMemrefInout {
		w, ok := window(0)
		if !ok {
			return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
		}
		in = slices.Clone(w)
	}
	res := abi.Success
	for i := range abi.NumParams {
		s := slots[i*abi.ParamSize:]
		switch abi.ParamType(abi.ParamTypeAt(types, i)) {
		case abi.ParamValueInout:
			binary.LittleEndian.PutUint32(s, binary.LittleEndian.Uint32(s)+1)
			binary.LittleEndian.PutUint32(s[4:], binary.LittleEndian.Uint32(s[4:])+2)
		case abi.ParamValueOutput:
			binary.LittleEndian.PutUint32(s, 0xEC40)
			binary.LittleEndian.PutUint32(s[4:], uint32(i))
		case abi.ParamMemrefInout:
			w, ok := window(i)
			if !ok {
				return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
			}
			slices.Reverse(w)
		case abi.ParamMemrefOutput:
			if in == nil {
				break
			}
			w, ok := window(i)
			if !ok {
				return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
			}
			if len(w) < len(in) {
				res = abi.ErrShortBuffer
			} else {
				copy(w, in)
			}
			binary.LittleEndian.PutUint32(s[4:], uint32(len(in)))
		}
	}
	return taRet(mem, originPtr, res, abi.OriginTrustedApp)
}

func (c *taCalls) closeSession(sess uint32) abi.Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.open[sess] {
		return abi.ErrBadParameters
	}
	delete(c.open, sess)
	return abi.Success
}

// state returns how many sessions were opened and are still open.
func (c *taCalls) state() (opened, open int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opened, len(c.open)
}

// taCallArg is CmdTACall's p0: the callee's UUID, canonical order, then
// the command, little-endian.
func taCallArg(u abi.UUID, cmd uint32) []byte {
	return binary.LittleEndian.AppendUint32(u[:], cmd)
}
