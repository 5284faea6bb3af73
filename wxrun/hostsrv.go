package wxrun

import (
	"bytes"
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"

	"wxsocket/internal/wstest"
)

// hostHTML is the host page (page/host.js, slot.go).
const hostHTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>wxrun</title><script src="/wxrun/host.js"></script></head><body></body></html>
`

// hostServer serves the host page, and nothing else, on a port of its own
// on the Runner's address (Options.Listen): the files' pages come from the Runner's other server, so a
// host page and its file's frame are the same site (that address) but not the
// same origin (slot.go).
type hostServer struct {
	url string
	srv *http.Server
}

func startHostServer(cert *wstest.Cert, at string) (*hostServer, error) {
	js, err := pageFS.ReadFile("page/host.js")
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(at, "0"))
	if err != nil {
		return nil, err
	}
	started := time.Now()
	h := &hostServer{url: "https://" + ln.Addr().String()}
	h.srv = &http.Server{
		ReadHeaderTimeout: 10 * time.Second,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert.TLS}, NextProtos: []string{"http/1.1"}},
		Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("X-Content-Type-Options", "nosniff")
			switch req.URL.Path {
			case hostPath:
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				http.ServeContent(w, req, "", started, bytes.NewReader([]byte(hostHTML)))
			case "/wxrun/host.js":
				w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
				http.ServeContent(w, req, "", started, bytes.NewReader(js))
			default:
				http.NotFound(w, req)
			}
		}),
	}
	go h.srv.ServeTLS(ln, "", "")
	return h, nil
}

func (h *hostServer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := h.srv.Shutdown(ctx); err != nil {
		return h.srv.Close()
	}
	return nil
}
