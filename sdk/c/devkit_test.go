package csdk_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// checkC is a C source that compiles only when each macro of the
// "#if !(...)" conditions holds: the dev kit passed the right flags.
func checkC(conds ...string) string {
	var b strings.Builder
	for _, c := range conds {
		b.WriteString("#if !(" + c + ")\n#error \"not " + strings.ReplaceAll(c, `"`, `'`) + "\"\n#endif\n")
	}
	b.WriteString("int dummy_" + itoa(len(conds)) + "(void);\nint dummy_" + itoa(len(conds)) + "(void) { return 0; }\n")
	return b.String()
}

// TestDevKitForms builds small static libraries (fast: no TA link) and
// checks OP-TEE's Makefile and sub.mk forms one by one: each source
// #errors unless the flags it expects arrived, so a form the dev kit gets
// wrong fails the build.
func TestDevKitForms(t *testing.T) {
	t.Parallel()
	requireToolchain(t)
	for _, tc := range []struct {
		name    string
		files   map[string]string
		vars    []string // make command line
		env     []string
		wantErr string // a build failure whose output contains this
		lib     string // the archive it must write
		check   func(t *testing.T, lib []byte)
	}{{
		name: "per-directory and per-file flags",
		files: map[string]string{
			"Makefile": "LIBNAME = forms\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
			"sub.mk": "cflags-y += -DDIR_FLAG=1 -DGONE=1\ncflags-remove-y += -DGONE=1\n" +
				"cppflags-y += -DCPP_DIR=1\ncppflags-a.c-y += -DCPP_A=1 -DCPP_GONE=1\n" +
				"cppflags-remove-a.c-y += -DCPP_GONE=1\ncflags-a.c-y += -DONLY_A=1\n" +
				"incdirs-a.c-y += a_inc\nsrcs-y += a.c b.c\nsubdirs-y += sub\n",
			"a_inc/a_only.h": "#define A_ONLY_HEADER 1\n",
			"a.c": "#include <a_only.h>\n" + checkC("DIR_FLAG == 1", "!defined(GONE)", "CPP_DIR == 1",
				"CPP_A == 1", "!defined(CPP_GONE)", "ONLY_A == 1", "A_ONLY_HEADER == 1"),
			"b.c": checkC("DIR_FLAG == 1", "!defined(ONLY_A)", "!defined(CPP_A)",
				"!__has_include(<a_only.h>)", "defined(__FILE_ID__)"),
			// A subdirectory has its own cflags-y and sees the parent's
			// global include directories only.
			"sub/sub.mk":   "srcs-y += c.c\nincdirs-y += inc\nglobal-incdirs-y += ginc\n",
			"sub/inc/c.h":  "#define C_LOCAL 1\n",
			"sub/ginc/g.h": "#define G_GLOBAL 1\n",
			"sub/c.c": "#include <c.h>\n#include <g.h>\n" + checkC("!defined(DIR_FLAG)", "!defined(CPP_DIR)",
				"C_LOCAL == 1", "G_GLOBAL == 1"),
		},
		lib: "libforms.a",
	}, {
		name: "library-wide flags, CFG_ variables and makefile flags",
		files: map[string]string{
			"Makefile": "LIBNAME = libwide\nCFG_ON = y\nCFG_OFF = n\nCFG_EMPTY =\nCFG_VALUE = 42\n" +
				"CPPFLAGS += -DFROM_MAKEFILE=1\nCFLAGS += -DCFLAGS_MAKEFILE=1\n" +
				"include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
			"sub.mk": "cflags-lib-y += -DLIB_C=1\ncppflags-lib-y += -DLIB_CPP=1\nincdirs-lib-y += linc\n" +
				"srcs-y += a.c\nsubdirs-y += s\n",
			"linc/l.h": "#define LIB_INC 1\n",
			"s/sub.mk": "srcs-y += b.c\n",
			"a.c": "#include <l.h>\n" + checkC("LIB_C == 1", "LIB_CPP == 1", "LIB_INC == 1",
				"CFG_ON == 1", "!defined(CFG_OFF)", "!defined(CFG_EMPTY)", "CFG_VALUE == 42",
				"FROM_MAKEFILE == 1", "CFLAGS_MAKEFILE == 1", "!defined(FROM_ENV)", "TRACE_LEVEL == 2",
				"!defined(__OPTEE_CORE_API_COMPAT_1_1) || __OPTEE_CORE_API_COMPAT_1_1 == 0"),
			"s/b.c": "#include <l.h>\n#include <tee_internal_api.h>\n" + checkC("LIB_C == 1", "LIB_INC == 1",
				"__OPTEE_CORE_API_COMPAT_1_1 == 0"),
		},
		env: []string{"CPPFLAGS=-DFROM_ENV=1", "CFLAGS=-march=native"},
		lib: "libwide.a",
	}, {
		name: "log level and v1.1 switch from the command line",
		files: map[string]string{
			"Makefile": "LIBNAME = cmdline\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
			"sub.mk":   "srcs-y += a.c\n",
			"a.c": "#include <tee_internal_api.h>\n" + checkC("TRACE_LEVEL == 1",
				"CFG_TA_OPTEE_CORE_API_COMPAT_1_1 == 1", "__OPTEE_CORE_API_COMPAT_1_1 == 1") +
				"static uint32_t *size_is_u32(TEE_Param *p) { return &p->memref.size; }\n" +
				"void *use(TEE_Param *p);\nvoid *use(TEE_Param *p) { return size_is_u32(p); }\n" +
				"void logs(void);\nvoid logs(void) { EMSG(\"emsg-kept\"); MSG(\"msg-kept\"); IMSG(\"imsg-gone\");\n" +
				"DMSG(\"dmsg-gone\"); FMSG(\"fmsg-gone\"); IMSG_RAW(\"imsg-raw-gone\"); }\n",
		},
		vars: []string{"CFG_TEE_TA_LOG_LEVEL=1", "CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y", "TA_CFLAGS=-Werror"},
		lib:  "libcmdline.a",
		// Messages above TRACE_LEVEL are compiled out, as in OP-TEE.
		check: func(t *testing.T, lib []byte) {
			for msg, in := range map[string]bool{"emsg-kept": true, "msg-kept": true, "imsg-gone": false,
				"dmsg-gone": false, "fmsg-gone": false, "imsg-raw-gone": false} {
				if bytes.Contains(lib, []byte(msg)) != in {
					t.Errorf("%q in the library: %v, want %v", msg, !in, in)
				}
			}
		},
	}, {
		name: "conf.mk included by the TA's Makefile",
		files: map[string]string{
			"Makefile": "include $(TA_DEV_KIT_DIR)/mk/conf.mk\nifeq ($(CFG_TA_DYNLINK),y)\n$(error dynlink)\nendif\n" +
				"LIBNAME = conf\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
			"sub.mk": "srcs-y += a.c\n",
			"a.c":    checkC("CFG_TA_FLOAT_SUPPORT == 1", "!defined(CFG_TA_DYNLINK)", "!defined(CFG_TA_MBEDTLS)"),
		},
		lib: "libconf.a",
	}, {
		name: "BINARY and LIBNAME together",
		files: map[string]string{
			"Makefile": "BINARY = 6b1e0b3e-3d2a-4c1b-9a5e-0f123456789c\nLIBNAME = x\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
			"sub.mk":   "srcs-y += a.c\n",
			"a.c":      checkC(),
		},
		wantErr: "exactly one of BINARY",
	}, {
		name: "shared TA library",
		files: map[string]string{
			"Makefile": "SHLIBNAME = libshared\nSHLIBUUID = 6b1e0b3e-3d2a-4c1b-9a5e-0f123456789d\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
			"sub.mk":   "srcs-y += a.c\n",
			"a.c":      checkC(),
		},
		wantErr: "without dynamic linking",
	}, {
		name: "C++ source",
		files: map[string]string{
			"Makefile": "LIBNAME = cxx\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
			"sub.mk":   "srcs-y += a.cpp\n",
			"a.cpp":    "int f() { return 0; }\n",
		},
		wantErr: "only C sources",
	}, {
		name: "missing sub.mk in a subdirectory",
		files: map[string]string{
			"Makefile": "LIBNAME = nosub\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
			"sub.mk":   "srcs-y += a.c\nsubdirs-y += nowhere\n",
			"a.c":      checkC(),
		},
		wantErr: "no sub.mk in nowhere",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeTree(t, dir, tc.files)
			kit, _ := filepath.Abs(".")
			args := append([]string{"-C", dir, "TA_DEV_KIT_DIR=" + kit, "O=" + filepath.Join(dir, "out")}, tc.vars...)
			cmd := exec.Command("make", args...)
			cmd.Env = append(os.Environ(), tc.env...)
			b, err := cmd.CombinedOutput()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(string(b), tc.wantErr) {
					t.Fatalf("make: %v, want a failure saying %q:\n%s", err, tc.wantErr, b)
				}
				return
			}
			if err != nil {
				t.Fatalf("make: %v\n%s", err, b)
			}
			lib, err := os.ReadFile(filepath.Join(dir, tc.lib))
			if err != nil {
				t.Fatalf("no %s: %v\n%s", tc.lib, err, b)
			}
			if tc.check != nil {
				tc.check(t, lib)
			}
			// Changing a flag rebuilds; nothing else does.
			b, err = exec.Command("make", args...).CombinedOutput()
			if err != nil || strings.Contains(string(b), "  CC ") || strings.Contains(string(b), "  AR ") {
				t.Errorf("second make rebuilt something (%v):\n%s", err, b)
			}
			b, err = exec.Command("make", append(args, "clean")...).CombinedOutput()
			if _, serr := os.Stat(filepath.Join(dir, tc.lib)); err != nil || !os.IsNotExist(serr) {
				t.Errorf("make clean: %v, archive: %v\n%s", err, serr, b)
			}
		})
	}
}

