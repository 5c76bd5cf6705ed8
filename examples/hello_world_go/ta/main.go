// Command ta is OP-TEE's hello_world TA written in Go: a client sends a
// value, INC_VALUE adds one to it and DEC_VALUE takes one away.
//
// Build it as a WASI reactor:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -o hello_world.wasm .
package main

import "github.com/veritee/veritee/sdk/go/ta"

// The commands of hello_world (OP-TEE's ta/include/hello_world_ta.h).
const (
	// CmdIncValue: [inout] value[0].a: the value, incremented.
	CmdIncValue = 0
	// CmdDecValue: [inout] value[0].a: the value, decremented.
	CmdDecValue = 1
)

// UUID is TA_HELLO_WORLD_UUID of the Go edition.
var UUID = ta.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51c")

// helloWorld has no state; NopTA supplies the entry points it does not
// need.
type helloWorld struct{ ta.NopTA }

func (helloWorld) Create() error {
	ta.DMsg("has been called")
	return nil
}

func (helloWorld) Destroy() { ta.DMsg("has been called") }

func (helloWorld) OpenSession(p *ta.Params) (any, error) {
	if err := p.Check(ta.ParamNone, ta.ParamNone, ta.ParamNone, ta.ParamNone); err != nil {
		return nil, err
	}
	ta.IMsg("Hello World!")
	return nil, nil
}

func (helloWorld) CloseSession(any) { ta.IMsg("Goodbye!") }

func (helloWorld) Invoke(_ any, cmd uint32, p *ta.Params) error {
	switch cmd {
	case CmdIncValue:
		return step(p, +1)
	case CmdDecValue:
		return step(p, -1)
	}
	return ta.ErrBadParameters
}

// step adds delta to value[0].a.
func step(p *ta.Params, delta int32) error {
	if err := p.Check(ta.ParamValueInout, ta.ParamNone, ta.ParamNone, ta.ParamNone); err != nil {
		return err
	}
	a, b := p.Value(0)
	ta.IMsg("Got value: %d from NW", a)
	a = uint32(int32(a) + delta)
	p.SetValue(0, a, b)
	if delta > 0 {
		ta.IMsg("Increase value to: %d", a)
	} else {
		ta.IMsg("Decrease value to: %d", a)
	}
	return nil
}

func main() {}

func init() {
	ta.Register(ta.Properties{
		UUID:           UUID,
		SingleInstance: true,
		MultiSession:   true,
		DataSize:       16 << 20,
		StackSize:      64 << 10,
		Version:        "1.0",
		Description:    "Example of TA written in Go (hello world)",
	}, helloWorld{})
}
