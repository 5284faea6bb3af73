//go:build !js

package relay

import (
	"context"
	"errors"
	"io"
	"sync"

	"github.com/coder/websocket"
)

// chunk is the copy buffer's size: a message up to this size crosses as one
// frame; a longer one is streamed in frames of this size, so that 16 MiB
// costs the relay 128 KiB, and a side that stops reading stops the other.
// Measured (make bench, 64 KiB round trips, relay over direct): 1.65 with
// 32 KiB, where a 64 KiB message crossed as two frames; 1.43 with 128 KiB.
const chunk = 128 << 10

// buffers are the copy buffers, held only while a message crosses: an idle
// connection holds none.
var buffers = sync.Pool{New: func() any { b := make([]byte, chunk); return &b }}

// next is one result of Conn.Reader: a message to copy, or how the side
// ended.
type next struct {
	typ websocket.MessageType
	r   io.Reader
	err error
}

func readNext(c *websocket.Conn) next {
	typ, r, err := c.Reader(context.Background())
	return next{typ, r, err}
}

// pageReader is the goroutine that reads the page. While the dial runs it
// waits on the page's first event, and cancels the dial if that is the
// page going away; then, given the upstream, it copies page to upstream.
type pageReader struct {
	first next
	read  chan struct{} // closed once first is set
	up    chan *side    // the upstream, or nil when there is none
	done  chan struct{} // closed when the goroutine ends
}

func startPageReader(page *side, cancelDial func(), e *ends) *pageReader {
	pr := &pageReader{read: make(chan struct{}), up: make(chan *side, 1), done: make(chan struct{})}
	go func() {
		defer close(pr.done)
		pr.first = readNext(page.c)
		close(pr.read)
		if pr.first.err != nil {
			cancelDial()
		}
		if up := <-pr.up; up != nil {
			e.copy(page, up, pr.first)
		}
	}()
	return pr
}

// ends makes the first side to end decide how the other ends.
type ends struct{ once sync.Once }

// copy forwards src's messages to dst, starting with n, until src ends or
// dst cannot take more.
func (e *ends) copy(src, dst *side, n next) {
	for ; n.err == nil; n = readNext(src.c) {
		rerr, werr := forward(dst, n)
		if werr != nil {
			// dst is gone; its own reader reports how (a close frame it
			// sent, or a lost connection) once it sees the cut.
			dst.cut()
			return
		}
		if rerr != nil {
			n.err = rerr
			break
		}
	}
	e.end(src, dst, n.err)
}

// end passes on how from ended: a close frame (which coder/websocket has
// already answered) becomes the same close frame to the other side; anything
// else (a lost connection, a protocol error) becomes a lost connection.
func (e *ends) end(from, to *side, err error) {
	e.once.Do(func() {
		var ce websocket.CloseError
		if errors.As(err, &ce) {
			to.close(ce.Code, ce.Reason)
			from.c.CloseNow()
			return
		}
		from.drop()
		to.drop()
	})
}

// forward copies one message to dst: in one frame when it fits the buffer,
// else streamed in frames of the buffer's size (the last one shorter). A
// read error is src's, a write error dst's.
func forward(dst *side, n next) (rerr, werr error) {
	bp := buffers.Get().(*[]byte)
	defer buffers.Put(bp)
	buf := *bp
	ctx := context.Background()
	k, err := io.ReadFull(n.r, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return nil, dst.corked(k, func() error { return dst.c.Write(ctx, n.typ, buf[:k]) })
	case err != nil:
		return err, nil
	}
	w, err := dst.c.Writer(ctx, n.typ)
	if err != nil {
		return nil, err
	}
	for {
		if k > 0 {
			if err := dst.corked(k, func() error { _, err := w.Write(buf[:k]); return err }); err != nil {
				return nil, err
			}
		}
		// Whole chunks, not whatever one read returns (a TLS record, what
		// has arrived so far): a message crosses in the same frames however
		// the network cut it, one corked write each.
		k, err = io.ReadFull(n.r, buf)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, dst.corked(k, func() error {
				if k > 0 {
					if _, err := w.Write(buf[:k]); err != nil {
						return err
					}
				}
				return w.Close()
			})
		}
		if err != nil {
			return err, nil
		}
	}
}

// corked runs write, of n bytes, with dst's writes gathered into one
// (corkConn). A frame under corkMin takes one or two writes anyway.
func (s *side) corked(n int, write func() error) error {
	if n < corkMin {
		return write()
	}
	s.cork.cork()
	err := write()
	if uerr := s.cork.uncork(); err == nil {
		err = uerr
	}
	return err
}
