package hostapi

import (
	"context"
	"io"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

func init() { register(abi.SysCrypRandomNumberGenerate, sysRandom) }

// sysRandom fills [buf, buf+len) from the core's random source, the OS
// CSPRNG unless configured otherwise (TEE_GenerateRandom, GPD_SPE_010
// §6.11.1). Results: SUCCESS; BAD_PARAMETERS for a buffer outside memory;
// GENERIC if the random source fails (the TA library panics then).
func sysRandom(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	dst, ok := view(mem, arg32(args, 0), arg32(args, 1))
	if !ok {
		return abi.ErrBadParameters
	}
	if _, err := io.ReadFull(s.Rand, dst); err != nil {
		return abi.ErrGeneric
	}
	return abi.Success
}
