//go:build !js

package wstest

import (
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// faults adds the misbehaving endpoints:
//
//	/refuse?status=403   refuses the handshake with that HTTP status
//	/hang?ms=2000        accepts TCP and TLS, does not answer the handshake,
//	                     and drops the connection after ms (default 2000)
//	/closeafteropen?code=1001&reason=x   closes right after the handshake
//	/drop                completes the handshake, starts a 4 KiB binary frame,
//	                     sends 100 bytes of it and drops the TCP connection
//	/big?size=N&type=text|binary   sends one message of N bytes, then echoes
//	/flood?n=N&tag=T     sends N text messages "T:0" ... "T:N-1", then echoes
//	/echo?delay=ms       (in server.go) echoes each message after a delay
func (s *Server) faults(mux *http.ServeMux) {
	mux.HandleFunc("/drop", dropMidMessage)
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		c, err := s.accept(w, r)
		if err != nil {
			return
		}
		defer c.CloseNow()
		size, _ := strconv.Atoi(r.URL.Query().Get("size"))
		typ := websocket.MessageBinary
		if r.URL.Query().Get("type") == "text" {
			typ = websocket.MessageText
		}
		msg := make([]byte, size)
		for i := range msg {
			msg[i] = byte('a' + i%26)
		}
		if err := c.Write(r.Context(), typ, msg); err != nil {
			return
		}
		s.echoLoop(r.Context(), c)
	})
	mux.HandleFunc("/flood", func(w http.ResponseWriter, r *http.Request) {
		c, err := s.accept(w, r)
		if err != nil {
			return
		}
		s.live.Add(1)
		defer s.live.Add(-1)
		defer c.CloseNow()
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		tag := r.URL.Query().Get("tag")
		for i := 0; i < n; i++ {
			if err := c.Write(r.Context(), websocket.MessageText, []byte(tag+":"+strconv.Itoa(i))); err != nil {
				return
			}
		}
		s.echoLoop(r.Context(), c)
	})
	mux.HandleFunc("/refuse", func(w http.ResponseWriter, r *http.Request) {
		status, _ := strconv.Atoi(r.URL.Query().Get("status"))
		if status < 400 {
			status = 403
		}
		http.Error(w, "refused by test server", status)
	})
	// A client that gives up on a handshake here should close the TCP
	// connection, but Firefox 153 keeps it until the server answers, and
	// opens at most 6 connections per server: after six handshakes aborted
	// here, every new WebSocket to this host:port waited (for the two
	// minutes /hang used to hold). Rows need at most 400 ms of silence, so
	// the connection goes after 2 s, without an answer.
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		hold := 2 * time.Second
		if ms, err := strconv.Atoi(r.URL.Query().Get("ms")); err == nil && ms > 0 {
			hold = time.Duration(ms) * time.Millisecond
		}
		select {
		case <-r.Context().Done():
		case <-time.After(hold):
			panic(http.ErrAbortHandler) // drop the connection, answer nothing
		}
	})
	mux.HandleFunc("/closeafteropen", func(w http.ResponseWriter, r *http.Request) {
		c, err := s.accept(w, r)
		if err != nil {
			return
		}
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		if code == 0 {
			code = 1000
		}
		c.Close(websocket.StatusCode(code), r.URL.Query().Get("reason"))
	})
}

// dropMidMessage answers the handshake by hand, then breaks off inside a
// frame: what a crashed server or a cut cable looks like to the browser.
func dropMidMessage(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Sec-WebSocket-Key")
	if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") || key == "" {
		http.Error(w, "websocket only", http.StatusBadRequest)
		return
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	sum := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: " + base64.StdEncoding.EncodeToString(sum[:]) + "\r\n\r\n")
	buf.Flush()
	time.Sleep(50 * time.Millisecond) // let the page see the open first
	buf.Write([]byte{0x82, 126, 0x10, 0x00})
	buf.Write(make([]byte, 100))
	buf.Flush()
	time.Sleep(20 * time.Millisecond)
}
