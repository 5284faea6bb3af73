package wxrun

import (
	"fmt"
	"net"
	"strings"

	"wxsocket/relay"
)

// Where wxrun listens (Options.Listen, -listen): the pages, the host pages,
// each page's proxy and the relay's plain listener are all on one address,
// and the URLs the browser gets name it, so a browser on another host
// (-browser) loads the pages from an address of this machine it reaches.
// The default, 127.0.0.1, keeps everything on this machine.
//
// The address is an IP, not a name (the browser resolves no names: its
// contexts' proxies do) and not 0.0.0.0 or [::] (those are no address a
// browser can be sent to). The relay keeps its rule (relay.LoopbackAddr):
// it connects wherever a page with its secret asks, and the shim takes a
// relay URL on the browser's machine only, so with an address that is not
// loopback a file with Relay fails with relay's reason; every other part
// still runs there.

// ListenAddr checks a -listen address and returns it as wxrun listens on
// it: "" is 127.0.0.1.
func ListenAddr(s string) (string, error) {
	if s == "" {
		return "127.0.0.1", nil
	}
	ip := net.ParseIP(strings.Trim(s, "[]"))
	switch {
	case ip == nil:
		return "", fmt.Errorf("-listen %q: not an IP address (no port, no name); want e.g. -listen 127.0.0.1 or this machine's address on the browser's network", s)
	case ip.IsUnspecified():
		return "", fmt.Errorf("-listen %q: the browser cannot be sent to %s; give the one address of this machine it reaches", s, ip)
	case ip.IsMulticast():
		return "", fmt.Errorf("-listen %q: a multicast address; give an address of this machine", s)
	}
	return ip.String(), nil
}

// RelayAt says why a file with Relay cannot run with Listen at (ListenAddr's
// result), or nil when it can: the relay's own rule, relay.LoopbackAddr.
func RelayAt(at string) error {
	if _, err := relay.LoopbackAddr(net.JoinHostPort(at, "0")); err != nil {
		return fmt.Errorf("the relay listens on loopback only (it connects wherever a page with its secret asks), so a browser on another host has none")
	}
	return nil
}
