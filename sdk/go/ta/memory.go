package ta

import (
	"crypto/subtle"

	"github.com/veritee/veritee/internal/abi"
)

// Hints of Malloc (GPD_SPE_010 §4.11.5, Table 4-18).
const (
	MallocFillZero uint32 = 0x00000000
	MallocNoFill   uint32 = 0x00000001
	MallocNoShare  uint32 = 0x00000002
	// mallocOPTEENoFill is OP-TEE's older TEE_USER_MEM_HINT_NO_FILL_ZERO,
	// accepted so that OP-TEE sources port unchanged.
	mallocOPTEENoFill uint32 = 0x80000000
)

// Malloc is TEE_Malloc (GPD_SPE_010 §4.11.5) in Go form: a new slice of size
// bytes. Go memory is always zeroed, which satisfies every hint. It returns
// nil, as TEE_Malloc returns NULL, when the hint is undefined or size
// exceeds the TA's gpd.ta.dataSize (a larger request could only abort the Go
// runtime). Size 0 gives an empty, non-nil slice.
func Malloc(size uint32, hint uint32) []byte {
	if hint&^(MallocNoFill|MallocNoShare) != 0 && hint != mallocOPTEENoFill {
		return nil
	}
	if !mallocFits(size) {
		return nil
	}
	return make([]byte, size)
}

// Realloc is TEE_Realloc (GPD_SPE_010 §4.11.6): a slice of newSize bytes
// that starts with the content of buf (as much as fits). Bytes past the old
// length are zero. It may return buf resliced; when it returns nil (newSize
// too large) buf is unchanged. Realloc(nil, n) is Malloc(n, MallocFillZero).
func Realloc(buf []byte, newSize uint32) []byte {
	if !mallocFits(newSize) {
		return nil
	}
	if buf == nil {
		return make([]byte, newSize)
	}
	n := int(newSize)
	if n <= cap(buf) {
		out := buf[:n]
		if n > len(buf) {
			clear(out[len(buf):])
		}
		return out
	}
	out := make([]byte, n)
	copy(out, buf)
	return out
}

// Free is TEE_Free (GPD_SPE_010 §4.11.7) in Go form: it zeroes buf (all of
// its capacity) so that secrets do not wait in the heap for the collector,
// which reclaims the memory once nothing refers to it. Free(nil) does
// nothing. Do not use buf afterwards.
func Free(buf []byte) { clear(buf[:cap(buf)]) }

func mallocFits(size uint32) bool {
	limit := uint64(registration.props.DataSize)
	if limit == 0 {
		limit = abi.MaxMemrefSize
	}
	return uint64(size) <= limit
}

// MemMove is TEE_MemMove (GPD_SPE_010 §4.11.8): it copies src into dst,
// correctly when they overlap, and returns the number of bytes copied,
// min(len(dst), len(src)).
func MemMove(dst, src []byte) int { return copy(dst, src) }

// MemCompare is TEE_MemCompare (GPD_SPE_010 §4.11.9): it compares a and b
// byte by byte as unsigned values and returns a negative number, zero or a
// positive number as a sorts before, equals or after b (a shorter slice
// that is a prefix of the other sorts first). Its running time depends only
// on the lengths, never on the contents, so it may compare secrets (MACs,
// PINs).
func MemCompare(a, b []byte) int {
	n := min(len(a), len(b))
	res := 0   // sign of the first difference, once found
	found := 0 // 1 once a difference has been found
	for i := range n {
		x, y := int(a[i]), int(b[i])
		diff := subtle.ConstantTimeByteEq(a[i], b[i]) ^ 1 // 1 when they differ
		take := diff &^ found
		// sign of x-y without branches: x-y is in [-255, 255]
		d := x - y
		sign := (d >> 31) | int(uint32(-d)>>31)
		res = subtle.ConstantTimeSelect(take, sign, res)
		found |= diff
	}
	if found == 0 {
		switch {
		case len(a) < len(b):
			return -1
		case len(a) > len(b):
			return 1
		}
	}
	return res
}

// MemFill is TEE_MemFill (GPD_SPE_010 §4.11.10): it sets every byte of buf
// to x.
func MemFill(buf []byte, x byte) {
	for i := range buf {
		buf[i] = x
	}
}
