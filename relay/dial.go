//go:build !js

package relay

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/coder/websocket"
)

// dialed is an open upstream connection and the "open" message for the page.
type dialed struct {
	*side
	open openFrame
}

// dialError is a failed dial, with the reason the page is given.
type dialError struct{ reason string }

func (e *dialError) Error() string { return e.reason }

// dial connects to the target and performs the WebSocket handshake, timing
// each step. The relay makes the connection itself (name lookup, TCP, TLS),
// so that each step has its stamp and cancelling ctx stops any of them;
// coder/websocket then performs the handshake on that connection.
func (rl *Relay) dial(ctx context.Context, req *request) (*dialed, error) {
	var t timings
	t.fetch = time.Now()
	step := "connect"
	fail := func(err error) error { return rl.dialFailure(ctx, step, err) }

	host := req.url.Hostname()
	port := req.url.Port()
	if port == "" {
		port = map[string]string{"ws": "80", "wss": "443"}[req.url.Scheme]
	}
	addr := net.JoinHostPort(host, port)
	if to, ok := rl.mapped(host); ok {
		addr = to
	}
	tcp, err := rl.connect(ctx, addr, &t)
	if err != nil {
		return nil, fail(err)
	}
	cork := &corkConn{Conn: tcp}
	var raw net.Conn = cork
	if req.url.Scheme == "wss" {
		step = "TLS"
		tc := tls.Client(cork, &tls.Config{
			ServerName: host,
			RootCAs:    rl.opts.RootCAs,
			NextProtos: []string{"http/1.1"},
			MinVersion: tls.VersionTLS12,
		})
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return nil, fail(err)
		}
		raw = tc
	}
	t.connectEnd = time.Now()

	step = "handshake"
	// Whatever ends ctx (the page going away, MaxDial) cuts the connection:
	// the upstream sees it go.
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	c, resp, err := websocket.Dial(withConn(ctx, raw), req.url.String(), &websocket.DialOptions{
		HTTPClient:   rl.client,
		HTTPHeader:   req.header,
		Subprotocols: req.protocols,
	})
	if !stop() {
		err = errors.Join(ctx.Err(), err)
		if c != nil {
			c.CloseNow()
		}
	}
	if err != nil {
		raw.Close()
		if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
			return nil, httpRefusal(resp)
		}
		return nil, fail(err)
	}
	t.done = time.Now()
	c.SetReadLimit(-1)
	return &dialed{
		side: &side{c: c, raw: raw, cork: cork},
		open: openFrame{
			Type:     "open",
			Protocol: c.Subprotocol(),
			Header:   joinHeader(resp.Header),
			Profile:  t.profile(),
		},
	}, nil
}

// mapped is Map's address for host, for a socket (dial) and a request
// (dialHTTP) alike. The shim sends the URL as the page's
// browser parsed it (lower case, punycode, "%2e" and "。" written as dots),
// so that is the form matched here. A trailing dot names the same host to
// DNS and to a browser: "api.example.com." maps as "api.example.com" (and
// a key written with the dot matches both), or a page could reach the real
// host past a map meant to keep it on a test server.
func (rl *Relay) mapped(host string) (string, bool) {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if to, ok := rl.opts.Map[h]; ok {
		return to, true
	}
	to, ok := rl.opts.Map[h+"."]
	return to, ok
}

// connect opens the TCP connection to addr: through Options.DialContext
// when set, else a lookup (unless addr is an IP) and a dial of each address
// in turn.
func (rl *Relay) connect(ctx context.Context, addr string, t *timings) (net.Conn, error) {
	if rl.opts.DialContext != nil {
		t.connectStart = time.Now()
		return rl.opts.DialContext(ctx, "tcp", addr)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	var ips []net.IPAddr
	if ip := net.ParseIP(host); ip != nil {
		ips = []net.IPAddr{{IP: ip}}
	} else {
		t.dnsStart = time.Now()
		ips, err = net.DefaultResolver.LookupIPAddr(ctx, host)
		t.dnsEnd = time.Now()
		if err != nil {
			return nil, err
		}
	}
	t.connectStart = time.Now()
	var d net.Dialer
	for _, ip := range ips {
		var c net.Conn
		c, err = d.DialContext(ctx, "tcp", net.JoinHostPort(ip.String(), port))
		if err == nil {
			return c, nil
		}
	}
	return nil, err
}

// dialFailure words why a dial failed: refused, DNS, TLS, timeout, or what
// went wrong in the handshake.
func (rl *Relay) dialFailure(ctx context.Context, step string, err error) error {
	var dns *net.DNSError
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		what := map[string]string{
			"connect":   "no connection",
			"TLS":       "no TLS handshake",
			"handshake": "no handshake response",
		}[step]
		return &dialError{fmt.Sprintf("timeout: %s within %v", what, rl.opts.MaxDial)}
	case ctx.Err() != nil:
		return ctx.Err() // the page went away
	case errors.As(err, &dns):
		return &dialError{"DNS: " + dns.Error()}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &dialError{"refused: " + err.Error()}
	case step == "TLS":
		return &dialError{"TLS: " + err.Error()}
	case step == "connect":
		return &dialError{"connect: " + err.Error()}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // without the URL, which may hold a token
	}
	return &dialError{"handshake: " + strings.TrimPrefix(err.Error(), "failed to WebSocket dial: ")}
}

// newHandshakeClient is the HTTP client coder/websocket performs handshakes
// with. It never dials: each request carries the connection the relay made
// (withConn). No proxy from the environment, no keep-alive, no redirect
// (a browser's WebSocket follows none), no compression, and a bound on the
// response headers, which the page receives.
func newHandshakeClient() *http.Client {
	take := func(ctx context.Context, _, _ string) (net.Conn, error) {
		if h, ok := ctx.Value(connKey{}).(*handOver); ok {
			if c := h.take(); c != nil {
				return c, nil
			}
		}
		return nil, errors.New("relay: no connection for this handshake")
	}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                  nil,
			DialContext:            take,
			DialTLSContext:         take,
			DisableKeepAlives:      true,
			DisableCompression:     true,
			MaxResponseHeaderBytes: 64 << 10,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

type connKey struct{}

// handOver gives its connection to one dial only.
type handOver struct {
	c chan net.Conn
}

func withConn(ctx context.Context, c net.Conn) context.Context {
	h := &handOver{c: make(chan net.Conn, 1)}
	h.c <- c
	return context.WithValue(ctx, connKey{}, h)
}

func (h *handOver) take() net.Conn {
	select {
	case c := <-h.c:
		return c
	default:
		return nil
	}
}

// joinHeader is the response header as the page receives it: one string
// per name, values joined with ", ".
func joinHeader(h http.Header) map[string]string {
	m := make(map[string]string, len(h))
	for k, v := range h {
		m[k] = strings.Join(v, ", ")
	}
	return m
}
