package hostapi

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func TestGetProperty(t *testing.T) {
	t.Parallel()
	const (
		name, nameLen, buf, bufLen, typ = 100, 400, 500, 900, 904
	)
	idBytes := abi.Identity{Login: abi.LoginUser, UUID: testUUID}.TEEBytes()
	tests := []struct {
		name             string
		set, index       uint32
		namePtr          uint32
		nameCap, bufCap  uint32
		want             abi.Result
		wantName         string
		wantVal          []byte
		wantType         abi.PropType
		wantNeedN, wantV uint32
	}{
		{"ta appID", abi.PropsetCurrentTA, 0, name, 64, 64, abi.Success, abi.PropAppID, abi.UUIDValue(testUUID), abi.PropUUID, 13, 16},
		{"ta dataSize no name", abi.PropsetCurrentTA, 1, 0, 0, 64, abi.Success, "", abi.U32Value(1234), abi.PropU32, 0, 4},
		{"short name", abi.PropsetCurrentTA, 0, name, 12, 64, abi.ErrShortBuffer, "", nil, abi.PropUUID, 13, 16},
		{"short value", abi.PropsetCurrentTA, 0, name, 64, 15, abi.ErrShortBuffer, "", nil, abi.PropUUID, 13, 16},
		{"ta default version", abi.PropsetCurrentTA, 2, name, 64, 64, abi.Success, abi.PropVersion, []byte("0.0"), abi.PropString, 15, 3},
		{"ta default endian", abi.PropsetCurrentTA, 4, name, 64, 64, abi.Success, abi.PropEndian, abi.U32Value(0), abi.PropU32, 14, 4},
		{"ta default corrupt", abi.PropsetCurrentTA, 5, name, 64, 64, abi.Success, PropDoesNotCloseHandleOnCorruptObject, abi.U32Value(0), abi.PropBool, 41, 4},
		{"past last", abi.PropsetCurrentTA, 6, name, 64, 64, abi.ErrItemNotFound, "", nil, 0, 0, 0},
		{"client identity", abi.PropsetCurrentClient, 0, name, 64, 64, abi.Success, PropClientIdentity, idBytes[:], abi.PropIdentity, 20, 20},
		{"client endian", abi.PropsetCurrentClient, 1, name, 64, 64, abi.Success, PropClientEndian, []byte{0, 0, 0, 0}, abi.PropU32, 18, 4},
		{"client past last", abi.PropsetCurrentClient, 2, name, 64, 64, abi.ErrItemNotFound, "", nil, 0, 0, 0},
		{"tee", abi.PropsetTEEImplementation, 0, name, 64, 64, abi.Success, "gpd.tee.apiversion", []byte("1.3.1"), abi.PropString, 19, 5},
		{"bad set", 7, 0, name, 64, 64, abi.ErrBadParameters, "", nil, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newModule(t)
			s, _ := newState()
			mem := m.Memory()
			mem.WriteUint32Le(nameLen, tt.nameCap)
			mem.WriteUint32Le(bufLen, tt.bufCap)
			got := call(s, m, abi.SysGetProperty, uint64(tt.set), uint64(tt.index), uint64(tt.namePtr), nameLen, buf, bufLen, typ)
			if got != tt.want {
				t.Fatalf("get_property = %v, want %v", got, tt.want)
			}
			if got != abi.Success && got != abi.ErrShortBuffer {
				return
			}
			if typ := abi.PropType(u32At(t, m, typ)); typ != tt.wantType {
				t.Errorf("type %d, want %d", typ, tt.wantType)
			}
			if tt.namePtr != 0 && u32At(t, m, nameLen) != tt.wantNeedN {
				t.Errorf("name length %d, want %d", u32At(t, m, nameLen), tt.wantNeedN)
			}
			if u32At(t, m, bufLen) != tt.wantV {
				t.Errorf("value length %d, want %d", u32At(t, m, bufLen), tt.wantV)
			}
			if got != abi.Success {
				return
			}
			if tt.wantName != "" {
				n, _ := mem.Read(name, uint32(len(tt.wantName))+1)
				if string(n) != tt.wantName+"\x00" {
					t.Errorf("name %q", n)
				}
			}
			v, _ := mem.Read(buf, uint32(len(tt.wantVal)))
			if !bytes.Equal(v, tt.wantVal) {
				t.Errorf("value %x, want %x", v, tt.wantVal)
			}
		})
	}
}

