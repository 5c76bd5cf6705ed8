package veritee_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// prop is one property as CmdPropsEnum reports it.
type prop struct {
	name string
	typ  abi.PropType
	val  []byte
}

func (p prop) String() string { return fmt.Sprintf("%s(%d)=%x", p.name, p.typ, p.val) }

func invoke(tb testing.TB, s *teec.Session, cmd uint32, params ...teec.Parameter) error {
	tb.Helper()
	op := &teec.Operation{}
	copy(op.Params[:], params)
	return s.InvokeCommand(context.Background(), cmd, op)
}

func valIn(a, b uint32) *teec.Value { return &teec.Value{Type: teec.ValueInput, A: a, B: b} }
func valOut() *teec.Value           { return &teec.Value{Type: teec.ValueOutput} }
func memIn(b []byte) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: b, Size: uint64(len(b))}
}
func memOut(n int) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, n), Size: uint64(n)}
}

// enumerate lists a property set through CmdPropsEnum, asking first with
// no room to check SHORT_BUFFER and the size it reports.
func enumerate(tb testing.TB, s *teec.Session, set uint32) []prop {
	tb.Helper()
	out, n := memOut(0), valOut()
	wantResult(tb, invoke(tb, s, testta.CmdPropsEnum, valIn(set, 0), out, n), teec.ErrShortBuffer, teec.OriginTrustedApp)
	need := int(out.Size)
	if need == 0 {
		tb.Fatal("SHORT_BUFFER with size 0")
	}
	out = memOut(need)
	if err := invoke(tb, s, testta.CmdPropsEnum, valIn(set, 0), out, n); err != nil {
		tb.Fatal(err)
	}
	if int(out.Size) != need {
		tb.Fatalf("size %d, announced %d", out.Size, need)
	}
	b := out.Buffer[:out.Size]
	var l []prop
	next := func(k int) []byte {
		if len(b) < k {
			tb.Fatalf("truncated enumeration")
		}
		v := b[:k]
		b = b[k:]
		return v
	}
	u32 := func() int { return int(binary.LittleEndian.Uint32(next(4))) }
	for len(b) > 0 {
		var p prop
		p.name = string(next(u32()))
		p.typ = abi.PropType(u32())
		p.val = append([]byte{}, next(u32())...)
		l = append(l, p)
	}
	if len(l) != int(n.A) {
		tb.Fatalf("%d properties decoded, TA counted %d", len(l), n.A)
	}
	return l
}

// getter order of CmdPropsGet.
var getterTypes = []abi.PropType{abi.PropString, abi.PropBool, abi.PropU32, abi.PropU64, abi.PropBinaryBlock, abi.PropUUID, abi.PropIdentity}

type getRec struct {
	res teec.Result
	val []byte
}

// getAll reads a property by name with each of the seven getters.
func getAll(tb testing.TB, s *teec.Session, set uint32, name string) [testta.NumPropGetters]getRec {
	tb.Helper()
	out := memOut(8192)
	if err := invoke(tb, s, testta.CmdPropsGet, valIn(set, 0), memIn([]byte(name)), out); err != nil {
		tb.Fatal(err)
	}
	b := out.Buffer[:out.Size]
	var r [testta.NumPropGetters]getRec
	for i := range r {
		if len(b) < 8 {
			tb.Fatal("truncated getter records")
		}
		r[i].res = teec.Result(binary.LittleEndian.Uint32(b))
		n := int(binary.LittleEndian.Uint32(b[4:]))
		r[i].val = b[8 : 8+n]
		b = b[8+n:]
	}
	return r
}

