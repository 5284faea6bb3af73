//go:build !js

package relay_test

import (
	"testing"

	"wxsocket/relay"
)

func TestLoopbackAddr(t *testing.T) {
	for _, addr := range []string{
		"0.0.0.0:9443", ":9443", "[::]:9443", "192.0.2.1:9443", "10.0.0.1:1", "[2001:db8::1]:1",
		"example.com:443", "localhost.example.com:1", "127.0.0.1", "",
		// Loopback to a browser, but not where a relay listens (rules.OnThisMachine).
		"[::ffff:127.0.0.1]:1", "localhost.:1", "127.0.0.1.:1", "[::ffff:7f00:1]:1",
	} {
		if _, err := relay.LoopbackAddr(addr); err == nil {
			t.Errorf("%q was accepted", addr)
		}
		if ln, err := relay.ListenLoopback(addr); err == nil {
			ln.Close()
			t.Errorf("%q: listened", addr)
		}
	}
	for addr, want := range map[string]string{
		"127.0.0.1:0": "127.0.0.1:0", "127.1.2.3:9": "127.1.2.3:9", "localhost:8": "127.0.0.1:8", "[::1]:0": "[::1]:0",
		"LocalHost:8": "127.0.0.1:8", "relay.localhost:8": "127.0.0.1:8",
	} {
		if got, err := relay.LoopbackAddr(addr); err != nil || got != want {
			t.Errorf("%q: %q, %v", addr, got, err)
		}
	}
}
