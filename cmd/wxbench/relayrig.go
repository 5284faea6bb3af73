package main

import (
	"crypto/x509"
	"encoding/json"
	"net/http"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// relayRig is what every relay-load measurement runs against: an upstream
// (wstest's server, with extra's endpoints beside its own) and the relay
// at /relay of a server of its own, both in this process on 127.0.0.1, one
// certificate for both. The relay trusts that certificate and dials
// loopback only.
type relayRig struct {
	up, rs *wstest.Server
	pool   *x509.CertPool // the certificate's CA, for the clients
	secret string
}

// startRelayRig starts the upstream with extra (nil: wstest's endpoints
// alone) and the relay.
func startRelayRig(extra http.Handler) (*relayRig, error) {
	cert, err := wstest.NewCert()
	if err != nil {
		return nil, err
	}
	r := &relayRig{pool: x509.NewCertPool()}
	r.pool.AppendCertsFromPEM(cert.CAPEM)
	if r.secret, err = relay.NewSecret(); err != nil {
		return nil, err
	}
	rl, err := relay.New(relay.Options{Secret: r.secret, RootCAs: r.pool, DialContext: wstest.DialLoopback})
	if err != nil {
		return nil, err
	}
	if r.up, err = wstest.Start("127.0.0.1:0", cert, extra); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/relay", rl)
	if r.rs, err = wstest.Start("127.0.0.1:0", cert, mux); err != nil {
		r.up.Close()
		return nil, err
	}
	return r, nil
}

// close stops the relay's server, then the upstream.
func (r *relayRig) close() {
	r.rs.Close()
	r.up.Close()
}

// head is the first line a page sends the relay for an HTTP request to
// url, with more's fields (method, header) beside v, secret and url.
func (r *relayRig) head(url string, more map[string]any) []byte {
	h := map[string]any{"v": 1, "secret": r.secret, "url": url}
	for k, v := range more {
		h[k] = v
	}
	b, _ := json.Marshal(h) // strings and maps of strings: no error
	return append(b, '\n')
}
