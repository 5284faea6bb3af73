package main

import (
	"crypto/x509"
	"net"
	"net/http"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// benchSecret is the secret of the bench page's relay (the page reads it
// from /config; the relay listens on 127.0.0.1 only, like everything here).
const benchSecret = "wxbench-relay"

// benchRelay is the relay the relay variants go through, trusting the bench
// server's CA, dialling 127.0.0.1: the same upstream as the direct
// variants, so relay/task is what the relay's hop costs. "relaytls" reaches
// it at /relay of the bench server (wss, the page's origin); "relay" on a
// plain listener of its own, ws://127.0.0.1:port/relay, as cmd/wxserve
// serves it: a browser lets an https page open ws:// to loopback, and the
// page's leg then costs no TLS on either end.
func benchRelay(cert *wstest.Cert) (http.Handler, error) {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CAPEM)
	return relay.New(relay.Options{
		Secret:         benchSecret,
		OriginPatterns: []string{"https://127.0.0.1:*"}, // the bench pages, on the plain listener
		RootCAs:        pool,
		DialContext:    wstest.DialLoopback,
	})
}

// plainRelay serves rl at /relay of a plain listener on 127.0.0.1 and
// returns its URL.
func plainRelay(rl http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/relay", rl)
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return "ws://" + ln.Addr().String() + "/relay", func() { srv.Close() }, nil
}
