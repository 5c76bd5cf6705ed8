package core

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/veritee/veritee/internal/abi"
)

// Implementation identity reported in TEE_PROPSET_TEE_IMPLEMENTATION
// (GPD_SPE_010 §4.7, Table 4-13).
const (
	implDescription  = "Veritee: a GlobalPlatform TEE in Go, TAs in WebAssembly"
	implManufacturer = "Veritee project"
	// implVersion is the version of Veritee's core (trusted OS and
	// "firmware": the daemon is both); implBinaryVersion is the same as
	// major<<24 | minor<<16 | patch<<8, as a U32 as OP-TEE reports it.
	implVersion       = "0.1.0"
	implBinaryVersion = 0<<24 | 1<<16 | 0<<8
	// internalCoreVersion is GP's encoding of Internal Core API v1.3.1:
	// major<<24 | minor<<16 | maintenance<<8.
	internalCoreVersion = 1<<24 | 3<<16 | 1<<8
	// maxBigIntSize is gpd.tee.arith.maxBigIntSize: the largest TEE_BigInt,
	// in bits, that the TEE_BigInt* functions accept.
	maxBigIntSize = 4096
	// Protection levels (GPD_SPE_010 §4.7): 100 means the REE controls
	// the value; 1000 would need a TEE-controlled source.
	protectionREE = 100
)

// deviceIDFile holds the installation id in the state directory.
const deviceIDFile = "device-id"

// deviceIDNamespace is the UUIDv5 namespace of gpd.tee.deviceID.
var deviceIDNamespace = abi.MustParseUUID("6f7b5e3c-1d2a-5b8e-9c41-7e6a0d3f2b19")

// deviceID returns gpd.tee.deviceID: the name-based UUIDv5, in
// deviceIDNamespace, of a random 32-byte installation id kept (hex, mode
// 0600) in stateDir/device-id and made on first start. The installation id
// is no secret and protects nothing: it only names the installation, and
// nothing else derives from it, so the UUID reveals no key. Without a state
// directory the id lives only as long as the process.
func deviceID(stateDir string) (abi.UUID, error) {
	id, err := installationID(stateDir)
	if err != nil {
		return abi.UUID{}, err
	}
	return abi.NewUUIDv5(deviceIDNamespace, "veritee-installation:"+id), nil
}

func installationID(stateDir string) (string, error) {
	fresh := func() (string, error) {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		return hex.EncodeToString(b), nil
	}
	if stateDir == "" {
		return fresh()
	}
	path := filepath.Join(stateDir, deviceIDFile)
	b, err := os.ReadFile(path)
	if err == nil {
		s := strings.TrimSpace(string(b))
		if d, err := hex.DecodeString(s); err != nil || len(d) != 32 {
			return "", fmt.Errorf("core: %s: not a 64-digit hex installation id", path)
		}
		return s, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("core: installation id: %w", err)
	}
	s, err := fresh()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return "", fmt.Errorf("core: installation id: %w", err)
	}
	// O_EXCL: when two cores start on one state directory, one wins and
	// the other reads the winner's id.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return installationID(stateDir)
	}
	if err != nil {
		return "", fmt.Errorf("core: installation id: %w", err)
	}
	_, err = f.WriteString(s + "\n")
	if err2 := f.Sync(); err == nil {
		err = err2
	}
	if err2 := f.Close(); err == nil {
		err = err2
	}
	if err != nil {
		return "", fmt.Errorf("core: installation id: %w", err)
	}
	return s, nil
}

// teeProperties returns TEE_PROPSET_TEE_IMPLEMENTATION, in a fixed order.
// Every value is what Veritee gives today (docs/properties.md):
//   - the system time and the (future) TA persistent time come from the
//     host clock, which the REE controls: protection level 100;
//   - TAs have no cryptographic operations yet, so every
//     gpd.tee.cryptography.* is false;
//   - secure storage does not exist yet, so it protects against no
//     rollback: level 0 everywhere.
func teeProperties(stateDir string) ([]abi.Property, error) {
	dev, err := deviceID(stateDir)
	if err != nil {
		return nil, err
	}
	devb := dev.TEEUUIDBytes()
	str := func(n, v string) abi.Property { return abi.Property{Name: n, Type: abi.PropString, Value: []byte(v)} }
	u32 := func(n string, v uint32) abi.Property {
		return abi.Property{Name: n, Type: abi.PropU32, Value: abi.U32Value(v)}
	}
	boolean := func(n string, v bool) abi.Property {
		var x uint32
		if v {
			x = 1
		}
		return abi.Property{Name: n, Type: abi.PropBool, Value: abi.U32Value(x)}
	}
	return []abi.Property{
		str("gpd.tee.apiversion", "1.3.1"),
		u32("gpd.tee.internalCore.version", internalCoreVersion),
		str("gpd.tee.description", implDescription),
		{Name: "gpd.tee.deviceID", Type: abi.PropUUID, Value: devb[:]},
		u32("gpd.tee.systemTime.protectionLevel", protectionREE),
		u32("gpd.tee.TAPersistentTime.protectionLevel", protectionREE),
		u32("gpd.tee.arith.maxBigIntSize", maxBigIntSize),
		boolean("gpd.tee.cryptography.ecc", false),
		boolean("gpd.tee.cryptography.nist", false),
		boolean("gpd.tee.cryptography.bsi-r", false),
		boolean("gpd.tee.cryptography.bsi-t", false),
		boolean("gpd.tee.cryptography.ietf", false),
		boolean("gpd.tee.cryptography.octa", false),
		boolean("gpd.tee.cryptography.sec", false),
		u32("gpd.tee.trustedStorage.private.rollbackProtection", 0),
		u32("gpd.tee.trustedStorage.perso.rollbackProtection", 0),
		u32("gpd.tee.trustedStorage.protected.rollbackProtection", 0),
		u32("gpd.tee.trustedStorage.antiRollback.protectionLevel", 0),
		u32("gpd.tee.trustedStorage.rollbackDetection.protectionLevel", 0),
		str("gpd.tee.trustedos.implementation.version", implVersion),
		u32("gpd.tee.trustedos.implementation.binaryversion", implBinaryVersion),
		str("gpd.tee.trustedos.manufacturer", implManufacturer),
		str("gpd.tee.firmware.implementation.version", implVersion),
		u32("gpd.tee.firmware.implementation.binaryversion", implBinaryVersion),
		str("gpd.tee.firmware.manufacturer", implManufacturer),
	}, nil
}