func TestGetPropertyBadPointers(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	m.Memory().WriteUint32Le(400, 64)
	m.Memory().WriteUint32Le(900, 64)
	bad := uint64(memSize - 2)
	for i, args := range [][]uint64{
		{uint64(abi.PropsetCurrentTA), 0, 100, bad, 500, 900, 904},
		{uint64(abi.PropsetCurrentTA), 0, 100, 400, 500, bad, 904},
		{uint64(abi.PropsetCurrentTA), 0, 100, 400, 500, 900, bad},
		{uint64(abi.PropsetCurrentTA), 0, memSize - 3, 400, 500, 900, 904},
		{uint64(abi.PropsetCurrentTA), 0, 100, 400, memSize - 3, 900, 904},
	} {
		if got := call(s, m, abi.SysGetProperty, args...); got != abi.ErrBadParameters {
			t.Errorf("case %d: %v", i, got)
		}
	}
}

func TestGetPropertyNameToIndex(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	mem := m.Memory()
	put := func(p uint32, s string) uint64 { mem.WriteString(p, s); return uint64(len(s)) }
	tests := []struct {
		set  uint32
		name string
		want abi.Result
		idx  uint32
	}{
		{abi.PropsetCurrentTA, abi.PropDataSize, abi.Success, 1},
		{abi.PropsetCurrentTA, abi.PropAppID + "\x00", abi.Success, 0},
		{abi.PropsetCurrentTA, "gpd.ta.nothing", abi.ErrItemNotFound, 0},
		{abi.PropsetCurrentTA, "gpd.ta\x00appID", abi.ErrItemNotFound, 0},
		{abi.PropsetCurrentTA, abi.PropEndian, abi.Success, 4},
		{abi.PropsetCurrentClient, PropClientEndian, abi.Success, 1},
		{abi.PropsetTEEImplementation, "gpd.tee.apiversion", abi.Success, 0},
		{5, "x", abi.ErrBadParameters, 0},
	}
	for _, tt := range tests {
		n := put(100, tt.name)
		got := call(s, m, abi.SysGetPropertyNameToIndex, uint64(tt.set), 100, n, 300)
		if got != tt.want || (got == abi.Success && u32At(t, m, 300) != tt.idx) {
			t.Errorf("name_to_index(%q) = %v, %d; want %v, %d", tt.name, got, u32At(t, m, 300), tt.want, tt.idx)
		}
	}
	if got := call(s, m, abi.SysGetPropertyNameToIndex, uint64(abi.PropsetCurrentTA), memSize-2, 5, 300); got != abi.ErrBadParameters {
		t.Errorf("bad name pointer: %v", got)
	}
	if got := call(s, m, abi.SysGetPropertyNameToIndex, uint64(abi.PropsetCurrentTA), 100, 3, memSize); got != abi.ErrBadParameters {
		t.Errorf("bad index pointer: %v", got)
	}
}

// TestTADefaultsNotRepeated checks that a standard TA property the blob
// carries is not added again from the defaults.
func TestTADefaultsNotRepeated(t *testing.T) {
	t.Parallel()
	s, _ := newState()
	s.TAProps = WithTADefaults([]abi.Property{
		{Name: abi.PropAppID, Type: abi.PropUUID, Value: abi.UUIDValue(testUUID)},
		{Name: abi.PropDataSize, Type: abi.PropU32, Value: abi.U32Value(1234)},
		{Name: abi.PropVersion, Type: abi.PropString, Value: []byte("2.1")},
	})
	seen := map[string]int{}
	var names []string
	for i := uint32(0); ; i++ {
		p, found, set := propertyAt(s, abi.PropsetCurrentTA, i)
		if !set {
			t.Fatal("set unknown")
		}
		if !found {
			break
		}
		seen[p.Name]++
		names = append(names, p.Name)
		if p.Name == abi.PropVersion && string(p.Value) != "2.1" {
			t.Errorf("version %q, want the blob's", p.Value)
		}
	}
	want := []string{abi.PropAppID, abi.PropDataSize, abi.PropVersion, abi.PropDescription, abi.PropEndian, PropDoesNotCloseHandleOnCorruptObject}
	if len(names) != len(want) {
		t.Fatalf("names %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("name %d = %q, want %q", i, names[i], want[i])
		}
	}
}
