package csdk_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	vt "github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/tasign"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// The C SDK's storage functions (src/storage_*.c) run against the real
// core here, through the C test TA's storage commands (proto_storage.go):
// a smoke test of each function that the root storage tests cover in
// depth.

// storSession is a session with the C test TA, reopened after a panic.
type storSession struct {
	c *teec.Context
	s *teec.Session
}

func startStorSession(t *testing.T) *storSession {
	t.Helper()
	c := startTestTAs(t)
	s := &storSession{c: c}
	s.reopen(t)
	return s
}

// reopen opens a new session, as a client does after TARGET_DEAD.
func (s *storSession) reopen(t *testing.T) {
	t.Helper()
	if s.s != nil {
		s.s.Close()
	}
	var err error
	s.s, err = s.c.OpenSession(context.Background(), testta.CUUIDs[testta.VariantShared], teec.LoginUser, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.s.Close() })
}

func (s *storSession) call(cmd uint32, ps ...teec.Parameter) error {
	var op teec.Operation
	copy(op.Params[:], ps)
	return s.s.InvokeCommand(context.Background(), cmd, &op)
}

func (s *storSession) must(t *testing.T, cmd uint32, ps ...teec.Parameter) {
	t.Helper()
	if err := s.call(cmd, ps...); err != nil {
		t.Fatalf("command %d: %v", cmd, err)
	}
}

// want checks the result of cmd: nil for success, else a teec.Result.
func (s *storSession) want(t *testing.T, want error, cmd uint32, ps ...teec.Parameter) {
	t.Helper()
	err := s.call(cmd, ps...)
	if want == nil && err != nil || want != nil && !errors.Is(err, want) {
		t.Errorf("command %d: %v, want %v", cmd, err, want)
	}
}

func storVal(a, b uint32) *teec.Value { return &teec.Value{Type: teec.ValueInput, A: a, B: b} }

func storIn(b []byte) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: b, Size: uint64(len(b))}
}

func storOut(n int) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, n), Size: uint64(n)}
}

const (
	rwFlags  = abi.DataFlagAccessRead | abi.DataFlagAccessWrite | abi.DataFlagAccessWriteMeta
	priv     = abi.StoragePrivate
	noHandle = 1 // CmdStorCreate value[2].b: pass NULL as object
)

// create creates id with data and returns its handle, opened with flags.
func (s *storSession) create(t *testing.T, id string, flags uint32, data []byte) uint32 {
	t.Helper()
	h := &teec.Value{Type: teec.ValueInout}
	s.must(t, testta.CmdStorCreate, storVal(priv, flags), storIn([]byte(id)), h, storIn(data))
	if h.A == 0 {
		t.Fatalf("create %q: no handle", id)
	}
	return h.A
}

func (s *storSession) open(t *testing.T, id string, flags uint32) (uint32, error) {
	t.Helper()
	h := &teec.Value{Type: teec.ValueOutput}
	err := s.call(testta.CmdStorOpen, storVal(priv, flags), storIn([]byte(id)), h)
	if err != nil && h.A != 0 {
		t.Errorf("open %q failed (%v) with handle %d", id, err, h.A)
	}
	return h.A, err
}

func (s *storSession) read(t *testing.T, h uint32, n int) []byte {
	t.Helper()
	b := storOut(n)
	s.must(t, testta.CmdStorRead, storVal(h, 0), b)
	return b.Buffer[:b.Size]
}

func (s *storSession) info(t *testing.T, h uint32) (dataSize, pos, handleFlags uint32) {
	t.Helper()
	b := storOut(abi.ObjectInfoSize)
	s.must(t, testta.CmdCrypGetObjectInfo, storVal(h, 0), b)
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(b.Buffer[4*i:]) }
	return u(4), u(5), u(6)
}

