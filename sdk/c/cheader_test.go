package csdk_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cDefines reads every "#define NAME value" and every "NAME = value," enum
// entry of the headers in dir. Function-like macros are skipped.
func cDefines(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.h"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no headers in %s: %v", dir, err)
	}
	def := regexp.MustCompile(`^#define\s+([A-Za-z_]\w*)\s+(.+?)\s*(?:/\*.*)?$`)
	enum := regexp.MustCompile(`^\s+([A-Z_][A-Z0-9_]*)\s*=\s*([^,]+),`)
	m := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if s := def.FindStringSubmatch(line); s != nil && !strings.HasSuffix(s[2], "\\") {
				m[s[1]] = s[2]
			} else if s := enum.FindStringSubmatch(line); s != nil {
				m[s[1]] = strings.TrimSpace(s[2])
			}
		}
	}
	return m
}

// evalC evaluates a constant C expression made of integer literals, macro
// names, casts to the handle types, parentheses, |, << and *.
func evalC(defs map[string]string, expr string) (uint64, error) {
	for _, cast := range []string{"(TEE_PropSetHandle)", "(uint32_t)"} {
		expr = strings.ReplaceAll(expr, cast, "")
	}
	p := &cparser{defs: defs, s: expr}
	v, err := p.or()
	if err == nil && strings.TrimSpace(p.s) != "" {
		err = fmt.Errorf("trailing %q", p.s)
	}
	return v, err
}

type cparser struct {
	defs  map[string]string
	s     string
	depth int
}

var tokRE = regexp.MustCompile(`^\s*(0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_]\w*|<<|[|*()])`)

func (p *cparser) peek() string {
	if m := tokRE.FindStringSubmatch(p.s); m != nil {
		return m[1]
	}
	return ""
}

func (p *cparser) next() string {
	m := tokRE.FindStringSubmatch(p.s)
	if m == nil {
		return ""
	}
	p.s = p.s[len(m[0]):]
	return m[1]
}

func (p *cparser) or() (uint64, error) {
	v, err := p.shift()
	for err == nil && p.peek() == "|" {
		p.next()
		var w uint64
		w, err = p.shift()
		v |= w
	}
	return v, err
}

func (p *cparser) shift() (uint64, error) {
	v, err := p.mul()
	for err == nil && p.peek() == "<<" {
		p.next()
		var w uint64
		w, err = p.mul()
		v <<= w
	}
	return v, err
}

func (p *cparser) mul() (uint64, error) {
	v, err := p.atom()
	for err == nil && p.peek() == "*" {
		p.next()
		var w uint64
		w, err = p.atom()
		v *= w
	}
	return v, err
}

func (p *cparser) atom() (uint64, error) {
	tok := p.next()
	switch {
	case tok == "(":
		v, err := p.or()
		if err == nil && p.next() != ")" {
			err = fmt.Errorf("missing )")
		}
		return v, err
	case tok == "":
		return 0, fmt.Errorf("unexpected %q", p.s)
	case tok[0] >= '0' && tok[0] <= '9':
		// Integer suffixes (U, UL, ULL) follow the literal.
		p.s = strings.TrimLeft(p.s, "uUlL")
		return strconv.ParseUint(tok, 0, 64)
	default:
		e, ok := p.defs[tok]
		if !ok {
			return 0, fmt.Errorf("unknown name %s", tok)
		}
		if p.depth > 16 {
			return 0, fmt.Errorf("%s: too deep", tok)
		}
		sub := &cparser{defs: p.defs, s: e, depth: p.depth + 1}
		for _, cast := range []string{"(TEE_PropSetHandle)", "(uint32_t)"} {
			sub.s = strings.ReplaceAll(sub.s, cast, "")
		}
		return sub.or()
	}
}

func TestEvalC(t *testing.T) {
	t.Parallel()
	defs := map[string]string{"A": "0x10U", "B": "(A | (1 << 2))", "H": "((TEE_PropSetHandle)0xFFFFFFFD)"}
	for _, tc := range []struct {
		expr string
		want uint64
		bad  bool
	}{
		{"0", 0, false},
		{"0xF0100001", 0xF0100001, false},
		{"B", 0x14, false},
		{"(8 * 1024)", 8192, false},
		{"H", 0xFFFFFFFD, false},
		{"C", 0, true},
		{"(1", 0, true},
		{"1 + 2", 0, true},
	} {
		got, err := evalC(defs, tc.expr)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("evalC(%q) = %#x, %v; want %#x, error %v", tc.expr, got, err, tc.want, tc.bad)
		}
	}
}
