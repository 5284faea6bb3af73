//go:build !js

package relay

import (
	"net/http"
	"sync/atomic"
	"time"
)

// A page's wx.request reaches the relay as a fetch POST to the relay's own
// URL (ws:// and wss:// read as http:// and https://), so that a page set
// up for sockets has requests too (doc.go, "Requests"). This file takes
// such a request through its steps, each refusal before the next:
// Host, Origin (and CORS), method, the cap, then the head (httphead.go),
// which may be a progress query (httpprogress.go), the upstream request
// (httpupstream.go) and the answer (httpanswer.go).

// MaxRequests caps the requests the relay works on at once, heads being
// read included: more get HTTP 503. A request in flight holds about 80 KiB
// of the relay (its two connections' buffers, TLS on both, and four
// goroutines; measured by TestRequest1000Concurrent), so the cap bounds
// them at about 80 MiB. A page cannot come near it: a browser opens at
// most 6 HTTP/1.1 connections to one host and port.
var MaxRequests int64 = 1024

// httpRelay is what requests share: the client that makes them upstream
// (its connections are reused, as a phone reuses them) and the count of
// requests in flight.
type httpRelay struct {
	transport *http.Transport
	inFlight  atomic.Int64
	progress  progressTable // uploads a page asks progress of (httpprogress.go)
}

// serveRequest answers what is not a handshake: a page's POST (a request
// to relay), an OPTIONS (a CORS preflight), and 405 to anything else.
func (rl *Relay) serveRequest(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !rl.hostAllowed(r.Host) {
		// As for sockets: a DNS-rebinding page has its own name in Host.
		rl.logf("relay: %s: request refused: Host %q is neither loopback nor allowed", r.RemoteAddr, r.Host)
		writeRefusal(w, http.StatusForbidden, "this Host is not served", "")
		return
	}
	origin, ok := originAllowed(r, rl.opts.OriginPatterns)
	if !ok {
		// No CORS header: the page of another site cannot even read why.
		rl.logf("relay: %s: request refused: Origin %q is not allowed", r.RemoteAddr, origin)
		writeRefusal(w, http.StatusForbidden, "this Origin is not allowed", "")
		return
	}
	allowOrigin(h, origin)
	if r.Method == http.MethodOptions {
		preflight(w, r)
		return
	}
	if r.Method != http.MethodPost {
		h.Set("Allow", "POST, OPTIONS")
		writeRefusal(w, http.StatusMethodNotAllowed, "a request to relay is a POST", "")
		return
	}
	if n := rl.http.inFlight.Add(1); n > MaxRequests {
		rl.http.inFlight.Add(-1)
		rl.logf("relay: %s: request refused: %d requests in flight already", r.RemoteAddr, n-1)
		writeRefusal(w, http.StatusServiceUnavailable, "the relay is busy: too many requests in flight", "")
		return
	}
	defer rl.http.inFlight.Add(-1)
	start := time.Now()
	head, body, ref := rl.readHead(w, r)
	if ref != nil {
		rl.logf("relay: %s: request refused %d: %s", r.RemoteAddr, ref.status(), ref.reason)
		writeRefusal(w, ref.status(), ref.reason, "")
		return
	}
	if head.progressOf != nil {
		rl.http.progress.answer(w, head.progressOf)
		return
	}
	if head.progress != "" {
		done, ok := rl.http.progress.track(head.progress, body)
		if !ok {
			rl.logf("relay: %s: request refused 422: progress id in flight already", r.RemoteAddr)
			writeRefusal(w, http.StatusUnprocessableEntity, "progress: this id is in flight already", "")
			return
		}
		defer done()
	}
	rl.relayRequest(w, r, head, body, start)
}

// status is the HTTP status that says what the close code says: 44xx and
// 45xx are the HTTP statuses 4xx and 5xx by design.
func (r *refusal) status() int { return int(r.code) - 4000 }
