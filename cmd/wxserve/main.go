// Command wxserve is the dev server behind `make serve`: the harness page,
// the loader and the wasm over HTTPS, a wss echo server and the relay
// (/relay, with /relay-config for the harness) on the same port, the relay
// on a plain ws:// port too (-relay-port, 8444), all on 127.0.0.1.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"wxsocket/internal/wstest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "wxserve:", err)
		os.Exit(1)
	}
}

func run() error {
	port := flag.Int("port", 8443, "port on 127.0.0.1 (0 picks a free one)")
	relayPort := flag.Int("relay-port", 8444, "port on 127.0.0.1 of the relay's plain ws:// listener (0 picks a free one, -1 none: the relay at wss://…/relay only)")
	root := flag.String("root", ".", "the repository: web/ and build/ are served from it")
	certDir := flag.String("certs", ".cache/devcert", "where the dev CA and certificate are kept")
	flag.Parse()

	cert, err := wstest.LoadOrCreateCert(*certDir)
	if err != nil {
		return err
	}
	plainAddr := ""
	if *relayPort >= 0 {
		plainAddr = "127.0.0.1:" + strconv.Itoa(*relayPort)
	}
	rl, err := newRelays(cert, log.New(os.Stderr, "wxserve: ", 0).Printf, nil, plainAddr)
	if err != nil {
		return err
	}
	defer rl.close()
	srv, err := wstest.Start("127.0.0.1:"+strconv.Itoa(*port), cert, rl.routes(files(*root)))
	if err != nil {
		return err
	}
	if err := rl.servePlain(srv.Port()); err != nil {
		return err
	}
	plain := ""
	if u := rl.plainURL(); u != "" {
		plain = "\nwxserve: relay at " + u + " too: plain ws on loopback, which Chromium and Firefox allow from an https page\n         (no TLS on the page's leg: faster; WebKit refuses it and takes the wss one)"
	}
	ca, _ := filepath.Abs(wstest.CAPath(*certDir))
	fmt.Printf(`wxserve: the harness is at %[1]s/
wxserve: wss echo server at %[2]s/echo (binary stays binary, text stays text)
wxserve: relay at %[2]s/relay, secret %[5]s%[6]s
         (this server's pages read the relay's URLs and secret from %[1]s/relay-config)

The certificate comes from a throwaway CA made on this machine (%[3]s).
To make a browser trust it, do one of:
  - Chromium/Chrome, this session only (trusts just this server's key):
      chromium --user-data-dir=$(mktemp -d) --ignore-certificate-errors-spki-list=%[4]s %[1]s/
  - Chromium/Chrome on Linux, for good:
      certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n wxshim-dev -i %[3]s
    (certutil is in Debian's libnss3-tools), then restart the browser.
  - Firefox: Settings > Privacy & Security > Certificates > View Certificates >
    Authorities > Import %[3]s, and tick "trust this CA to identify websites".
Ctrl-C stops the server.
`, srv.URL, srv.WSS, ca, cert.SPKI, rl.secret, plain)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Println("\nwxserve: stopping")
	return srv.Close()
}

// files serves the harness (web/) at /, and the built shim (build/) beside it.
func files(root string) http.Handler {
	web := http.FileServer(http.Dir(filepath.Join(root, "web")))
	build := http.FileServer(http.Dir(filepath.Join(root, "build")))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		switch filepath.Ext(r.URL.Path) {
		case ".wasm":
			w.Header().Set("Content-Type", "application/wasm")
			build.ServeHTTP(w, r)
		case ".js", ".ts":
			if _, err := os.Stat(filepath.Join(root, "build", filepath.Clean(r.URL.Path))); err == nil {
				build.ServeHTTP(w, r)
				return
			}
			web.ServeHTTP(w, r)
		default:
			web.ServeHTTP(w, r)
		}
	})
}
