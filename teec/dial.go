package teec

import (
	"context"
	"errors"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/transport"
)

// This file is the only one that names the socket transport; everything
// else works on teeconn.Conn and teeconn.SharedMemoryAllocator.

// defaultSocketPath is the daemon socket used for the TEE name "".
func defaultSocketPath() string { return transport.DefaultSocketPath() }

// dial connects to the daemon socket at path. The transport's connection
// implements teeconn.SharedMemoryAllocator as well.
func dial(ctx context.Context, path string) (teeconn.Conn, error) {
	c, err := transport.Dial(ctx, path)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// transportRet returns the GP result and origin a transport error stands
// for.
func transportRet(err error) (abi.Ret, bool) {
	var te *transport.Error
	if errors.As(err, &te) && !te.Ret.OK() {
		return te.Ret, true
	}
	return abi.Ret{}, false
}
