package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/keys"
	"github.com/veritee/veritee/internal/storage/reefs"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

// rpmbObjects keeps TEE_STORAGE_PRIVATE_RPMB objects as records of the
// RPMB file system, one record per object, rewritten whole on every
// change (the partition is small). A record's key is
// [KindObject, 7 bytes of HMAC(namespace), 8 bytes of HMAC(namespace, id)]
// under a key derived from the SSK, so keys reveal neither TA nor id. Its
// value is the object's FEK wrapped by the TSK, then the object sealed
// with the FEK and bound to the key:
//
//	wrapped FEK [60] || seal(id length u8, id, info length u16, info,
//	                         attrs length u32, attrs, data)
type rpmbObjects struct {
	mu       sync.Mutex
	fs       *rpmb.FS
	ssk      *keys.SSK
	nameKey  []byte
	maxSize  uint64
	ids      map[Namespace][]string // sorted, loaded on first use
	keyOfIDs map[Namespace]map[string]rpmb.Key
}

func newRPMBObjects(fs *rpmb.FS, ssk *keys.SSK) *rpmbObjects {
	return &rpmbObjects{
		fs: fs, ssk: ssk, nameKey: ssk.NameKey(), maxSize: 256 << 10,
		ids: map[Namespace][]string{}, keyOfIDs: map[Namespace]map[string]rpmb.Key{},
	}
}

func (r *rpmbObjects) close() { clear(r.nameKey) }

func nsBytes(ns Namespace) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(nil), ns.TA[:]...), ns.Storage)
}

func (r *rpmbObjects) prefix(ns Namespace) []byte {
	p := []byte{rpmb.KindObject}
	return append(p, keys.Mac(r.nameKey, []byte("ns"), nsBytes(ns))[:7]...)
}

func (r *rpmbObjects) keyOf(ns Namespace, id []byte) rpmb.Key {
	var k rpmb.Key
	copy(k[:], r.prefix(ns))
	copy(k[8:], keys.Mac(r.nameKey, []byte("id"), nsBytes(ns), []byte{byte(len(id))}, id)[:8])
	return k
}

type rpmbObj struct {
	id, info, attrs, data []byte
}

func (o *rpmbObj) marshal() []byte {
	b := []byte{byte(len(o.id))}
	b = append(b, o.id...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(o.info)))
	b = append(b, o.info...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(o.attrs)))
	b = append(b, o.attrs...)
	return append(b, o.data...)
}

// parseRPMBObj decodes the plaintext of an RPMB object record.
func parseRPMBObj(b []byte) (*rpmbObj, error) {
	bad := fmt.Errorf("%w: RPMB object record", reefs.ErrCorrupt)
	if len(b) < 1 || int(b[0]) > abi.ObjectIDMaxLen || len(b) < 1+int(b[0])+2 {
		return nil, bad
	}
	o := &rpmbObj{}
	n := int(b[0])
	o.id, b = bytes.Clone(b[1:1+n]), b[1+n:]
	il := int(binary.BigEndian.Uint16(b))
	if len(b) < 2+il+4 {
		return nil, bad
	}
	o.info, b = bytes.Clone(b[2:2+il]), b[2+il:]
	al := binary.BigEndian.Uint32(b)
	if uint64(len(b)) < 4+uint64(al) {
		return nil, bad
	}
	o.attrs, o.data = bytes.Clone(b[4:4+al]), bytes.Clone(b[4+al:])
	return o, nil
}

func (r *rpmbObjects) seal(ns Namespace, k rpmb.Key, o *rpmbObj) []byte {
	fek := keys.NewFEK()
	defer clear(fek)
	tsk := r.ssk.TSK(ns.TA)
	defer tsk.Destroy()
	out := tsk.Seal(nil, fek, k[:])
	a, _ := keys.NewAEAD(fek)
	defer a.Destroy()
	plain := o.marshal()
	defer clear(plain)
	return a.Seal(out, plain, k[:])
}

