//go:build !js

package relay

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// requestProfile is res.profile as far as the relay can measure it when
// the response's head arrives: the fields of miniprogram-api-typings'
// RequestProfile, with WeChat's meanings (stamps in Unix epoch
// milliseconds; a step that did not happen, such as DNS on a reused
// connection, stands at fetchStart; SSL stamps are 0 over plain http).
// The fields known only at the end (responseEnd, the body's bytes,
// throughputKbps) are the page's to measure: it receives the body as the
// relay passes it on. The estimates (estimate_nettype, httpRttEstimate,
// ...) are a phone's radio's, and not here.
type requestProfile struct {
	RedirectStart      int64 `json:"redirectStart"` // 0 unless redirects within the same host were followed
	RedirectEnd        int64 `json:"redirectEnd"`
	FetchStart         int64 `json:"fetchStart"` // the final request (after redirects) starts
	DomainLookUpStart  int64 `json:"domainLookUpStart"`
	DomainLookUpEnd    int64 `json:"domainLookUpEnd"`
	ConnectStart       int64 `json:"connectStart"`
	ConnectEnd         int64 `json:"connectEnd"` // TCP and TLS done
	SSLconnectionStart int64 `json:"SSLconnectionStart"`
	SSLconnectionEnd   int64 `json:"SSLconnectionEnd"`
	RequestStart       int64 `json:"requestStart"` // the connection is ready; the request is written
	RequestEnd         int64 `json:"requestEnd"`   // the request, body included, is written
	ResponseStart      int64 `json:"responseStart"`
	// RTT is the connection's TCP handshake, in milliseconds: one round
	// trip, measured when the connection was made (a reused one keeps it).
	RTT          float64 `json:"rtt"`
	PeerIP       string  `json:"peerIP"`
	Port         int     `json:"port"`
	SocketReused bool    `json:"socketReused"`
	Protocol     string  `json:"protocol"` // "http1.1"
	// The bytes on the connection, TLS included: sent for the request,
	// received up to the end of the response's head.
	SendBytesCount     int64 `json:"sendBytesCount"`
	ReceivedBytedCount int64 `json:"receivedBytedCount"` // sic: the typings' spelling
}

// hop is one redirect followed: the URL that answered status, and the one
// it sent the request to.
type hop struct {
	Status   int    `json:"status"`
	URL      string `json:"url"`
	Location string `json:"location"`
}

// requestTrace collects the moments of a request through net/http's trace
// hooks, which the transport may call from its dialing goroutine.
type requestTrace struct {
	mu sync.Mutex
	// origin is when the relay got the request: stamps are computed from
	// it with the monotonic clock, so they never go back.
	origin time.Time

	firstFetch, lastRedirect time.Time
	hops                     []hop
	tooMany                  bool
	sameHost                 bool // every redirect stayed on one host

	// The current hop's moments: reset when it asks for a connection.
	fetch, dnsStart, dnsEnd, connectStart, connectEnd time.Time
	tlsStart, tlsEnd, requestStart, requestEnd        time.Time
	responseStart                                     time.Time
	conn                                              *countedConn
	reused                                            bool
	sent0, received0                                  int64
	step                                              string // what the request was doing: connect, TLS, request, response
}

func newRequestTrace(origin time.Time) *requestTrace {
	return &requestTrace{origin: origin, sameHost: true, step: "connect"}
}

func (t *requestTrace) clientTrace() *httptrace.ClientTrace {
	at := func(f func(now time.Time)) {
		now := time.Now()
		t.mu.Lock()
		f(now)
		t.mu.Unlock()
	}
	return &httptrace.ClientTrace{
		GetConn: func(string) {
			at(func(now time.Time) {
				if t.firstFetch.IsZero() {
					t.firstFetch = now
				}
				t.fetch, t.dnsStart, t.dnsEnd, t.connectStart, t.connectEnd = now, time.Time{}, time.Time{}, time.Time{}, time.Time{}
				t.tlsStart, t.tlsEnd, t.requestStart, t.requestEnd, t.responseStart = time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}
				t.conn, t.step = nil, "connect"
			})
		},
		DNSStart: func(httptrace.DNSStartInfo) { at(func(now time.Time) { t.dnsStart = now }) },
		DNSDone:  func(httptrace.DNSDoneInfo) { at(func(now time.Time) { t.dnsEnd = now }) },
		ConnectStart: func(string, string) {
			at(func(now time.Time) {
				if t.connectStart.IsZero() {
					t.connectStart = now
				}
			})
		},
		ConnectDone: func(_, _ string, err error) {
			at(func(now time.Time) {
				if err == nil {
					t.connectEnd = now
				}
			})
		},
		TLSHandshakeStart: func() { at(func(now time.Time) { t.tlsStart, t.step = now, "TLS" }) },
		TLSHandshakeDone: func(_ tls.ConnectionState, err error) {
			at(func(now time.Time) {
				if err == nil {
					t.tlsEnd = now
				}
			})
		},
		GotConn: func(info httptrace.GotConnInfo) {
			at(func(now time.Time) {
				t.requestStart, t.reused, t.step = now, info.Reused, "request"
				t.conn = connOf(info.Conn)
				if t.conn == nil {
					return
				}
				if !info.Reused && !t.connectStart.IsZero() && !t.connectEnd.IsZero() {
					t.conn.rtt.Store(int64(t.connectEnd.Sub(t.connectStart)))
				}
				t.sent0, t.received0 = t.conn.sent.Load(), t.conn.received.Load()
			})
		},
		WroteRequest: func(httptrace.WroteRequestInfo) {
			at(func(now time.Time) { t.requestEnd, t.step = now, "response" })
		},
		GotFirstResponseByte: func() { at(func(now time.Time) { t.responseStart = now }) },
	}
}

