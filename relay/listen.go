//go:build !js

package relay

import (
	"fmt"
	"net"
	"strings"

	"wxsocket/internal/rules"
)

// LoopbackAddr checks that addr (host:port) is on this machine only
// (rules.OnThisMachine: 127.0.0.0/8, [::1], localhost or *.localhost, the
// names becoming 127.0.0.1) and returns it in the form to listen on. A
// relay connects wherever a page with its secret asks, so it must never
// listen where another machine reaches it; the shim refuses a relay URL
// by the same rule.
func LoopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("%q: %v", addr, err)
	}
	h := strings.ToLower(host)
	if !rules.OnThisMachine(h) {
		return "", fmt.Errorf("%q: not a loopback address; the relay connects wherever a page with its secret asks, "+
			"so it listens on 127.0.0.1, [::1] or localhost only", addr)
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		h = "127.0.0.1"
	}
	return net.JoinHostPort(net.ParseIP(h).String(), port), nil
}

// ListenLoopback listens on addr after LoopbackAddr's check.
func ListenLoopback(addr string) (net.Listener, error) {
	a, err := LoopbackAddr(addr)
	if err != nil {
		return nil, err
	}
	return net.Listen("tcp", a)
}
