package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taimage"
	"github.com/veritee/veritee/internal/tastore"
)

// maxImageSize bounds what the core reads from a TA directory before any
// parsing; a larger file is not a TA.
const maxImageSize = 64 << 20

// taFile is where a TA image was found and what it looked like then, so that
// a rebuilt TA is picked up the next time no instance of it is alive.
type taFile struct {
	path  string
	size  int64
	mtime time.Time
}

// findTA looks for <uuid>.ta in the TA directories, then in the TA store
// of the state directory (TAs installed with `veritee install`).
func (c *Core) findTA(uuid abi.UUID) (taFile, error) {
	name := uuid.String() + ".ta"
	dirs := c.cfg.TADirs
	if c.cfg.StateDir != "" {
		dirs = append(dirs[:len(dirs):len(dirs)], tastore.Dir(c.cfg.StateDir))
	}
	for _, dir := range dirs {
		p := filepath.Join(dir, name)
		st, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return taFile{}, err
		}
		if !st.Mode().IsRegular() {
			continue
		}
		return taFile{path: p, size: st.Size(), mtime: st.ModTime()}, nil
	}
	return taFile{}, fs.ErrNotExist
}

// entry returns the TA entry for uuid, creating an empty one.
func (c *Core) entry(uuid abi.UUID) (*taEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return nil, ErrClosed
	}
	e := c.tas[uuid]
	if e == nil {
		e = &taEntry{core: c, uuid: uuid}
		c.tas[uuid] = e
	}
	return e, nil
}

// load (re)loads the TA of e from disk when it is not loaded or the file
// changed and no instance of the old one is alive. Callers hold e.mu.
func (e *taEntry) load(ctx context.Context) abi.Ret {
	f, err := e.core.findTA(e.uuid)
	if err != nil {
		if e.ta != nil {
			return abi.Ret{} // removed from disk; keep serving what is loaded
		}
		e.core.log.Info("TA not found", "uuid", e.uuid, "dirs", e.core.cfg.TADirs, "ta_store", e.core.cfg.StateDir != "")
		return abi.TEE(abi.ErrItemNotFound)
	}
	if e.ta != nil && (e.file == f || e.live > 0) {
		return abi.Ret{}
	}
	if f.size > maxImageSize {
		e.core.log.Warn("TA image too large", "uuid", e.uuid, "size", f.size)
		return abi.TEE(abi.ErrBadFormat)
	}
	img, err := readBounded(f.path, maxImageSize)
	if err != nil {
		e.core.log.Warn("reading TA image", "uuid", e.uuid, "err", err)
		return abi.TEE(abi.ErrItemNotFound)
	}
	v, ret := e.core.verifyTA(img, e.uuid, f.path)
	if !ret.OK() {
		return ret
	}
	ta, err := e.core.rt.Load(ctx, v.Body)
	if err != nil {
		e.core.log.Warn("loading TA image", "uuid", e.uuid, "path", f.path, "err", err)
		return abi.TEE(abi.ErrBadFormat)
	}
	if ta.UUID() != e.uuid || taimage.TAVersion(ta.Props()) != v.TAVersion {
		ta.Close(ctx)
		e.core.log.Warn("TA image refused: the signed header and the TA's properties disagree", "uuid", e.uuid,
			"path", f.path, "props_uuid", ta.UUID(), "props_version", taimage.TAVersion(ta.Props()), "signed_version", v.TAVersion)
		return abi.TEE(abi.ErrSecurity)
	}
	if e.ta != nil {
		e.ta.Close(ctx)
	}
	e.ta, e.file = ta, f
	p := ta.Props()
	e.single = p.Bool(abi.PropSingleInstance, false)
	e.multiSession = p.Bool(abi.PropMultiSession, false)
	e.keepAlive = p.Bool(abi.PropInstanceKeepAlive, false)
	e.core.log.Debug("TA loaded", "uuid", e.uuid, "path", f.path, "version", v.TAVersion, "signer", v.Signer, "encrypted", v.Encrypted,
		"single_instance", e.single, "multi_session", e.multiSession, "keep_alive", e.keepAlive)
	return abi.Ret{}
}

// readBounded reads the file at path, refusing one that has grown past
// limit since it was looked at, before holding more than limit+1 bytes.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s grew past %d bytes", path, limit)
	}
	return b, nil
}
