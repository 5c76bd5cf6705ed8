// Package ta is the Veritee Trusted Application SDK for Go: it lets a TA be
// written in Go, compiled for GOOS=wasip1 GOARCH=wasm as a WASI reactor
// (go build -buildmode=c-shared), and run by the Veritee core.
//
// It is the Go counterpart of OP-TEE's libutee: the GP TEE Internal Core API
// (GPD_SPE_010 v1.3.1) in Go form, over the Veritee system-call ABI
// (docs/ta-abi.md). The package exports the ABI's entry points
// (TA_CreateEntryPoint ... TA_InvokeCommandEntryPoint, veritee_alloc,
// veritee_free, veritee_ta_props) and forwards them to the TA value given to
// Register:
//
//	package main
//
//	import "github.com/veritee/veritee/sdk/go/ta"
//
//	type helloTA struct{ ta.NopTA }
//
//	func (helloTA) Invoke(s any, cmd uint32, p *ta.Params) error {
//		if err := p.Check(ta.ParamValueInout, ta.ParamNone, ta.ParamNone, ta.ParamNone); err != nil {
//			return err
//		}
//		a, b := p.Value(0)
//		p.SetValue(0, a+1, b)
//		return nil
//	}
//
//	func main() {}
//
//	func init() {
//		ta.Register(ta.Properties{
//			UUID:           ta.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51c"),
//			SingleInstance: true, MultiSession: true,
//			DataSize: 16 << 20, StackSize: 64 << 10,
//			Version: "1.0", Description: "hello",
//		}, helloTA{})
//	}
//
// Build a TA as a WASI reactor, then pack it into a .ta image with the
// veritee CLI (or internal/taimage.Pack):
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -o ta.wasm ./path/to/ta
//
// Entry points run on the Go runtime's main goroutine, one at a time.
// Goroutines a TA starts only make progress while an entry point runs (and
// blocks), because the core runs the module only then.
//
// As in C, GP misuse that panics (TEE_Panic) panics the TA here too, and so
// does any Go panic that escapes an entry point: the SDK recovers it, logs
// it, and calls the panic system call, so the core sees the instance die
// (TEE_ERROR_TARGET_DEAD for its sessions) instead of a hang.
//
// A TA calls other TAs (GPD_SPE_010 §4.9) with OpenTASession and the
// TASession it returns; parameters are built with NewParams, or passed on
// from an entry point's with Params.Arg, and the outputs come back into
// them.
//
// Outside wasip1 (go test on the host) the package runs against FakeCore, an
// in-process stand-in for the core, so the logic of a TA can be unit-tested
// natively (FakeCore.Callees serves its calls to other TAs).
package ta
