package libteec_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/testta"
)

// The throwaway project of TestOPTEEProject: hello_world laid out, built
// and written the way OP-TEE's examples are, against one install tree
// (TEEC_EXPORT for the host, TA_DEV_KIT_DIR for the TA).
var opteeProject = map[string]string{
	"Makefile": `export V ?= 0

.PHONY: all clean
all:
	$(MAKE) -C host CROSS_COMPILE="$(HOST_CROSS_COMPILE)" --no-builtin-variables
	$(MAKE) -C ta CROSS_COMPILE="$(TA_CROSS_COMPILE)" LDFLAGS=""

clean:
	$(MAKE) -C host clean
	$(MAKE) -C ta clean
`,
	"host/Makefile": `CC      ?= $(CROSS_COMPILE)gcc
LD      ?= $(CROSS_COMPILE)ld
AR      ?= $(CROSS_COMPILE)ar
NM      ?= $(CROSS_COMPILE)nm
OBJCOPY ?= $(CROSS_COMPILE)objcopy
OBJDUMP ?= $(CROSS_COMPILE)objdump
READELF ?= $(CROSS_COMPILE)readelf

OBJS = main.o

CFLAGS += -Wall -I../ta/include -I$(TEEC_EXPORT)/include -I./include
LDADD += -lteec -L$(TEEC_EXPORT)/lib

BINARY = optee_example_hello_world

.PHONY: all
all: $(BINARY)

$(BINARY): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $< $(LDADD)

.PHONY: clean
clean:
	rm -f $(OBJS) $(BINARY)

%.o: %.c
	$(CC) $(CFLAGS) -c $< -o $@
`,
	"host/main.c": `#include <err.h>
#include <stdio.h>
#include <string.h>

#include <tee_client_api.h>

#include <hello_world_ta.h>

int main(void)
{
	TEEC_Result res;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid = TA_HELLO_WORLD_UUID;
	uint32_t err_origin;

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext failed with code 0x%x", res);

	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			       &err_origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession failed with code 0x%x origin 0x%x",
		     res, err_origin);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 42;

	printf("Invoking TA to increment %d\n", op.params[0].value.a);
	res = TEEC_InvokeCommand(&sess, TA_HELLO_WORLD_CMD_INC_VALUE, &op,
				 &err_origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InvokeCommand failed with code 0x%x origin 0x%x",
		     res, err_origin);
	printf("TA incremented value to %d\n", op.params[0].value.a);

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
`,
	"ta/Makefile": `CFG_TEE_TA_LOG_LEVEL ?= 4

# The UUID of the TA
BINARY = ` + projectUUID + `

-include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk

ifeq ($(wildcard $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk), )
clean:
	@echo 'Note: $$(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk not found, cannot clean TA'
	@echo 'Note: TA_DEV_KIT_DIR=$(TA_DEV_KIT_DIR)'
endif
`,
}

// projectUUID is the project's TA: the hello_world TA of the examples
// under a UUID of its own, so that the TEE cannot load the prebuilt one.
const projectUUID = "8aaaf200-2450-11e4-abe2-0002a5d5c5ee"

// TestOPTEEProject installs libteec and the TA dev kit into a prefix with
// make install, then builds a throwaway OP-TEE-style project against it
// with no edits (host: CC ?= $(CROSS_COMPILE)gcc, -I$(TEEC_EXPORT)/include,
// -L$(TEEC_EXPORT)/lib -lteec; TA: TA_DEV_KIT_DIR=<prefix>/export-ta_wasm32
// and the installed veritee on PATH), and runs its client against its TA.
func TestOPTEEProject(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	prefix := filepath.Join(dir, "export")
	root := testta.RepoRoot()
	veritee := filepath.Join(dir, "veritee")
	if err := runIn(root, nil, "go", "build", "-o", veritee, "./cmd/veritee"); err != nil {
		t.Fatal(err)
	}
	if err := runIn(root, nil, "make", "-C", "libteec", "install", "PREFIX="+prefix,
		"O="+filepath.Join(dir, "obj"), "VERITEE_BIN="+veritee); err != nil {
		t.Fatal(err)
	}

	proj := filepath.Join(dir, "hello_world")
	for name, text := range opteeProject {
		writeFile(t, filepath.Join(proj, name), text)
	}
	example := filepath.Join(root, "examples", "hello_world", "ta")
	for _, name := range []string{"sub.mk", "hello_world_ta.c", "include/hello_world_ta.h", "include/user_ta_header_defines.h"} {
		b, err := os.ReadFile(filepath.Join(example, name))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(b), "0xc5, 0x1b }", "0xc5, 0xee }")
		writeFile(t, filepath.Join(proj, "ta", name), text)
	}

	env := []string{
		"TEEC_EXPORT=" + prefix,
		"TA_DEV_KIT_DIR=" + filepath.Join(prefix, "export-ta_wasm32"),
		"PATH=" + filepath.Join(prefix, "bin") + string(os.PathListSeparator) + os.Getenv("PATH"),
		"VERITEE_DEV_KEY=" + testta.DevKey(),
	}
	if err := runIn(proj, env, "make"); err != nil {
		t.Fatal(err)
	}
	client := filepath.Join(proj, "host", "optee_example_hello_world")
	if out, err := exec.Command("readelf", "-d", client).Output(); err != nil || !strings.Contains(string(out), "[libteec.so.2]") {
		t.Errorf("the client does not need libteec.so.2: %v\n%s", err, out)
	}
	ta := filepath.Join(proj, "ta", "out", projectUUID+".ta")
	if _, err := os.Stat(ta); err != nil {
		t.Fatalf("the TA was not built: %v", err)
	}

	tee := startTEE(t, "", filepath.Dir(ta))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, client)
	cmd.Env = append(os.Environ(), "VERITEE_SOCKET="+tee.sock, "LD_LIBRARY_PATH="+filepath.Join(prefix, "lib"))
	out, err := cmd.CombinedOutput()
	want := "Invoking TA to increment 42\nTA incremented value to 43\n"
	if err != nil || string(out) != want {
		t.Fatalf("client: %v\n%s\nwant:\n%s", err, out, want)
	}

	// pkg-config finds the same tree.
	if _, err := exec.LookPath("pkg-config"); err == nil {
		pc := exec.Command("pkg-config", "--cflags", "--libs", "teec")
		pc.Env = append(os.Environ(), "PKG_CONFIG_PATH="+filepath.Join(prefix, "lib", "pkgconfig"))
		out, err := pc.Output()
		want := "-I" + filepath.Join(prefix, "include") + " -L" + filepath.Join(prefix, "lib") + " -lteec"
		if err != nil || strings.TrimSpace(string(out)) != want {
			t.Errorf("pkg-config: %v %q, want %q", err, out, want)
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runIn runs a command in dir with extra environment variables.
func runIn(dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return &cmdError{name + " " + strings.Join(args, " "), err, out}
	}
	return nil
}

type cmdError struct {
	cmd string
	err error
	out []byte
}

func (e *cmdError) Error() string { return e.cmd + ": " + e.err.Error() + "\n" + string(e.out) }
