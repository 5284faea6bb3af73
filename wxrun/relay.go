package wxrun

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"

	"wxsocket/relay"
)

// With File.Relay (-relay), a page's sockets go through the relay (package
// relay, spec section 7), which sends what a browser's WebSocket cannot:
// header, the phone's Referer (from Settings.AppID and AppVersion),
// protocols as a phone does. Each run has its own relay, on the run's path
// of wxrun's server (the page reaches it directly on 127.0.0.1, its own
// origin), with its own secret; the page gets wxshim.relay = {url, secret}.
//
// The relay dials through the run's proxy (proxy.dialContext), so its
// sockets reach the same names, checked the same way, as the page's own:
// Route.Pin and Route.Insecure hold for them too, which relay.Options alone
// (one RootCAs for every name) could not say. The relay checks wxrun's
// certificate on that hop, against the CA of leaves.go.

// relayFor makes the run's relay and the settings that point the page at it.
func (rn *Runner) relayFor(r *run) (http.Handler, map[string]any, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, nil, err
	}
	secret := hex.EncodeToString(b)
	rl, err := relay.New(relay.Options{
		Secret:  secret,
		RootCAs: rn.leaves.pool(),
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			px := r.px.Load()
			if px == nil {
				return nil, errNoPage
			}
			return px.dialContext(ctx, network, addr)
		},
		Logf: func(format string, args ...any) { rn.logf("wxrun: "+r.name+": relay: "+format, args...) },
	})
	if err != nil {
		return nil, nil, err
	}
	url := "wss://" + strings.TrimPrefix(rn.ws.URL, "https://") + "/t/" + rn.srv.token + "/" + r.id + "/relay"
	return rl, map[string]any{"url": url, "secret": secret}, nil
}

var errNoPage = errors.New("the run has no page yet")

// pxRef is the run's proxy, once the run has a page.
type pxRef = atomic.Pointer[proxy]
