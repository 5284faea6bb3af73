//go:build !js

package wstest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// The fault endpoints refuse what is over their caps with 400 before any
// WebSocket exists, and serve what is at the cap.
func TestFaultCaps(t *testing.T) {
	srv, client := start(t)
	refused := []string{
		"/big?size=" + strconv.Itoa(MaxBig+1),
		"/big?size=-1",
		"/big?size=1e9",
		"/big?size=99999999999999999999999",
		"/flood?n=" + strconv.Itoa(MaxFlood+1),
		"/flood?n=-5",
		"/flood?n=x",
		"/flood?n=1&tag=" + strings.Repeat("x", 65),
		"/echo?delay=" + strconv.Itoa(MaxDelay+1),
		"/hang?ms=" + strconv.Itoa(MaxHang+1),
		"/refuse?status=200",
		"/refuse?status=1000",
		"/closeafteropen?code=1005",
		"/closeafteropen?code=5000",
		"/closeafteropen?code=1000&reason=" + strings.Repeat("x", 124),
	}
	for _, path := range refused {
		t.Run("refused "+path[:min(len(path), 40)], func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, resp, err := websocket.Dial(ctx, srv.WSS+path, &websocket.DialOptions{HTTPClient: client})
			if err == nil {
				c.CloseNow()
				t.Fatalf("%s: the handshake succeeded; want 400", path)
			}
			if resp == nil || resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("%s: %v, response %v; want 400", path, err, resp)
			}
		})
	}
	t.Run("at the caps", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, _, err := websocket.Dial(ctx, srv.WSS+"/big?size="+strconv.Itoa(MaxBig), &websocket.DialOptions{HTTPClient: client})
		if err != nil {
			t.Fatal(err)
		}
		defer c.CloseNow()
		c.SetReadLimit(MaxBig)
		typ, b, err := c.Read(ctx)
		if err != nil || typ != websocket.MessageBinary || len(b) != MaxBig {
			t.Fatalf("/big at the cap: %v, %v, %d bytes", err, typ, len(b))
		}
		f, _, err := websocket.Dial(ctx, srv.WSS+"/flood?n="+strconv.Itoa(MaxFlood)+"&tag=t", &websocket.DialOptions{HTTPClient: client})
		if err != nil {
			t.Fatal(err)
		}
		defer f.CloseNow()
		for i := range MaxFlood {
			_, b, err := f.Read(ctx)
			if err != nil || string(b) != "t:"+strconv.Itoa(i) {
				t.Fatalf("/flood message %d: %q, %v", i, b, err)
			}
		}
	})
}

func start(t *testing.T) (*Server, *http.Client) {
	t.Helper()
	cert, err := NewCert()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Start("127.0.0.1:0", cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CAPEM)
	return srv, &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}
