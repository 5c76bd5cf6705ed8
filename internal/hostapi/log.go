package hostapi

import (
	"context"
	"log/slog"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// MaxLogLen bounds one TA log message; longer ones are cut, so a TA cannot
// flood the log with one call.
const MaxLogLen = 4096

func init() { register(abi.SysLog, sysLog) }

// sysLog writes a TA trace message (OP-TEE's _utee_log, behind EMSG/IMSG/
// DMSG/FMSG) to the logger, at the slog level of the trace level. Results:
// SUCCESS; BAD_PARAMETERS for an unknown level or a buffer outside memory.
func sysLog(ctx context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	level, ptr, n := arg32(args, 0), arg32(args, 1), arg32(args, 2)
	var sl slog.Level
	switch level {
	case abi.TraceError:
		sl = slog.LevelError
	case abi.TraceInfo:
		sl = slog.LevelInfo
	case abi.TraceDebug:
		sl = slog.LevelDebug
	case abi.TraceFlow:
		sl = slog.LevelDebug - 4
	default:
		return abi.ErrBadParameters
	}
	msg, ok := view(mem, ptr, n)
	if !ok {
		return abi.ErrBadParameters
	}
	if !s.Logger.Enabled(ctx, sl) {
		return abi.Success
	}
	if len(msg) > MaxLogLen {
		msg = msg[:MaxLogLen]
	}
	for len(msg) > 0 && (msg[len(msg)-1] == '\n' || msg[len(msg)-1] == 0) {
		msg = msg[:len(msg)-1]
	}
	s.Logger.LogAttrs(ctx, sl, string(msg), slog.String("ta", s.UUID.String()))
	return abi.Success
}