func (r *rpmbObjects) unseal(ns Namespace, k rpmb.Key, v []byte) (*rpmbObj, error) {
	if len(v) < keys.WrappedSize {
		return nil, fmt.Errorf("%w: RPMB record of %d bytes", reefs.ErrCorrupt, len(v))
	}
	tsk := r.ssk.TSK(ns.TA)
	defer tsk.Destroy()
	fek, err := tsk.Open(nil, v[:keys.WrappedSize], k[:])
	if err != nil {
		return nil, fmt.Errorf("%w: RPMB object key", reefs.ErrCorrupt)
	}
	a, _ := keys.NewAEAD(fek)
	clear(fek)
	defer a.Destroy()
	plain, err := a.Open(nil, v[keys.WrappedSize:], k[:])
	if err != nil {
		return nil, fmt.Errorf("%w: RPMB object", reefs.ErrCorrupt)
	}
	defer clear(plain)
	return parseRPMBObj(plain)
}

// index loads the ids of ns; callers hold r.mu.
func (r *rpmbObjects) index(ns Namespace) error {
	if _, ok := r.ids[ns]; ok {
		return nil
	}
	m := map[string]rpmb.Key{}
	var ids []string
	for _, k := range r.fs.Keys(r.prefix(ns)) {
		v, err := r.fs.Get(k)
		if err != nil {
			return err
		}
		o, err := r.unseal(ns, k, v)
		if err != nil || r.keyOf(ns, o.id) != k {
			// Unreadable: keep it findable by no id; an open of the id
			// it hashes from reports it corrupt.
			continue
		}
		m[string(o.id)] = k
		ids = append(ids, string(o.id))
	}
	slices.Sort(ids)
	r.ids[ns], r.keyOfIDs[ns] = ids, m
	return nil
}

// load returns object id; callers hold r.mu.
func (r *rpmbObjects) load(ns Namespace, id []byte) (*rpmbObj, rpmb.Key, error) {
	if len(id) > abi.ObjectIDMaxLen {
		return nil, rpmb.Key{}, fmt.Errorf("storage: object id of %d bytes", len(id))
	}
	k := r.keyOf(ns, id)
	v, err := r.fs.Get(k)
	if errors.Is(err, rpmb.ErrNotFound) {
		return nil, k, reefs.ErrNotFound
	}
	if err != nil {
		return nil, k, err
	}
	o, err := r.unseal(ns, k, v)
	if err != nil {
		return nil, k, err
	}
	if !bytes.Equal(o.id, id) {
		return nil, k, fmt.Errorf("%w: RPMB record names another id", reefs.ErrCorrupt)
	}
	return o, k, nil
}

func (r *rpmbObjects) Lookup(ns Namespace, id []byte) (Object, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	o, _, err := r.load(ns, id)
	if err != nil {
		return Object{}, err
	}
	return Object{Info: o.info, Size: uint64(len(o.data))}, nil
}

func (r *rpmbObjects) Attributes(ns Namespace, id []byte) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	o, _, err := r.load(ns, id)
	if err != nil {
		return nil, err
	}
	return o.attrs, nil
}

func (r *rpmbObjects) ReadAt(ns Namespace, id []byte, p []byte, off uint64) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	o, _, err := r.load(ns, id)
	if err != nil {
		return 0, err
	}
	if off >= uint64(len(o.data)) {
		return 0, nil
	}
	return copy(p, o.data[off:]), nil
}

// store commits o under k, removing the record of oldKey when set.
func (r *rpmbObjects) store(ns Namespace, k rpmb.Key, o *rpmbObj, del *rpmb.Key) error {
	if uint64(len(o.data)) > r.maxSize {
		return fmt.Errorf("%w: %d bytes in RPMB", reefs.ErrNoSpace, len(o.data))
	}
	chs := []rpmb.Change{{Key: k, Value: r.seal(ns, k, o)}}
	if del != nil {
		chs = append(chs, rpmb.Change{Key: *del, Delete: true})
	}
	return r.fs.Commit(chs...)
}

func (r *rpmbObjects) addID(ns Namespace, id string, k rpmb.Key) {
	if _, ok := r.ids[ns]; !ok {
		return
	}
	if _, ok := r.keyOfIDs[ns][id]; ok {
		return
	}
	i, _ := slices.BinarySearch(r.ids[ns], id)
	r.ids[ns] = slices.Insert(r.ids[ns], i, id)
	r.keyOfIDs[ns][id] = k
}

