//go:build !js

package relay

import (
	"net"
	"sync"
	"time"
)

// corkConn gathers the writes of one frame into one write to the network,
// as TCP_CORK would, without the syscalls to set and clear it.
//
// coder/websocket writes a client's frame (masked) through a 4 KiB bufio
// writer, flushing it every 4 KiB, and crypto/tls makes each write at least
// one record and one write(2): a 64 KiB message to the upstream was 16
// writes, each running the receiver's TCP path and waking the server, and
// most of the relay's extra cost on a 64 KiB round trip (BENCHMARKS.md).
// The upstream's corkConn is under TLS (the records go out together); the
// page's is over the connection net/http hands over: under nothing on a
// plain listener, over TLS on a wss one (its 1 KiB buffer's flush and the
// rest of the frame in one tls.Conn.Write).
//
// Only the pipe corks, around each frame of 1 KiB or more it forwards
// (side.corked); anything else written meanwhile (a pong, a close frame)
// goes out with it. The buffer is pooled and held only while corked.
type corkConn struct {
	net.Conn
	mu     sync.Mutex
	corked bool
	buf    *[]byte
}

// corkMin is the smallest frame worth corking: below it coder/websocket
// writes a frame in one write, or two when its header tips it over its
// buffer (1 KiB on the page's side, 4 KiB on the upstream's), and the
// message-sized buffer would be held for nothing.
const corkMin = 1 << 10

// corkSize is the most a corked write gathers before it writes: a chunk
// (the pipe's largest frame) and its records' and frame's overhead.
const corkSize = chunk + 8<<10

var corkBuffers = sync.Pool{New: func() any { b := make([]byte, 0, corkSize); return &b }}

func (c *corkConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.corked {
		return c.Conn.Write(p)
	}
	b := *c.buf
	if len(b)+len(p) > cap(b) {
		if err := c.flushLocked(); err != nil {
			return 0, err
		}
		if len(p) >= cap(b) {
			return c.Conn.Write(p)
		}
		b = *c.buf
	}
	*c.buf = append(b, p...)
	return len(p), nil
}

// Close writes what is gathered, then closes. coder/websocket answers a
// close frame and closes its connection from the reading goroutine, which
// can happen while the other goroutine has this side corked: the answer
// would sit in the buffer and the peer would see the connection end with no
// close frame (1006). A write in progress (the lock held) is not waited for,
// and the flush gets a second at most. side.cut closes the Conn beneath.
func (c *corkConn) Close() error {
	if c.mu.TryLock() {
		if c.corked {
			c.Conn.SetWriteDeadline(time.Now().Add(time.Second))
			c.flushLocked()
		}
		c.mu.Unlock()
	}
	return c.Conn.Close()
}

// cork starts gathering writes. A nil corkConn does nothing.
func (c *corkConn) cork() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.corked {
		c.corked = true
		c.buf = corkBuffers.Get().(*[]byte)
	}
}

// uncork writes what was gathered and stops gathering.
func (c *corkConn) uncork() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.corked {
		return nil
	}
	err := c.flushLocked()
	c.corked = false
	*c.buf = (*c.buf)[:0]
	corkBuffers.Put(c.buf)
	c.buf = nil
	return err
}

func (c *corkConn) flushLocked() error {
	b := *c.buf
	*c.buf = b[:0]
	if len(b) == 0 {
		return nil
	}
	_, err := c.Conn.Write(b)
	return err
}
