package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taimage"
)

// TestScripts runs the CLI scripts in testdata/script against the veritee
// binary TestMain built. Each script runs in its own directory, with the
// development key and $XDG_CONFIG_HOME inside it, so nothing touches
// $HOME. Run with -testwork to keep the directories, or UPDATE_GOLDEN=1 to
// rewrite the golden files of cmp commands.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: os.Getenv("UPDATE_GOLDEN") != "",
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", filepath.Dir(bin)+string(os.PathListSeparator)+env.Getenv("PATH"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, "config"))
			env.Setenv("VERITEE_DEV_KEY", filepath.Join(env.WorkDir, "dev-key.pem"))
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, "data"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkimage": cmdMkimage,
		},
	})
}

// cmdMkimage writes a format-1 (unsigned) TA image: mkimage uuid version
// size out.ta. The payload is a wasm header followed by size filler bytes;
// it is a TA image, not a runnable TA.
func cmdMkimage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: mkimage uuid version size out.ta")
	}
	uuid, err := abi.ParseUUID(args[0])
	ts.Check(err)
	n, err := strconv.Atoi(args[2])
	ts.Check(err)
	// ABI major.0, so that golden output survives the core's minor
	// version bumps.
	abiVersion := abi.Version &^ 0xFFFF
	props := &abi.Props{ABIVersion: abiVersion, List: []abi.Property{
		{Name: abi.PropAppID, Type: abi.PropUUID, Value: abi.UUIDValue(uuid)},
		{Name: abi.PropVersion, Type: abi.PropString, Value: []byte(args[1])},
		{Name: abi.PropSingleInstance, Type: abi.PropBool, Value: abi.BoolValue(true)},
	}}
	wasm := append([]byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}, make([]byte, n)...)
	for i := 8; i < len(wasm); i++ {
		wasm[i] = sha256.Sum256([]byte{byte(i)})[0]
	}
	img, err := taimage.Marshal(&taimage.Image{Type: taimage.ImageTypeWasm, UUID: uuid,
		TAVersion: taimage.TAVersion(props), ABIVersion: abiVersion, Props: props, Wasm: wasm})
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[3]), img, 0o644))
}
