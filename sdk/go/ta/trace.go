package ta

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/veritee/veritee/internal/abi"
)

// TraceLevel is a trace level as OP-TEE's trace.h numbers them; the core
// prefixes each line with it ("E/TA: ...") and filters by its own setting.
type TraceLevel uint32

// Trace levels, from the most to the least important.
const (
	TraceError = TraceLevel(abi.TraceError)
	TraceInfo  = TraceLevel(abi.TraceInfo)
	TraceDebug = TraceLevel(abi.TraceDebug)
	TraceFlow  = TraceLevel(abi.TraceFlow)
)

// Trace writes msg to the TA log at level, as it is.
func Trace(level TraceLevel, msg string) { sys.log(level, msg) }

// EMsg logs an error, like OP-TEE's EMSG: prefixed with the calling
// function and line, formatted as fmt.Sprintf does.
func EMsg(format string, args ...any) { trace(TraceError, true, format, args) }

// IMsg logs information, like OP-TEE's IMSG: without the caller prefix.
func IMsg(format string, args ...any) { trace(TraceInfo, false, format, args) }

// DMsg logs debugging output, like OP-TEE's DMSG.
func DMsg(format string, args ...any) { trace(TraceDebug, true, format, args) }

// FMsg logs function flow, like OP-TEE's FMSG.
func FMsg(format string, args ...any) { trace(TraceFlow, true, format, args) }

func trace(level TraceLevel, where bool, format string, args []any) {
	msg := fmt.Sprintf(format, args...)
	if where {
		msg = caller(3) + " " + msg
	}
	sys.log(level, msg)
}

// caller returns "function:line" of the frame skip levels up, the function
// without its package path, as OP-TEE's __func__:__LINE__.
func caller(skip int) string {
	pc, _, line, ok := runtime.Caller(skip)
	if !ok {
		return "?:0"
	}
	name := "?"
	if f := runtime.FuncForPC(pc); f != nil {
		name = f.Name()
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			name = name[i+1:]
		}
		if i := strings.IndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
	}
	return name + ":" + strconv.Itoa(line)
}
