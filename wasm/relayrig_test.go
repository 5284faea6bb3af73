//go:build !js

package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// relayRig is the relay the browser suite reaches servers through (spec
// section 7): on its own port of 127.0.0.1, trusting the test server's CA,
// dialling every name on 127.0.0.1 (as Chromium's resolver rules do for the
// page), and able to die and come back (/relay-down, /relay-up on the test
// server) for the rows that need a relay lost mid-stream.
type relayRig struct {
	URL, Secret string
	addr        string
	tls         *tls.Config
	handler     http.Handler

	mu    sync.Mutex
	srv   *http.Server
	conns map[net.Conn]bool
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
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			_, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			var d net.Dialer
			return d.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
		},
	})
	if err != nil {
		return nil, err
	}
	r := &relayRig{Secret: secret, handler: h, addr: "127.0.0.1:0",
		tls: &tls.Config{Certificates: []tls.Certificate{cert.TLS}, NextProtos: []string{"http/1.1"}}}
	if err := r.up(); err != nil {
		return nil, err
	}
	return r, nil
}

// up listens (again, on the same port) and serves the relay.
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
	r.addr = ln.Addr().String()
	r.URL = "wss://" + r.addr + "/relay"
	r.conns = map[net.Conn]bool{}
	srv := &http.Server{Handler: r.handler, ConnState: r.track}
	r.srv = srv
	go srv.Serve(tls.NewListener(ln, r.tls))
	return nil
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
	for c := range r.conns {
		c.Close()
	}
	r.srv = nil
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
