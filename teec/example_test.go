package teec_test

import (
	"context"
	"fmt"
	"log"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/teec"
)

// helloTEE is an in-process TEE hosting one TA, OP-TEE's hello_world:
// command 0 increments value[0].a.
type helloTEE struct{}

var helloUUID = teec.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51b")

const cmdIncValue = 0

func (helloTEE) OpenSession(_ context.Context, req *teeconn.OpenRequest) (uint32, abi.Ret) {
	if req.UUID != helloUUID {
		return 0, abi.TEE(abi.ErrItemNotFound)
	}
	return 1, abi.Ret{}
}

func (helloTEE) Invoke(_ context.Context, req *teeconn.InvokeRequest) abi.Ret {
	if req.Cmd != cmdIncValue || req.Params.Types() != abi.ParamTypes(uint32(abi.ParamValueInout), 0, 0, 0) {
		return abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginTrustedApp}
	}
	req.Params[0].A++
	return abi.Ret{}
}

func (helloTEE) CloseSession(context.Context, uint32) abi.Ret { return abi.Ret{} }
func (helloTEE) Close() error                                 { return nil }

// Example is OP-TEE's hello_world client in Go, against an in-process TEE.
func Example() {
	unregister, err := teeconn.Register("example", func() (teeconn.Conn, error) { return helloTEE{}, nil })
	if err != nil {
		log.Fatal(err)
	}
	defer unregister()

	// TEEC_InitializeContext; "" would be the daemon's default socket.
	tee, err := teec.InitializeContext("example")
	if err != nil {
		log.Fatal(err)
	}
	defer tee.Finalize()

	ctx := context.Background()
	sess, err := tee.OpenSession(ctx, helloUUID, teec.LoginPublic, nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer sess.Close()

	op := &teec.Operation{}
	op.Params[0] = &teec.Value{Type: teec.ValueInout, A: 42}
	fmt.Println("Invoking TA to increment", op.Params[0].(*teec.Value).A)
	if err := sess.InvokeCommand(ctx, cmdIncValue, op); err != nil {
		r, origin := teec.ResultOf(err)
		log.Fatalf("TEEC_InvokeCommand failed with code 0x%x origin 0x%x", uint32(r), uint32(origin))
	}
	fmt.Println("TA incremented value to", op.Params[0].(*teec.Value).A)

	// A command the TA does not know: the error carries code and origin.
	err = sess.InvokeCommand(ctx, 99, nil)
	fmt.Println(err)
	// Output:
	// Invoking TA to increment 42
	// TA incremented value to 43
	// teec: InvokeCommand: TEEC_ERROR_BAD_PARAMETERS (origin TEEC_ORIGIN_TRUSTED_APP)
}

// ExampleOperation_RequestCancellation cancels a long command from another
// goroutine.
func ExampleOperation_RequestCancellation() {
	unregister, err := teeconn.Register("example-cancel", func() (teeconn.Conn, error) { return waitTEE{}, nil })
	if err != nil {
		log.Fatal(err)
	}
	defer unregister()
	tee, err := teec.InitializeContext("example-cancel")
	if err != nil {
		log.Fatal(err)
	}
	defer tee.Finalize()
	sess, err := tee.OpenSession(context.Background(), helloUUID, teec.LoginUser, nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer sess.Close()

	op := &teec.Operation{}
	go op.RequestCancellation() // before or while the command runs
	err = sess.InvokeCommand(context.Background(), 1, op)
	r, origin := teec.ResultOf(err)
	fmt.Println(r, origin)
	// Output: TEEC_ERROR_CANCEL TEEC_ORIGIN_TRUSTED_APP
}

// waitTEE hosts a TA whose commands wait, as TEE_Wait does, until cancelled.
type waitTEE struct{ helloTEE }

func (waitTEE) Invoke(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret {
	select {
	case <-req.Cancel.Done():
	case <-ctx.Done():
	}
	return abi.Ret{Code: abi.ErrCancel, Origin: abi.OriginTrustedApp}
}
