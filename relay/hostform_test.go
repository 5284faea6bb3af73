package relay_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// loopbackOnly is a DialContext that opens 127.0.0.1 only and keeps every
// address it was asked for: a name Map misses is refused here, never
// looked up, so no test reaches a real host.
type loopbackOnly struct {
	mu    sync.Mutex
	asked []string
}

func (l *loopbackOnly) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	l.mu.Lock()
	l.asked = append(l.asked, addr)
	l.mu.Unlock()
	if host, _, err := net.SplitHostPort(addr); err != nil || host != "127.0.0.1" {
		return nil, errors.New("this test dials 127.0.0.1 only, not " + addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// TestMapMatchesTheBrowsersForm: the shim sends the URL as its browser
// parsed it; a trailing dot (the same host to DNS) maps as the name
// without it, whichever way the key is written, and never goes to DNS.
func TestMapMatchesTheBrowsersForm(t *testing.T) {
	for _, tc := range []struct{ key, url string }{
		{"api.example.com", "wss://api.example.com./echo"},
		{"api.example.com", "wss://API.example.com/echo"},
		{"api.example.com.", "wss://api.example.com/echo"},
		{"api.example.com.", "wss://api.example.com./echo"},
	} {
		guard := &loopbackOnly{}
		r := newRig(t, func(o *relay.Options, up *wstest.Server) {
			o.Map = map[string]string{tc.key: hostPort(up)}
			o.DialContext = guard.dial
		})
		c, rep := r.send(first(tc.url))
		if rep.Type != "open" {
			t.Errorf("map %q, %s: want open, got %s (dialled %v)", tc.key, tc.url, rep.raw, guard.asked)
		}
		c.CloseNow()
	}
}

// TestHostNotInBrowserFormIsRefused: a host no browser writes is refused
// before any dial, so it cannot miss Map and reach the system's DNS.
func TestHostNotInBrowserFormIsRefused(t *testing.T) {
	guard := &loopbackOnly{}
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) { o.DialContext = guard.dial })
	for _, u := range []string{"wss://api\u3002example\u3002com/echo", "wss://ap\u00ed.example.com/echo"} {
		c, rep := r.send(first(u))
		r.wantFailed(c, rep, relay.StatusRefused, "not as a browser writes it")
	}
	if len(guard.asked) != 0 {
		t.Errorf("dialled %v for refused hosts", guard.asked)
	}
	nothingDialed(t, r)
	if strings.Contains(r.logs.String(), secret) {
		t.Error("the secret reached the log")
	}
}

// TestHTTPMapMatchesTheBrowsersForm: a request through the relay is routed
// by the same Map rule as a socket (mapped): a trailing dot maps as the
// name without it, whichever way the key is written, and never goes to DNS.
func TestHTTPMapMatchesTheBrowsersForm(t *testing.T) {
	for _, tc := range []struct{ key, url string }{
		{"api.example.com", "https://api.example.com./http/echo"},
		{"api.example.com", "https://API.example.com/http/echo"},
		{"api.example.com.", "https://api.example.com/http/echo"},
		{"api.example.com.", "https://api.example.com./http/echo"},
	} {
		guard := &loopbackOnly{}
		r := newRig(t, func(o *relay.Options, up *wstest.Server) {
			o.Map = map[string]string{tc.key: hostPort(up)}
			o.DialContext = guard.dial
		})
		a := r.fetch(req(tc.url), nil)
		if a.head == nil || a.head.Status != 200 {
			t.Errorf("map %q, %s: want the upstream's 200, got %s %+v (dialled %v)", tc.key, tc.url, a.resp.Status, a.refusal, guard.asked)
		}
	}
}

// TestHTTPHostNotInBrowserFormIsRefused: a request's host is held to the
// socket side's rule: one no browser writes is refused before any dial.
func TestHTTPHostNotInBrowserFormIsRefused(t *testing.T) {
	guard := &loopbackOnly{}
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) { o.DialContext = guard.dial })
	for _, u := range []string{"https://api\u3002example\u3002com/http/echo", "https://ap\u00ed.example.com/http/echo"} {
		r.fetch(req(u), nil).refused(t, 422, "not as a browser writes it") // as the socket side's 4422
	}
	if len(guard.asked) != 0 {
		t.Errorf("dialled %v for refused hosts", guard.asked)
	}
}
