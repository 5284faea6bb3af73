//go:build !js

package relay

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"time"
)

// MaxRedirects is how many redirects the relay follows (redirect
// "follow"): old Android's number. The 3xx after the last is the answer,
// with tooManyRedirects, as Android answered it.
const MaxRedirects = 15

// newHTTPRelay makes the client side of requests: connections made as the
// socket side makes them (Map, DialContext, RootCAs; no proxy from the
// environment), kept for reuse as a phone keeps them, HTTP/1.1, and gzip
// asked for and decoded when the page asks for no encoding itself, as the
// phone's runtime does (it adds Accept-Encoding: gzip and decodes).
func newHTTPRelay(rl *Relay) *httpRelay {
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	return &httpRelay{transport: &http.Transport{
		Proxy:       nil,
		DialContext: rl.dialHTTP,
		TLSClientConfig: &tls.Config{
			RootCAs:            rl.opts.RootCAs,
			MinVersion:         tls.VersionTLS12,
			ClientSessionCache: tls.NewLRUClientSessionCache(256),
		},
		TLSHandshakeTimeout:    rl.opts.MaxDial,
		Protocols:              &protocols,
		MaxIdleConns:           256,
		MaxIdleConnsPerHost:    32,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}}
}

// dialHTTP opens a connection for the transport: to where Map sends the
// host, through Options.DialContext when set, else by the system's
// resolver and a dial (which report DNS and connect times to the
// request's trace themselves). Names under .invalid are never looked up
// (RFC 6761: they resolve nowhere), so that a test of a name that does not
// resolve sends no query.
func (rl *Relay) dialHTTP(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if to, ok := rl.mapped(host); ok { // the socket side's rule (dial.go)
		addr = to
	} else if h := strings.ToLower(strings.TrimSuffix(host, ".")); h == "invalid" || strings.HasSuffix(h, ".invalid") {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	ctx, cancel := context.WithTimeout(ctx, rl.opts.MaxDial)
	defer cancel()
	var c net.Conn
	if rl.opts.DialContext != nil {
		trace := httptrace.ContextClientTrace(ctx)
		if trace != nil && trace.ConnectStart != nil {
			trace.ConnectStart(network, addr)
		}
		c, err = rl.opts.DialContext(ctx, network, addr)
		if trace != nil && trace.ConnectDone != nil {
			trace.ConnectDone(network, addr, err)
		}
	} else {
		var d net.Dialer
		c, err = d.DialContext(ctx, network, addr)
	}
	if err != nil {
		return nil, err
	}
	return &countedConn{Conn: c, addr: addr}, nil
}

// do sends the request upstream and returns the response, its head being
// read; the trace holds the times and the redirects.
func (rl *Relay) do(ctx context.Context, up *upstreamRequest, body *requestBody, tr *requestTrace) (*http.Response, error) {
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, tr.clientTrace()), up.method, up.url.String(), nil)
	if err != nil {
		return nil, err // checked already (checkHead)
	}
	req.Header = up.header
	if body.r != nil {
		req.Body = io.NopCloser(body.r)
		req.ContentLength = body.length
		if body.whole != nil {
			whole := body.whole
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(whole)), nil }
		}
	}
	client := &http.Client{
		Transport:     rl.http.transport,
		CheckRedirect: tr.checkRedirect(up.manual),
	}
	return client.Do(req)
}

// checkRedirect follows up to MaxRedirects redirects and notes each
// (manual: none). A redirect whose body cannot be sent again (307 or 308
// after a body too big to keep) is not followed: net/http then answers
// with the 3xx itself.
func (t *requestTrace) checkRedirect(manual bool) func(*http.Request, []*http.Request) error {
	return func(next *http.Request, via []*http.Request) error {
		if manual {
			return http.ErrUseLastResponse
		}
		if len(via) > MaxRedirects {
			t.mu.Lock()
			t.tooMany = true
			t.mu.Unlock()
			return http.ErrUseLastResponse
		}
		t.redirected(next.Response.StatusCode, via[len(via)-1].URL, next.URL)
		return nil
	}
}

// errUpstreamTimeout marks a request that ran out of the page's timeout.
var errUpstreamTimeout = errors.New("timeout")