func TestStorageSmoke(t *testing.T) {
	t.Parallel()
	s := startStorSession(t)

	// Create, read back, write, seek, truncate.
	h := s.create(t, "alpha", rwFlags, []byte("hello world"))
	if got := s.read(t, h, 5); string(got) != "hello" {
		t.Errorf("read %q", got)
	}
	s.must(t, testta.CmdStorSeek, storVal(h, uint32(0xFFFFFFFF)), storVal(abi.DataSeekEnd, 0)) // -1 from the end
	if got := s.read(t, h, 10); string(got) != "d" {
		t.Errorf("read at end-1: %q", got)
	}
	s.must(t, testta.CmdStorWrite, storVal(h, 0), storIn([]byte("!!")))
	if size, pos, flags := s.info(t, h); size != 13 || pos != 13 || flags&abi.HandleFlagPersistent == 0 {
		t.Errorf("info: size %d pos %d flags %#x", size, pos, flags)
	}
	s.must(t, testta.CmdStorSeek, storVal(h, uint32(0xFFFFFF00)), storVal(abi.DataSeekCur, 0)) // before the start: 0
	if got := s.read(t, h, 64); string(got) != "hello world!!" {
		t.Errorf("read all: %q", got)
	}
	s.must(t, testta.CmdStorTruncate, storVal(h, 4))
	s.must(t, testta.CmdStorSeek, storVal(h, 0), storVal(abi.DataSeekSet, 0))
	if got := s.read(t, h, 64); string(got) != "hell" {
		t.Errorf("after truncate: %q", got)
	}
	// Past TEE_DATA_MAX_POSITION in two steps: OVERFLOW, the position kept.
	s.must(t, testta.CmdStorSeek, storVal(h, 0x7FFFFFFF), storVal(abi.DataSeekSet, 0))
	s.must(t, testta.CmdStorSeek, storVal(h, 0x7FFFFFFF), storVal(abi.DataSeekCur, 0))
	s.want(t, teec.ErrOverflow, testta.CmdStorSeek, storVal(h, 2), storVal(abi.DataSeekCur, 0))
	if _, pos, _ := s.info(t, h); pos != 0xFFFFFFFE {
		t.Errorf("position after OVERFLOW %#x", pos)
	}
	s.must(t, testta.CmdCrypCloseObject, storVal(h, 0))

	// Exclusive access, OVERWRITE, create without a handle.
	h = s.create(t, "beta", rwFlags, nil)
	if _, err := s.open(t, "beta", abi.DataFlagAccessRead); !errors.Is(err, teec.ErrAccessConflict) {
		t.Errorf("second open of an exclusive object: %v", err)
	}
	s.must(t, testta.CmdCrypCloseObject, storVal(h, 0))
	s.want(t, teec.ErrAccessConflict, testta.CmdStorCreate, storVal(priv, rwFlags), storIn([]byte("beta")),
		&teec.Value{Type: teec.ValueInout, B: noHandle}, storIn(nil))
	nh := &teec.Value{Type: teec.ValueInout, B: noHandle}
	s.must(t, testta.CmdStorCreate, storVal(priv, rwFlags|abi.DataFlagOverwrite), storIn([]byte("beta")), nh, storIn([]byte("x")))
	if nh.A != 0 || nh.B != noHandle {
		t.Errorf("create with object NULL: value[2] = (%d, %d)", nh.A, nh.B)
	}

	// Rename onto an existing id, then to a free one.
	h = s.create(t, "gamma", rwFlags|abi.DataFlagOverwrite, []byte("g"))
	s.want(t, teec.ErrAccessConflict, testta.CmdStorRename, storVal(h, 0), storIn([]byte("beta")))
	s.must(t, testta.CmdStorRename, storVal(h, 0), storIn([]byte("delta")))
	s.must(t, testta.CmdCrypCloseObject, storVal(h, 0))
	if _, err := s.open(t, "gamma", abi.DataFlagAccessRead); !errors.Is(err, teec.ErrItemNotFound) {
		t.Errorf("open of the old id: %v", err)
	}

	// Enumerate: alpha, beta, delta, each once; SHORT_BUFFER for the id.
	e := &teec.Value{Type: teec.ValueOutput}
	s.must(t, testta.CmdStorAllocEnum, e)
	s.want(t, teec.ErrItemNotFound, testta.CmdStorNextEnum, storVal(e.A, 0), storOut(abi.ObjectInfoSize), storOut(64))
	s.must(t, testta.CmdStorStartEnum, storVal(e.A, priv))
	short := storOut(2)
	s.want(t, teec.ErrShortBuffer, testta.CmdStorNextEnum, storVal(e.A, 0), &teec.TempMemoryReference{Type: teec.MemrefTempOutput}, short)
	if short.Size != uint64(len("alpha")) {
		t.Errorf("SHORT_BUFFER size %d, want the length of \"alpha\"", short.Size)
	}
	s.must(t, testta.CmdStorResetEnum, storVal(e.A, 0))
	s.must(t, testta.CmdStorStartEnum, storVal(e.A, priv))
	var ids []string
	for {
		id, info := storOut(64), storOut(abi.ObjectInfoSize)
		err := s.call(testta.CmdStorNextEnum, storVal(e.A, 0), info, id)
		if errors.Is(err, teec.ErrItemNotFound) {
			break
		}
		if err != nil {
			t.Fatalf("next: %v", err)
		}
		if info.Size != abi.ObjectInfoSize || binary.LittleEndian.Uint32(info.Buffer[24:])&abi.HandleFlagPersistent == 0 {
			t.Errorf("info of %q: %x", id.Buffer[:id.Size], info.Buffer[:info.Size])
		}
		ids = append(ids, string(id.Buffer[:id.Size]))
	}
	if got := strings.Join(ids, ","); got != "alpha,beta,delta" {
		t.Errorf("enumerated %s", got)
	}
	s.must(t, testta.CmdStorFreeEnum, storVal(e.A, 0))
	s.must(t, testta.CmdStorFreeEnum, storVal(0, 0))

	// Delete: the v1.3 form, the deprecated one, and NULL for both.
	s.must(t, testta.CmdStorCloseAndDelete, storVal(0, 0))
	s.must(t, testta.CmdStorCloseAndDeleteOld, storVal(0, 0))
	h, err := s.open(t, "alpha", abi.DataFlagAccessWriteMeta)
	if err != nil {
		t.Fatal(err)
	}
	s.must(t, testta.CmdStorCloseAndDelete, storVal(h, 0))
	h, err = s.open(t, "beta", abi.DataFlagAccessWriteMeta)
	if err != nil {
		t.Fatal(err)
	}
	s.must(t, testta.CmdStorCloseAndDeleteOld, storVal(h, 0))
	if _, err := s.open(t, "alpha", abi.DataFlagAccessRead); !errors.Is(err, teec.ErrItemNotFound) {
		t.Errorf("open after delete: %v", err)
	}

	// CmdStorBench: three objects m||i, counted by an enumeration, read
	// back, deleted.
	bench := func(op, n, size uint32, id string) uint32 {
		t.Helper()
		res := &teec.Value{Type: teec.ValueOutput}
		s.must(t, testta.CmdStorBench, storVal(op, n), storVal(priv, size), storIn([]byte(id)), res)
		return res.A
	}
	bench(testta.StorBenchCreateMany, 3, 100, "m")
	if n := bench(testta.StorBenchEnumerate, 2, 0, ""); n != 4 {
		t.Errorf("bench enumeration saw %d objects, want 4", n)
	}
	if n := bench(testta.StorBenchRead, 2, 64, "m\x01\x00\x00\x00"); n != 64 {
		t.Errorf("bench read %d bytes, want 64", n)
	}
	if n := bench(testta.StorBenchOpenReadClose, 1, 200, "m\x02\x00\x00\x00"); n != 100 {
		t.Errorf("bench open-read-close %d bytes, want 100", n)
	}
	bench(testta.StorBenchDeleteMany, 4, 0, "m")
	if n := bench(testta.StorBenchEnumerate, 1, 0, ""); n != 1 {
		t.Errorf("after DeleteMany the enumeration saw %d objects, want 1", n)
	}

	// Bad parameter types never reach the library.
	s.want(t, teec.ErrBadParameters, testta.CmdStorTruncate, storIn([]byte("x")))

	// Misuse GP calls a panic: reading without ACCESS_READ (ACCESS_CONFLICT
	// from the core), renaming without WRITE_META (BAD_STATE), an id above
	// TEE_OBJECT_ID_MAX_LEN (BAD_PARAMETERS). Each case opens an object of
	// its own: the core closes a dead instance's handles after the client
	// has seen TARGET_DEAD, not before.
	for _, id := range []string{"panic1", "panic2"} {
		s.must(t, testta.CmdStorCreate, storVal(priv, rwFlags), storIn([]byte(id)),
			&teec.Value{Type: teec.ValueInout, B: noHandle}, storIn(nil))
	}
	for _, tc := range []struct {
		name string
		run  func() error
	}{
		{"read without ACCESS_READ", func() error {
			h, err := s.open(t, "panic1", abi.DataFlagAccessWrite)
			if err != nil {
				return err
			}
			return s.call(testta.CmdStorRead, storVal(h, 0), storOut(4))
		}},
		{"rename without WRITE_META", func() error {
			h, err := s.open(t, "panic2", abi.DataFlagAccessRead)
			if err != nil {
				return err
			}
			return s.call(testta.CmdStorRename, storVal(h, 0), storIn([]byte("epsilon")))
		}},
		{"long id", func() error {
			_, err := s.open(t, string(bytes.Repeat([]byte("i"), abi.ObjectIDMaxLen+1)), abi.DataFlagAccessRead)
			return err
		}},
	} {
		if err := tc.run(); !errors.Is(err, teec.ErrTargetDead) {
			t.Errorf("%s: %v, want TARGET_DEAD", tc.name, err)
		}
		s.reopen(t)
	}
}

