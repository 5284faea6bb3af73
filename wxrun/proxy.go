package wxrun

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Each host page runs in its own browser context, and each context has its own
// HTTP proxy (Target.createBrowserContext's proxyServer): this file. The
// proxy is how names reach servers and how certificates are trusted, per
// page, with one browser for the whole run:
//
//   - a name is dialed only when a Route maps it (-map, Script.Server); any
//     other name is refused with a line in the page's output, so nothing
//     leaves the machine by accident and no DNS lookup is made;
//   - TLS ends here with a certificate for the asked name under wxrun's own
//     key (the one key the browser trusts), and starts again towards the
//     server, where Go checks the server's certificate against the route's
//     roots, its pinned certificate, or nothing (-insecure).
//
// Browser flags (--host-resolver-rules, --ignore-certificate-errors-spki-list)
// could do the mapping, but they are fixed when the browser starts and
// apply to every page: a Go test binary maps a different httptest server in
// each test, and a remote browser (-browser) takes no flags from us at all.

// Route is where a host name goes.
type Route struct {
	Addr     string            // ip:port to dial
	RootCAs  *x509.CertPool    // roots for the server's certificate; nil: the system's
	Pin      *x509.Certificate // when set, the server must present exactly this certificate
	Insecure bool              // accept any certificate (-insecure)
}

func (rt Route) tlsConfig(host string) *tls.Config {
	c := &tls.Config{ServerName: host, RootCAs: rt.RootCAs, NextProtos: []string{"http/1.1"}}
	switch {
	case rt.Pin != nil:
		pin := rt.Pin.Raw
		c.InsecureSkipVerify = true // replaced by the exact comparison below
		c.VerifyPeerCertificate = func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 || !bytes.Equal(raw[0], pin) {
				return errors.New("the server's certificate is not the one the test trusts")
			}
			return nil
		}
	case rt.Insecure:
		c.InsecureSkipVerify = true
	}
	return c
}

// proxy is one context's proxy. Its routes are set for each file the
// context's host page runs (slot.go), one file at a time; between files it
// dials nothing.
type proxy struct {
	ln     net.Listener
	leaves *leaves
	mu     sync.Mutex
	routes map[string]Route // "host:port" or "host", lower case
	notef  func(level, text string)
	conns  map[net.Conn]bool
	closed bool
	wg     sync.WaitGroup
}

// startProxy listens on at, the Runner's address: the browser dials its
// proxy there.
func startProxy(lv *leaves, at string) (*proxy, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(at, "0"))
	if err != nil {
		return nil, err
	}
	p := &proxy{ln: ln, leaves: lv, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.serve()
	return p, nil
}

// use sets where names go, and where the proxy's lines are written.
func (p *proxy) use(routes map[string]Route, note func(level, text string)) {
	p.mu.Lock()
	p.routes, p.notef = routes, note
	p.mu.Unlock()
}

func (p *proxy) note(level, text string) {
	p.mu.Lock()
	f := p.notef
	p.mu.Unlock()
	if f != nil {
		f(level, text)
	}
}

func (p *proxy) url() string { return "http://" + p.ln.Addr().String() }

// Close stops the proxy and cuts every tunnel through it.
func (p *proxy) Close() {
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.ln.Close()
	p.wg.Wait()
}

// cut ends every tunnel through the proxy (between two files): the
// browser keeps idle connections for reuse, and the next file's names may
// go elsewhere.
func (p *proxy) cut() {
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
}

func (p *proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		c.Close()
		return false
	}
	p.conns[c] = true
	return true
}

func (p *proxy) forget(c net.Conn) {
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
	c.Close()
}

func (p *proxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.track(c) {
			continue
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			defer p.forget(c)
			p.handle(c)
		}()
	}
}

func (p *proxy) lookup(hostport string) (Route, string, bool) {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		return Route{}, "", false
	}
	host = strings.ToLower(host)
	p.mu.Lock()
	defer p.mu.Unlock()
	if rt, ok := p.routes[strings.ToLower(hostport)]; ok {
		return rt, host, true
	}
	rt, ok := p.routes[host]
	return rt, host, ok
}

