// Package standin is the TA-to-TA side of the stand-in cores that the C
// and Go TA SDK tests run test TAs against without the real core: one
// callee TA served in Go, reached through the caller's memory as the real
// core reaches it (TEE_Param[4] read in place, outputs written back into it
// and into the buffers its memory references point to).
package standin

import (
	"encoding/binary"
	"slices"
	"sync"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

var (
	// Callee opens sessions; its commands are CalleeEcho and CalleeMisuse.
	Callee = abi.MustParseUUID("ca11ee00-7e57-4000-8000-000000000001")
	// Dead answers every open with TARGET_DEAD (origin TEE).
	Dead = abi.MustParseUUID("ca11ee00-7e57-4000-8000-0000000000de")
)

const (
	// CalleeEcho transforms the parameters by type: VALUE_INOUT a+1, b+2;
	// VALUE_OUTPUT (0xEC40, index); MEMREF_INOUT reversed; MEMREF_OUTPUT
	// receives p0's bytes when p0 is an input memref (SHORT_BUFFER with the
	// size needed when they do not fit), else is left alone.
	CalleeEcho = 1
	// CalleeMisuse makes the stand-in core answer BAD_PARAMETERS with
	// origin TEE, what the real core says for a handle that is not a
	// session of the caller: the SDK must panic.
	CalleeMisuse = 2
	// Any other command: NOT_SUPPORTED from the callee (origin TA).
)

// TACalls is the stand-in core's record of the caller's sessions.
type TACalls struct {
	mu       sync.Mutex
	next     uint32
	open     map[uint32]bool
	opened   int
	timeouts []uint32 // cancellation timeouts seen, open and invoke
	badOpen  bool     // an open came with parameters (CmdTACall sends none)
}

// ret writes origin to *ptr (when not 0) and returns code, as the core does.
func ret(mem api.Memory, ptr uint32, code abi.Result, origin abi.Origin) abi.Result {
	if ptr != 0 {
		mem.WriteUint32Le(ptr, uint32(origin))
	}
	return code
}

func (c *TACalls) OpenSession(mem api.Memory, uuidPtr, timeout, types, params, sessPtr, originPtr uint32) abi.Result {
	b, ok := mem.Read(uuidPtr, abi.TEEUUIDSize)
	if !ok {
		return ret(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
	}
	u, _ := abi.UUIDFromTEE(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timeouts = append(c.timeouts, timeout)
	if types != 0 {
		c.badOpen = true
	}
	switch u {
	case Callee:
		c.next++
		h := 0x100 + c.next
		if !mem.WriteUint32Le(sessPtr, h) {
			return ret(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
		}
		if c.open == nil {
			c.open = map[uint32]bool{}
		}
		c.open[h] = true
		c.opened++
		return ret(mem, originPtr, abi.Success, abi.OriginTrustedApp)
	case Dead:
		return ret(mem, originPtr, abi.ErrTargetDead, abi.OriginTEE)
	}
	return ret(mem, originPtr, abi.ErrItemNotFound, abi.OriginTEE)
}

func (c *TACalls) Invoke(mem api.Memory, sess, timeout, cmd, types, params, originPtr uint32) abi.Result {
	c.mu.Lock()
	known := c.open[sess]
	c.timeouts = append(c.timeouts, timeout)
	c.mu.Unlock()
	if !known || cmd == CalleeMisuse {
		return ret(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
	}
	if cmd != CalleeEcho {
		return ret(mem, originPtr, abi.ErrNotSupported, abi.OriginTrustedApp)
	}
	slots, ok := mem.Read(params, abi.ParamsSize)
	if !ok {
		return ret(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
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
			return ret(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
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
				return ret(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
			}
			slices.Reverse(w)
		case abi.ParamMemrefOutput:
			if in == nil {
				break
			}
			w, ok := window(i)
			if !ok {
				return ret(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
			}
			if len(w) < len(in) {
				res = abi.ErrShortBuffer
			} else {
				copy(w, in)
			}
			binary.LittleEndian.PutUint32(s[4:], uint32(len(in)))
		}
	}
	return ret(mem, originPtr, res, abi.OriginTrustedApp)
}

func (c *TACalls) CloseSession(sess uint32) abi.Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.open[sess] {
		return abi.ErrBadParameters
	}
	delete(c.open, sess)
	return abi.Success
}

// State returns how many sessions were opened and are still open.
func (c *TACalls) State() (opened, open int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opened, len(c.open)
}

// TACallArg is CmdTACall's p0: the callee's UUID, canonical order, then
// the command, little-endian.
func TACallArg(u abi.UUID, cmd uint32) []byte {
	return binary.LittleEndian.AppendUint32(u[:], cmd)
}

// Checks returns the cancellation timeouts seen (open and invoke, in
// order) and whether an open came with parameters.
func (c *TACalls) Checks() (timeouts []uint32, openWithParams bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.timeouts), c.badOpen
}
