package wxrun

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
)

// The relay (spec section 7, the relay issue) sends what a browser's
// WebSocket cannot: header, Referer, protocols as a phone sends them. With
// File.Relay, each run gets its own relay, served on the run's own path of
// wxrun's server (the page reaches it directly on 127.0.0.1), dialing the
// run's routes with their trust, and the page gets wxshim.relay.
//
// TODO(relay): the relay package (wxsocket/relay) is not on this branch
// yet. When it is, this is the whole of it:
//
//	func init() {
//		newRelay = func(secret, origin string, routes map[string]Route) (http.Handler, error) {
//			m := map[string]string{}
//			for host, rt := range routes { m[host] = rt.Addr }
//			return relay.New(relay.Options{Secret: secret, OriginPatterns: []string{origin},
//				RootCAs: rootsOf(routes), Map: m}), nil
//		}
//	}
//
// (Route.Pin and Route.Insecure then need a counterpart in relay.Options:
// one RootCAs for every host cannot say "exactly this certificate".)
var newRelay func(secret, origin string, routes map[string]Route) (http.Handler, error)

// ErrNoRelay is Run's answer to File.Relay while the relay is not built in.
var ErrNoRelay = errors.New("the relay (issue 9) is not in this build of wxrun yet")

// RelayAvailable says whether File.Relay (-relay) can be used.
func RelayAvailable() bool { return newRelay != nil }

// relayFor makes the run's relay and the settings that point the page at it.
func (rn *Runner) relayFor(r *run, routes map[string]Route) (http.Handler, map[string]any, error) {
	if newRelay == nil {
		return nil, nil, ErrNoRelay
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, nil, err
	}
	secret := hex.EncodeToString(b)
	h, err := newRelay(secret, rn.ws.URL, routes)
	if err != nil {
		return nil, nil, err
	}
	url := "wss://" + rn.ws.URL[len("https://"):] + "/t/" + rn.srv.token + "/" + r.id + "/relay"
	return h, map[string]any{"url": url, "secret": secret}, nil
}
