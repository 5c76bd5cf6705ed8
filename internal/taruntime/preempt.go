package taruntime

import (
	"context"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/sys"

	"github.com/veritee/veritee/internal/preempt"
)

// preemptBudget is how many function entries and loop iterations an
// instrumented TA runs between two calls of the tick import: a tight loop
// reaches it every 100 µs or so, which bounds how long the TA can hold off
// a garbage collection or a Kill; the import's cost is then lost in the
// noise.
const preemptBudget = 1 << 16

// instantiatePreempt adds the module behind preempt's tick import to wr.
func instantiatePreempt(ctx context.Context, wr wazero.Runtime) error {
	_, err := wr.NewHostModuleBuilder(preempt.ImportModule).
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(tick), nil, []api.ValueType{api.ValueTypeI32}).
		WithName(preempt.ImportName).
		Export(preempt.ImportName).
		Instantiate(ctx)
	return err
}

// tick ends the call when its context (the instance's, which Kill
// cancels) is done, as wazero's own checks would, and otherwise hands out
// the next budget. Being Go, it is also where the goroutine can be stopped.
func tick(ctx context.Context, _ api.Module, stack []uint64) {
	if ctx.Err() != nil {
		panic(sys.NewExitError(sys.ExitCodeContextCanceled))
	}
	stack[0] = preemptBudget
}
