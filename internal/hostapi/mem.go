package hostapi

import (
	"encoding/binary"

	"github.com/tetratelabs/wazero/api"
)

// arg32 returns argument i as a 32-bit value, 0 when absent.
func arg32(args []uint64, i int) uint32 {
	if i >= len(args) {
		return 0
	}
	return uint32(args[i])
}

// view returns [ptr, ptr+n) of memory, or false when any of it lies
// outside. A zero-length view at or below the memory size is valid.
func view(mem api.Memory, ptr, n uint32) ([]byte, bool) {
	return mem.Read(ptr, n)
}

// readU32 reads a little-endian u32 at ptr.
func readU32(mem api.Memory, ptr uint32) (uint32, bool) {
	b, ok := mem.Read(ptr, 4)
	if !ok {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b), true
}

// writeU32 writes a little-endian u32 at ptr.
func writeU32(mem api.Memory, ptr, v uint32) bool {
	return mem.WriteUint32Le(ptr, v)
}

// inMemory reports whether [ptr, ptr+n) lies inside memory.
func inMemory(mem api.Memory, ptr, n uint32) bool {
	_, ok := mem.Read(ptr, n)
	return ok
}