// farUUID is the TA of TestStorageFarSeek.
const farUUID = "6b1e0b3e-3d2a-4c1b-9a5e-0f12345678a0"

// farTree is a TA that checks, in C, what the test TA's commands cannot
// reach: seek offsets outside int32_t (the system call carries 32 bits,
// the library makes up the rest) and TEE_GetNextPersistentObject ignoring
// the value *objectIDLen holds on entry. Its command 0 answers
// TEE_SUCCESS, or TEE_ERROR_GENERIC with the failing line in value[0].a.
var farTree = map[string]string{
	"Makefile": "BINARY=" + farUUID + "\n-include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk\n",
	"sub.mk":   "srcs-y += far_ta.c\ncflags-y += -Werror\n",
	"user_ta_header_defines.h": `#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H
#define TA_UUID { 0x6b1e0b3e, 0x3d2a, 0x4c1b, \
		{ 0x9a, 0x5e, 0x0f, 0x12, 0x34, 0x56, 0x78, 0xa0 } }
#define TA_FLAGS (TA_FLAG_SINGLE_INSTANCE)
#define TA_STACK_SIZE (4 * 1024)
#define TA_DATA_SIZE (64 * 1024)
#endif
`,
	"far_ta.c": `#include <stdint.h>
#include <string.h>
#include <tee_internal_api.h>

TEE_Result TA_CreateEntryPoint(void) { return TEE_SUCCESS; }
void TA_DestroyEntryPoint(void) {}
TEE_Result TA_OpenSessionEntryPoint(uint32_t pt, TEE_Param p[4], void **s)
{
	(void)pt; (void)p; (void)s;
	return TEE_SUCCESS;
}
void TA_CloseSessionEntryPoint(void *s) { (void)s; }

#define CHECK(x) do { if (!(x)) { p[0].value.a = __LINE__; \
	return TEE_ERROR_GENERIC; } } while (0)

static uint32_t pos(TEE_ObjectHandle h)
{
	TEE_ObjectInfo info;

	if (TEE_GetObjectInfo1(h, &info))
		TEE_Panic(0);
	return info.dataPosition;
}

TEE_Result TA_InvokeCommandEntryPoint(void *s, uint32_t cmd, uint32_t pt,
				      TEE_Param p[4])
{
	const uint32_t flags = TEE_DATA_FLAG_ACCESS_READ |
		TEE_DATA_FLAG_ACCESS_WRITE | TEE_DATA_FLAG_ACCESS_WRITE_META |
		TEE_DATA_FLAG_OVERWRITE;
	TEE_ObjectEnumHandle e;
	TEE_ObjectHandle h;
	uint8_t buf[TEE_OBJECT_ID_MAX_LEN];
	size_t n;

	(void)s;
	if (cmd != 0 || pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, 0, 0, 0))
		return TEE_ERROR_BAD_PARAMETERS;
	CHECK(TEE_CreatePersistentObject(TEE_STORAGE_PRIVATE, "far", 3, flags,
					 TEE_HANDLE_NULL, "abc", 3, &h) == TEE_SUCCESS);

	CHECK(TEE_SeekObjectData(h, (intmax_t)3 << 30, TEE_DATA_SEEK_SET) == TEE_SUCCESS);
	CHECK(pos(h) == 3u << 30);
	CHECK(TEE_SeekObjectData(h, TEE_DATA_MAX_POSITION, TEE_DATA_SEEK_SET) == TEE_SUCCESS);
	CHECK(pos(h) == TEE_DATA_MAX_POSITION);
	CHECK(TEE_SeekObjectData(h, (intmax_t)TEE_DATA_MAX_POSITION + 1, TEE_DATA_SEEK_SET) == TEE_ERROR_OVERFLOW);
	CHECK(TEE_SeekObjectData(h, INTMAX_MAX, TEE_DATA_SEEK_CUR) == TEE_ERROR_OVERFLOW);
	CHECK(pos(h) == TEE_DATA_MAX_POSITION);
	CHECK(TEE_SeekObjectData(h, -(intmax_t)0xC0000000, TEE_DATA_SEEK_CUR) == TEE_SUCCESS);
	CHECK(pos(h) == 0x3FFFFFFF);
	CHECK(TEE_SeekObjectData(h, INTMAX_MIN, TEE_DATA_SEEK_END) == TEE_SUCCESS);
	CHECK(pos(h) == 0);
	CHECK(TEE_SeekObjectData(h, (intmax_t)0x80000000, TEE_DATA_SEEK_END) == TEE_SUCCESS);
	CHECK(pos(h) == 0x80000003);
	CHECK(TEE_SeekObjectData(h, -(intmax_t)0x80000001, TEE_DATA_SEEK_CUR) == TEE_SUCCESS);
	CHECK(pos(h) == 2);
	n = 0;
	CHECK(TEE_ReadObjectData(h, buf, sizeof(buf), &n) == TEE_SUCCESS);
	CHECK(n == 1 && buf[0] == 'c');

	CHECK(TEE_AllocatePersistentObjectEnumerator(&e) == TEE_SUCCESS);
	CHECK(TEE_StartPersistentObjectEnumerator(e, TEE_STORAGE_PRIVATE) == TEE_SUCCESS);
	n = 1;
	CHECK(TEE_GetNextPersistentObject(e, NULL, buf, &n) == TEE_SUCCESS);
	CHECK(n == 3 && !memcmp(buf, "far", 3));
	CHECK(TEE_GetNextPersistentObject(e, NULL, buf, &n) == TEE_ERROR_ITEM_NOT_FOUND);
	TEE_FreePersistentObjectEnumerator(e);
	CHECK(TEE_CloseAndDeletePersistentObject1(h) == TEE_SUCCESS);
	return TEE_SUCCESS;
}
`,
}

