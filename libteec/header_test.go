package libteec_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// headerDefines reads the numeric "#define NAME value" lines of the C
// client headers.
func headerDefines(t *testing.T) map[string]uint64 {
	t.Helper()
	re := regexp.MustCompile(`(?m)^#define\s+(\w+)\s+(0x[0-9A-Fa-f]+|[0-9]+)U?L?\b`)
	m := map[string]uint64{}
	for _, name := range []string{"tee_client_api.h", "tee_client_api_extensions.h"} {
		b, err := os.ReadFile(filepath.Join(libDir(), "include", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range re.FindAllStringSubmatch(string(b), -1) {
			v, err := strconv.ParseUint(s[2], 0, 64)
			if err != nil {
				t.Fatalf("%s: %v", s[1], err)
			}
			m[s[1]] = v
		}
	}
	return m
}

// TestHeaderConstants checks tee_client_api.h against internal/abi, the one
// source of the numbers that the core, the Go client and the TA SDKs use.
func TestHeaderConstants(t *testing.T) {
	t.Parallel()
	defs := headerDefines(t)
	want := map[string]uint64{
		"TEEC_CONFIG_PAYLOAD_REF_COUNT":  abi.NumParams,
		"TEEC_CONFIG_SHAREDMEM_MAX_SIZE": abi.MaxMemrefSize,
		"TEEC_NONE":                      uint64(abi.ClientNone),
		"TEEC_VALUE_INPUT":               uint64(abi.ClientValueInput),
		"TEEC_VALUE_OUTPUT":              uint64(abi.ClientValueOutput),
		"TEEC_VALUE_INOUT":               uint64(abi.ClientValueInout),
		"TEEC_MEMREF_TEMP_INPUT":         uint64(abi.ClientMemrefTempInput),
		"TEEC_MEMREF_TEMP_OUTPUT":        uint64(abi.ClientMemrefTempOutput),
		"TEEC_MEMREF_TEMP_INOUT":         uint64(abi.ClientMemrefTempInout),
		"TEEC_MEMREF_WHOLE":              uint64(abi.ClientMemrefWhole),
		"TEEC_MEMREF_PARTIAL_INPUT":      uint64(abi.ClientMemrefPartialInput),
		"TEEC_MEMREF_PARTIAL_OUTPUT":     uint64(abi.ClientMemrefPartialOutput),
		"TEEC_MEMREF_PARTIAL_INOUT":      uint64(abi.ClientMemrefPartialInout),
		"TEEC_MEM_INPUT":                 uint64(abi.MemInput),
		"TEEC_MEM_OUTPUT":                uint64(abi.MemOutput),
		"TEEC_ORIGIN_API":                uint64(abi.OriginAPI),
		"TEEC_ORIGIN_COMMS":              uint64(abi.OriginComms),
		"TEEC_ORIGIN_TEE":                uint64(abi.OriginTEE),
		"TEEC_ORIGIN_TRUSTED_APP":        uint64(abi.OriginTrustedApp),
		"TEEC_LOGIN_PUBLIC":              uint64(abi.LoginPublic),
		"TEEC_LOGIN_USER":                uint64(abi.LoginUser),
		"TEEC_LOGIN_GROUP":               uint64(abi.LoginGroup),
		"TEEC_LOGIN_APPLICATION":         uint64(abi.LoginApplication),
		"TEEC_LOGIN_USER_APPLICATION":    uint64(abi.LoginUserApplication),
		"TEEC_LOGIN_GROUP_APPLICATION":   uint64(abi.LoginGroupApplication),
	}
	// The results GPD_SPE_007 §4.4.2 names, plus those OP-TEE's header
	// adds, under the prefixes OP-TEE uses.
	for _, name := range []string{
		"SUCCESS", "ERROR_GENERIC", "ERROR_ACCESS_DENIED", "ERROR_CANCEL", "ERROR_ACCESS_CONFLICT",
		"ERROR_EXCESS_DATA", "ERROR_BAD_FORMAT", "ERROR_BAD_PARAMETERS", "ERROR_BAD_STATE",
		"ERROR_ITEM_NOT_FOUND", "ERROR_NOT_IMPLEMENTED", "ERROR_NOT_SUPPORTED", "ERROR_NO_DATA",
		"ERROR_OUT_OF_MEMORY", "ERROR_BUSY", "ERROR_COMMUNICATION", "ERROR_SECURITY",
		"ERROR_SHORT_BUFFER", "ERROR_EXTERNAL_CANCEL", "ERROR_TARGET_DEAD", "ERROR_STORAGE_NO_SPACE",
		"ERROR_STORAGE_NOT_AVAILABLE",
	} {
		want["TEEC_"+name] = 0 // value checked below
	}
	for _, name := range []string{"ERROR_EXTERNAL_CANCEL", "ERROR_OVERFLOW", "ERROR_TARGET_DEAD",
		"ERROR_STORAGE_NO_SPACE", "ERROR_MAC_INVALID", "ERROR_SIGNATURE_INVALID",
		"ERROR_TIME_NOT_SET", "ERROR_TIME_NEEDS_RESET"} {
		want["TEE_"+name] = 0
	}
	byName := map[string]uint64{}
	for r, n := range abi.Results() {
		byName["TEEC_"+n] = uint64(r)
		byName["TEE_"+n] = uint64(r)
	}
	for name, v := range want {
		if v == 0 && byName[name] != 0 || name == "TEEC_SUCCESS" {
			v = byName[name]
		}
		got, ok := defs[name]
		switch {
		case !ok:
			t.Errorf("%s is not defined", name)
		case got != v:
			t.Errorf("%s = %#x, want %#x", name, got, v)
		}
	}
	// Every result the header defines has abi's value.
	for name, got := range defs {
		if v, ok := byName[name]; ok && got != v {
			t.Errorf("%s = %#x, want %#x", name, got, v)
		}
	}
}
