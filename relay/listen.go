//go:build !js

package relay

import (
	"fmt"
	"net"
	"strings"
)

// LoopbackAddr checks that addr (host:port) is on this machine only
// (127.0.0.0/8, [::1] or localhost, which becomes 127.0.0.1) and returns it
// in the form to listen on. A relay connects wherever a page with its
// secret asks, so it must never listen where another machine reaches it.
func LoopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("%q: %v", addr, err)
	}
	if strings.EqualFold(host, "localhost") {
		host = "127.0.0.1"
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("%q: not a loopback address; the relay connects wherever a page with its secret asks, "+
			"so it listens on 127.0.0.1, [::1] or localhost only", addr)
	}
	return net.JoinHostPort(ip.String(), port), nil
}

// ListenLoopback listens on addr after LoopbackAddr's check.
func ListenLoopback(addr string) (net.Listener, error) {
	a, err := LoopbackAddr(addr)
	if err != nil {
		return nil, err
	}
	return net.Listen("tcp", a)
}
