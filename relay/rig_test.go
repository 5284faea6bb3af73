package relay_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// The rig: a real upstream (internal/wstest: TLS on 127.0.0.1, an accept
// counter, /headers, /echo, the fault paths), the relay served over TLS on
// 127.0.0.1, and pages that are coder/websocket clients sending the first
// message by hand, as the shim's glue does.

const secret = "test-secret-0123456789"

type rig struct {
	t      testing.TB
	cert   *wstest.Cert
	up     *wstest.Server // the upstream
	srv    *wstest.Server // serves the relay at /relay
	relay  *relay.Relay
	client *http.Client // trusts cert
	extra  *http.ServeMux
	logs   *logBuf
}

// newRig starts an upstream and a relay; opts adjusts the relay's options.
// Paths added to rig.extra are served by the upstream too.
func newRig(t testing.TB, opts func(o *relay.Options, up *wstest.Server)) *rig {
	t.Helper()
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, cert: cert, extra: http.NewServeMux(), logs: &logBuf{}}
	r.up, err = wstest.Start("127.0.0.1:0", cert, r.extra)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.up.Close() })
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CAPEM)
	o := relay.Options{
		Secret:  secret,
		RootCAs: pool,
		Map:     map[string]string{"api.example.com": hostPort(r.up)},
		Logf:    r.logs.logf,
	}
	if opts != nil {
		opts(&o, r.up)
	}
	r.relay, err = relay.New(o)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/relay", r.relay)
	r.srv, err = wstest.Start("127.0.0.1:0", cert, mux)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.srv.Close() })
	// X25519 alone (Go's default adds ML-KEM, three times the CPU of a
	// loopback handshake), and resumed sessions, as a browser resumes them.
	r.client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{
		RootCAs:            pool,
		CurvePreferences:   []tls.CurveID{tls.X25519},
		ClientSessionCache: tls.NewLRUClientSessionCache(64),
	}}}
	t.Cleanup(r.client.CloseIdleConnections)
	return r
}

// hostPort is the upstream's address, for Map.
func hostPort(s *wstest.Server) string { return strings.TrimPrefix(s.WSS, "wss://") }

// ctxT is the test's context: one per test, so that a loop of ten thousand
// calls does not pile up timers.
func ctxT(t testing.TB) context.Context {
	if ctx, ok := ctxs.Load(t); ok {
		return ctx.(context.Context)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	if prev, loaded := ctxs.LoadOrStore(t, ctx); loaded {
		cancel()
		return prev.(context.Context)
	}
	t.Cleanup(func() { cancel(); ctxs.Delete(t) })
	return ctx
}

var ctxs sync.Map

// dialPage opens a page's WebSocket to the relay, with this Origin header
// ("" for none, as a non-browser client sends). The test's end closes it.
func (r *rig) dialPage(origin string) (*websocket.Conn, *http.Response, error) {
	c, resp, err := r.dialPageRaw(origin)
	if c != nil {
		r.t.Cleanup(func() { c.CloseNow() })
	}
	return c, resp, err
}

// dialPageRaw is dialPage for loops: the caller closes the page.
func (r *rig) dialPageRaw(origin string) (*websocket.Conn, *http.Response, error) {
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	c, resp, err := websocket.Dial(ctxT(r.t), r.srv.WSS+"/relay", &websocket.DialOptions{HTTPClient: r.client, HTTPHeader: h})
	if c != nil {
		c.SetReadLimit(-1)
	}
	return c, resp, err
}

// first is a first message; url is relative to the upstream ("/echo") or
// absolute.
func first(url string) map[string]any {
	return map[string]any{"v": 1, "secret": secret, "url": url}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// reply is the relay's "open" or "failed" message.
type reply struct {
	Type     string             `json:"type"`
	Reason   string             `json:"reason"`
	Protocol string             `json:"protocol"`
	Header   map[string]string  `json:"header"`
	Profile  map[string]float64 `json:"profile"`
	raw      []byte
}

// send opens a page and sends m (marshalled unless it is a string or
// []byte already), then reads the relay's reply.
func (r *rig) send(m any) (*websocket.Conn, reply) {
	r.t.Helper()
	c, _, err := r.dialPage("")
	if err != nil {
		r.t.Fatal(err)
	}
	return c, r.sendOn(c, m)
}

func (r *rig) sendOn(c *websocket.Conn, m any) reply {
	r.t.Helper()
	var b []byte
	switch v := m.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		if mm, ok := v.(map[string]any); ok {
			if u, ok := mm["url"].(string); ok && strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
				mm["url"] = r.up.WSS + u
			}
		}
		b, _ = json.Marshal(v)
	}
	if err := c.Write(ctxT(r.t), websocket.MessageText, b); err != nil {
		r.t.Fatal(err)
	}
	typ, got, err := c.Read(ctxT(r.t))
	if err != nil {
		r.t.Fatalf("no reply from the relay: %v", err)
	}
	if typ != websocket.MessageText {
		r.t.Fatalf("reply is %v, not text", typ)
	}
	var rep reply
	if err := json.Unmarshal(got, &rep); err != nil {
		r.t.Fatalf("reply %q: %v", got, err)
	}
	rep.raw = got
	return rep
}

// open sends m and fails the test unless the relay says "open".
func (r *rig) open(m any) (*websocket.Conn, reply) {
	r.t.Helper()
	c, rep := r.send(m)
	if rep.Type != "open" {
		r.t.Fatalf("want open, got %s", rep.raw)
	}
	return c, rep
}

// handshake reads /headers' first message: what the upstream received.
func handshake(t testing.TB, c *websocket.Conn) wstest.Handshake {
	t.Helper()
	_, b, err := c.Read(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	var h wstest.Handshake
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	return h
}

// closeOf reads until the connection ends and returns how: the close frame's
// code and reason, or code -1 for a connection that ended without one.
func closeOf(t testing.TB, c *websocket.Conn) (websocket.StatusCode, string) {
	t.Helper()
	for {
		_, _, err := c.Read(ctxT(t))
		if err == nil {
			continue
		}
		var ce websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code, ce.Reason
		}
		return -1, err.Error()
	}
}

// wantFailed checks that the relay said "failed" with a reason containing
// want, then closed with code.
func (r *rig) wantFailed(c *websocket.Conn, rep reply, code websocket.StatusCode, want string) {
	r.t.Helper()
	if rep.Type != "failed" || !strings.Contains(rep.Reason, want) {
		r.t.Errorf("want failed %q, got %s", want, rep.raw)
	}
	got, reason := closeOf(r.t, c)
	if got != code {
		r.t.Errorf("close code %d (%q), want %d", got, reason, code)
	}
	if reason == "" || len(reason) > 123 {
		r.t.Errorf("close reason %q: want a short reason", reason)
	}
}

// logBuf collects the relay's log lines: the first thousand, so that a
// loop of refusals does not make the test's own memory grow.
type logBuf struct {
	mu    sync.Mutex
	lines []string
}

func (l *logBuf) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lines) < 1000 {
		l.lines = append(l.lines, fmt.Sprintf(format, args...))
	}
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// waitFor polls cond for up to 10 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