// redirected notes a redirect followed.
func (t *requestTrace) redirected(status int, from, to *url.URL) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lastRedirect = time.Now()
	t.hops = append(t.hops, hop{Status: status, URL: from.String(), Location: to.String()})
	if !strings.EqualFold(from.Hostname(), to.Hostname()) {
		t.sameHost = false
	}
}

// redirects are the redirects followed, never nil.
func (t *requestTrace) redirects() []hop {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.hops == nil {
		return []hop{}
	}
	return t.hops
}

func (t *requestTrace) tooManyRedirects() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.tooMany
}

// bodyStarts notes that the head is in and the body is next.
func (t *requestTrace) bodyStarts() {
	t.mu.Lock()
	t.step = "body"
	t.mu.Unlock()
}

// failedStep is what the request was doing when it failed.
func (t *requestTrace) failedStep() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.step
}

// profile is the final hop's profile, at the end of its response's head.
func (t *requestTrace) profile(resp *http.Response) requestProfile {
	t.mu.Lock()
	defer t.mu.Unlock()
	fetch := t.fetch
	if fetch.IsZero() {
		fetch = t.origin
	}
	stamp := func(at time.Time) int64 {
		if at.IsZero() {
			at = fetch
		}
		return (t.origin.UnixMicro() + at.Sub(t.origin).Microseconds()) / 1000
	}
	p := requestProfile{
		FetchStart:        stamp(fetch),
		DomainLookUpStart: stamp(t.dnsStart),
		DomainLookUpEnd:   stamp(t.dnsEnd),
		ConnectStart:      stamp(t.connectStart),
		ConnectEnd:        stamp(t.connectEnd),
		RequestStart:      stamp(t.requestStart),
		RequestEnd:        stamp(t.requestEnd),
		ResponseStart:     stamp(t.responseStart),
		SocketReused:      t.reused,
		Protocol:          "unknown",
	}
	if len(t.hops) > 0 && t.sameHost {
		p.RedirectStart, p.RedirectEnd = stamp(t.firstFetch), stamp(t.lastRedirect)
	}
	if !t.tlsEnd.IsZero() {
		p.SSLconnectionStart, p.SSLconnectionEnd = stamp(t.tlsStart), stamp(t.tlsEnd)
		p.ConnectEnd = stamp(t.tlsEnd)
	} else if resp.TLS != nil { // a reused TLS connection: no handshake
		p.SSLconnectionStart, p.SSLconnectionEnd = stamp(fetch), stamp(fetch)
	}
	if resp.ProtoMajor == 1 && resp.ProtoMinor == 1 {
		p.Protocol = "http1.1"
	}
	if c := t.conn; c != nil {
		p.RTT = ms(time.Duration(c.rtt.Load()))
		p.PeerIP, p.Port = c.peer()
		p.SendBytesCount = c.sent.Load() - t.sent0
		p.ReceivedBytedCount = c.received.Load() - t.received0
	}
	return p
}

// countedConn is an upstream connection that counts its bytes and keeps
// the round trip measured when it was made.
type countedConn struct {
	net.Conn
	addr           string // dialed (after Map)
	sent, received atomic.Int64
	rtt            atomic.Int64 // a time.Duration
}

func (c *countedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.received.Add(int64(n))
	return n, err
}

// Write counts p before it writes: the answer to it may be read (and the
// profile made) before Write returns.
func (c *countedConn) Write(p []byte) (int, error) {
	c.sent.Add(int64(len(p)))
	n, err := c.Conn.Write(p)
	c.sent.Add(int64(n - len(p)))
	return n, err
}

// peer is the address connected to: the remote address of a TCP
// connection, else (a DialContext that returns something else) the
// address dialed, when it is an IP.
func (c *countedConn) peer() (string, int) {
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		return a.IP.String(), a.Port
	}
	host, port, err := net.SplitHostPort(c.addr)
	if err != nil || net.ParseIP(host) == nil {
		return "", 0
	}
	n, _ := strconv.Atoi(port)
	return host, n
}

// connOf finds the countedConn under a transport's connection (a TLS one,
// or the connection itself).
func connOf(c net.Conn) *countedConn {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	cc, _ := c.(*countedConn)
	return cc
}