func u32v(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

// wantTEEProps are the TEE implementation properties, in their order, and
// the values that are fixed (nil: checked apart).
var wantTEEProps = []prop{
	{"gpd.tee.apiversion", abi.PropString, []byte("1.3.1")},
	{"gpd.tee.internalCore.version", abi.PropU32, u32v(0x01030100)},
	{"gpd.tee.description", abi.PropString, nil},
	{"gpd.tee.deviceID", abi.PropUUID, nil},
	{"gpd.tee.systemTime.protectionLevel", abi.PropU32, u32v(100)},
	{"gpd.tee.TAPersistentTime.protectionLevel", abi.PropU32, u32v(100)},
	{"gpd.tee.arith.maxBigIntSize", abi.PropU32, u32v(4096)},
	{"gpd.tee.cryptography.ecc", abi.PropBool, u32v(0)},
	{"gpd.tee.cryptography.nist", abi.PropBool, u32v(0)},
	{"gpd.tee.cryptography.bsi-r", abi.PropBool, u32v(0)},
	{"gpd.tee.cryptography.bsi-t", abi.PropBool, u32v(0)},
	{"gpd.tee.cryptography.ietf", abi.PropBool, u32v(0)},
	{"gpd.tee.cryptography.octa", abi.PropBool, u32v(0)},
	{"gpd.tee.cryptography.sec", abi.PropBool, u32v(0)},
	{"gpd.tee.trustedStorage.private.rollbackProtection", abi.PropU32, u32v(0)},
	{"gpd.tee.trustedStorage.perso.rollbackProtection", abi.PropU32, u32v(0)},
	{"gpd.tee.trustedStorage.protected.rollbackProtection", abi.PropU32, u32v(0)},
	{"gpd.tee.trustedStorage.antiRollback.protectionLevel", abi.PropU32, u32v(0)},
	{"gpd.tee.trustedStorage.rollbackDetection.protectionLevel", abi.PropU32, u32v(0)},
	{"gpd.tee.trustedos.implementation.version", abi.PropString, nil},
	{"gpd.tee.trustedos.implementation.binaryversion", abi.PropU32, nil},
	{"gpd.tee.trustedos.manufacturer", abi.PropString, nil},
	{"gpd.tee.firmware.implementation.version", abi.PropString, nil},
	{"gpd.tee.firmware.implementation.binaryversion", abi.PropU32, nil},
	{"gpd.tee.firmware.manufacturer", abi.PropString, nil},
}

// checkByName reads every enumerated property by name with every getter:
// the getter of its type and the string getter succeed with the value,
// the others answer BAD_FORMAT.
func checkByName(t *testing.T, s *teec.Session, set uint32, l []prop) {
	t.Helper()
	for _, p := range l {
		r := getAll(t, s, set, p.name)
		for i, gt := range getterTypes {
			switch {
			case gt == p.typ:
				if r[i].res != teec.Success || !bytes.Equal(r[i].val, p.val) {
					t.Errorf("%s: getter of its type: %v %x, want %x", p.name, r[i].res, r[i].val, p.val)
				}
			case gt == abi.PropString:
				if r[i].res != teec.Success {
					t.Errorf("%s as string: %v", p.name, r[i].res)
				} else if p.typ == abi.PropU32 && string(r[i].val) != fmt.Sprint(binary.LittleEndian.Uint32(p.val)) {
					t.Errorf("%s as string: %q", p.name, r[i].val)
				}
			default:
				if r[i].res != teec.ErrBadFormat {
					t.Errorf("%s (type %d) read as type %d: %v, want BAD_FORMAT", p.name, p.typ, gt, r[i].res)
				}
			}
		}
	}
}

func TestPropertiesTEEImplementation(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		s := open(t, c, uuids[testta.VariantMulti])
		l := enumerate(t, s, abi.PropsetTEEImplementation)
		if len(l) != len(wantTEEProps) {
			t.Fatalf("got %d properties %v, want %d", len(l), l, len(wantTEEProps))
		}
		for i, w := range wantTEEProps {
			g := l[i]
			if g.name != w.name || g.typ != w.typ || (w.val != nil && !bytes.Equal(g.val, w.val)) {
				t.Errorf("property %d = %v, want %v", i, g, w)
			}
		}
		dev := l[3].val
		if len(dev) != 16 || bytes.Equal(dev, make([]byte, 16)) {
			t.Errorf("deviceID %x", dev)
		}
		if again := enumerate(t, s, abi.PropsetTEEImplementation); fmt.Sprint(again) != fmt.Sprint(l) {
			t.Errorf("second enumeration differs:\n%v\n%v", again, l)
		}
		checkByName(t, s, abi.PropsetTEEImplementation, l)
	})
}

