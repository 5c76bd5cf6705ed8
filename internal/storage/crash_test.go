package storage

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
)

// The crash test runs a fixed workload of creates, writes, truncates,
// renames and deletes in a child process (this test binary run again)
// that SIGKILLs itself just before the N-th disk-changing operation of
// the REE services, for many N. The parent then reopens the storage and
// checks that every object is exactly as the last acknowledged operation
// left it, or as the operation in flight would have left it.

const (
	crashEnvDir = "VERITEE_STORAGE_CRASH_DIR"
	crashEnvAt  = "VERITEE_STORAGE_CRASH_AT"
	crashOps    = 95
)

var crashOpts = reefs.Options{Prealloc: 32 << 10, CompactMin: 96 << 10}

type crashOp struct {
	kind   string // create, write, truncate, rename, delete
	sid    uint32
	id, to string
	off    int
	data   []byte
}

// model is the content of every object: storage id → id → data.
type model map[uint32]map[string][]byte

func (m model) clone() model {
	c := model{}
	for sid, objs := range m {
		c[sid] = map[string][]byte{}
		for id, d := range objs {
			c[sid][id] = bytes.Clone(d)
		}
	}
	return c
}

func (m model) apply(o crashOp) {
	objs := m[o.sid]
	switch o.kind {
	case "create":
		objs[o.id] = bytes.Clone(o.data)
	case "write":
		d := objs[o.id]
		for len(d) < o.off+len(o.data) {
			d = append(d, 0)
		}
		copy(d[o.off:], o.data)
		objs[o.id] = d
	case "truncate":
		d := objs[o.id]
		for len(d) < o.off {
			d = append(d, 0)
		}
		objs[o.id] = d[:o.off]
	case "rename":
		objs[o.to] = objs[o.id]
		delete(objs, o.id)
	case "delete":
		delete(objs, o.id)
	}
}

// crashWorkload returns the operations and the model after each: states[i]
// is the content after the first i operations.
func crashWorkload() ([]crashOp, []model) {
	r := rand.New(rand.NewPCG(1, 2))
	m := model{abi.StoragePrivate: {}, abi.StoragePrivateRPMB: {}}
	states := []model{m.clone()}
	var ops []crashOp
	ids := []string{"a", "b", "c", "d", "e"}
	for len(ops) < crashOps {
		sid := abi.StoragePrivate
		maxLen := 24 << 10
		if r.IntN(4) == 0 {
			sid, maxLen = abi.StoragePrivateRPMB, 3000
		}
		objs := m[sid]
		id := ids[r.IntN(len(ids))]
		_, exists := objs[id]
		data := make([]byte, r.IntN(maxLen/4)+1)
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		o := crashOp{sid: sid, id: id, data: data}
		switch k := r.IntN(10); {
		case !exists || k < 2:
			o.kind = "create"
		case k < 5:
			o.kind, o.off = "write", r.IntN(len(objs[id])+100)
			if o.off+len(data) > maxLen {
				o.off = 0
			}
		case k < 7:
			o.kind, o.off = "truncate", r.IntN(maxLen/2)
		case k < 9:
			to := ids[r.IntN(len(ids))]
			if _, taken := objs[to]; taken {
				continue
			}
			o.kind, o.to = "rename", to
		default:
			o.kind = "delete"
		}
		m.apply(o)
		ops = append(ops, o)
		states = append(states, m.clone())
	}
	return ops, states
}

func runCrashOp(s *Storage, o crashOp) error {
	switch o.kind {
	case "create":
		h, err := s.Create(taA, o.sid, []byte(o.id), abi.DataFlagAccessWrite|abi.DataFlagOverwrite, dataInfo, []byte("attrs"), o.data)
		if err != nil {
			return err
		}
		h.Close()
		return nil
	}
	h, err := s.Open(taA, o.sid, []byte(o.id), rwm)
	if err != nil {
		return err
	}
	defer h.Close()
	switch o.kind {
	case "write":
		if err := h.Seek(int32(o.off), abi.DataSeekSet); err != nil {
			return err
		}
		return h.Write(o.data)
	case "truncate":
		return h.Truncate(uint32(o.off))
	case "rename":
		return h.Rename([]byte(o.to))
	case "delete":
		return h.CloseAndDelete()
	}
	return fmt.Errorf("unknown op %q", o.kind)
}

func openCrashStorage(dir string, f *ree.Faults) (*Opened, error) {
	rs, err := ree.NewDir(dir)
	if err != nil {
		return nil, err
	}
	ss, err := ree.NewDir(filepath.Join(dir, REEStoreDir))
	if err != nil {
		return nil, err
	}
	var rsvc, ssvc ree.Services = rs, ss
	if f != nil {
		rsvc, ssvc = f.Wrap(rs), f.Wrap(ss)
	}
	return OpenServices(rsvc, ssvc, testHUK(), crashOpts)
}

