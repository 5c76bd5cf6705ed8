//go:build !wasip1

package ta

import (
	"crypto/rand"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"time"
	"unsafe"

	"github.com/veritee/veritee/internal/abi"
)

// FakeCore stands in for the Veritee core when a TA is built for the host
// instead of wasip1, so that TA logic can be unit-tested with go test: it
// serves the system calls in-process and drives the registered TA's entry
// points as the core would, one call at a time.
//
// The TA and its sessions are process-wide, so tests that use a FakeCore
// must not run in parallel with each other. Set the exported fields before
// the first call.
type FakeCore struct {
	// Log receives trace lines as "E/TA: message"; nil discards them.
	Log io.Writer
	// Now is the REE clock; Rand is the random generator.
	Now  func() time.Time
	Rand io.Reader
	// Client is gpd.client.identity; ClientProperties and TEEProperties are
	// further properties of the current-client and TEE property sets.
	Client           Identity
	ClientProperties []Property
	TEEProperties    []Property
	// Callees are the TAs OpenTASession reaches, by UUID; any other UUID
	// is ErrItemNotFound (origin TEE). A callee runs in-process, on a copy
	// of the parameters as the core makes one, and shares the rest of this
	// FakeCore (its properties are the registered TA's, for example); it
	// is created at its first session, and a panic kills it (ErrTargetDead)
	// rather than the calling TA. Cancellation timeouts are ignored.
	Callees map[UUID]TA
	// TATime is the TA's persistent time as an offset from Now, nil until
	// SetTAPersistentTime sets it; it is kept for the FakeCore's lifetime.
	TATime *time.Duration

	start time.Time

	mu          sync.Mutex
	inOp        bool
	pending     bool // Cancel before an operation: it starts cancelled
	cancelled   bool
	masked      bool
	shared      [][]byte // memrefs of the running operation
	dead        *PanicError
	teeDefaults []Property

	callees       map[UUID]*fakeCallee
	taSessions    map[uint32]*fakeTASession
	nextTASession uint32

	crypto  fakeCrypto  // objects and operations (fakecore_crypto.go)
	storage fakeStorage // persistent objects (fakecore_storage.go)
}

// FakeSession is a session opened through FakeCore.OpenSession.
type FakeSession struct {
	core   *FakeCore
	ctx    uint32
	masked bool // the session's cancellation mask
}

// NewFakeCore returns a FakeCore that logs to standard error, and makes it
// the core this package talks to.
func NewFakeCore() *FakeCore {
	c := &FakeCore{Log: os.Stderr, Now: time.Now, Rand: rand.Reader, start: time.Now()}
	c.teeDefaults = []Property{
		StringProperty("gpd.tee.apiversion", "1.3.1"),
		StringProperty("gpd.tee.description", "Veritee FakeCore"),
	}
	sys = fakeSys{c} // fakecore_storage_obj.go
	return c
}

func init() {
	c := NewFakeCore()
	c.Log = nil // quiet until a test asks for a FakeCore
}

// Cancel requests cancellation of the running operation, or of the next one
// when none runs (GPD_SPE_010 §4.10). It may be called from any goroutine.
func (c *FakeCore) Cancel() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inOp {
		c.cancelled = true
	} else {
		c.pending = true
	}
}

// Create runs TA_CreateEntryPoint.
func (c *FakeCore) Create() error {
	return c.call(nil, nil, dispatchCreate)
}

// Destroy runs TA_DestroyEntryPoint.
func (c *FakeCore) Destroy() error {
	return c.call(nil, nil, func() Result { dispatchDestroy(); return Success })
}

