package wxrun

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"wxsocket/relay"
)

// With File.Relay (-relay), a page's sockets go through the relay (package
// relay, spec section 7), which sends what a browser's WebSocket cannot:
// header, the phone's Referer (from Settings.AppID and AppVersion),
// protocols as a phone does. Each run has its own relay, on the run's path
// of wxrun's server (the page reaches it directly on 127.0.0.1, its own
// origin), with its own secret; the page gets wxshim.relay = {url, secret}.
//
// The page reaches the relay on a plain ws:// listener of the Runner's, on
// 127.0.0.1 (plainRelays): Chromium lets an https page open ws:// to
// loopback, and the page's leg then costs no TLS at either end (a 64 KiB
// round trip through the relay about 1.1x direct, against 1.3 to 1.5x over
// wss; BENCHMARKS.md). The run's path of wxrun's server stays as the
// fallback the shim takes if the browser refuses it.
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
		return nil, nil, err
	}
	path := "/t/" + rn.srv.token + "/" + r.id + "/relay"
	url := "wss://" + strings.TrimPrefix(rn.ws.URL, "https://") + path
	p, err := rn.plainRelays()
	if err != nil {
		return nil, nil, err
	}
	p.runs.Store(path, rl)
	r.unrelay = func() { p.runs.Delete(path) }
	return rl, map[string]any{"url": p.url + path, "secret": secret, "fallback": url}, nil
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

// plainRelays is a Runner's plain listener for its runs' relays, each at
// its run's path while the run lasts; made with the first relay, closed
// with the Runner.
type plainRelays struct {
	url  string   // ws://127.0.0.1:port
	runs sync.Map // path -> *relay.Relay
}

var (
	plainMu       sync.Mutex
	plainByRunner = map[*Runner]*plainRelays{}
)

func (rn *Runner) plainRelays() (*plainRelays, error) {
	plainMu.Lock()
	defer plainMu.Unlock()
	if p := plainByRunner[rn]; p != nil {
		return p, nil
	}
	ln, err := relay.ListenLoopback("127.0.0.1:0") // the relay dials what a page asks
	if err != nil {
		return nil, err
	}
	p := &plainRelays{url: "ws://" + ln.Addr().String()}
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if h, ok := p.runs.Load(req.URL.Path); ok {
			h.(http.Handler).ServeHTTP(w, req)
			return
		}
		http.NotFound(w, req)
	})}
	go srv.Serve(ln)
	go func() {
		<-rn.done
		srv.Close()
		plainMu.Lock()
		delete(plainByRunner, rn)
		plainMu.Unlock()
	}()
	plainByRunner[rn] = p
	return p, nil
}

var errNoPage = errors.New("the run has no page yet")

// pxRef is the run's proxy, once the run has a page.
type pxRef = atomic.Pointer[proxy]