// TestCrashChild is the child's side; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashEnvDir)
	if dir == "" {
		t.Skip("run by TestCrashSafety")
	}
	at, _ := strconv.ParseInt(os.Getenv(crashEnvAt), 10, 64)
	acks, err := os.OpenFile(filepath.Join(dir, "acks"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f := &ree.Faults{At: at, Hit: func(string) error {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}}
	s, err := openCrashStorage(filepath.Join(dir, "state"), f)
	if err != nil {
		t.Fatal(err)
	}
	ops, _ := crashWorkload()
	for i, o := range ops {
		if err := runCrashOp(s.Storage, o); err != nil {
			t.Fatalf("op %d %s: %v", i, o.kind, err)
		}
		fmt.Fprintf(acks, "%d\n", i+1)
	}
	s.Close()
	fmt.Fprintf(acks, "total %d\n", f.Count())
}

func runChild(t *testing.T, dir string, at int64) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnvDir+"="+dir, crashEnvAt+"="+strconv.FormatInt(at, 10))
	out, err := cmd.CombinedOutput()
	if at == 0 && err != nil {
		t.Fatalf("child without a crash: %v\n%s", err, out)
	}
	if at != 0 {
		ee, ok := err.(*exec.ExitError)
		if err == nil || !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("child crashing at %d: %v\n%s", at, err, out)
		}
	}
}

// readAcks returns the number of acknowledged operations and, for a run
// to completion, the total of counted disk operations.
func readAcks(t *testing.T, dir string) (acked int, total int64) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "acks"))
	if os.IsNotExist(err) {
		return 0, 0
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "total "); ok {
			total, _ = strconv.ParseInt(n, 10, 64)
			continue
		}
		acked, _ = strconv.Atoi(line)
	}
	return acked, total
}

// snapshot reads every object of the workload's TA.
func snapshot(s *Storage) (model, error) {
	m := model{}
	for _, sid := range []uint32{abi.StoragePrivate, abi.StoragePrivateRPMB} {
		m[sid] = map[string][]byte{}
		e := s.NewEnumerator(taA)
		if err := e.Start(sid); err != nil {
			if ResultOf(err) == abi.ErrItemNotFound {
				continue
			}
			return nil, err
		}
		for {
			en, err := e.GetNext(64)
			if ResultOf(err) == abi.ErrItemNotFound {
				break
			}
			if err != nil {
				return nil, err
			}
			h, err := s.Open(taA, sid, en.ID, abi.DataFlagAccessRead)
			if err != nil {
				return nil, fmt.Errorf("open %q: %w", en.ID, err)
			}
			b := make([]byte, en.DataSize)
			n, err := h.Read(b)
			attrs := string(h.Attributes())
			h.Close()
			if err != nil || n != len(b) {
				return nil, fmt.Errorf("read %q: %d %w", en.ID, n, err)
			}
			if attrs != "attrs" {
				return nil, fmt.Errorf("attributes of %q: %q", en.ID, attrs)
			}
			m[sid][string(en.ID)] = b
		}
	}
	return m, nil
}

func sameModel(a, b model) bool {
	for _, sid := range []uint32{abi.StoragePrivate, abi.StoragePrivateRPMB} {
		if len(a[sid]) != len(b[sid]) {
			return false
		}
		for id, d := range a[sid] {
			if e, ok := b[sid][id]; !ok || !bytes.Equal(d, e) {
				return false
			}
		}
	}
	return true
}

func crashRoot(t *testing.T) string {
	// tmpfs keeps the many syncs cheap; a SIGKILL keeps the page cache, so
	// the file system type does not change what the test shows.
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		d, err := os.MkdirTemp("/dev/shm", "veritee-crash-")
		if err == nil {
			t.Cleanup(func() { os.RemoveAll(d) })
			return d
		}
	}
	return t.TempDir()
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns hundreds of processes")
	}
	t.Parallel()
	root := crashRoot(t)
	_, states := crashWorkload()

	// A run without a crash counts the disk operations of the workload.
	full := filepath.Join(root, "full")
	os.MkdirAll(full, 0o700)
	runChild(t, full, 0)
	acked, total := readAcks(t, full)
	if acked != crashOps || total < 500 {
		t.Fatalf("full run: %d ops acknowledged, %d disk operations; want %d and at least 500", acked, total, crashOps)
	}
	check := func(dir string, at int64) {
		acked, _ := readAcks(t, dir)
		s, err := openCrashStorage(filepath.Join(dir, "state"), nil)
		if err != nil {
			t.Errorf("crash at %d (after %d acks): store unusable: %v", at, acked, err)
			return
		}
		defer s.Close()
		got, err := snapshot(s.Storage)
		if err != nil {
			t.Errorf("crash at %d (after %d acks): %v", at, acked, err)
			return
		}
		ok := sameModel(got, states[acked])
		if !ok && acked < len(states)-1 {
			ok = sameModel(got, states[acked+1])
		}
		if !ok {
			t.Errorf("crash at %d: content is neither the state after op %d nor after op %d", at, acked, acked+1)
		}
		// The store takes new updates.
		h, err := s.Create(taA, abi.StoragePrivate, []byte("after-crash"), abi.DataFlagAccessWrite|abi.DataFlagOverwrite, dataInfo, nil, []byte("ok"))
		if err != nil {
			t.Errorf("crash at %d: store refuses updates: %v", at, err)
			return
		}
		h.Close()
	}

	var wg sync.WaitGroup
	sem := make(chan struct{}, 6)
	var mu sync.Mutex
	points := 0
	for at := int64(1); at <= total; at++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			dir := filepath.Join(root, strconv.FormatInt(at, 10))
			os.MkdirAll(dir, 0o700)
			runChild(t, dir, at)
			check(dir, at)
			os.RemoveAll(dir)
			mu.Lock()
			points++
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("%d crash points out of %d disk operations, each recovered", points, total)
}
