package csdk_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// TestHeadersMatchABI checks every number the C headers share with the core
// against internal/abi, so that the C and Go sides can never drift.
func TestHeadersMatchABI(t *testing.T) {
	t.Parallel()
	defs := cDefines(t, "include")

	want := map[string]uint64{
		"TEE_NUM_PARAMS":      abi.NumParams,
		"VERITEE_ABI_VERSION": uint64(abi.Version),

		"TEE_PARAM_TYPE_NONE":          uint64(abi.ParamNone),
		"TEE_PARAM_TYPE_VALUE_INPUT":   uint64(abi.ParamValueInput),
		"TEE_PARAM_TYPE_VALUE_OUTPUT":  uint64(abi.ParamValueOutput),
		"TEE_PARAM_TYPE_VALUE_INOUT":   uint64(abi.ParamValueInout),
		"TEE_PARAM_TYPE_MEMREF_INPUT":  uint64(abi.ParamMemrefInput),
		"TEE_PARAM_TYPE_MEMREF_OUTPUT": uint64(abi.ParamMemrefOutput),
		"TEE_PARAM_TYPE_MEMREF_INOUT":  uint64(abi.ParamMemrefInout),

		"TEE_LOGIN_PUBLIC":            uint64(abi.LoginPublic),
		"TEE_LOGIN_USER":              uint64(abi.LoginUser),
		"TEE_LOGIN_GROUP":             uint64(abi.LoginGroup),
		"TEE_LOGIN_APPLICATION":       uint64(abi.LoginApplication),
		"TEE_LOGIN_APPLICATION_USER":  uint64(abi.LoginUserApplication),
		"TEE_LOGIN_APPLICATION_GROUP": uint64(abi.LoginGroupApplication),
		"TEE_LOGIN_REE_KERNEL":        uint64(abi.LoginREEKernel),
		"TEE_LOGIN_TRUSTED_APP":       uint64(abi.LoginTrustedApp),

		"TEE_ORIGIN_API":         uint64(abi.OriginAPI),
		"TEE_ORIGIN_COMMS":       uint64(abi.OriginComms),
		"TEE_ORIGIN_TEE":         uint64(abi.OriginTEE),
		"TEE_ORIGIN_TRUSTED_APP": uint64(abi.OriginTrustedApp),

		"USER_TA_PROP_TYPE_BOOL":         uint64(abi.PropBool),
		"USER_TA_PROP_TYPE_U32":          uint64(abi.PropU32),
		"USER_TA_PROP_TYPE_UUID":         uint64(abi.PropUUID),
		"USER_TA_PROP_TYPE_IDENTITY":     uint64(abi.PropIdentity),
		"USER_TA_PROP_TYPE_STRING":       uint64(abi.PropString),
		"USER_TA_PROP_TYPE_BINARY_BLOCK": uint64(abi.PropBinaryBlock),
		"USER_TA_PROP_TYPE_U64":          uint64(abi.PropU64),

		"TA_FLAG_SINGLE_INSTANCE":     uint64(abi.TAFlagSingleInstance),
		"TA_FLAG_MULTI_SESSION":       uint64(abi.TAFlagMultiSession),
		"TA_FLAG_INSTANCE_KEEP_ALIVE": uint64(abi.TAFlagInstanceKeepAlive),
		"TA_FLAG_SECURE_DATA_PATH":    uint64(abi.TAFlagSecureDataPath),
		"TA_FLAG_CACHE_MAINTENANCE":   uint64(abi.TAFlagCacheMaintenance),
		"TA_FLAG_CONCURRENT":          uint64(abi.TAFlagConcurrent),

		"TEE_PROPSET_TEE_IMPLEMENTATION": uint64(abi.PropsetTEEImplementation),
		"TEE_PROPSET_CURRENT_CLIENT":     uint64(abi.PropsetCurrentClient),
		"TEE_PROPSET_CURRENT_TA":         uint64(abi.PropsetCurrentTA),

		"TEE_MEMORY_ACCESS_READ":      uint64(abi.MemoryAccessRead),
		"TEE_MEMORY_ACCESS_WRITE":     uint64(abi.MemoryAccessWrite),
		"TEE_MEMORY_ACCESS_ANY_OWNER": uint64(abi.MemoryAccessAnyOwner),

		"TRACE_ERROR": uint64(abi.TraceError),
		"TRACE_INFO":  uint64(abi.TraceInfo),
		"TRACE_DEBUG": uint64(abi.TraceDebug),
		"TRACE_FLOW":  uint64(abi.TraceFlow),
	}
	for r, name := range abi.Results() {
		want["TEE_"+name] = uint64(r)
	}
	for _, s := range abi.Syscalls {
		want["VERITEE_SYSCALL_"+strings.ToUpper(s.Name)] = uint64(s.Nr)
	}

	for name, v := range want {
		expr, ok := defs[name]
		if !ok {
			t.Errorf("%s: not defined in the C headers", name)
			continue
		}
		got, err := evalC(defs, expr)
		if err != nil {
			t.Errorf("%s = %s: %v", name, expr, err)
			continue
		}
		if got != v {
			t.Errorf("%s = %#x in C, %#x in internal/abi", name, got, v)
		}
	}

	// The reverse direction for the families abi names completely: a C
	// code internal/abi does not know is a drift too.
	for name := range defs {
		for _, prefix := range []string{"TEE_ERROR_", "TEE_PARAM_TYPE_", "TEE_PROPSET_", "TEE_MEMORY_ACCESS_", "USER_TA_PROP_TYPE_"} {
			if strings.HasPrefix(name, prefix) && name != "TEE_PARAM_TYPE_GET" && name != "TEE_PARAM_TYPE_SET" &&
				name != "USER_TA_PROP_TYPE_INVALID" {
				if _, ok := want[name]; !ok {
					t.Errorf("%s: defined in C but not checked against internal/abi", name)
				}
			}
		}
	}
}