// TestPropertiesDeviceIDStable checks that two TEEs on one state
// directory report one gpd.tee.deviceID, to C and Go TAs alike.
func TestPropertiesDeviceIDStable(t *testing.T) {
	t.Parallel()
	var ids [][]byte
	for range 2 {
		tee := startTEE(t)
		c := tee.client(t, embedded)
		for _, l := range langs {
			s := open(t, c, l.uuids[testta.VariantMulti])
			r := getAll(t, s, abi.PropsetTEEImplementation, "gpd.tee.deviceID")
			if r[5].res != teec.Success {
				t.Fatalf("%s: deviceID as UUID: %v", l.name, r[5].res)
			}
			ids = append(ids, r[5].val)
		}
	}
	for _, id := range ids[1:] {
		if !bytes.Equal(id, ids[0]) {
			t.Fatalf("device ids differ: %x", ids)
		}
	}
	if _, err := os.Stat(cacheDir + "/device-id"); err != nil {
		t.Errorf("installation id not in the state directory: %v", err)
	}
}

func TestPropertiesCurrentTA(t *testing.T) {
	t.Parallel()
	// A TEE per subtest: the exclusive variant takes one session at a time.
	forEach(t, nil, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		isC := uuids == testta.CUUIDs
		for v := range testta.NumVariants {
			t.Run(fmt.Sprint("variant", v), func(t *testing.T) {
				s := open(t, c, uuids[v])
				l := enumerate(t, s, abi.PropsetCurrentTA)
				if again := enumerate(t, s, abi.PropsetCurrentTA); fmt.Sprint(again) != fmt.Sprint(l) {
					t.Errorf("second enumeration differs")
				}
				got := map[string]prop{}
				for _, p := range l {
					if _, dup := got[p.name]; dup {
						t.Errorf("%s twice", p.name)
					}
					got[p.name] = p
				}
				flags := testta.Flags(v)
				b := func(f uint32) []byte {
					if flags&f != 0 {
						return u32v(1)
					}
					return u32v(0)
				}
				appID := uuids[v].TEEUUIDBytes()
				dataSize, stackSize := uint32(testta.GoDataSize), uint32(64<<10)
				if isC {
					dataSize, stackSize = testta.CDataSize, 16<<10
				}
				want := []prop{
					{abi.PropAppID, abi.PropUUID, appID[:]},
					{abi.PropSingleInstance, abi.PropBool, b(abi.TAFlagSingleInstance)},
					{abi.PropMultiSession, abi.PropBool, b(abi.TAFlagMultiSession)},
					{abi.PropInstanceKeepAlive, abi.PropBool, b(abi.TAFlagInstanceKeepAlive)},
					{abi.PropDataSize, abi.PropU32, u32v(dataSize)},
					{abi.PropStackSize, abi.PropU32, u32v(stackSize)},
					{abi.PropVersion, abi.PropString, []byte("1.0")},
					{abi.PropDescription, abi.PropString, nil},
					{abi.PropEndian, abi.PropU32, u32v(0)},
					{"gpd.ta.doesNotCloseHandleOnCorruptObject", abi.PropBool, u32v(0)},
				}
				if isC {
					want = append(want,
						prop{"org.veritee.test.variant", abi.PropU32, u32v(uint32(v))},
						prop{"org.veritee.test.bool", abi.PropBool, u32v(1)},
						prop{"org.veritee.test.u64", abi.PropU64, binary.LittleEndian.AppendUint64(nil, 0x0123456789abcdef)},
						prop{"org.veritee.test.string", abi.PropString, []byte("veritee")},
						prop{"org.veritee.test.blob", abi.PropBinaryBlock, []byte{0, 1, 2, 3, 4}},
					)
				} else {
					want = append(want,
						prop{"org.veritee.testta.variant", abi.PropU32, u32v(uint32(v))},
						prop{"org.veritee.testta.language", abi.PropString, []byte("go")},
					)
				}
				for _, w := range want {
					g, ok := got[w.name]
					if !ok {
						t.Errorf("%s missing from %v", w.name, l)
						continue
					}
					if g.typ != w.typ || (w.val != nil && !bytes.Equal(g.val, w.val)) {
						t.Errorf("%v, want %v", g, w)
					}
				}
				if len(l) != len(want) {
					t.Errorf("%d properties, want %d: %v", len(l), len(want), l)
				}
				checkByName(t, s, abi.PropsetCurrentTA, l)
			})
		}
	})
}