func TestStorageFarSeek(t *testing.T) {
	t.Parallel()
	requireToolchain(t)
	dir, out := t.TempDir(), t.TempDir()
	writeTree(t, dir, farTree)
	kit, _ := filepath.Abs(".")
	devKey := filepath.Join(out, "dev-key.pem")
	cmd := exec.Command("make", "-C", dir, "TA_DEV_KIT_DIR="+kit, "O="+out, "VERITEE="+veriteeCLI(t))
	cmd.Env = append(os.Environ(), tasign.DevKeyEnv+"="+devKey)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make: %v\n%s", err, b)
	}
	tee, err := vt.Start(context.Background(), vt.Options{TADirs: []string{out}, StateDir: t.TempDir(), DevKey: devKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := tee.Close(ctx); err != nil {
			t.Errorf("closing the TEE: %v", err)
		}
	})
	c, err := teec.InitializeContext(tee.Name())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Finalize()
	s, err := c.OpenSession(context.Background(), teec.MustParseUUID(farUUID), teec.LoginPublic, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	line := &teec.Value{Type: teec.ValueInout}
	var op teec.Operation
	op.Params[0] = line
	if err := s.InvokeCommand(context.Background(), 0, &op); err != nil {
		t.Errorf("far_ta.c: %v at line %d", err, line.A)
	}
}
