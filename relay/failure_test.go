package relay_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

func TestUpstreamFailuresSayWhy(t *testing.T) {
	closedPort := closedPort(t)
	other := untrustedServer(t)
	mute := muteListener(t)

	r := newRig(t, func(o *relay.Options, up *wstest.Server) {
		o.MaxDial = 300 * time.Millisecond
		o.Map["wrong.invalid"] = hostPort(up) // its certificate is not for that name
	})
	for _, tc := range []struct {
		name, url, want string
	}{
		{"HTTP 403", "/refuse?status=403", "HTTP 403 Forbidden"},
		{"HTTP 404", "/refuse?status=404", "HTTP 404 Not Found"},
		{"refused port", "wss://" + closedPort + "/echo", "refused: dial tcp " + closedPort},
		{"untrusted certificate", other.WSS + "/echo", "TLS: tls: failed to verify certificate: x509: certificate signed by unknown authority"},
		{"name not in certificate", "wss://wrong.invalid/echo", "TLS: tls: failed to verify certificate: x509: certificate is valid for"},
		{"plain ws to a TLS port", "ws" + strings.TrimPrefix(r.up.WSS, "wss") + "/echo", "HTTP 400 Bad Request"},
		{"stalled handshake", "/hang", "timeout: no handshake response within 300ms"},
		{"stalled TLS", "wss://" + mute + "/echo", "timeout: no TLS handshake within 300ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, rep := r.send(first(tc.url))
			r.wantFailed(c, rep, relay.StatusDialFailed, tc.want)
			t.Logf("reason: %s", rep.Reason)
		})
	}
}

func TestDNSFailureSaysDNS(t *testing.T) {
	var mu sync.Mutex
	var dialed []string
	r := newRig(t, func(o *relay.Options, up *wstest.Server) {
		o.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			mu.Lock()
			dialed = append(dialed, addr)
			mu.Unlock()
			host, _, _ := net.SplitHostPort(addr)
			if host == "nowhere.test" {
				return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
			}
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}
	})
	c, rep := r.send(first("wss://nowhere.test/ws"))
	r.wantFailed(c, rep, relay.StatusDialFailed, "DNS: lookup nowhere.test: no such host")
	// The hook also carries the connections that work.
	c, _ = r.open(first("/echo"))
	c.CloseNow()
	mu.Lock()
	defer mu.Unlock()
	if len(dialed) != 2 || dialed[0] != "nowhere.test:443" || dialed[1] != hostPort(r.up) {
		t.Errorf("the hook was asked for %q", dialed)
	}
	if r.up.Accepted() != 1 {
		t.Errorf("upstream accepted %d connections, want 1", r.up.Accepted())
	}
}

// TestPageGoneCancelsTheDial: a page that goes away while the relay waits
// for the upstream's handshake response, or for its TLS handshake, ends the
// relay's connection to it: the upstream sees the connection go.
func TestPageGoneCancelsTheDial(t *testing.T) {
	arrived := make(chan struct{}, 4)
	gone := make(chan struct{}, 4)
	r := newRig(t, nil) // MaxDial stays 2 minutes: only the page can end these dials
	r.extra.HandleFunc("/stall", func(w http.ResponseWriter, req *http.Request) {
		arrived <- struct{}{}
		<-req.Context().Done() // the client went away
		gone <- struct{}{}
	})
	mute, accepted := muteListenerSeen(t)

	for _, how := range []string{"drop", "close frame"} {
		t.Run("handshake/"+how, func(t *testing.T) {
			c, _, err := r.dialPage("")
			if err != nil {
				t.Fatal(err)
			}
			sendFirst(t, c, first(r.up.WSS+"/stall"))
			waitChan(t, arrived, "the handshake request to reach the upstream")
			leave(c, how)
			waitChan(t, gone, "the upstream to see the connection go")
		})
		t.Run("TLS/"+how, func(t *testing.T) {
			c, _, err := r.dialPage("")
			if err != nil {
				t.Fatal(err)
			}
			sendFirst(t, c, first("wss://"+mute+"/echo"))
			conn := waitConn(t, accepted)
			leave(c, how)
			conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			buf := make([]byte, 4096)
			for {
				if _, err := conn.Read(buf); err != nil {
					if ne, ok := err.(net.Error); ok && ne.Timeout() {
						t.Fatal("the relay kept its TCP connection after the page left")
					}
					break // EOF: the relay closed it
				}
			}
		})
	}
}

func leave(c *websocket.Conn, how string) {
	if how == "drop" {
		c.CloseNow()
		return
	}
	c.Close(websocket.StatusNormalClosure, "leaving")
}

func sendFirst(t *testing.T, c *websocket.Conn, m map[string]any) {
	t.Helper()
	if err := c.Write(ctxT(t), websocket.MessageText, mustJSON(m)); err != nil {
		t.Fatal(err)
	}
}

func waitChan(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("gave up waiting for %s", what)
	}
}

// closedPort is an address on 127.0.0.1 that nothing listens on: bound,
// then closed, so that a dial to it is refused.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// untrustedServer is a test server on 127.0.0.1 whose certificate comes
// from a CA the relay does not trust; the test's end closes it.
func untrustedServer(t *testing.T) *wstest.Server {
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	s, err := wstest.Start("127.0.0.1:0", cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// muteListener accepts TCP connections on 127.0.0.1 and never writes.
func muteListener(t *testing.T) string {
	addr, _ := muteListenerSeen(t)
	return addr
}

func muteListenerSeen(t *testing.T) (string, <-chan net.Conn) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var all []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range all {
			c.Close()
		}
	})
	conns := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			all = append(all, c)
			mu.Unlock()
			select {
			case conns <- c:
			default:
			}
		}
	}()
	return ln.Addr().String(), conns
}

func waitConn(t *testing.T, ch <-chan net.Conn) net.Conn {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("the relay never connected")
	}
	return nil
}
