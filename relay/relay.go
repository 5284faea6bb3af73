//go:build !js

package relay

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/rules"
	"wxsocket/internal/termtext"
)

// Options configure a Relay. Only Secret is required.
type Options struct {
	// Secret is what a page must send in its first message ("secret").
	Secret string

	// OriginPatterns lists the page origins allowed besides the relay's own,
	// as coder/websocket's AcceptOptions.OriginPatterns: host patterns
	// matched with path.Match ("127.0.0.1:*"), or "scheme://host" patterns.
	OriginPatterns []string

	// RootCAs verifies upstream certificates; nil means the system's roots.
	RootCAs *x509.CertPool

	// Map routes names: the connection for a target whose host is a key is
	// made to the host:port it maps to instead. TLS still verifies the name
	// the page asked for, and the Host header is still that name. For tests,
	// and for pages written against production names.
	Map map[string]string

	// DialContext, when set, opens upstream TCP connections (to the address
	// after Map) instead of the relay's resolver and dialer; its time counts
	// as connect time, with no separate DNS figures.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)

	// FirstFrameTimeout bounds the wait for the page's first message
	// (10 s when zero).
	FirstFrameTimeout time.Duration

	// MaxDial bounds the upstream connection and handshake (2 minutes when
	// zero). It is a backstop: the page's own connect timeout, which closes
	// its socket and so cancels the dial, normally ends a slow dial first.
	MaxDial time.Duration

	// MaxPending caps the pages that have upgraded but not yet sent their
	// first message (DefaultMaxPending when zero): more get HTTP 503 before
	// the upgrade. Each waiting page holds a descriptor and about 27 KiB
	// until its first message or FirstFrameTimeout, without having shown
	// the secret.
	MaxPending int

	// Logf, when set, gets one line per page: refused, failed, open, closed.
	// Lines carry no secret, header value or query string, and no control
	// character: what an upstream or a page wrote is escaped (\x1b, \r).
	Logf func(format string, args ...any)
}

// Defaults of Options.
const (
	DefaultFirstFrameTimeout = 10 * time.Second
	DefaultMaxDial           = 2 * time.Minute
)

// Relay is the http.Handler a page's WebSocket connects to. Mount it at
// the path the shim's relay URL names (e.g. /relay).
type Relay struct {
	opts    Options
	pending pending
	accept  websocket.AcceptOptions
	client  *http.Client

	http *httpRelay // wx.request through the relay (httpserve.go)
}

// hostAllowed reports whether a request for host (the Host header) is for
// this relay: a loopback name or address, or a host OriginPatterns allows.
func (rl *Relay) hostAllowed(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.ToLower(h)
	if rules.IsLoopback(h) {
		return true
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	for _, p := range rl.opts.OriginPatterns {
		if u, err := url.Parse(p); err == nil && u.Host != "" {
			p = u.Host
		}
		if ok, _ := path.Match(strings.ToLower(p), h); ok {
			return true
		}
	}
	return false
}

// New checks o and returns the Relay it describes.
func New(o Options) (*Relay, error) {
	if o.Secret == "" {
		return nil, errors.New("relay: Options.Secret is empty: a page must present a secret")
	}
	for _, p := range o.OriginPatterns {
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("relay: origin pattern %q: %v", p, err)
		}
	}
	m := make(map[string]string, len(o.Map))
	for host, addr := range o.Map {
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return nil, fmt.Errorf("relay: Map[%q] = %q: want host:port", host, addr)
		}
		m[strings.ToLower(host)] = addr
	}
	o.Map = m
	if o.FirstFrameTimeout <= 0 {
		o.FirstFrameTimeout = DefaultFirstFrameTimeout
	}
	if o.MaxDial <= 0 {
		o.MaxDial = DefaultMaxDial
	}
	if o.MaxPending <= 0 {
		o.MaxPending = DefaultMaxPending
	}
	rl := &Relay{opts: o}
	rl.pending.max = o.MaxPending
	rl.accept = websocket.AcceptOptions{
		OriginPatterns:  o.OriginPatterns,
		CompressionMode: websocket.CompressionDisabled,
	}
	rl.client = newHandshakeClient()
	rl.http = newHTTPRelay(rl)
	return rl, nil
}

// logf formats a line and escapes what would act on a terminal: a reason
// can quote an upstream (a status line, a certificate's names), and an
// upstream's "\x1b]0;" in a status line retitled the terminal of the
// person reading the log.
func (rl *Relay) logf(format string, args ...any) {
	if rl.opts.Logf != nil {
		rl.opts.Logf("%s", termtext.Escape(fmt.Sprintf(format, args...)))
	}
}