func TestPropertiesCurrentClient(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	uid := uint32(os.Geteuid())
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		for _, tc := range []struct {
			login teec.LoginMethod
			want  abi.UUID
		}{
			{teec.LoginPublic, abi.UUID{}},
			{teec.LoginUser, abi.NewUUIDv5(abi.ClientNamespace, fmt.Sprintf("uid=%x", uid))},
			{teec.LoginUserApplication, abi.NewUUIDv5(abi.ClientNamespace, fmt.Sprintf("uid=%x:app=%s", uid, exe))},
		} {
			t.Run(tc.login.String(), func(t *testing.T) {
				s, err := c.OpenSession(context.Background(), uuids[testta.VariantMulti], tc.login, nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				id := abi.Identity{Login: uint32(tc.login), UUID: tc.want}.TEEBytes()
				want := []prop{
					{"gpd.client.identity", abi.PropIdentity, id[:]},
					{"gpd.client.endian", abi.PropU32, u32v(0)},
				}
				l := enumerate(t, s, abi.PropsetCurrentClient)
				if fmt.Sprint(l) != fmt.Sprint(want) {
					t.Errorf("client properties %v, want %v", l, want)
				}
				checkByName(t, s, abi.PropsetCurrentClient, l)
				r := getAll(t, s, abi.PropsetCurrentClient, "gpd.client.identity")
				if s := string(r[0].val); r[0].res != teec.Success || s != fmt.Sprintf("%d:%v", uint32(tc.login), tc.want) {
					t.Errorf("identity as string: %v %q", r[0].res, r[0].val)
				}
			})
		}
	})
}

