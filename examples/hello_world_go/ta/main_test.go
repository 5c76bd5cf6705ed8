//go:build !wasip1

package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/veritee/veritee/sdk/go/ta"
)

// TestHelloWorld runs the TA natively against the SDK's FakeCore.
func TestHelloWorld(t *testing.T) {
	core := ta.NewFakeCore()
	var log bytes.Buffer
	core.Log = &log
	if err := core.Create(); err != nil {
		t.Fatal(err)
	}
	s, err := core.OpenSession(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		cmd     uint32
		in      uint32
		typ     ta.ParamType
		want    uint32
		wantErr error
	}{
		{"inc", CmdIncValue, 42, ta.ParamValueInout, 43, nil},
		{"dec", CmdDecValue, 42, ta.ParamValueInout, 41, nil},
		{"dec wraps", CmdDecValue, 0, ta.ParamValueInout, 0xFFFFFFFF, nil},
		{"wrong type", CmdIncValue, 1, ta.ParamValueInput, 1, ta.ErrBadParameters},
		{"unknown command", 7, 1, ta.ParamValueInout, 1, ta.ErrBadParameters},
	}
	for _, tc := range tests {
		p := ta.NewParams(ta.Value(tc.typ, tc.in, 9), ta.None(), ta.None(), ta.None())
		err := s.Invoke(tc.cmd, p)
		if !errors.Is(err, tc.wantErr) && !(err == nil && tc.wantErr == nil) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.wantErr)
		}
		if a, b := p.Value(0); a != tc.want || b != 9 {
			t.Errorf("%s: value (%d,%d), want (%d,9)", tc.name, a, b, tc.want)
		}
	}
	if _, err := core.OpenSession(ta.NewParams(ta.Value(ta.ParamValueInput, 1, 1), ta.None(), ta.None(), ta.None())); !errors.Is(err, ta.ErrBadParameters) {
		t.Errorf("open with parameters: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"I/TA: Hello World!", "I/TA: Got value: 42 from NW", "I/TA: Increase value to: 43", "I/TA: Goodbye!"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
}
