package abi

// GP TEE Internal Core API v1.3.1 (GPD_SPE_010) secure storage constants.

// §5.2 storage identifiers (Table 5-2).
const (
	StoragePrivate     uint32 = 0x00000001 // TEE_STORAGE_PRIVATE
	StoragePrivateREE  uint32 = 0x80000000 // TEE_STORAGE_PRIVATE_REE (OP-TEE)
	StoragePrivateRPMB uint32 = 0x80000100 // TEE_STORAGE_PRIVATE_RPMB (OP-TEE)
)

// §5.7.1 data flags of persistent objects (Table 5-9).
const (
	DataFlagAccessRead      uint32 = 0x00000001
	DataFlagAccessWrite     uint32 = 0x00000002
	DataFlagAccessWriteMeta uint32 = 0x00000004
	DataFlagShareRead       uint32 = 0x00000010
	DataFlagShareWrite      uint32 = 0x00000020
	DataFlagOverwrite       uint32 = 0x00000400
)

// §5.4 seek origins (TEE_Whence).
const (
	DataSeekSet uint32 = 0x00000000
	DataSeekCur uint32 = 0x00000001
	DataSeekEnd uint32 = 0x00000002
)

// Limits of persistent objects.
const (
	ObjectIDMaxLen  = 64         // TEE_OBJECT_ID_MAX_LEN
	DataMaxPosition = 0xFFFFFFFF // TEE_DATA_MAX_POSITION
)

var storageNames = map[string]uint32{
	"TEE_STORAGE_PRIVATE":             StoragePrivate,
	"TEE_STORAGE_PRIVATE_REE":         StoragePrivateREE,
	"TEE_STORAGE_PRIVATE_RPMB":        StoragePrivateRPMB,
	"TEE_DATA_FLAG_ACCESS_READ":       DataFlagAccessRead,
	"TEE_DATA_FLAG_ACCESS_WRITE":      DataFlagAccessWrite,
	"TEE_DATA_FLAG_ACCESS_WRITE_META": DataFlagAccessWriteMeta,
	"TEE_DATA_FLAG_SHARE_READ":        DataFlagShareRead,
	"TEE_DATA_FLAG_SHARE_WRITE":       DataFlagShareWrite,
	"TEE_DATA_FLAG_OVERWRITE":         DataFlagOverwrite,
	"TEE_DATA_SEEK_SET":               DataSeekSet,
	"TEE_DATA_SEEK_CUR":               DataSeekCur,
	"TEE_DATA_SEEK_END":               DataSeekEnd,
	"TEE_OBJECT_ID_MAX_LEN":           ObjectIDMaxLen,
	"TEE_DATA_MAX_POSITION":           DataMaxPosition,
}

// StorageConstants returns the secure storage constants by their GP
// names, for tests that check the C headers and the Go SDK against them.
func StorageConstants() map[string]uint32 {
	m := make(map[string]uint32, len(storageNames))
	for k, v := range storageNames {
		m[k] = v
	}
	return m
}
