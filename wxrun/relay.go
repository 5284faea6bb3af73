package wxrun

import (
	"context"
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
// protocols as a phone does. Each run has its own relay, with its own
// secret, wired as the relay package wires one (relay/wire.go): on the
// Runner's plain ws:// listener on its address (loopback only) at the run's path while the
// run lasts, and on that path of wxrun's server (wss, the page's own
// origin) as the fallback; the page gets wxshim.relay = relay.Setting.
//
// The relay dials through the run's proxy (proxy.dialContext), so its
// sockets reach the same names, checked the same way, as the page's own:
// Route.Pin and Route.Insecure hold for them too, which relay.Options alone
// (one RootCAs for every name) could not say. The relay checks wxrun's
// certificate on that hop, against the CA of leaves.go.

// relayFor makes the run's relay and the setting that points the page at it.
func (rn *Runner) relayFor(r *run) (http.Handler, relay.Setting, error) {
	secret, err := relay.NewSecret()
	if err != nil {
		return nil, relay.Setting{}, err
	}
	origin := rn.ws.URL // the run's page, also on the plain listener's other port
	rl, err := relay.New(relay.Options{
		Secret:         secret,
		OriginPatterns: []string{origin},
		RootCAs:        rn.leaves.pool(),
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
		return nil, relay.Setting{}, err
	}
	path := "/t/" + rn.srv.token + "/" + r.id + "/relay"
	p, err := rn.plainListener()
	if err != nil {
		return nil, relay.Setting{}, err
	}
	r.unrelay = p.Handle(path, rl)
	wss := "wss://" + strings.TrimPrefix(rn.ws.URL, "https://") + path
	return rl, relay.NewSetting(secret, wss, p.URL(path)), nil
}

// endRelay ends what the run's relay can do once the file is over: its
// plain path goes (the wss one goes with the run's other paths), and it no
// longer dials through the page's proxy, which the host page's next file
// takes over with its own routes.
func (r *run) endRelay() {
	if r.unrelay != nil {
		r.unrelay()
	}
	r.px.Store(nil)
}

// plainListener is the Runner's plain listener for its runs' relays: made
// with the first relay, closed with the Runner.
func (rn *Runner) plainListener() (*relay.Plain, error) {
	rn.relayMu.Lock()
	defer rn.relayMu.Unlock()
	if rn.plain != nil {
		return rn.plain, nil
	}
	// ListenPlain refuses an address that is not loopback (relay.LoopbackAddr):
	// with -listen elsewhere there is no relay (listen.go).
	p, err := relay.ListenPlain(net.JoinHostPort(rn.opts.Listen, "0"))
	if err != nil {
		return nil, err
	}
	go func() {
		<-rn.done
		p.Close()
	}()
	rn.plain = p
	return p, nil
}

var errNoPage = errors.New("the run has no page yet")

// pxRef is the run's proxy, once the run has a page.
type pxRef = atomic.Pointer[proxy]
