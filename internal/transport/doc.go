// Package transport carries the GP TEE Client API over a Unix socket: the
// daemon side (Listen, Server) turns frames of package wire into calls on a
// teeconn.Conn, and the client side (Dial, ClientConn) is a teeconn.Conn
// that turns calls into frames. The frame format is docs/protocol.md.
//
// The daemon learns who a client is only from the kernel (SO_PEERCRED,
// SO_PEERGROUPS and /proc/<pid>/exe on Linux), never from anything the
// client sends. Shared memory is a sealed memfd passed once with SCM_RIGHTS
// and mapped by both sides. Platform code lives in files with a GOOS suffix.
package transport
