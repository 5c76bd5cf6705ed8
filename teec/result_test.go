package teec

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// allResults lists every exported Result constant with the abi code it must
// equal.
var allResults = []struct {
	r   Result
	abi abi.Result
}{
	{Success, abi.Success},
	{ErrCorruptObject, abi.ErrCorruptObject},
	{ErrCorruptObject2, abi.ErrCorruptObject2},
	{ErrStorageNotAvailable, abi.ErrStorageNotAvailable},
	{ErrStorageNotAvailable2, abi.ErrStorageNotAvailable2},
	{ErrUnsupportedVersion, abi.ErrUnsupportedVersion},
	{ErrCiphertextInvalid, abi.ErrCiphertextInvalid},
	{ErrGeneric, abi.ErrGeneric},
	{ErrAccessDenied, abi.ErrAccessDenied},
	{ErrCancel, abi.ErrCancel},
	{ErrAccessConflict, abi.ErrAccessConflict},
	{ErrExcessData, abi.ErrExcessData},
	{ErrBadFormat, abi.ErrBadFormat},
	{ErrBadParameters, abi.ErrBadParameters},
	{ErrBadState, abi.ErrBadState},
	{ErrItemNotFound, abi.ErrItemNotFound},
	{ErrNotImplemented, abi.ErrNotImplemented},
	{ErrNotSupported, abi.ErrNotSupported},
	{ErrNoData, abi.ErrNoData},
	{ErrOutOfMemory, abi.ErrOutOfMemory},
	{ErrBusy, abi.ErrBusy},
	{ErrCommunication, abi.ErrCommunication},
	{ErrSecurity, abi.ErrSecurity},
	{ErrShortBuffer, abi.ErrShortBuffer},
	{ErrExternalCancel, abi.ErrExternalCancel},
	{ErrTimeout, abi.ErrTimeout},
	{ErrOverflow, abi.ErrOverflow},
	{ErrTargetDead, abi.ErrTargetDead},
	{ErrStorageNoSpace, abi.ErrStorageNoSpace},
	{ErrMACInvalid, abi.ErrMACInvalid},
	{ErrSignatureInvalid, abi.ErrSignatureInvalid},
	{ErrTimeNotSet, abi.ErrTimeNotSet},
	{ErrTimeNeedsReset, abi.ErrTimeNeedsReset},
}

func TestResultsCoverABI(t *testing.T) {
	t.Parallel()
	seen := map[abi.Result]bool{}
	for _, tc := range allResults {
		if uint32(tc.r) != uint32(tc.abi) {
			t.Errorf("%v = 0x%08x, abi says 0x%08x", tc.r, uint32(tc.r), uint32(tc.abi))
		}
		seen[tc.abi] = true
	}
	for code, name := range abi.Results() {
		if !seen[code] {
			t.Errorf("abi result %s (0x%08x) has no teec constant", name, uint32(code))
		}
	}
}

func TestResultError(t *testing.T) {
	t.Parallel()
	for _, tc := range allResults {
		want := "TEEC_" + tc.abi.Name()
		if got := tc.r.Error(); got != want {
			t.Errorf("Result(0x%08x).Error() = %q, want %q", uint32(tc.r), got, want)
		}
		if got := tc.r.String(); got != want {
			t.Errorf("Result(0x%08x).String() = %q, want %q", uint32(tc.r), got, want)
		}
	}
	if got, want := Result(0x12345678).Error(), "TEEC_Result(0x12345678)"; got != want {
		t.Errorf("unnamed Error() = %q, want %q", got, want)
	}
	if got, want := ErrItemNotFound.Error(), "TEEC_ERROR_ITEM_NOT_FOUND"; got != want {
		t.Errorf("ErrItemNotFound.Error() = %q, want %q", got, want)
	}
}

// TestErrorIsAs checks errors.Is and errors.As on every code and origin,
// through further wrapping.
func TestErrorIsAs(t *testing.T) {
	t.Parallel()
	origins := []ReturnOrigin{OriginAPI, OriginComms, OriginTEE, OriginTrustedApp}
	for _, tc := range allResults {
		if tc.r == Success {
			continue
		}
		for _, o := range origins {
			err := fmt.Errorf("wrapped: %w", &Error{Op: "InvokeCommand", Result: tc.r, Origin: o})
			if !errors.Is(err, tc.r) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.r)
			}
			other := ErrGeneric
			if tc.r == ErrGeneric {
				other = ErrBusy
			}
			if errors.Is(err, other) {
				t.Errorf("errors.Is(%v, %v) = true", err, other)
			}
			var e *Error
			if !errors.As(err, &e) || e.Result != tc.r || e.Origin != o {
				t.Errorf("errors.As(%v) = %+v", err, e)
			}
			var r Result
			if !errors.As(err, &r) || r != tc.r {
				t.Errorf("errors.As(%v, Result) = %v", err, r)
			}
			if gr, gor := ResultOf(err); gr != tc.r || gor != o {
				t.Errorf("ResultOf(%v) = %v, %v", err, gr, gor)
			}
		}
	}
}

