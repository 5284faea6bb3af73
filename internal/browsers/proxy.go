//go:build !js

package browsers

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"strconv"
	"time"
)

// Proxy is an HTTP proxy on 127.0.0.1 that sends every request to
// 127.0.0.1, whatever the host name: WebKitGTK has no switch like
// Chromium's --host-resolver-rules or Firefox's network.dns.forceResolve,
// so WebKit runs with this as its proxy for http, https, ws and wss. It
// never resolves a name, and it dials nothing but loopback.
//
// CONNECT host:port (https, wss) becomes a TCP tunnel to 127.0.0.1:port,
// so TLS stays end to end between the browser and the test server; a plain
// request (http, ws) is forwarded to 127.0.0.1:port with its Host header
// kept, upgrades included.
type Proxy struct {
	Addr string // 127.0.0.1:port
	srv  *http.Server
}

// StartProxy listens on a free port of 127.0.0.1.
func StartProxy() (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{Addr: ln.Addr().String()}
	forward := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.Out.URL.Scheme = "http"
			r.Out.URL.Host = loopback(r.In.URL.Host, "80")
			r.Out.Host = r.In.Host
		},
		Transport: &http.Transport{DialContext: dialLoopback, Proxy: nil},
	}
	p.srv = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodConnect {
				tunnel(w, r)
				return
			}
			if r.URL.Host == "" { // not a proxy request
				http.Error(w, "this is a proxy", http.StatusBadRequest)
				return
			}
			forward.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go p.srv.Serve(ln)
	return p, nil
}

// Close stops the proxy and its tunnels.
func (p *Proxy) Close() error { return p.srv.Close() }

// loopback turns host[:port] into 127.0.0.1:port (port def when none).
func loopback(hostport, def string) string {
	port := def
	if _, p, err := net.SplitHostPort(hostport); err == nil {
		port = p
	}
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
		port = def
	}
	return net.JoinHostPort("127.0.0.1", port)
}

// dialLoopback dials 127.0.0.1 at the port of addr, whatever its host.
func dialLoopback(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "tcp4", loopback(addr, "80"))
}

// tunnel answers CONNECT host:port with a byte pipe to 127.0.0.1:port.
func tunnel(w http.ResponseWriter, r *http.Request) {
	up, err := dialLoopback(r.Context(), "tcp", loopback(r.Host, "443"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		up.Close()
		return
	}
	conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
	go func() {
		if n := buf.Reader.Buffered(); n > 0 { // bytes the client sent after CONNECT
			b, _ := buf.Reader.Peek(n)
			up.Write(b)
		}
		io.Copy(up, conn)
		up.(*net.TCPConn).CloseWrite()
	}()
	io.Copy(conn, up)
	conn.Close()
	up.Close()
}
