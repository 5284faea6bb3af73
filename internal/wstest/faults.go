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

// Caps on what a request may ask of the endpoints. wxrun -serve hands them
// to anyone's scripts, so a number in a URL must not decide how much memory
// the server takes or how long it works: more is refused with 400.
const (
	MaxBig      = 16 << 20 // /big?size=, bytes
	MaxFlood    = 100000   // /flood?n=, messages
	MaxDelay    = 60000    // /echo?delay=, ms
	MaxHang     = 120000   // /hang?ms=, ms
	maxFloodTag = 64       // /flood?tag=, bytes
)

// faults adds the misbehaving endpoints:
//
//	/refuse?status=403   refuses the handshake with that HTTP status (400-599)
//	/hang?ms=2000        accepts TCP and TLS, does not answer the handshake,
//	                     and drops the connection after ms (default 2000, <= MaxHang)
//	/closeafteropen?code=1001&reason=x   closes right after the handshake
//	/drop                completes the handshake, starts a 4 KiB binary frame,
//	                     sends 100 bytes of it and drops the TCP connection
//	/big?size=N&type=text|binary   sends one message of N bytes (N <= MaxBig), then echoes
//	/flood?n=N&tag=T     sends N text messages "T:0" ... "T:N-1" (N <= MaxFlood), then echoes
//	/echo?delay=ms       (in server.go) echoes each message after a delay (<= MaxDelay)
func (s *Server) faults(mux *http.ServeMux) {
	mux.HandleFunc("/drop", dropMidMessage)
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		size, ok := param(w, r, "size", 0, MaxBig)
		if !ok {
			return
		}
		c, err := s.accept(w, r)
		if err != nil {
			return
		}
		defer c.CloseNow()
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
		n, ok := param(w, r, "n", 0, MaxFlood)
		if !ok {
			return
		}
		tag := r.URL.Query().Get("tag")
		if len(tag) > maxFloodTag {
			http.Error(w, "tag: at most "+strconv.Itoa(maxFloodTag)+" bytes", http.StatusBadRequest)
			return
		}
		c, err := s.accept(w, r)
		if err != nil {
			return
		}
		s.live.Add(1)
		defer s.live.Add(-1)
		defer c.CloseNow()
		for i := 0; i < n; i++ {
			if err := c.Write(r.Context(), websocket.MessageText, []byte(tag+":"+strconv.Itoa(i))); err != nil {
				return
			}
		}
		s.echoLoop(r.Context(), c)
	})
	mux.HandleFunc("/refuse", func(w http.ResponseWriter, r *http.Request) {
		status, ok := param(w, r, "status", 403, 599)
		if !ok {
			return
		}
		if status < 400 {
			http.Error(w, "status: want 400 to 599", http.StatusBadRequest)
			return
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
		ms, ok := param(w, r, "ms", 2000, MaxHang)
		if !ok {
			return
		}
		if ms == 0 {
			ms = 2000
		}
		hold := time.Duration(ms) * time.Millisecond
		select {
		case <-r.Context().Done():
		case <-time.After(hold):
		}
		// Drop the connection, answer nothing, either way: a handler that
		// returned when its context ended would let net/http write
		// "200 OK" (relay TestUpstreamFailuresSayWhy got it once in eight
		// clean-clone runs, instead of its dial timeout).
		panic(http.ErrAbortHandler)
	})
	mux.HandleFunc("/closeafteropen", func(w http.ResponseWriter, r *http.Request) {
		code, ok := param(w, r, "code", 1000, 4999)
		if !ok {
			return
		}
		reason := r.URL.Query().Get("reason")
		if !sendable(code) || len(reason) > 123 {
			http.Error(w, "code: want 1000-1003, 1007-1014 or 3000-4999; reason: at most 123 bytes", http.StatusBadRequest)
			return
		}
		c, err := s.accept(w, r)
		if err != nil {
			return
		}
		c.Close(websocket.StatusCode(code), reason)
	})
}

// param reads a whole number from the query, def when it is absent; one
// that is not a number, negative or above max gets 400 and ok false.
func param(w http.ResponseWriter, r *http.Request, name string, def, max int) (n int, ok bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		http.Error(w, name+": want a whole number from 0 to "+strconv.Itoa(max)+", got "+strconv.Quote(v), http.StatusBadRequest)
		return 0, false
	}
	return n, true
}

// sendable is a close code an endpoint may put in a close frame (RFC 6455
// 7.4: 1004-1006 and 1015 are never sent).
func sendable(code int) bool {
	return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999
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
