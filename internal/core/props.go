package core

import "github.com/veritee/veritee/internal/abi"

// Implementation identity reported in TEE_PROPSET_TEE_IMPLEMENTATION. The
// complete property set comes with the properties issue; these are the
// values that are already true.
const (
	implDescription = "Veritee: a GlobalPlatform TEE in Go, TAs in WebAssembly"
	// internalCoreVersion is GP's encoding of Internal Core API v1.3.1:
	// major<<24 | minor<<16 | maintenance<<8.
	internalCoreVersion = 1<<24 | 3<<16 | 1<<8
)

func teeProperties() []abi.Property {
	return []abi.Property{
		{Name: "gpd.tee.apiversion", Type: abi.PropString, Value: []byte("1.3.1")},
		{Name: "gpd.tee.internalCore.version", Type: abi.PropU32, Value: abi.U32Value(internalCoreVersion)},
		{Name: "gpd.tee.description", Type: abi.PropString, Value: []byte(implDescription)},
	}
}
