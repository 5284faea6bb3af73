package main

import (
	"context"
	"crypto/x509"
	"net"
	"net/http"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// benchSecret is the secret of the bench page's relay (the page reads it
// from /config; the relay listens on 127.0.0.1 only, like everything here).
const benchSecret = "wxbench-relay"

// benchRelay is the relay the "relay" variant goes through: at /relay of
// the bench server, trusting its CA, dialling 127.0.0.1. The same upstream
// as the direct variants, so relay/task is what the relay's hop costs.
func benchRelay(cert *wstest.Cert) (http.Handler, error) {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CAPEM)
	return relay.New(relay.Options{
		Secret:  benchSecret,
		RootCAs: pool,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			_, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			var d net.Dialer
			return d.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
		},
	})
}
