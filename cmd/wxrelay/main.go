// Command wxrelay serves the relay (package wxsocket/relay) on its own, for
// people who serve their own pages: the shim in their page sends its
// sockets and its requests (wx.request, at the same URLs as http:// and
// https://) through it, so that servers receive the header, Referer and
// subprotocols a phone sends, and the page gets the status, headers,
// cookies and failures a phone gets.
//
//	wxrelay -origins 'localhost:*' -map api.example.com=127.0.0.1:8443 -ca dev-ca.pem
//
// It listens on loopback only, over TLS (a throwaway certificate made on
// this machine unless -cert and -key are given), and with -plain on a
// second loopback port without TLS, and prints its URLs, its secret and the
// lines to put in the page.
//
// The plain listener (ws://127.0.0.1:port/relay) is for speed: Chromium and
// Firefox let an https page open ws:// to loopback, and the page's leg then
// costs no TLS at either end (a 64 KiB round trip through the relay about
// 1.1x direct, against 1.3 to 1.5x over wss; BENCHMARKS.md). WebKit refuses
// it; the shim then takes the wss URL given as the relay's fallback. The
// secret crosses that leg in the clear, on loopback only.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wxrelay:", err)
		os.Exit(1)
	}
}

// listOf is a flag that may be given many times, each time a comma-separated list.
type listOf []string

func (l *listOf) String() string { return strings.Join(*l, ",") }
func (l *listOf) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// run serves until ctx ends.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("wxrelay", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:9443", "address to listen on: loopback only (127.0.0.0/8, [::1], localhost)")
	plainAddr := fs.String("plain", "", "also listen here without TLS (ws://; e.g. 127.0.0.1:9444): loopback only; faster for Chromium and Firefox, which allow ws:// to loopback from https pages")
	var origins, maps listOf
	fs.Var(&origins, "origins", "page origins allowed besides the relay's own, as host patterns (localhost:*, *.example.com) or scheme://host; repeatable")
	fs.Var(&maps, "map", "host=ip:port: connect there for that host (TLS still checks the host's name); repeatable")
	caFile := fs.String("ca", "", "PEM file of CA certificates to trust for upstream servers, besides the system's")
	secretFlag := fs.String("secret", "", "the secret pages must send (default $WXRELAY_SECRET, else a random one printed at start)")
	certFile := fs.String("cert", "", "TLS certificate (PEM chain) to serve with; with -key")
	keyFile := fs.String("key", "", "TLS private key (PEM) for -cert")
	certDir := fs.String("certs", ".cache/devcert", "without -cert: where the throwaway CA and certificate are kept")
	maxDial := fs.Duration("max-dial", relay.DefaultMaxDial, "longest an upstream connection and handshake may take")
	maxPending := fs.Int("max-pending", relay.DefaultMaxPending, "pages that may wait at once between their upgrade and their first message; more get HTTP 503")
	quiet := fs.Bool("quiet", false, "no line per connection")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	addr, err := relay.LoopbackAddr(*listen)
	if err != nil {
		return fmt.Errorf("-listen: %v", err)
	}
	if *plainAddr != "" {
		if _, err := relay.LoopbackAddr(*plainAddr); err != nil {
			return fmt.Errorf("-plain: %v", err)
		}
	}
	opts := relay.Options{OriginPatterns: origins, MaxDial: *maxDial, MaxPending: *maxPending}
	if opts.Map, err = parseMap(maps); err != nil {
		return err
	}
	if opts.RootCAs, err = roots(*caFile); err != nil {
		return err
	}
	if opts.Secret, err = relay.Secret(*secretFlag); err != nil {
		return err
	}
	if !*quiet {
		opts.Logf = log.New(os.Stderr, "", log.LstdFlags).Printf
	}
	rl, err := relay.New(opts)
	if err != nil {
		return err
	}
	cert, trust, err := serverCert(*certFile, *keyFile, *certDir)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	var plain *relay.Plain // nil: none
	if *plainAddr != "" {
		if plain, err = relay.ListenPlain(*plainAddr); err != nil {
			ln.Close()
			return fmt.Errorf("-plain: %v", err)
		}
		plain.Handle("/relay", rl)
	}
	defer plain.Close() // relayed connections are hijacked: they end with the process
	mux := http.NewServeMux()
	mux.Handle("/relay", rl)
	srv := &http.Server{
		Handler:           mux,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"http/1.1"}},
		ReadHeaderTimeout: 10 * time.Second,
	}
	wss := "wss://" + ln.Addr().String() + "/relay"
	printStart(out, wss, plain.URL("/relay"), opts, trust)
	errc := make(chan error, 1)
	go func() { errc <- srv.ServeTLS(ln, "", "") }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(out, "wxrelay: stopping")
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(sctx) // relayed connections are hijacked: they end with the process
	return nil
}

func parseMap(entries []string) (map[string]string, error) {
	m := map[string]string{}
	for _, e := range entries {
		host, to, ok := strings.Cut(e, "=")
		if _, _, err := net.SplitHostPort(to); !ok || host == "" || err != nil {
			return nil, fmt.Errorf("-map %q: want host=ip:port", e)
		}
		m[host] = to
	}
	return m, nil
}

// roots are the system's CA certificates plus those in file.
func roots(file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil // the system's
	}
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("-ca: %v", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("-ca %s: no PEM certificate in it", file)
	}
	return pool, nil
}

// serverCert loads -cert and -key, or the throwaway certificate cmd/wxserve
// uses (so a browser that trusts one trusts both). trust says how to make a
// browser trust it.
func serverCert(certFile, keyFile, dir string) (tls.Certificate, string, error) {
	if (certFile == "") != (keyFile == "") {
		return tls.Certificate{}, "", errors.New("-cert and -key go together")
	}
	if certFile != "" {
		c, err := tls.LoadX509KeyPair(certFile, keyFile)
		return c, "", err
	}
	c, err := wstest.LoadOrCreateCert(dir)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	ca, _ := filepath.Abs(wstest.CAPath(dir))
	return c.TLS, fmt.Sprintf("The certificate comes from a throwaway CA made on this machine (%s): import it in the browser,\n"+
		"or start Chromium with --ignore-certificate-errors-spki-list=%s\n", ca, c.SPKI), nil
}

func printStart(out io.Writer, url, plainURL string, o relay.Options, trust string) {
	origins := "none yet: add -origins for the origin that serves your pages (e.g. -origins 'localhost:8080')"
	if len(o.OriginPatterns) > 0 {
		origins = strings.Join(o.OriginPatterns, ", ")
	}
	if plainURL != "" {
		fmt.Fprintf(out, "wxrelay: plain relay at %s (no TLS on the page's leg; WebKit refuses it and takes the fallback)\n", plainURL)
	}
	fmt.Fprintf(out, `wxrelay: relay at %s
wxrelay: secret %s
wxrelay: page origins allowed: %s

In the page, after the shim's loader:
  wxshim.relay = %s;
  wxshim.appid = "wx0123456789abcdef";   // for the Referer; or wxshim.configure(projectConfig)
  wxshim.appVersion = "0";               // 0 is the development version

%sCtrl-C stops the relay.
`, url, o.Secret, origins, relay.NewSetting(o.Secret, url, plainURL).JS(), trust)
}
