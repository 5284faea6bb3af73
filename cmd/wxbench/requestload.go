package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"wxsocket/internal/memstat"
	"wxsocket/relay"
)

// The relay under a thousand requests at once, with no browser (issue 17:
// "0 lost, memory per in-flight request"): an upstream whose /gate holds
// every request until all have arrived, and the relay, both in this
// process on 127.0.0.1. The same number of requests go to the upstream
// directly first, then through the relay, in one process in one moment:
// the process's live memory with all of them held, less its memory before,
// per request, for each; the relay's share is the difference. The relay
// test TestRequest1000Concurrent checks the same bound; this prints it.

// requestLoad is what one run of requests at once measured.
type requestLoad struct {
	n                   int
	direct, relayed     float64 // bytes per request in flight
	directMs, relayedMs float64 // from the release to the last answer
	lostDirect, lost    int64
	firstErr            error
	directGor, relayGor int // goroutines of the process with them held
}

// gate holds each request until release is closed, and counts arrivals.
type gate struct {
	arrived atomic.Int64
	mu      sync.Mutex
	release chan struct{}
}

func (g *gate) open() chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.arrived.Store(0)
	g.release = make(chan struct{})
	return g.release
}

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	release := g.release
	g.mu.Unlock()
	g.arrived.Add(1)
	select {
	case <-release:
	case <-r.Context().Done():
		return
	}
	io.WriteString(w, "ok "+r.URL.Query().Get("i"))
}

// measureRequestLoad sends n requests at once directly, then n through the
// relay.
func measureRequestLoad(ctx context.Context, n int) (*requestLoad, error) {
	if int64(n) > relay.MaxRequests {
		return nil, fmt.Errorf("%d requests at once: the relay takes at most %d (relay.MaxRequests)", n, relay.MaxRequests)
	}
	g := &gate{}
	mux := http.NewServeMux()
	mux.Handle("/gate", g)
	rig, err := startRelayRig(mux)
	if err != nil {
		return nil, err
	}
	defer rig.close()
	up, rs, pool := rig.up, rig.rs, rig.pool
	// X25519 alone (Go's default adds ML-KEM, three times the CPU of a
	// loopback handshake), and resumed sessions, as a browser resumes them.
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{
			RootCAs:            pool,
			CurvePreferences:   []tls.CurveID{tls.X25519},
			ClientSessionCache: tls.NewLRUClientSessionCache(64),
		},
		MaxIdleConnsPerHost: n,
	}}
	defer client.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	rep := &requestLoad{n: n}
	var lost int64
	var errs []error
	rep.direct, rep.directMs, rep.directGor, rep.lostDirect, err = inFlight(ctx, g, n, func(i int) (string, error) {
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, up.URL+"/gate?i="+strconv.Itoa(i), nil)
		if err != nil {
			return "", err
		}
		return memstat.ReadBody(client.Do(r))
	})
	errs = append(errs, err)
	// Let the direct run's connections go before the next baseline.
	client.CloseIdleConnections()
	time.Sleep(200 * time.Millisecond)
	rep.relayed, rep.relayedMs, rep.relayGor, lost, err = inFlight(ctx, g, n, func(i int) (string, error) {
		head := rig.head(up.URL+"/gate?i="+strconv.Itoa(i), nil)
		r, err := http.NewRequestWithContext(ctx, http.MethodPost, rs.URL+"/relay", bytes.NewReader(head))
		if err != nil {
			return "", err
		}
		r.Header.Set("Content-Type", "text/plain;charset=UTF-8") // what fetch sends with a string body
		resp, err := client.Do(r)
		if err == nil && !strings.Contains(resp.Header.Get("Wx-Relay"), `"status":200`) {
			b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
			resp.Body.Close()
			return "", fmt.Errorf("relay: %s, Wx-Relay %q: %s", resp.Status, resp.Header.Get("Wx-Relay"), b)
		}
		return memstat.ReadBody(resp, err)
	})
	rep.lost = lost
	errs = append(errs, err)
	for _, e := range errs {
		if e != nil && rep.firstErr == nil {
			rep.firstErr = e
		}
	}
	if rep.firstErr != nil && rep.lost == 0 && rep.lostDirect == 0 {
		return nil, rep.firstErr // nothing measured
	}
	return rep, nil
}

// inFlight sends n requests at once through send, waits until the gate
// holds them all, measures the live memory, releases them and checks each
// answer. It returns the bytes per request held, the ms from the release
// to the last answer, the goroutines they add, and how many were
// lost (no answer, or a wrong one), with the first error.
func inFlight(ctx context.Context, g *gate, n int, send func(i int) (string, error)) (perReq, ms float64, gor int, lost int64, first error) {
	release := g.open()
	base, gor0 := memstat.InUse(), runtime.NumGoroutine()
	b := memstat.StartBurst(n, send)
	// A thousand TLS handshakes on 2 shared cores take a while.
	for g.arrived.Load()+b.Lost() < int64(n) && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	held := memstat.InUse()
	gor = runtime.NumGoroutine() - gor0
	start := time.Now()
	close(release)
	lost, first = b.Wait()
	ms = float64(time.Since(start).Microseconds()) / 1000
	if first == nil {
		first = ctx.Err()
	}
	return float64(int64(held)-int64(base)) / float64(n), ms, gor, lost, first
}

func (r *requestLoad) print(out io.Writer) {
	share := r.relayed - r.direct
	fmt.Fprintf(out, "  %d requests at once, held upstream until all arrived: lost %d through the relay (%d direct)\n", r.n, r.lost, r.lostDirect)
	if r.firstErr != nil {
		fmt.Fprintf(out, "  the first failure: %v\n", r.firstErr)
	}
	fmt.Fprintf(out, "  memory per request in flight: direct %.1f KiB, through the relay %.1f KiB: the relay's share %.1f KiB (relay.MaxRequests %d bounds it at %.0f MiB)\n",
		r.direct/1024, r.relayed/1024, share/1024, relay.MaxRequests, share*float64(relay.MaxRequests)/(1<<20))
	fmt.Fprintf(out, "  all answered %.0f ms after the release through the relay, %.0f ms direct; goroutines per request held: %.1f through the relay, %.1f direct\n",
		r.relayedMs, r.directMs, float64(r.relayGor)/float64(r.n), float64(r.directGor)/float64(r.n))
	printLines(out, []line{
		{"relay_requests_at_once", float64(r.n), "count"},
		{"relay_requests_lost", float64(r.lost), "count"},
		{"direct_requests_lost", float64(r.lostDirect), "count"},
		{"relay_request_bytes_in_flight", float64(int64(share)), "bytes"},
		{"relay_request_bytes_in_flight_total", float64(int64(r.relayed)), "bytes"},
		{"direct_request_bytes_in_flight", float64(int64(r.direct)), "bytes"},
		{"relay_requests_answered_ms", round(r.relayedMs), "ms"},
		{"direct_requests_answered_ms", round(r.directMs), "ms"},
	})
}
