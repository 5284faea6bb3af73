//go:build !js

package wstest

import (
	"context"
	"net"
)

// DialLoopback connects to addr's port on 127.0.0.1, whatever its host: the
// relay's DialContext in tests and benchmarks, so that every name goes to
// this machine (as Chromium's --host-resolver-rules "MAP * 127.0.0.1" does
// for the page) and none is ever looked up.
func DialLoopback(ctx context.Context, network, addr string) (net.Conn, error) {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	return d.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
}
