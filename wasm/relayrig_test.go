//go:build !js

package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// relayRig is the relay the browser suite reaches servers through (spec
// section 7): on two ports of 127.0.0.1, plain (PlainURL, ws://, the page
// leg without TLS) and TLS (URL, wss://, the fallback for WebKit, which
// refuses ws:// from an https page), trusting the test server's CA,
// dialling every name on 127.0.0.1 (as Chromium's resolver rules do for the
// page), and able to die and come back (/relay-down, /relay-up on the test
// server) for the rows that need a relay lost mid-stream. /relay-stats
// counts the pages each listener took.
type relayRig struct {
	URL, PlainURL, Secret string
	addr, plainAddr       string
	tls                   *tls.Config
	handler               http.Handler

	mu           sync.Mutex
	srv, plain   *http.Server
	conns        map[net.Conn]bool
	tlsN, plainN int
}

func startRelayRig(cert *wstest.Cert) (*relayRig, error) {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CAPEM)
	const secret = "test-relay-secret"
	h, err := relay.New(relay.Options{
		Secret:         secret,
		OriginPatterns: []string{"localhost:*", "127.0.0.1:*"},
		RootCAs:        pool,
		MaxDial:        2 * time.Second, // a stalled handshake fails with the relay's reason within the rows' time
		DialContext:    wstest.DialLoopback,
	})
	if err != nil {
		return nil, err
	}
	r := &relayRig{Secret: secret, handler: h, addr: "127.0.0.1:0", plainAddr: "127.0.0.1:0",
		tls: &tls.Config{Certificates: []tls.Certificate{cert.TLS}, NextProtos: []string{"http/1.1"}}}
	if err := r.up(); err != nil {
		return nil, err
	}
	return r, nil
}

// up listens (again, on the same ports) and serves the relay.
func (r *relayRig) up() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.srv != nil {
		return nil
	}
	ln, err := net.Listen("tcp", r.addr)
	if err != nil {
		return err
	}
	pln, err := net.Listen("tcp", r.plainAddr)
	if err != nil {
		ln.Close()
		return err
	}
	r.addr, r.plainAddr = ln.Addr().String(), pln.Addr().String()
	r.URL = "wss://" + r.addr + "/relay"
	r.PlainURL = "ws://" + r.plainAddr + "/relay"
	r.conns = map[net.Conn]bool{}
	r.srv = &http.Server{Handler: r.count(r.handler, &r.tlsN), ConnState: r.track}
	r.plain = &http.Server{Handler: r.count(r.handler, &r.plainN), ConnState: r.track}
	go r.srv.Serve(tls.NewListener(ln, r.tls))
	go r.plain.Serve(pln)
	return nil
}

// count counts the requests h gets in n.
func (r *relayRig) count(h http.Handler, n *int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		*n++
		r.mu.Unlock()
		h.ServeHTTP(w, req)
	})
}

// track keeps every connection, hijacked ones included (a relayed socket
// outlives its handler), so that down can cut them all.
func (r *relayRig) track(c net.Conn, s http.ConnState) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s == http.StateNew {
		r.conns[c] = true
	} else if s == http.StateClosed {
		delete(r.conns, c)
	}
}

// down kills the relay: its listener and every connection, without a close frame.
func (r *relayRig) down() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.srv == nil {
		return
	}
	r.srv.Close()
	r.plain.Close()
	for c := range r.conns {
		c.Close()
	}
	r.srv, r.plain = nil, nil
}

// control answers /relay-down and /relay-up for the page.
func (r *relayRig) control(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		switch req.URL.Path {
		case "/relay-down":
			r.down()
		case "/relay-up":
			if err := r.up(); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		case "/relay-stats":
			r.mu.Lock()
			fmt.Fprintf(w, `{"tls":%d,"plain":%d}`, r.tlsN, r.plainN)
			r.mu.Unlock()
			return
		default:
			if next != nil {
				next.ServeHTTP(w, req)
			} else {
				http.NotFound(w, req)
			}
			return
		}
		w.Write([]byte(strconv.Quote("ok")))
	})
}
