// Command gota is the Go test TA: the commands of internal/testta/proto.go,
// implemented with the Go TA SDK exactly as the C test TA implements them,
// so that every integration test runs against both languages.
//
// One source builds all four variants; the variant is chosen at link time:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath \
//		-ldflags "-X main.variant=2" -o gota2.wasm ./internal/testta/gota
package main

import (
	"strconv"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// variant is set with -ldflags "-X main.variant=N" (testta.Variant*).
var variant = "0"

func main() {}

func init() {
	v, err := strconv.Atoi(variant)
	if err != nil || v < 0 || v >= testta.NumVariants {
		panic("gota: bad variant " + strconv.Quote(variant))
	}
	flags := testta.Flags(v)
	ta.Register(ta.Properties{
		UUID:              ta.UUID(testta.GoUUIDs[v]),
		SingleInstance:    flags&abi.TAFlagSingleInstance != 0,
		MultiSession:      flags&abi.TAFlagMultiSession != 0,
		InstanceKeepAlive: flags&abi.TAFlagInstanceKeepAlive != 0,
		DataSize:          testta.GoDataSize,
		StackSize:         64 << 10,
		Version:           "1.0",
		Description:       "Veritee Go test TA, variant " + variant,
		Extra: []ta.Property{
			ta.U32Property("org.veritee.testta.variant", uint32(v)),
			ta.StringProperty("org.veritee.testta.language", "go"),
		},
	}, &testTA{})
}
