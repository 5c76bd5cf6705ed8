package rollback

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/veritee/veritee/internal/abi"
)

// FileName is the file a File keeps in the state directory.
const FileName = "versions"

// maxFileSize bounds what Open reads: about 150,000 entries.
const maxFileSize = 8 << 20

const fileHeader = "veritee versions 1"

// File is a Store in one text file, rewritten whole on every change: to a
// temporary file, synced, renamed over the old one, and the directory
// synced, so a crash leaves either the old or the new file. The last line
// is the SHA-256 of the lines before it, so a torn or edited file is
// refused rather than read as "no versions seen".
type File struct {
	path string

	mu sync.Mutex
	m  map[key]uint32
}

// Open opens the store in dir, creating nothing until the first Advance.
func Open(dir string) (*File, error) {
	f := &File{path: filepath.Join(dir, FileName), m: map[key]uint32{}}
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("rollback: %w", err)
	}
	if len(b) > maxFileSize {
		return nil, fmt.Errorf("rollback: %s: %d bytes exceeds %d", f.path, len(b), maxFileSize)
	}
	if err := f.parse(b); err != nil {
		return nil, fmt.Errorf("rollback: %s: %w", f.path, err)
	}
	return f, nil
}

func (f *File) parse(b []byte) error {
	body, sum, ok := cutLastLine(b)
	if !ok {
		return errors.New("no checksum line")
	}
	want := sha256.Sum256(body)
	if sum != "sha256 "+hex.EncodeToString(want[:]) {
		return errors.New("checksum mismatch: the file is damaged")
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			if line != fileHeader {
				return fmt.Errorf("unknown header %q", line)
			}
			first = false
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			return fmt.Errorf("bad line %q", line)
		}
		var k key
		switch fields[0] {
		case "ta":
			k.kind = TA
		case "subkey":
			k.kind = Subkey
		default:
			return fmt.Errorf("bad kind in %q", line)
		}
		id, err := abi.ParseUUID(fields[1])
		if err != nil {
			return fmt.Errorf("bad line %q: %w", line, err)
		}
		k.id = id
		v, err := strconv.ParseUint(fields[2], 10, 32)
		if err != nil {
			return fmt.Errorf("bad line %q: %w", line, err)
		}
		f.m[k] = uint32(v)
	}
	if first {
		return errors.New("empty file")
	}
	return sc.Err()
}

// cutLastLine splits b into everything up to and including the second to
// last newline, and the last line without its newline.
func cutLastLine(b []byte) ([]byte, string, bool) {
	if len(b) == 0 || b[len(b)-1] != '\n' {
		return nil, "", false
	}
	i := bytes.LastIndexByte(b[:len(b)-1], '\n')
	if i < 0 {
		return nil, "", false
	}
	return b[:i+1], string(b[i+1 : len(b)-1]), true
}

// Highest implements Store.
func (f *File) Highest(kind Kind, id abi.UUID) (uint32, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.m[key{kind, id}]
	return v, ok, nil
}

// Advance implements Store.
func (f *File) Advance(kind Kind, id abi.UUID, v uint32) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := key{kind, id}
	old, ok := f.m[k]
	if ok && v < old {
		return fmt.Errorf("%w: %s %v version %d, highest seen %d", ErrRollback, kind, id, v, old)
	}
	if ok && v == old {
		return nil
	}
	f.m[k] = v
	if err := f.write(); err != nil {
		if ok {
			f.m[k] = old
		} else {
			delete(f.m, k)
		}
		return err
	}
	return nil
}

func (f *File) write() error {
	keys := make([]key, 0, len(f.m))
	for k := range f.m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].kind != keys[j].kind {
			return keys[i].kind < keys[j].kind
		}
		return bytes.Compare(keys[i].id[:], keys[j].id[:]) < 0
	})
	var b bytes.Buffer
	b.WriteString(fileHeader + "\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %v %d\n", k.kind, k.id, f.m[k])
	}
	sum := sha256.Sum256(b.Bytes())
	fmt.Fprintf(&b, "sha256 %s\n", hex.EncodeToString(sum[:]))

	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("rollback: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".versions-*")
	if err != nil {
		return fmt.Errorf("rollback: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("rollback: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("rollback: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("rollback: %w", err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return fmt.Errorf("rollback: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