// TestPropNamesMatchABI checks the TA_PROP_STR_* names.
func TestPropNamesMatchABI(t *testing.T) {
	t.Parallel()
	defs := cDefines(t, "include")
	for name, want := range map[string]string{
		"TA_PROP_STR_APP_ID":          abi.PropAppID,
		"TA_PROP_STR_SINGLE_INSTANCE": abi.PropSingleInstance,
		"TA_PROP_STR_MULTI_SESSION":   abi.PropMultiSession,
		"TA_PROP_STR_KEEP_ALIVE":      abi.PropInstanceKeepAlive,
		"TA_PROP_STR_DATA_SIZE":       abi.PropDataSize,
		"TA_PROP_STR_STACK_SIZE":      abi.PropStackSize,
		"TA_PROP_STR_VERSION":         abi.PropVersion,
		"TA_PROP_STR_DESCRIPTION":     abi.PropDescription,
		"TA_PROP_STR_ENDIAN":          abi.PropEndian,
	} {
		if got := defs[name]; got != `"`+want+`"` {
			t.Errorf("%s = %s, want %q", name, got, want)
		}
	}
}

// TestLayoutAssertions checks that the C SDK's compile-time layout checks
// use internal/abi's sizes: every TA build then proves that TEE_Param,
// TEE_UUID, TEE_Identity and TEE_Time are laid out as the core expects.
func TestLayoutAssertions(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("src", "layout_check.c"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	for _, want := range []string{
		"sizeof(TEE_Param) == " + itoa(abi.ParamSize),
		"offsetof(TEE_Param, value.a) == " + itoa(abi.ParamOffsetA),
		"offsetof(TEE_Param, value.b) == " + itoa(abi.ParamOffsetB),
		"offsetof(TEE_Param, memref.buffer) == " + itoa(abi.ParamOffsetA),
		"offsetof(TEE_Param, memref.size) == " + itoa(abi.ParamOffsetB),
		"sizeof(TEE_UUID) == " + itoa(abi.TEEUUIDSize),
		"sizeof(TEE_Identity) == " + itoa(abi.IdentitySize),
		"sizeof(TEE_Time) == " + itoa(abi.TimeSize),
	} {
		if !strings.Contains(src, want) {
			t.Errorf("src/layout_check.c lacks the assertion %q", want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestCryptoHeadersMatchABI checks every cryptographic constant of the C
// headers (algorithms, object types, attributes, curves, usage and handle
// flags, operation classes, states and modes) against internal/abi: each C
// name must exist in abi.CryptoConstants with the same value. A C name that
// merely aliases another (the deprecated TEE_ALG_ECDSA_P192, ...) is checked
// through the name it aliases. Go names the headers lack are OP-TEE
// extensions not yet declared in C; they are listed, not failed.
func TestCryptoHeadersMatchABI(t *testing.T) {
	t.Parallel()
	defs := cDefines(t, "include")
	goConsts := abi.CryptoConstants()
	prefixes := []string{"TEE_ALG_", "TEE_TYPE_", "TEE_ATTR_", "TEE_ECC_CURVE_", "TEE_CRYPTO_ELEMENT_",
		"TEE_USAGE_", "TEE_HANDLE_FLAG_", "TEE_OPERATION_", "TEE_MODE_", "__OPTEE_"}
	checked := 0
	for name, expr := range defs {
		crypto := false
		for _, p := range prefixes {
			crypto = crypto || strings.HasPrefix(name, p)
		}
		if !crypto || name == "__OPTEE_CORE_API_COMPAT_1_1" {
			continue
		}
		got, err := evalC(defs, expr)
		if err != nil {
			t.Errorf("%s = %s: %v", name, expr, err)
			continue
		}
		want, ok := goConsts[name]
		if !ok {
			if target := strings.TrimSpace(expr); defs[target] != "" {
				if _, ok := goConsts[target]; ok {
					continue // an alias of a checked name
				}
			}
			t.Errorf("%s = %#x: defined in C but not in internal/abi (crypto.go)", name, got)
			continue
		}
		if got != uint64(want) {
			t.Errorf("%s = %#x in C, %#x in internal/abi", name, got, want)
		}
		checked++
	}
	if checked < 200 {
		t.Errorf("only %d crypto constants checked; the header parse is broken", checked)
	}
	for name := range goConsts {
		if _, ok := defs[name]; !ok {
			t.Logf("%s: in internal/abi, not yet in the C headers", name)
		}
	}
}
