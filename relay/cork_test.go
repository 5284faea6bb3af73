package relay_test

import (
	"bytes"
	"context"
	"net"
	"sync/atomic"
	"testing"

	"github.com/coder/websocket"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// countingConn counts the writes made to the network.
type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// TestMessageInOneWrite: the relay sends a 64 KiB message upstream in one
// write to the network, TLS records and all. coder/websocket flushes a
// client's (masked) frame every 4 KiB, and crypto/tls writes each flush as a
// record of its own: 16 writes, and as many wake-ups of the server, for
// what the corked relay writes at once. A longer message is streamed in
// frames of 128 KiB, one write each, and the frame that ends it.
func TestMessageInOneWrite(t *testing.T) {
	var writes atomic.Int64
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) {
		o.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := wstest.DialLoopback(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countingConn{c, &writes}, nil
		}
	})
	c, _ := r.open(first("/echo"))
	for _, size := range []int{64 << 10, 128<<10 - 64, 1 << 20} {
		msg := bytes.Repeat([]byte{7}, size)
		before := writes.Load()
		if err := c.Write(ctxT(t), websocket.MessageBinary, msg); err != nil {
			t.Fatal(err)
		}
		_, got, err := c.Read(ctxT(t))
		if err != nil || !bytes.Equal(got, msg) {
			t.Fatalf("%d bytes: echo of %d bytes, %v", size, len(got), err)
		}
		want := int64(1)
		if size > 128<<10 {
			want = int64(size/(128<<10)) + 1
		}
		if n := writes.Load() - before; n > want {
			t.Errorf("a %d-byte message went upstream in %d writes, want %d", size, n, want)
		}
	}
}
