package testta

// Commands of the properties and instance-data family (GPD_SPE_010 §4.4,
// §4.11.2–3), 200..249; C in c/props.c, Go in gota/props.go. A property set
// is named by its pseudo-handle value (abi.Propset*).
const (
	// CmdPropsEnum enumerates a property set with the GP enumerator
	// (Allocate, Start, GetPropertyName, GetNext..., Free) and reads each
	// property's value through the enumerator handle, finding its type by
	// trying the typed getters in the order Bool, U32, U64, UUID, Identity,
	// BinaryBlock and otherwise String.
	//   [in]  value[0].a: the set
	//   [out] memref[1]: the properties, each as u32 name length, name
	//         (no NUL), u32 type (abi.PropType), u32 value length, value (a
	//         string without its NUL). SHORT_BUFFER sets the size needed.
	//   [out] value[2].a: the number of properties
	CmdPropsEnum = 200

	// CmdPropsGet reads one property by name with each getter in the order
	// String, Bool, U32, U64, BinaryBlock, UUID, Identity, each given a
	// buffer large enough (string and binary block: 1024 bytes).
	//   [in]  value[0].a: the set
	//   [in]  memref[1]: the name (no NUL)
	//   [out] memref[2]: 7 records: u32 result, u32 value length, value
	//         (empty unless result is SUCCESS; a string without its NUL;
	//         bool as u32 0/1; integers little-endian; UUID and identity
	//         in the TEE_UUID/TEE_Identity layout)
	CmdPropsGet = 201

	// CmdPropsShort reads a property as a string and as a binary block
	// into a buffer of a given size.
	//   [in]  value[0].a: the set; value[0].b: the buffer size
	//   [in]  memref[1]: the name (no NUL)
	//   [out] value[2]: a = result of TEE_GetPropertyAsString, b = the
	//         size it reported (with the NUL)
	//   [out] value[3]: the same for TEE_GetPropertyAsBinaryBlock
	CmdPropsShort = 202

	// CmdPropsEnumEdge walks an enumerator over a set through its edge
	// cases; with name buffer size value[0].b for the first name.
	//   [in]  value[0].a: the set; value[0].b: the name buffer size
	//   [out] memref[1]: 10 u32: GetPropertyName before Start, GetNext
	//         before Start, GetPropertyName of the first property, the
	//         name size it reported, the number of successful GetNext to
	//         the end, GetNext past the end, GetPropertyName past the end,
	//         GetPropertyAsString past the end, GetPropertyName after
	//         Reset, GetPropertyName after a new Start
	CmdPropsEnumEdge = 203

	// CmdPropsPanic misuses the property API in way value[0].a
	// (PropsPanic*); each must panic the TA (TARGET_DEAD).
	CmdPropsPanic = 204

	// CmdInstanceSet keeps value[0] (a, b) as the instance data
	// (TEE_SetInstanceData), replacing any before.
	CmdInstanceSet = 210
	// CmdInstanceGet: [out] value[0] = what CmdInstanceSet kept;
	// ITEM_NOT_FOUND when TEE_GetInstanceData is NULL.
	CmdInstanceGet = 211
)

// Misuses of CmdPropsPanic.
const (
	PropsPanicBogusHandle  = 0 // TEE_GetPropertyAsU32 on a handle never allocated
	PropsPanicStartBadSet  = 1 // TEE_StartPropertyEnumerator with a set that is no pseudo-handle
	PropsPanicUseAfterFree = 2 // TEE_GetNextProperty on a freed enumerator
	PropsPanicNullName     = 3 // TEE_GetPropertyAsU32 on a pseudo-handle with name NULL (C) / ""-less misuse (Go: a nil enumerator)
	NumPropsPanics         = 4
)

// NumPropGetters is the number of records CmdPropsGet returns.
const NumPropGetters = 7