func (r *rpmbObjects) dropID(ns Namespace, id string) {
	if i, ok := slices.BinarySearch(r.ids[ns], id); ok {
		r.ids[ns] = slices.Delete(r.ids[ns], i, i+1)
		delete(r.keyOfIDs[ns], id)
	}
}

func (r *rpmbObjects) Create(ns Namespace, id, info, attrs, data []byte, overwrite bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, k, err := r.load(ns, id)
	switch {
	case err == nil && !overwrite:
		return reefs.ErrExists
	case err != nil && !errors.Is(err, reefs.ErrNotFound) && !errors.Is(err, reefs.ErrCorrupt):
		return err
	}
	o := &rpmbObj{id: bytes.Clone(id), info: info, attrs: attrs, data: data}
	if err := r.store(ns, k, o, nil); err != nil {
		return err
	}
	r.addID(ns, string(id), k)
	return nil
}

func (r *rpmbObjects) WriteAt(ns Namespace, id []byte, p []byte, off uint64) error {
	if len(p) == 0 {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	o, k, err := r.load(ns, id)
	if err != nil {
		return err
	}
	end := off + uint64(len(p))
	if end > r.maxSize {
		return fmt.Errorf("%w: write to %d in RPMB", reefs.ErrNoSpace, end)
	}
	if end > uint64(len(o.data)) {
		o.data = append(o.data, make([]byte, end-uint64(len(o.data)))...)
	}
	copy(o.data[off:], p)
	return r.store(ns, k, o, nil)
}

func (r *rpmbObjects) Truncate(ns Namespace, id []byte, size uint64) error {
	if size > r.maxSize {
		return fmt.Errorf("%w: size %d in RPMB", reefs.ErrNoSpace, size)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	o, k, err := r.load(ns, id)
	if err != nil {
		return err
	}
	if size <= uint64(len(o.data)) {
		o.data = o.data[:size]
	} else {
		o.data = append(o.data, make([]byte, size-uint64(len(o.data)))...)
	}
	return r.store(ns, k, o, nil)
}

func (r *rpmbObjects) SetInfo(ns Namespace, id, info []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	o, k, err := r.load(ns, id)
	if err != nil {
		return err
	}
	o.info = bytes.Clone(info)
	return r.store(ns, k, o, nil)
}

func (r *rpmbObjects) Rename(ns Namespace, old, new []byte) error {
	if len(new) > abi.ObjectIDMaxLen {
		return fmt.Errorf("storage: object id of %d bytes", len(new))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	o, k, err := r.load(ns, old)
	if err != nil {
		return err
	}
	if bytes.Equal(old, new) {
		return nil
	}
	nk := r.keyOf(ns, new)
	if _, err := r.fs.Get(nk); err == nil {
		return reefs.ErrExists
	}
	o.id = bytes.Clone(new)
	if err := r.store(ns, nk, o, &k); err != nil {
		return err
	}
	r.dropID(ns, string(old))
	r.addID(ns, string(new), nk)
	return nil
}

func (r *rpmbObjects) Delete(ns Namespace, id []byte) error {
	if len(id) > abi.ObjectIDMaxLen {
		return fmt.Errorf("storage: object id of %d bytes", len(id))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	k := r.keyOf(ns, id)
	if _, err := r.fs.Get(k); err != nil {
		if errors.Is(err, rpmb.ErrNotFound) {
			return reefs.ErrNotFound
		}
		return err
	}
	if err := r.fs.Commit(rpmb.Change{Key: k, Delete: true}); err != nil {
		return err
	}
	r.dropID(ns, string(id))
	return nil
}

func (r *rpmbObjects) Next(ns Namespace, after []byte, first bool) ([]byte, Object, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.index(ns) != nil {
		return nil, Object{}, false
	}
	ids := r.ids[ns]
	i := 0
	if !first {
		var found bool
		i, found = slices.BinarySearch(ids, string(after))
		if found {
			i++
		}
	}
	for ; i < len(ids); i++ {
		o, _, err := r.load(ns, []byte(ids[i]))
		if err != nil {
			continue
		}
		return []byte(ids[i]), Object{Info: o.info, Size: uint64(len(o.data))}, true
	}
	return nil, Object{}, false
}
