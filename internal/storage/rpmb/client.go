package rpmb

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"sync"
)

// Transport carries request frames to an RPMB device and returns its
// response frames (Device implements it).
type Transport interface {
	Exchange(req []byte, nresp int) ([]byte, error)
}

// KeySize is the length of the RPMB authentication key.
const KeySize = 32

// Errors of the Client. A response that fails authentication means the
// device is not ours or the frames were forged or replayed: the caller must
// treat the partition as untrusted.
var (
	ErrAuth      = errors.New("rpmb: response failed authentication")
	ErrResult    = errors.New("rpmb: device refused the operation")
	ErrKeyDiffer = errors.New("rpmb: device is programmed with another key")
)

// ResultError is a failure result reported by the device.
type ResultError struct {
	Op     string
	Result uint16
}

func (e *ResultError) Error() string {
	return fmt.Sprintf("rpmb: %s: device result 0x%04x", e.Op, e.Result)
}

func (e *ResultError) Unwrap() error { return ErrResult }

// Client is the core's RPMB driver: it builds authenticated requests and
// checks every response's MAC, nonce and counter. It is safe for
// concurrent use.
type Client struct {
	mu      sync.Mutex
	t       Transport
	key     []byte
	counter uint32
	ready   bool
}

// NewClient returns a client using key (KeySize bytes, derived from the
// HUK). Call Init before Read or Write.
func NewClient(t Transport, key []byte) (*Client, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("rpmb: key is %d bytes, want %d", len(key), KeySize)
	}
	k := make([]byte, KeySize)
	copy(k, key)
	return &Client{t: t, key: k}, nil
}

// Close drops the key.
func (c *Client) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.key)
	c.ready = false
}

// Init reads the write counter, programming the key first on a device that
// has none (a new partition). A device programmed with another key is
// refused with ErrKeyDiffer.
func (c *Client) Init() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	ctr, err := c.readCounter()
	var re *ResultError
	if errors.As(err, &re) && re.Result&^ResultCounterExpired == ResultNoKey {
		if err := c.programKey(); err != nil {
			return err
		}
		ctr, err = c.readCounter()
	}
	if errors.Is(err, ErrAuth) {
		return ErrKeyDiffer
	}
	if err != nil {
		return err
	}
	c.counter, c.ready = ctr, true
	return nil
}

func (c *Client) programKey() error {
	var f Frame
	f.SetType(ReqProgramKey)
	copy(f.KeyMAC(), c.key)
	if _, err := c.t.Exchange(f[:], 0); err != nil {
		return err
	}
	r, err := c.result()
	if err != nil {
		return err
	}
	if r.Type() != RespProgramKey {
		return fmt.Errorf("%w: response type 0x%04x", ErrAuth, r.Type())
	}
	if r.Result() != ResultOK {
		return &ResultError{"program key", r.Result()}
	}
	return nil
}

func (c *Client) result() (*Frame, error) {
	var f Frame
	f.SetType(ReqResult)
	b, err := c.t.Exchange(f[:], 1)
	if err != nil {
		return nil, err
	}
	fs, err := ParseFrames(b, 1)
	if err != nil {
		return nil, err
	}
	return &fs[0], nil
}

// Counter returns the device's write counter, read afresh.
func (c *Client) Counter() (uint32, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.readCounter()
}

func (c *Client) readCounter() (uint32, error) {
	var f Frame
	f.SetType(ReqReadCounter)
	rand.Read(f.Nonce())
	b, err := c.t.Exchange(f[:], 1)
	if err != nil {
		return 0, err
	}
	fs, err := ParseFrames(b, 1)
	if err != nil {
		return 0, err
	}
	r := &fs[0]
	if r.Type() != RespReadCounter || subtle.ConstantTimeCompare(r.Nonce(), f.Nonce()) != 1 {
		return 0, fmt.Errorf("%w: counter response type or nonce", ErrAuth)
	}
	if r.Result()&^ResultCounterExpired == ResultNoKey {
		return 0, &ResultError{"read counter", r.Result()}
	}
	if !checkMAC(c.key, fs) {
		return 0, fmt.Errorf("%w: counter response MAC", ErrAuth)
	}
	if r.Result() != ResultOK {
		return 0, &ResultError{"read counter", r.Result()}
	}
	return r.Counter(), nil
}

// Write writes data (a whole number of blocks, at most MaxWriteBlocks) at
// block addr, atomically.
func (c *Client) Write(addr uint16, data []byte) error {
	n := len(data) / BlockSize
	if len(data)%BlockSize != 0 || n < 1 || n > MaxWriteBlocks || int(addr)+n > 0xFFFF {
		return fmt.Errorf("rpmb: write of %d bytes at block %d", len(data), addr)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ready {
		return errors.New("rpmb: client not initialised")
	}
	fs := make([]Frame, n)
	for i := range fs {
		f := &fs[i]
		f.SetType(ReqWrite)
		f.SetAddr(addr)
		f.SetCount(uint16(n))
		f.SetCounter(c.counter)
		copy(f.Data(), data[i*BlockSize:])
	}
	signFrames(c.key, fs)
	if _, err := c.t.Exchange(MarshalFrames(fs), 0); err != nil {
		return err
	}
	r, err := c.result()
	if err != nil {
		return err
	}
	if r.Type() != RespWrite {
		return fmt.Errorf("%w: write response type 0x%04x", ErrAuth, r.Type())
	}
	if r.Result()&^ResultCounterExpired == ResultNoKey {
		return &ResultError{"write", r.Result()}
	}
	if !checkMAC(c.key, []Frame{*r}) || r.Addr() != addr {
		return fmt.Errorf("%w: write response", ErrAuth)
	}
	if r.Result()&^ResultCounterExpired != ResultOK {
		return &ResultError{"write", r.Result()}
	}
	if r.Counter() != c.counter+1 {
		return fmt.Errorf("%w: write counter %d after %d", ErrAuth, r.Counter(), c.counter)
	}
	c.counter++
	return nil
}

// Read returns n blocks from block addr, checking that the response
// answers a fresh nonce and carries our MAC.
func (c *Client) Read(addr uint16, n int) ([]byte, error) {
	if n < 1 || n > MaxWriteBlocks {
		return nil, fmt.Errorf("rpmb: read of %d blocks", n)
	}
	var f Frame
	f.SetType(ReqRead)
	f.SetAddr(addr)
	f.SetCount(uint16(n))
	rand.Read(f.Nonce())
	b, err := c.t.Exchange(f[:], n)
	if err != nil {
		return nil, err
	}
	fs, err := ParseFrames(b, n)
	if err != nil {
		return nil, err
	}
	if len(fs) != n {
		return nil, fmt.Errorf("%w: %d frames for %d blocks", ErrAuth, len(fs), n)
	}
	if res := fs[0].Result(); res&^ResultCounterExpired != ResultOK {
		return nil, &ResultError{"read", res}
	}
	c.mu.Lock()
	ok := checkMAC(c.key, fs)
	c.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("%w: read response MAC", ErrAuth)
	}
	out := make([]byte, 0, n*BlockSize)
	for i := range fs {
		g := &fs[i]
		if g.Type() != RespRead || g.Addr() != addr || g.Result()&^ResultCounterExpired != ResultOK ||
			subtle.ConstantTimeCompare(g.Nonce(), f.Nonce()) != 1 {
			return nil, fmt.Errorf("%w: read response frame %d", ErrAuth, i)
		}
		out = append(out, g.Data()...)
	}
	return out, nil
}
