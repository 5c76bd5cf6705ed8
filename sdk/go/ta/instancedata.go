package ta

// instanceData is what SetInstanceData keeps. A Go TA module is one
// instance, so a package variable is per instance; it needs no lock since
// an instance runs one call at a time.
var instanceData any

// SetInstanceData is TEE_SetInstanceData (GPD_SPE_010 §4.11.2): it keeps v
// for the instance, for every later call of any of its sessions, until the
// next SetInstanceData. nil clears it.
func SetInstanceData(v any) { instanceData = v }

// GetInstanceData is TEE_GetInstanceData (GPD_SPE_010 §4.11.3): what the
// last SetInstanceData kept, or nil. Under a FakeCore it is process-wide,
// shared with in-process callees.
func GetInstanceData() any { return instanceData }