// TestDevKitLDADD links a TA with a static library given through LDADD in
// OP-TEE's forms (-L/-l, an archive path, --start-group/--end-group) and
// checks the library's code is in the module. The TA defines its own
// putchar, which must not clash with the dev kit's.
func TestDevKitLDADD(t *testing.T) {
	t.Parallel()
	requireToolchain(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"lib1/Makefile": "LIBNAME = one\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
		"lib1/sub.mk":   "srcs-y += one.c\n",
		"lib1/one.c":    "#include <stdint.h>\nuint32_t lib_one(uint32_t x);\nuint32_t lib_one(uint32_t x) { return x + 1; }\n",
		"lib2/Makefile": "LIBNAME = libtwo\ninclude $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
		"lib2/sub.mk":   "srcs-y += two.c\n",
		"lib2/two.c":    "#include <stdint.h>\nuint32_t lib_one(uint32_t x);\nuint32_t lib_two(uint32_t x);\nuint32_t lib_two(uint32_t x) { return lib_one(x) * 2; }\n",
		"ta/Makefile": "BINARY = 6b1e0b3e-3d2a-4c1b-9a5e-0f12345678a0\n" +
			"LDADD += --start-group ../lib2/libtwo.a -L../lib1 -lone --end-group\n" +
			"include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
		"ta/sub.mk": "srcs-y += ta.c\n",
		"ta/user_ta_header_defines.h": "#define TA_UUID { 0x6b1e0b3e, 0x3d2a, 0x4c1b, { 0x9a, 0x5e, 0x0f, 0x12, 0x34, 0x56, 0x78, 0xa0 } }\n" +
			"#define TA_FLAGS 0\n#define TA_STACK_SIZE (4 * 1024)\n#define TA_DATA_SIZE (32 * 1024)\n",
		"ta/ta.c": `#include <tee_internal_api.h>
uint32_t lib_two(uint32_t x);
/* A TA's own putchar takes the place of the dev kit's. */
int putchar(int c) { return c; }
TEE_Result TA_CreateEntryPoint(void) { return TEE_SUCCESS; }
void TA_DestroyEntryPoint(void) {}
TEE_Result TA_OpenSessionEntryPoint(uint32_t t, TEE_Param p[4], void **s) { (void)t; (void)p; (void)s; return TEE_SUCCESS; }
void TA_CloseSessionEntryPoint(void *s) { (void)s; }
TEE_Result TA_InvokeCommandEntryPoint(void *s, uint32_t c, uint32_t t, TEE_Param p[4])
{
	(void)s; (void)c; (void)t;
	p[0].value.a = lib_two(p[0].value.a);
	return TEE_SUCCESS;
}
`,
	})
	kit, _ := filepath.Abs(".")
	for _, d := range []string{"lib1", "lib2", "ta"} {
		args := []string{"-C", filepath.Join(dir, d), "TA_DEV_KIT_DIR=" + kit, "O=" + filepath.Join(dir, "out", d)}
		if d == "ta" {
			args = append(args, "wasm")
		}
		if b, err := exec.Command("make", args...).CombinedOutput(); err != nil {
			t.Fatalf("make in %s: %v\n%s", d, err, b)
		}
	}
	for _, lib := range []string{"lib1/libone.a", "lib2/libtwo.a"} {
		if _, err := os.Stat(filepath.Join(dir, lib)); err != nil {
			t.Errorf("no %s: %v", lib, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "ta", "6b1e0b3e-3d2a-4c1b-9a5e-0f12345678a0.wasm")); err != nil {
		t.Error(err)
	}
}
