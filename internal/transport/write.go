package transport

import (
	"net"

	"github.com/veritee/veritee/internal/wire"
)

// writeFrame sends a frame whose fixed part head was made by wire.AppendHead
// and whose inline payloads are in ps, in one system call where the kernel
// takes it whole: write for small frames (payloads appended to head),
// writev for large ones (no copy of the payload), sendmsg when oob carries
// file descriptors. It returns head's buffer, possibly grown, for reuse.
// The caller holds the connection's write lock.
func writeFrame(c *net.UnixConn, head []byte, ps *wire.Params, oob []byte) ([]byte, error) {
	if oob != nil {
		n, _, err := c.WriteMsgUnix(head, oob, nil)
		if err == nil && n < len(head) {
			_, err = c.Write(head[n:])
		}
		return head, err
	}
	payload := 0
	for i := range ps {
		payload += len(ps[i].Data)
	}
	if payload < writevThreshold {
		for i := range ps {
			head = append(head, ps[i].Data...)
		}
		_, err := c.Write(head)
		return head, err
	}
	bufs := make(net.Buffers, 1, 1+len(ps))
	bufs[0] = head
	for i := range ps {
		if len(ps[i].Data) > 0 {
			bufs = append(bufs, ps[i].Data)
		}
	}
	_, err := bufs.WriteTo(c)
	return head, err
}
