//go:build !wasip1

package ta

import (
	"testing"
)

// TestPropertyEnumerator walks the enumerator over the current-TA set of
// a FakeCore through its edge cases, and reads values through it.
func TestPropertyEnumerator(t *testing.T) {
	c, _, _ := withProbe(t)
	_ = c
	e := AllocatePropertyEnumerator()
	if _, err := e.Name(); err != ErrItemNotFound {
		t.Errorf("name before start: %v", err)
	}
	if err := e.Next(); err != ErrItemNotFound {
		t.Errorf("next before start: %v", err)
	}
	if _, err := GetPropertyAsU32(e, ""); err != ErrItemNotFound {
		t.Errorf("get before start: %v", err)
	}
	e.Start(PropSetCurrentTA)
	want := EnumerateProperties(PropSetCurrentTA)
	var names []string
	for {
		n, err := e.Name()
		if err != nil {
			t.Fatalf("name: %v", err)
		}
		names = append(names, n)
		if n == "x.u32" {
			if v, err := GetPropertyAsU32(e, "ignored"); err != nil || v != 7 {
				t.Errorf("x.u32 through the enumerator: %d %v", v, err)
			}
			if s, err := GetPropertyAsString(e, ""); err != nil || s != "7" {
				t.Errorf("x.u32 as string: %q %v", s, err)
			}
			if _, err := GetPropertyAsBool(e, ""); err != ErrBadFormat {
				t.Errorf("x.u32 as bool: %v", err)
			}
		}
		if err := e.Next(); err == ErrItemNotFound {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if len(names) != len(want) {
		t.Fatalf("enumerated %q, want %d", names, len(want))
	}
	for i := range want {
		if names[i] != want[i].Name {
			t.Errorf("name %d = %q, want %q", i, names[i], want[i].Name)
		}
	}
	if err := e.Next(); err != ErrItemNotFound {
		t.Errorf("next past the end: %v", err)
	}
	if _, err := e.Name(); err != ErrItemNotFound {
		t.Errorf("name past the end: %v", err)
	}
	e.Reset()
	if _, err := e.Name(); err != ErrItemNotFound {
		t.Errorf("name after reset: %v", err)
	}
	e.Start(PropSetCurrentClient)
	if n, err := e.Name(); err != nil || n != "gpd.client.identity" {
		t.Errorf("client set: %q %v", n, err)
	}
	e.Free()
	var nilEnum *PropertyEnumerator
	nilEnum.Free() // TEE_HANDLE_NULL: nothing
}

// TestPropertyEnumeratorPanics checks the misuses GP makes panics.
func TestPropertyEnumeratorPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"use after free": func() { e := AllocatePropertyEnumerator(); e.Free(); _ = e.Next() },
		"double free":    func() { e := AllocatePropertyEnumerator(); e.Free(); e.Free() },
		"bad set":        func() { AllocatePropertyEnumerator().Start(7) },
		"nil enumerator": func() { var e *PropertyEnumerator; _, _ = GetPropertyAsU32(e, "x") },
		"nil handle":     func() { _, _ = GetPropertyAsU32(nil, "x") },
	} {
		t.Run(name, func(t *testing.T) {
			withProbe(t)
			defer func() {
				pe, ok := recover().(*PanicError)
				if !ok || pe.Code != ErrBadParameters {
					t.Errorf("recovered %v, want TEE_Panic(BAD_PARAMETERS)", pe)
				}
			}()
			f()
		})
	}
}

func TestInstanceDataFake(t *testing.T) {
	withProbe(t)
	t.Cleanup(func() { SetInstanceData(nil) })
	if GetInstanceData() != nil {
		t.Fatal("instance data before any set")
	}
	v := &struct{ n int }{42}
	SetInstanceData(v)
	if GetInstanceData() != v {
		t.Fatal("instance data not kept")
	}
	SetInstanceData(nil)
	if GetInstanceData() != nil {
		t.Fatal("instance data not cleared")
	}
}
