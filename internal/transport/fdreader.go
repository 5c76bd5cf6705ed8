package transport

import (
	"errors"
	"io"
	"net"

	"golang.org/x/sys/unix"
)

// maxQueuedFDs bounds the descriptors a client may pass ahead of the
// REGISTER_SHM frames that consume them.
const maxQueuedFDs = 16

var errTooManyFDs = errors.New("transport: client passed more file descriptors than it registers")

// fdReader reads the daemon's end of a connection with recvmsg, so that
// descriptors passed with SCM_RIGHTS are never lost: it queues them in
// arrival order for REGISTER_SHM. The kernel hands a descriptor over with
// the bytes of the frame it was sent with (a read stops after them), so by
// the time that frame is decoded its descriptor is queued. A plain read(2)
// would close the descriptors of the bytes it reads, and which read reaches
// a REGISTER_SHM frame's first byte is not known in advance, so every read
// is a recvmsg; it costs no more than a read.
type fdReader struct {
	c   *net.UnixConn
	oob []byte
	fds []int
}

func newFDReader(c *net.UnixConn) *fdReader {
	return &fdReader{c: c, oob: make([]byte, unix.CmsgSpace(4*maxQueuedFDs))}
}

func (f *fdReader) recv(p []byte) (int, error) {
	n, oobn, flags, _, err := f.c.ReadMsgUnix(p, f.oob)
	n, oobn = max(n, 0), max(oobn, 0) // -1 on some errors
	if oobn > 0 {
		if perr := f.collect(f.oob[:oobn]); perr != nil {
			return 0, perr
		}
	}
	if flags&unix.MSG_CTRUNC != 0 {
		return 0, errTooManyFDs
	}
	if n == 0 && (err == nil || errors.Is(err, io.EOF)) {
		err = io.EOF // ReadMsgUnix reports the end as nil or a wrapped io.EOF
	}
	return n, err
}

func (f *fdReader) collect(oob []byte) error {
	msgs, err := unix.ParseSocketControlMessage(oob)
	if err != nil {
		return err
	}
	for i := range msgs {
		fds, err := unix.ParseUnixRights(&msgs[i])
		if err != nil {
			continue // not SCM_RIGHTS
		}
		f.fds = append(f.fds, fds...)
	}
	if len(f.fds) > maxQueuedFDs {
		return errTooManyFDs
	}
	return nil
}

// popFD returns the oldest queued descriptor, or -1.
func (f *fdReader) popFD() int {
	if len(f.fds) == 0 {
		return -1
	}
	fd := f.fds[0]
	f.fds = append(f.fds[:0], f.fds[1:]...)
	return fd
}

// closeFDs closes every queued descriptor.
func (f *fdReader) closeFDs() {
	for _, fd := range f.fds {
		closeFD(fd)
	}
	f.fds = nil
}
