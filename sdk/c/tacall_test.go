package csdk_test

import "github.com/veritee/veritee/internal/testta/standin"

// The stand-in core's callee for TA-to-TA calls is shared with the Go test
// TA's tests (internal/testta/standin).
var (
	standInCallee = standin.Callee
	standInDead   = standin.Dead
	taCallArg     = standin.TACallArg
)

const (
	calleeEcho   = standin.CalleeEcho
	calleeMisuse = standin.CalleeMisuse
)
