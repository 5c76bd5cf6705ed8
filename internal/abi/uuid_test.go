package abi

import (
	"testing"
)

func TestParseUUID(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"8aaaf200-2450-11e4-abe2-0002a5d5c51b", true},
		{"8AAAF200-2450-11E4-ABE2-0002A5D5C51B", true},
		{"8aaaf200-2450-11e4-abe2-0002a5d5c51", false},
		{"8aaaf200x2450-11e4-abe2-0002a5d5c51b", false},
		{"8aaaf200-2450-11e4-abe2-0002a5d5c5zz", false},
		{"", false},
	} {
		u, err := ParseUUID(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseUUID(%q) error %v", tc.in, err)
		}
		if tc.ok && u.String() != "8aaaf200-2450-11e4-abe2-0002a5d5c51b" {
			t.Errorf("ParseUUID(%q) = %v", tc.in, u)
		}
	}
}

// TestTEEUUIDLayout pins the TEE_UUID struct layout of a wasm32 TA:
// little-endian timeLow, timeMid, timeHiAndVersion, then clockSeqAndNode.
func TestTEEUUIDLayout(t *testing.T) {
	t.Parallel()
	u := MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51b")
	want := [16]byte{0x00, 0xf2, 0xaa, 0x8a, 0x50, 0x24, 0xe4, 0x11, 0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b}
	b := u.TEEUUIDBytes()
	if b != want {
		t.Fatalf("TEEUUIDBytes = % x, want % x", b, want)
	}
	back, err := UUIDFromTEE(b[:])
	if err != nil || back != u {
		t.Fatalf("UUIDFromTEE = %v, %v", back, err)
	}
	if _, err := UUIDFromTEE(b[:15]); err == nil {
		t.Error("UUIDFromTEE accepted 15 bytes")
	}
}

// TestUUIDv5 checks against RFC 4122's published DNS example
// (python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")).
func TestUUIDv5(t *testing.T) {
	t.Parallel()
	dns := MustParseUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	if got := NewUUIDv5(dns, "python.org"); got.String() != "886313e1-3b8a-5372-9b90-0c9aee199e5d" {
		t.Errorf("NewUUIDv5 = %v", got)
	}
}

func TestResultNames(t *testing.T) {
	t.Parallel()
	if ErrItemNotFound.String() != "ERROR_ITEM_NOT_FOUND" || Result(0x1234).String() != "0x00001234" {
		t.Errorf("Result.String: %v %v", ErrItemNotFound, Result(0x1234))
	}
	if len(Results()) != 33 {
		t.Errorf("%d named results", len(Results()))
	}
	for _, o := range []Origin{OriginAPI, OriginComms, OriginTEE, OriginTrustedApp} {
		if o.String() == "" {
			t.Errorf("origin %d unnamed", o)
		}
	}
}

func TestSyscallTable(t *testing.T) {
	t.Parallel()
	seen := map[uint32]bool{}
	names := map[string]bool{}
	for i, s := range Syscalls {
		if seen[s.Nr] || names[s.Name] {
			t.Errorf("duplicate syscall %d %q", s.Nr, s.Name)
		}
		seen[s.Nr], names[s.Name] = true, true
		if i > 0 && Syscalls[i-1].Nr >= s.Nr {
			t.Errorf("table not in number order at %q", s.Name)
		}
		if len(s.Params) != len(s.ArgNames) {
			t.Errorf("%q: %d params, %d names", s.Name, len(s.Params), len(s.ArgNames))
		}
		if got, ok := SyscallByNr(s.Nr); !ok || got.Name != s.Name {
			t.Errorf("SyscallByNr(%d) = %v, %v", s.Nr, got.Name, ok)
		}
	}
	if _, ok := SyscallByNr(0); ok {
		t.Error("syscall 0 exists")
	}
}