func (p *proxy) handle(c net.Conn) {
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(c)
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	if req.Method != http.MethodConnect {
		p.note("error", "wxrun: the page asked for "+req.URL.String()+": only https and wss reach servers")
		io.WriteString(c, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		return
	}
	up, rt, host, err := p.dial(req.Host)
	if err != nil {
		io.WriteString(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		return
	}
	defer p.forget(up)
	if _, err := io.WriteString(c, "HTTP/1.1 200 Connection Established\r\n\r\n"); err != nil {
		return
	}
	c.SetReadDeadline(time.Time{})
	p.splice(&bufConn{Conn: c, r: br}, up, req.Host, host, rt)
}

// dial connects to where hostport is mapped, or says (in the page's
// output too) why it does not.
func (p *proxy) dial(hostport string) (up net.Conn, rt Route, host string, err error) {
	rt, host, ok := p.lookup(hostport)
	if !ok {
		p.note("warn", fmt.Sprintf("wxrun: %s is not mapped, so it was not dialed (map it: -map %s=IP:PORT)", hostport, hostOnly(hostport)))
		return nil, rt, host, fmt.Errorf("%s is not mapped", hostport)
	}
	up, err = net.DialTimeout("tcp", rt.Addr, 10*time.Second)
	if err != nil {
		p.note("error", fmt.Sprintf("wxrun: %s (mapped to %s): %v", hostport, rt.Addr, unwrapOp(err)))
		return nil, rt, host, err
	}
	if !p.track(up) {
		return nil, rt, host, net.ErrClosed
	}
	return up, rt, host, nil
}

// splice joins a client to the server up: as they are when the client does
// not start with TLS (ws:// with urlCheck off), else with TLS ended here
// under wxrun's key and started again towards the server, checked as rt
// says.
func (p *proxy) splice(client *bufConn, up net.Conn, hostport, host string, rt Route) {
	first, err := client.r.Peek(1)
	if err != nil {
		return
	}
	if first[0] != 0x16 { // not a TLS handshake
		pipe(client, up)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	uc := tls.Client(up, rt.tlsConfig(host))
	if err := uc.HandshakeContext(ctx); err != nil {
		p.note("error", fmt.Sprintf("wxrun: TLS to %s (mapped to %s): %v%s", hostport, rt.Addr, err, trustHint(rt)))
		return
	}
	tc := tls.Server(client, &tls.Config{
		NextProtos: []string{"http/1.1"},
		GetCertificate: func(hi *tls.ClientHelloInfo) (*tls.Certificate, error) {
			return p.leaves.get(host)
		},
	})
	if err := tc.HandshakeContext(ctx); err != nil {
		return
	}
	pipe(tc, uc)
}

// dialContext is the relay's way out (relay.go): the same names, the same
// trust, as the page's own sockets. The relay gets one end of a pipe and
// speaks TLS to wxrun's certificate on it, which it trusts (leaves.pool).
func (p *proxy) dialContext(ctx context.Context, network, hostport string) (net.Conn, error) {
	up, rt, host, err := p.dial(hostport)
	if err != nil {
		return nil, err
	}
	mine, theirs := net.Pipe()
	if !p.track(theirs) {
		p.forget(up)
		return nil, net.ErrClosed
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer p.forget(up)
		defer p.forget(theirs)
		p.splice(&bufConn{Conn: theirs, r: bufio.NewReader(theirs)}, up, hostport, host, rt)
	}()
	return mine, nil
}

func trustHint(rt Route) string {
	if rt.Pin != nil || rt.Insecure {
		return ""
	}
	return "; trust its certificate with -ca FILE, or -insecure for a throwaway one"
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// unwrapOp drops the "dial tcp 127.0.0.1:9:" prefix the line already says.
func unwrapOp(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

// pipe copies both ways until either side ends, then ends both.
func pipe(a, b net.Conn) {
	done := make(chan struct{}, 2)
	go func() { io.Copy(a, b); done <- struct{}{} }()
	go func() { io.Copy(b, a); done <- struct{}{} }()
	<-done
	a.Close()
	b.Close()
	<-done
}

// bufConn reads what the request reader buffered before the connection.
type bufConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufConn) Read(p []byte) (int, error) { return c.r.Read(p) }
