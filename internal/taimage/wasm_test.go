package taimage

import (
	"errors"
	"testing"
)

// mod assembles a wasm module from raw sections.
func mod(secs ...[]byte) []byte {
	b := append([]byte(nil), wasmMagic...)
	for _, s := range secs {
		b = append(b, s...)
	}
	return b
}

func TestMemoryPages(t *testing.T) {
	t.Parallel()
	memSec := func(limits ...byte) []byte {
		body := append([]byte{1}, limits...)
		return append([]byte{wasmSecMemory, byte(len(body))}, body...)
	}
	imp := []byte{wasmSecImport, 0, 1, 3, 'e', 'n', 'v', 3, 'm', 'e', 'm', wasmKindMem, 1, 2, 0x80, 0x01}
	imp[1] = byte(len(imp) - 2)
	impFunc := []byte{wasmSecImport, 0, 1, 1, 'a', 1, 'b', wasmKindFunc, 0}
	impFunc[1] = byte(len(impFunc) - 2)
	custom := []byte{0, 4, 3, 'x', 'y', 'z'}
	tests := []struct {
		name     string
		wasm     []byte
		min, max uint32
		hasMax   bool
		ok       bool
	}{
		{"min only", mod(memSec(0, 2)), 2, 0, false, true},
		{"min max", mod(memSec(1, 2, 0x80, 0x02)), 2, 256, true, true},
		{"leb min", mod(memSec(0, 0x81, 0x01)), 129, 0, false, true},
		{"imported", mod(imp), 2, 128, true, true},
		{"func import then memory", mod(custom, impFunc, memSec(0, 3)), 3, 0, false, true},
		{"no memory", mod(impFunc), 0, 0, false, false},
		{"two memories", mod(imp, memSec(0, 1)), 0, 0, false, false},
		{"memory64", mod(memSec(4, 1)), 0, 0, false, false},
		{"max below min", mod(memSec(1, 3, 2)), 0, 0, false, false},
		{"too big", mod(memSec(0, 0x81, 0x80, 0x08)), 0, 0, false, false},
		{"truncated", mod([]byte{wasmSecMemory, 9, 1}), 0, 0, false, false},
		{"long leb", mod([]byte{wasmSecMemory, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}), 0, 0, false, false},
		{"bad magic", []byte("\x00asm\x02\x00\x00\x00"), 0, 0, false, false},
		{"clang", testWasm["ok"], 2, 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			min, max, hasMax, err := MemoryPages(tt.wasm)
			if !tt.ok {
				if !errors.Is(err, ErrWasm) {
					t.Fatalf("err %v, want ErrWasm", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "clang" {
				if min == 0 || hasMax {
					t.Fatalf("clang module: min %d max %d hasMax %v", min, max, hasMax)
				}
				return
			}
			if min != tt.min || max != tt.max || hasMax != tt.hasMax {
				t.Fatalf("got %d %d %v, want %d %d %v", min, max, hasMax, tt.min, tt.max, tt.hasMax)
			}
		})
	}
}

func FuzzMemoryPages(f *testing.F) {
	f.Add(testWasm["ok"])
	f.Add(mod([]byte{wasmSecMemory, 3, 1, 0, 2}))
	f.Fuzz(func(t *testing.T, b []byte) {
		min, max, hasMax, err := MemoryPages(b)
		if err == nil && (min > 65536 || (hasMax && max < min)) {
			t.Fatalf("accepted limits %d..%d", min, max)
		}
	})
}