// OpenSession runs TA_OpenSessionEntryPoint with p (nil: no parameters).
// Results: the TA's error, a *PanicError when it panicked, ErrTargetDead
// once it has.
func (c *FakeCore) OpenSession(p *Params) (*FakeSession, error) {
	p = orNone(p)
	s := &FakeSession{core: c, masked: true}
	err := c.call(s, p, func() Result {
		return guard(func() (r Result) { s.ctx, r = openSession(p); return r })
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Invoke runs TA_InvokeCommandEntryPoint with cmd and p (nil: none).
func (s *FakeSession) Invoke(cmd uint32, p *Params) error {
	p = orNone(p)
	return s.core.call(s, p, func() Result {
		return guard(func() Result { return invoke(s.ctx, cmd, p) })
	})
}

// Close runs TA_CloseSessionEntryPoint.
func (s *FakeSession) Close() error {
	return s.core.call(s, nil, func() Result {
		return guard(func() Result { closeSession(s.ctx); return Success })
	})
}

func orNone(p *Params) *Params {
	if p == nil {
		return NewParams(None(), None(), None(), None())
	}
	return p
}

// call runs one entry point as the core would: with the cancellation mask
// of session s (masked outside sessions), the memrefs of p marked as shared
// with the client, and a TEE_Panic turned into a *PanicError that makes
// every later call fail with ErrTargetDead.
func (c *FakeCore) call(s *FakeSession, p *Params, f func() Result) (err error) {
	c.mu.Lock()
	if c.dead != nil {
		c.mu.Unlock()
		return ErrTargetDead
	}
	c.inOp, c.cancelled, c.pending, c.masked = true, c.pending, false, s == nil || s.masked
	c.shared = c.shared[:0]
	if p != nil {
		for i := range NumParams {
			if p.Type(i).IsMemref() && p.p[i].mem != nil {
				c.shared = append(c.shared, p.p[i].mem)
			}
		}
	}
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.inOp, c.cancelled = false, false
		if s != nil {
			s.masked = c.masked
		}
		c.mu.Unlock()
	}()
	defer func() {
		if v := recover(); v != nil {
			pe, ok := v.(*PanicError)
			if !ok {
				panic(v)
			}
			err = pe
		}
	}()
	return f().err()
}

func (c *FakeCore) log(level TraceLevel, msg string) {
	if c.Log == nil {
		return
	}
	letter := map[TraceLevel]string{TraceError: "E", TraceInfo: "I", TraceDebug: "D", TraceFlow: "F"}[level]
	if letter == "" {
		letter = "?"
	}
	fmt.Fprintf(c.Log, "%s/TA: %s\n", letter, msg)
}

func (c *FakeCore) panic(code Result) {
	pe := &PanicError{Code: code}
	c.mu.Lock()
	c.dead = pe
	c.mu.Unlock()
	c.log(TraceError, pe.Error())
	panic(pe)
}

// set returns the properties of a property set, in enumeration order.
func (c *FakeCore) set(s PropSet) ([]Property, Result) {
	switch s {
	case PropSetCurrentTA:
		l, err := registration.props.list()
		if err != nil || registration.ta == nil {
			return nil, ErrItemNotFound
		}
		return l, Success
	case PropSetCurrentClient:
		return append([]Property{IdentityProperty("gpd.client.identity", c.Client)}, c.ClientProperties...), Success
	case PropSetTEEImplementation:
		return append(append([]Property{}, c.teeDefaults...), c.TEEProperties...), Success
	}
	return nil, ErrBadParameters
}

func (c *FakeCore) property(s PropSet, name string) (PropType, []byte, Result) {
	l, r := c.set(s)
	if r != Success {
		return 0, nil, r
	}
	for _, e := range l {
		if e.Name == name {
			return e.Type, append([]byte{}, e.Value...), Success
		}
	}
	return 0, nil, ErrItemNotFound
}

func (c *FakeCore) propertyAt(s PropSet, index uint32) (string, PropType, []byte, Result) {
	l, r := c.set(s)
	if r != Success {
		return "", 0, nil, r
	}
	if uint64(index) >= uint64(len(l)) {
		return "", 0, nil, ErrItemNotFound
	}
	e := l[index]
	return e.Name, e.Type, append([]byte{}, e.Value...), Success
}

func (c *FakeCore) time(cat uint32) (Time, Result) {
	var d time.Duration
	switch cat {
	case abi.TimeCatSystem:
		d = time.Since(c.start)
	case abi.TimeCatREE:
		d = time.Duration(c.Now().UnixMilli()) * time.Millisecond
	case abi.TimeCatTAPersistent:
		c.mu.Lock()
		off := c.TATime
		c.mu.Unlock()
		if off == nil {
			return Time{}, ErrTimeNotSet
		}
		d = time.Duration(c.Now().UnixMilli())*time.Millisecond + *off
		if d < 0 {
			return Time{}, ErrTimeNeedsReset
		}
	default:
		return Time{}, ErrBadParameters
	}
	ms := d.Milliseconds()
	t := Time{Seconds: uint32(ms / 1000), Millis: uint32(ms % 1000)}
	if ms/1000 > math.MaxUint32 {
		return t, ErrOverflow
	}
	return t, Success
}

func (c *FakeCore) setTATime(t Time) Result {
	if t.Millis >= 1000 {
		return ErrBadParameters
	}
	off := time.Duration(t.Seconds)*time.Second + time.Duration(t.Millis)*time.Millisecond -
		time.Duration(c.Now().UnixMilli())*time.Millisecond
	c.mu.Lock()
	c.TATime = &off
	c.mu.Unlock()
	return Success
}

func (c *FakeCore) wait(ms uint32) Result {
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	for ms == TimeoutInfinite || time.Now().Before(deadline) {
		if c.cancellationFlag() {
			return ErrCancel
		}
		time.Sleep(time.Millisecond)
	}
	return Success
}

func (c *FakeCore) cancellationFlag() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cancelled && !c.masked
}

func (c *FakeCore) maskCancellation() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.masked
	c.masked = true
	return old
}

func (c *FakeCore) unmaskCancellation() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.masked
	c.masked = false
	return old
}

func (c *FakeCore) random(b []byte) Result {
	if _, err := io.ReadFull(c.Rand, b); err != nil {
		return ErrGeneric
	}
	return Success
}

// checkAccess grants any Go memory, except that a range overlapping a
// memref of the running operation needs MemoryAccessAnyOwner, as the real
// core's check does for client-shared memory.
func (c *FakeCore) checkAccess(flags uint32, b []byte) Result {
	if flags&^(MemoryAccessRead|MemoryAccessWrite|MemoryAccessAnyOwner) != 0 {
		return ErrBadParameters
	}
	if flags&MemoryAccessAnyOwner != 0 || len(b) == 0 {
		return Success
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	hi := lo + uintptr(len(b))
	for _, s := range c.shared {
		slo := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
		if len(s) > 0 && lo < slo+uintptr(len(s)) && slo < hi {
			return ErrAccessDenied
		}
	}
	return Success
}
