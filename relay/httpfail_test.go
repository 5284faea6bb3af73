package relay_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// A request that finds no answer gets 502 with the cause, one word the
// shim maps to an errMsg, and the reason with the underlying error.
func TestRequestFailuresSayWhy(t *testing.T) {
	closedPort := closedPort(t)
	other := untrustedServer(t)
	mute := muteListener(t)
	plainHTTP := plainServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "plain") }))

	r := newRig(t, func(o *relay.Options, up *wstest.Server) {
		o.Map["wrong.invalid"] = hostPort(up) // its certificate is not for that name
	})
	r.extra.HandleFunc("/headers-over-64k", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Big", strings.Repeat("x", 70<<10))
	})
	r.extra.HandleFunc("/head-too-long-to-pass", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Bin", strings.Repeat("\xff", 40<<10)) // each byte a \ufffd: 240 KiB escaped
	})
	for _, tc := range []struct {
		name, url   string
		timeout     int64
		cause, want string
	}{
		{"refused port", "https://" + closedPort + "/", 0, "refused", "refused: dial tcp " + closedPort},
		{"refused port, http", "http://" + closedPort + "/", 0, "refused", "connect: connection refused"},
		{"name that does not resolve", "https://nowhere.invalid/", 0, "dns", "DNS: lookup nowhere.invalid: no such host"},
		{"untrusted certificate", other.URL + "/http/echo", 0, "tls", "TLS: tls: failed to verify certificate: x509: certificate signed by unknown authority"},
		{"name not in certificate", "https://wrong.invalid/http/echo", 0, "tls", "TLS: tls: failed to verify certificate: x509: certificate is valid for"},
		{"https to a plain port", "https://" + plainHTTP + "/", 0, "tls", "TLS: http: server gave HTTP response to HTTPS client"},
		{"no answer in time", "/hang?ms=5000", 300, "timeout", "timeout: no response within 300ms"},
		{"no TLS handshake in time", "https://" + mute + "/", 300, "timeout", "timeout: no TLS handshake within 300ms"},
		{"closed without answering", "/hang?ms=50", 0, "closed", "closed: the server closed the connection without answering"},
		{"response headers over 64 KiB", "/headers-over-64k", 0, "http", "server response headers exceeded 65536 bytes"},
		{"a head too long for the page", "/head-too-long-to-pass", 0, "http", "http: the response's headers are too large to pass on"},
		{"a huge timeout is none", "/http/echo", 1 << 62, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := req(tc.url)
			if tc.timeout > 0 {
				h["timeout"] = tc.timeout
			}
			a := r.fetch(h, nil)
			if tc.cause == "" {
				a.ok(t)
				return
			}
			a.refused(t, http.StatusBadGateway, tc.want)
			if a.refusal.Cause != tc.cause {
				t.Errorf("cause %q, want %q", a.refusal.Cause, tc.cause)
			}
			t.Logf("%s: %s", a.refusal.Cause, a.refusal.Reason)
		})
	}
	if strings.Contains(r.logs.String(), "ms=") {
		t.Errorf("a query reached the log:\n%s", r.logs)
	}
}

// With Options.DialContext (wxserve's tests, wxrun's proxy), names go to
// the hook, which says how they resolve.
func TestRequestDialContextCarriesNames(t *testing.T) {
	var asked []string
	r := newRig(t, func(o *relay.Options, up *wstest.Server) {
		o.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			asked = append(asked, addr)
			if strings.HasPrefix(addr, "nowhere.test:") {
				return nil, &net.DNSError{Err: "no such host", Name: "nowhere.test", IsNotFound: true}
			}
			var d net.Dialer
			return d.DialContext(ctx, network, hostPort(up))
		}
	})
	a := r.fetch(req("https://nowhere.test/x"), nil)
	a.refused(t, http.StatusBadGateway, "DNS: lookup nowhere.test: no such host")
	if e := r.fetch(req("https://api.example.com/http/echo"), nil).ok(t).echo(t); e.Host != "api.example.com" {
		t.Errorf("Host %q", e.Host)
	}
	if len(asked) != 2 || asked[0] != "nowhere.test:443" || asked[1] != hostPort(r.up) {
		t.Errorf("the hook was asked for %q (Map goes first: api.example.com is mapped)", asked)
	}
}

// The body breaking off upstream breaks the page's body off too: the page
// never takes a short body for a whole one.
func TestRequestBodyBreakingOffReachesThePage(t *testing.T) {
	r := newRig(t, nil)
	a := r.fetch(req("/http/drop"), nil)
	if a.head == nil || a.head.Status != 200 || a.bodyErr == nil || len(a.body) != 100 {
		t.Errorf("head %v, %d bytes, error %v: want 100 bytes then an error", a.head, len(a.body), a.bodyErr)
	}
	if !strings.Contains(r.logs.String(), "the body broke off after 100 bytes") {
		t.Errorf("log:\n%s", r.logs)
	}
}

// The page going away, or the request's timeout, ends the upstream
// request: while it waits for the head, and while the body streams.
func TestRequestPageGoneOrTimeoutCancelsTheUpstream(t *testing.T) {
	arrived := make(chan struct{}, 4)
	gone := make(chan struct{}, 4)
	r := newRig(t, nil)
	r.extra.HandleFunc("/stall", func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Query().Get("body") != "" {
			w.Write([]byte("first bytes"))
			http.NewResponseController(w).Flush()
		}
		arrived <- struct{}{}
		<-req.Context().Done() // the client went away
		gone <- struct{}{}
	})
	for _, path := range []string{"/stall", "/stall?body=1"} {
		t.Run("page gone "+path, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				resp, err := r.post(ctx, r.srv.URL+"/relay", "", req(path), strings.NewReader(""))
				if err == nil {
					_, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				done <- err
			}()
			waitChan(t, arrived, "the request to reach the upstream")
			cancel()
			waitChan(t, gone, "the upstream to see the request go")
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Errorf("the page's fetch: %v", err)
			}
		})
		t.Run("timeout "+path, func(t *testing.T) {
			h := req(path)
			h["timeout"] = 200
			a := r.fetch(h, nil)
			waitChan(t, arrived, "the request to reach the upstream")
			waitChan(t, gone, "the upstream to see the request go")
			if path == "/stall" {
				a.refused(t, http.StatusBadGateway, "timeout: no response within 200ms")
			} else if a.head == nil || string(a.body) != "first bytes" || a.bodyErr == nil {
				t.Errorf("timeout during the body: head %v, body %q, error %v", a.head, a.body, a.bodyErr)
			}
		})
	}
}

// No proxy from the environment: the relay connects itself.
func TestRequestTakesNoProxyFromTheEnvironment(t *testing.T) {
	var proxied atomic.Int64
	proxy := plainServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		proxied.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	for _, v := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY"} {
		t.Setenv(v, "http://"+proxy)
	}
	t.Setenv("NO_PROXY", "")
	r := newRig(t, nil)
	r.fetch(req("/http/echo"), nil).ok(t)
	plain := plainServer(t, r.up.Handler())
	r.fetch(req("http://"+plain+"/http/echo"), nil).ok(t)
	if proxied.Load() != 0 {
		t.Errorf("the proxy got %d requests", proxied.Load())
	}
}

// plainServer serves h over plain HTTP on 127.0.0.1 and returns its address.
func plainServer(t testing.TB, h http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}