func TestPropertiesErrors(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		s := open(t, c, uuids[testta.VariantMulti])
		t.Run("item not found", func(t *testing.T) {
			for _, set := range []uint32{abi.PropsetCurrentTA, abi.PropsetCurrentClient, abi.PropsetTEEImplementation} {
				for _, name := range []string{"gpd.ta.nothing", "", "gpd.tee.apiversion.", "gpd.client"} {
					for i, r := range getAll(t, s, set, name) {
						if r.res != teec.ErrItemNotFound {
							t.Errorf("set %#x %q getter %d: %v", set, name, i, r.res)
						}
					}
				}
			}
		})
		t.Run("short buffer", func(t *testing.T) {
			for _, tc := range []struct {
				set          uint32
				name         string
				capacity     uint32
				wantS, wantB teec.Result
				needS, needB uint32
			}{
				{abi.PropsetTEEImplementation, "gpd.tee.apiversion", 0, teec.ErrShortBuffer, teec.ErrBadFormat, 6, 0},
				{abi.PropsetTEEImplementation, "gpd.tee.apiversion", 5, teec.ErrShortBuffer, teec.ErrBadFormat, 6, 5},
				{abi.PropsetTEEImplementation, "gpd.tee.apiversion", 6, teec.Success, teec.ErrBadFormat, 6, 6},
				{abi.PropsetTEEImplementation, "gpd.tee.deviceID", 36, teec.ErrShortBuffer, teec.ErrBadFormat, 37, 36},
				{abi.PropsetTEEImplementation, "gpd.tee.internalCore.version", 8, teec.ErrShortBuffer, teec.ErrBadFormat, 9, 8},
				{abi.PropsetCurrentTA, "gpd.ta.nothing", 8, teec.ErrItemNotFound, teec.ErrItemNotFound, 8, 8},
			} {
				sv, bv := valOut(), valOut()
				if err := invoke(t, s, testta.CmdPropsShort, valIn(tc.set, tc.capacity), memIn([]byte(tc.name)), sv, bv); err != nil {
					t.Fatal(err)
				}
				if teec.Result(sv.A) != tc.wantS || teec.Result(bv.A) != tc.wantB {
					t.Errorf("%s cap %d: string %v, block %v; want %v, %v", tc.name, tc.capacity, teec.Result(sv.A), teec.Result(bv.A), tc.wantS, tc.wantB)
				}
				if tc.wantS != teec.ErrItemNotFound && sv.B != tc.needS {
					t.Errorf("%s cap %d: string size %d, want %d", tc.name, tc.capacity, sv.B, tc.needS)
				}
			}
		})
		t.Run("enumerator edges", func(t *testing.T) {
			for _, set := range []uint32{abi.PropsetCurrentTA, abi.PropsetCurrentClient, abi.PropsetTEEImplementation} {
				l := enumerate(t, s, set)
				out := memOut(40)
				if err := invoke(t, s, testta.CmdPropsEnumEdge, valIn(set, 1), out); err != nil {
					t.Fatal(err)
				}
				var r [10]teec.Result
				for i := range r {
					r[i] = teec.Result(binary.LittleEndian.Uint32(out.Buffer[4*i:]))
				}
				nf := teec.ErrItemNotFound
				want := [10]teec.Result{nf, nf, teec.ErrShortBuffer, teec.Result(len(l[0].name) + 1), teec.Result(len(l) - 1), nf, nf, nf, nf, teec.Success}
				if r != want {
					t.Errorf("set %#x: %v, want %v", set, r, want)
				}
			}
		})
		t.Run("panics", func(t *testing.T) {
			for how := range testta.NumPropsPanics {
				s := open(t, c, uuids[testta.VariantMulti])
				err := invoke(t, s, testta.CmdPropsPanic, valIn(uint32(how), 0))
				wantResult(t, err, teec.ErrTargetDead, teec.OriginTEE)
			}
		})
	})
}

func TestInstanceData(t *testing.T) {
	t.Parallel()
	forEach(t, nil, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		get := func(s *teec.Session) (uint32, uint32, error) {
			v := valOut()
			err := invoke(t, s, testta.CmdInstanceGet, v)
			return v.A, v.B, err
		}
		// A single instance keeps its data across calls and sessions.
		s1 := open(t, c, uuids[testta.VariantShared])
		_, _, err := get(s1)
		wantResult(t, err, teec.ErrItemNotFound, teec.OriginTrustedApp)
		if err := invoke(t, s1, testta.CmdInstanceSet, valIn(7, 0xdeadbeef)); err != nil {
			t.Fatal(err)
		}
		s2 := open(t, c, uuids[testta.VariantShared])
		for _, s := range []*teec.Session{s1, s2, s1} {
			if a, b, err := get(s); err != nil || a != 7 || b != 0xdeadbeef {
				t.Fatalf("get = %d, %#x, %v", a, b, err)
			}
		}
		if err := invoke(t, s2, testta.CmdInstanceSet, valIn(8, 9)); err != nil {
			t.Fatal(err)
		}
		if a, b, err := get(s1); err != nil || a != 8 || b != 9 {
			t.Fatalf("after a second set: %d, %d, %v", a, b, err)
		}
		// Each session of a multi-instance TA has an instance of its own.
		m1 := open(t, c, uuids[testta.VariantMulti])
		if err := invoke(t, m1, testta.CmdInstanceSet, valIn(1, 2)); err != nil {
			t.Fatal(err)
		}
		m2 := open(t, c, uuids[testta.VariantMulti])
		_, _, err = get(m2)
		wantResult(t, err, teec.ErrItemNotFound, teec.OriginTrustedApp)
		if a, b, err := get(m1); err != nil || a != 1 || b != 2 {
			t.Fatalf("multi get = %d, %d, %v", a, b, err)
		}
	})
}
