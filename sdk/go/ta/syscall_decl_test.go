package ta

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// TestWasmImportsMatchABI parses syscall_wasip1.go and checks that its
// //go:wasmimport declarations are exactly abi.Syscalls: same module, names,
// wasm parameter types and results.
func TestWasmImportsMatchABI(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "syscall_wasip1.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	declared := make(map[string]*ast.FuncDecl)
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Doc == nil {
			continue
		}
		for _, c := range fd.Doc.List {
			fields := strings.Fields(c.Text)
			if len(fields) == 3 && fields[0] == "//go:wasmimport" {
				if fields[1] != abi.HostModule {
					t.Errorf("%s imports from module %q", fd.Name.Name, fields[1])
				}
				if fd.Body != nil {
					t.Errorf("%s has a body", fd.Name.Name)
				}
				declared[fields[2]] = fd
			}
		}
	}
	for _, s := range abi.Syscalls {
		fd, ok := declared[s.Name]
		if !ok {
			t.Errorf("system call %s not imported", s.Name)
			continue
		}
		delete(declared, s.Name)
		var got []abi.ValType
		for _, p := range fd.Type.Params.List {
			vt, ok := wasmType(p.Type)
			if !ok {
				t.Errorf("%s: parameter type %s has no wasm mapping", s.Name, types(p.Type))
			}
			n := max(len(p.Names), 1)
			for range n {
				got = append(got, vt)
			}
		}
		if string(got) != string(s.Params) {
			t.Errorf("%s: wasm params %q, want %q", s.Name, got, s.Params)
		}
		results := fd.Type.Results
		switch {
		case s.NoReturn && results != nil:
			t.Errorf("%s returns, want no result", s.Name)
		case !s.NoReturn && (results == nil || len(results.List) != 1 || types(results.List[0].Type) != "uint32"):
			t.Errorf("%s: want one uint32 result", s.Name)
		}
	}
	for name := range declared {
		t.Errorf("imports %s, not in abi.Syscalls", name)
	}
}

// wasmType maps a Go parameter type of a wasmimport to its wasm type, as
// the Go compiler lowers it for GOARCH=wasm.
func wasmType(e ast.Expr) (abi.ValType, bool) {
	switch types(e) {
	case "uint32", "int32", "unsafe.Pointer", "*uint32", "uintptr":
		return abi.I32, true
	case "uint64", "int64":
		return abi.I64, true
	}
	return 0, false
}

func types(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return types(e.X) + "." + e.Sel.Name
	case *ast.StarExpr:
		return "*" + types(e.X)
	}
	return "?"
}
