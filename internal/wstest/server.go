//go:build !js

package wstest

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// ReadLimit is the largest message the server takes: 16 MiB plus room.
const ReadLimit = 16<<20 + 1024

// Server is a wss server on 127.0.0.1. Its handler answers:
//
//	/echo          echoes text as text and binary as binary; a text message
//	               "__ctl close <code> <reason>" makes it close with that code
//	/ws            the same (the path the README's examples use)
//	/closed?id=X   the close code and reason the client of /echo?id=X sent
//	/live          how many WebSocket connections are open now
//	/headers       reports the handshake it received, then echoes (headers.go)
//
// the fault paths in faults.go, the HTTP endpoints in requests.go, and the
// upload sink and downloads in transfers.go.
type Server struct {
	URL     string // https://127.0.0.1:port (Serve: the listener's address)
	WSS     string // wss://127.0.0.1:port
	Cert    *Cert
	srv     *http.Server
	ln      net.Listener
	live    atomic.Int64
	accepts atomic.Int64
	mu      sync.Mutex
	closes  map[string]closeRecord
	handler http.Handler
}

type closeRecord struct {
	Code   int    `json:"code"`
	Reason string `json:"reason"`
	Seen   bool   `json:"seen"`
}

// Start listens on addr (127.0.0.1:0 for any port) with TLS from cert, and
// serves extra (when not nil) for every path the server does not know.
func Start(addr string, cert *Cert, extra http.Handler) (*Server, error) {
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		return nil, errors.New("wstest: the server binds 127.0.0.1 only, not " + addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return Serve(ln, cert, extra), nil
}

// Serve is Start on a listener the caller made, wherever it listens: for
// wxrun's -listen, which puts its pages where a browser on another host
// reaches them because the user said so. Start keeps everything else on
// 127.0.0.1.
func Serve(ln net.Listener, cert *Cert, extra http.Handler) *Server {
	s := &Server{Cert: cert, closes: map[string]closeRecord{}}
	s.ln = countingListener{ln, &s.accepts}
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", s.echo)
	mux.HandleFunc("/ws", s.echo) // the README's examples connect to /ws
	mux.HandleFunc("/closed", s.closed)
	mux.HandleFunc("/live", s.liveCount)
	mux.HandleFunc("/headers", s.headers)
	s.faults(mux)
	s.requests(mux)
	s.transfers(mux)
	if extra != nil {
		mux.Handle("/", extra)
	}
	s.handler = mux
	s.srv = &http.Server{
		Handler:   mux,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert.TLS}, NextProtos: []string{"http/1.1"}},
		ErrorLog:  nil,
	}
	at := ln.Addr().String()
	s.URL = "https://" + at
	s.WSS = "wss://" + at
	go s.srv.ServeTLS(s.ln, "", "")
	return s
}

// Close stops the server and every connection on it.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		err = s.srv.Close()
	}
	return err
}

// Handler serves the server's paths; a second listener (plain http and ws,
// for mixed-content probes) can share the server's state through it.
func (s *Server) Handler() http.Handler { return s.handler }

// Port is the port the server listens on.
func (s *Server) Port() string { return strconv.Itoa(s.ln.Addr().(*net.TCPAddr).Port) }

// Live is the number of WebSocket connections open now.
func (s *Server) Live() int64 { return s.live.Load() }

// Accepted is the number of TCP connections the server has accepted: what
// "nothing was dialed" is measured with.
func (s *Server) Accepted() int64 { return s.accepts.Load() }

// countingListener counts accepted connections, before TLS or HTTP see them.
type countingListener struct {
	net.Listener
	n *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

func cors(w http.ResponseWriter) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "no-store")
}

func (s *Server) accept(w http.ResponseWriter, r *http.Request) (*websocket.Conn, error) {
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		InsecureSkipVerify: true, // pages of any origin on this machine may connect
		CompressionMode:    websocket.CompressionDisabled,
	})
	if err != nil {
		return nil, err
	}
	c.SetReadLimit(ReadLimit)
	return c, nil
}

func (s *Server) echo(w http.ResponseWriter, r *http.Request) {
	delay, ok := param(w, r, "delay", 0, MaxDelay)
	if !ok {
		return
	}
	c, err := s.accept(w, r)
	if err != nil {
		return
	}
	s.live.Add(1)
	defer s.live.Add(-1)
	id := r.URL.Query().Get("id")
	err = s.echoLoopDelay(r.Context(), c, time.Duration(delay)*time.Millisecond)
	var ce websocket.CloseError
	if id != "" && errors.As(err, &ce) {
		s.mu.Lock()
		s.closes[id] = closeRecord{Code: int(ce.Code), Reason: ce.Reason, Seen: true}
		s.mu.Unlock()
	}
	c.CloseNow()
}

func (s *Server) echoLoop(ctx context.Context, c *websocket.Conn) error {
	return s.echoLoopDelay(ctx, c, 0)
}

// echoLoopDelay echoes each message after delay (0: at once).
func (s *Server) echoLoopDelay(ctx context.Context, c *websocket.Conn, delay time.Duration) error {
	for {
		typ, rd, err := c.Reader(ctx)
		if err != nil {
			return err
		}
		if typ == websocket.MessageText {
			// Control messages are short; peek without buffering big ones.
			head := make([]byte, 6)
			n, _ := io.ReadFull(rd, head)
			if string(head[:n]) == "__ctl " {
				rest, _ := io.ReadAll(rd)
				if done, err := control(c, string(rest)); done {
					return err
				}
				continue
			}
			rd = io.MultiReader(strings.NewReader(string(head[:n])), rd)
		}
		if delay > 0 {
			time.Sleep(delay)
		}
		wr, err := c.Writer(ctx, typ)
		if err != nil {
			return err
		}
		if _, err := io.Copy(wr, rd); err != nil {
			return err
		}
		if err := wr.Close(); err != nil {
			return err
		}
	}
}

// control carries out one "__ctl" command; done says the connection is over.
func control(c *websocket.Conn, cmd string) (done bool, err error) {
	f := strings.SplitN(cmd, " ", 3)
	switch f[0] {
	case "close":
		code := 1000
		if len(f) > 1 {
			code, _ = strconv.Atoi(f[1])
		}
		reason := ""
		if len(f) > 2 {
			reason = f[2]
		}
		return true, c.Close(websocket.StatusCode(code), reason)
	}
	return false, nil
}

// closed answers what the server saw of the close of socket id. It waits
// for the record up to ClosedWait: the browser's onClose can come before
// the server's side has returned from its read and written it down (the
// close frame is answered first), and a page asks right from its onClose.
func (s *Server) closed(w http.ResponseWriter, r *http.Request) {
	cors(w)
	id := r.URL.Query().Get("id")
	var rec closeRecord
	for deadline := time.Now().Add(ClosedWait); ; {
		s.mu.Lock()
		rec = s.closes[id]
		s.mu.Unlock()
		if rec.Seen || time.Now().After(deadline) || r.Context().Err() != nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	json.NewEncoder(w).Encode(rec)
}

// ClosedWait bounds how long /closed waits for a close to be recorded.
const ClosedWait = 2 * time.Second

func (s *Server) liveCount(w http.ResponseWriter, r *http.Request) {
	cors(w)
	json.NewEncoder(w).Encode(map[string]int64{"live": s.Live()})
}