func TestErrorCause(t *testing.T) {
	t.Parallel()
	err := &Error{Op: "InvokeCommand", Result: ErrCancel, Origin: OriginComms, Err: context.Canceled}
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrCancel) {
		t.Errorf("errors.Is fails on %v", err)
	}
	want := "teec: InvokeCommand: TEEC_ERROR_CANCEL (origin TEEC_ORIGIN_COMMS): context canceled"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	bare := &Error{Op: "OpenSession", Result: ErrBusy, Origin: OriginTEE}
	if got := bare.Error(); strings.Contains(got, ": <nil>") || !strings.HasSuffix(got, "(origin TEEC_ORIGIN_TEE)") {
		t.Errorf("Error() = %q", got)
	}
}

func TestResultOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		r      Result
		origin ReturnOrigin
	}{
		{"nil", nil, Success, OriginTrustedApp},
		{"bare result", ErrBusy, ErrBusy, OriginAPI},
		{"wrapped result", fmt.Errorf("x: %w", ErrNoData), ErrNoData, OriginAPI},
		{"error", &Error{Result: ErrTargetDead, Origin: OriginTEE}, ErrTargetDead, OriginTEE},
		{"foreign", errors.New("boom"), ErrGeneric, OriginAPI},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, o := ResultOf(tc.err)
			if r != tc.r || o != tc.origin {
				t.Errorf("ResultOf = %v, %v; want %v, %v", r, o, tc.r, tc.origin)
			}
		})
	}
}

func TestStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		got, want string
	}{
		{OriginAPI.String(), "TEEC_ORIGIN_API"},
		{OriginComms.String(), "TEEC_ORIGIN_COMMS"},
		{OriginTEE.String(), "TEEC_ORIGIN_TEE"},
		{OriginTrustedApp.String(), "TEEC_ORIGIN_TRUSTED_APP"},
		{ReturnOrigin(9).String(), "TEEC_ORIGIN(0x9)"},
		{LoginPublic.String(), "TEEC_LOGIN_PUBLIC"},
		{LoginUser.String(), "TEEC_LOGIN_USER"},
		{LoginGroup.String(), "TEEC_LOGIN_GROUP"},
		{LoginApplication.String(), "TEEC_LOGIN_APPLICATION"},
		{LoginUserApplication.String(), "TEEC_LOGIN_USER_APPLICATION"},
		{LoginGroupApplication.String(), "TEEC_LOGIN_GROUP_APPLICATION"},
		{LoginMethod(3).String(), "TEEC_LOGIN(unknown)"},
		{None.String(), "TEEC_NONE"},
		{ValueInout.String(), "TEEC_VALUE_INOUT"},
		{MemrefTempOutput.String(), "TEEC_MEMREF_TEMP_OUTPUT"},
		{MemrefWhole.String(), "TEEC_MEMREF_WHOLE"},
		{MemrefPartialInput.String(), "TEEC_MEMREF_PARTIAL_INPUT"},
		{ParamType(4).String(), "TEEC_PARAM_TYPE(0x4)"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestNumbering(t *testing.T) {
	t.Parallel()
	tests := []struct {
		got, want uint32
	}{
		{uint32(OriginAPI), uint32(abi.OriginAPI)},
		{uint32(OriginComms), uint32(abi.OriginComms)},
		{uint32(OriginTEE), uint32(abi.OriginTEE)},
		{uint32(OriginTrustedApp), uint32(abi.OriginTrustedApp)},
		{uint32(LoginPublic), abi.LoginPublic},
		{uint32(LoginUser), abi.LoginUser},
		{uint32(LoginGroup), abi.LoginGroup},
		{uint32(LoginApplication), abi.LoginApplication},
		{uint32(LoginUserApplication), abi.LoginUserApplication},
		{uint32(LoginGroupApplication), abi.LoginGroupApplication},
		{uint32(MemInput), abi.MemInput},
		{uint32(MemOutput), abi.MemOutput},
		{uint32(None), uint32(abi.ClientNone)},
		{uint32(ValueInput), uint32(abi.ClientValueInput)},
		{uint32(ValueOutput), uint32(abi.ClientValueOutput)},
		{uint32(ValueInout), uint32(abi.ClientValueInout)},
		{uint32(MemrefTempInput), uint32(abi.ClientMemrefTempInput)},
		{uint32(MemrefTempOutput), uint32(abi.ClientMemrefTempOutput)},
		{uint32(MemrefTempInout), uint32(abi.ClientMemrefTempInout)},
		{uint32(MemrefWhole), uint32(abi.ClientMemrefWhole)},
		{uint32(MemrefPartialInput), uint32(abi.ClientMemrefPartialInput)},
		{uint32(MemrefPartialOutput), uint32(abi.ClientMemrefPartialOutput)},
		{uint32(MemrefPartialInout), uint32(abi.ClientMemrefPartialInout)},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: 0x%x, want 0x%x", i, tc.got, tc.want)
		}
	}
}

func TestParseUUID(t *testing.T) {
	t.Parallel()
	const s = "8aaaf200-2450-11e4-abe2-0002a5d5c51b"
	u, err := ParseUUID(s)
	if err != nil || u.String() != s {
		t.Fatalf("ParseUUID(%q) = %v, %v", s, u, err)
	}
	for _, bad := range []string{"", "8aaaf200-2450-11e4-abe2-0002a5d5c51", "8aaaf200x2450-11e4-abe2-0002a5d5c51b", "zaaaf200-2450-11e4-abe2-0002a5d5c51b"} {
		_, err := ParseUUID(bad)
		wantErr(t, err, ErrBadFormat, OriginAPI)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParseUUID did not panic")
		}
	}()
	MustParseUUID("nope")
}
