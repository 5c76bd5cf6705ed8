package taimage

import (
	"context"
	"errors"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
)

// packMemoryLimitPages caps the memory of the throwaway instance Pack runs
// (256 MiB): enough for any TA's initializer, bounded against a bad one.
const packMemoryLimitPages = 4096

// requiredExports are the exports every TA module must have (docs/ta-abi.md).
var requiredExports = []string{
	abi.ExportCreate, abi.ExportDestroy, abi.ExportOpenSession,
	abi.ExportCloseSession, abi.ExportInvoke, abi.ExportAlloc, abi.ExportFree,
}

// errStub is what a system call returns when Pack's instance calls it.
var errStub = errors.New("taimage: the TA made a system call while being packed")

// Pack turns a TA's wasm module into a TA image. It instantiates the module
// in a throwaway wazero runtime whose veritee system calls all trap and
// whose WASI has no file system, environment or arguments, runs
// _initialize when exported, calls veritee_ta_props and decodes the
// property blob it points to. It refuses a module without gpd.ta.appID, one
// built for another ABI major version, and one missing the memory export,
// a TA_* entry point, veritee_alloc or veritee_free. The image's TA version
// is TAVersion of the properties.
func Pack(ctx context.Context, wasm []byte) (image []byte, uuid abi.UUID, err error) {
	if len(wasm) > MaxImageSize {
		return nil, abi.UUID{}, fmt.Errorf("taimage: module of %d bytes exceeds %d", len(wasm), MaxImageSize)
	}
	if _, _, _, err := MemoryPages(wasm); err != nil {
		return nil, abi.UUID{}, err
	}
	props, err := readProps(ctx, wasm)
	if err != nil {
		return nil, abi.UUID{}, err
	}
	if err := checkProps(props); err != nil {
		return nil, abi.UUID{}, err
	}
	uuid, _ = props.AppID()
	img := &Image{
		Type:       ImageTypeWasm,
		UUID:       uuid,
		TAVersion:  TAVersion(props),
		ABIVersion: props.ABIVersion,
		Props:      props,
		Wasm:       wasm,
	}
	image, err = Marshal(img)
	if err != nil {
		return nil, abi.UUID{}, err
	}
	return image, uuid, nil
}

// readProps runs the module far enough to read its property blob.
func readProps(ctx context.Context, wasm []byte) (*abi.Props, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cfg := wazero.NewRuntimeConfig().
		WithMemoryLimitPages(packMemoryLimitPages).
		WithCloseOnContextDone(true)
	r := wazero.NewRuntimeWithConfig(ctx, cfg)
	defer r.Close(context.Background())

	if _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {
		return nil, fmt.Errorf("taimage: WASI: %w", err)
	}
	b := r.NewHostModuleBuilder(abi.HostModule)
	for _, sc := range abi.Syscalls {
		var results []api.ValueType
		if !sc.NoReturn {
			results = []api.ValueType{api.ValueTypeI32}
		}
		b.NewFunctionBuilder().
			WithGoModuleFunction(api.GoModuleFunc(func(context.Context, api.Module, []uint64) {
				panic(errStub)
			}), hostapi.ValueTypes(sc.Params), results).
			Export(sc.Name)
	}
	if _, err := b.Instantiate(ctx); err != nil {
		return nil, fmt.Errorf("taimage: host module: %w", err)
	}
	cm, err := r.CompileModule(ctx, wasm)
	if err != nil {
		return nil, fmt.Errorf("taimage: compile: %w", err)
	}
	exports := cm.ExportedFunctions()
	for _, name := range requiredExports {
		if _, ok := exports[name]; !ok {
			return nil, fmt.Errorf("taimage: the module does not export %s", name)
		}
	}
	if _, ok := cm.ExportedMemories()["memory"]; !ok {
		return nil, errors.New("taimage: the module does not export its memory as \"memory\"")
	}
	if fd, ok := exports[abi.ExportProps]; !ok || len(fd.ParamTypes()) != 0 ||
		len(fd.ResultTypes()) != 1 || fd.ResultTypes()[0] != api.ValueTypeI32 {
		return nil, fmt.Errorf("taimage: the module does not export %s as () -> i32", abi.ExportProps)
	}
	mod, err := r.InstantiateModule(ctx, cm, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		return nil, fmt.Errorf("taimage: instantiate: %w", err)
	}
	if init := mod.ExportedFunction(abi.ExportInitialize); init != nil {
		if _, err := init.Call(ctx); err != nil {
			return nil, fmt.Errorf("taimage: %s: %w", abi.ExportInitialize, err)
		}
	}
	res, err := mod.ExportedFunction(abi.ExportProps).Call(ctx)
	if err != nil {
		return nil, fmt.Errorf("taimage: %s: %w", abi.ExportProps, err)
	}
	mem := mod.Memory()
	ptr := uint32(res[0])
	n, ok := mem.ReadUint32Le(ptr)
	if !ok {
		return nil, fmt.Errorf("taimage: %s returned 0x%x, outside memory", abi.ExportProps, ptr)
	}
	if n > abi.MaxPropsBlobSize {
		return nil, fmt.Errorf("taimage: property blob of %d bytes exceeds %d", n, abi.MaxPropsBlobSize)
	}
	if ptr > ^uint32(0)-4 {
		return nil, fmt.Errorf("taimage: %s returned 0x%x, outside memory", abi.ExportProps, ptr)
	}
	blob, ok := mem.Read(ptr+4, n)
	if !ok {
		return nil, fmt.Errorf("taimage: property blob at 0x%x (%d bytes) lies outside memory", ptr, n)
	}
	p, err := abi.UnmarshalProps(blob)
	if err != nil {
		return nil, fmt.Errorf("taimage: %w", err)
	}
	return p, nil
}
