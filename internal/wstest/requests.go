//go:build !js

package wstest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Caps on what an HTTP endpoint may be asked for, as for the socket ones
// (faults.go): more is refused with 400.
const (
	MaxHTTPBig     = 1 << 30 // /http/big?size=, bytes: streamed, never held
	MaxEchoBody    = 1 << 20 // /http/echo: a larger body gets 413
	MaxRedirectHop = 32      // /http/redirect?n=
	MaxChunks      = 10000   // /http/chunked?n=
	MaxChunkSize   = 1 << 20 // /http/chunked?size=
	maxSetHeaders  = 32      // /http/status?header=, /http/cookies?set=
	maxSetValue    = 4 << 10 // each of them, and /http/status?body=, bytes
)

// requests adds the HTTP endpoints, for wx.request (through the relay or
// not). Each answers CORS for the page's origin (any origin: the server
// is on loopback, for tests), preflights included, and exposes every
// header it sends, except /http/nocors, which answers no CORS at all:
//
//	/http/echo?delay=ms&status=N   the request as received, as JSON (Echo),
//	                               after a delay (<= MaxDelay), with status N
//	/http/nocors                   the same, without CORS
//	/http/status?code=N&header=K:V&body=text   status N (200-599), headers
//	                               and a body of one's choosing
//	/http/redirect?n=N&code=302&to=URL   N redirects (<= MaxRedirectHop),
//	                               each to the next, then one to URL (default
//	                               /http/echo)
//	/http/big?size=N&chunked=1     N bytes of a..z (<= MaxHTTPBig), with
//	                               Content-Length unless chunked
//	/http/chunked?n=N&size=S&ms=M  N chunks of S bytes, each flushed, M ms
//	                               apart (N*M <= MaxHang)
//	/http/cookies?set=V            a Set-Cookie line per set (default: three,
//	                               one with an Expires date's comma)
//	/http/count                    reads the body, however long; answers
//	                               {"length", "sha256"}
//	/http/drop                     a head saying 4096 bytes, 100 of them,
//	                               then the connection dropped
//	/hang?ms=                      (faults.go) never answers
func (s *Server) requests(mux *http.ServeMux) {
	mux.HandleFunc("/http/echo", withCORS(echoRequest))
	mux.HandleFunc("/http/nocors", echoRequest)
	mux.HandleFunc("/http/status", withCORS(statusRequest))
	mux.HandleFunc("/http/redirect", withCORS(redirectRequest))
	mux.HandleFunc("/http/big", withCORS(bigRequest))
	mux.HandleFunc("/http/chunked", withCORS(chunkedRequest))
	mux.HandleFunc("/http/cookies", withCORS(cookiesRequest))
	mux.HandleFunc("/http/count", withCORS(countRequest))
	mux.HandleFunc("/http/drop", withCORS(dropRequest))
}

// Echo is what /http/echo answers: the request as the server received it.
type Echo struct {
	Method string      `json:"method"`
	URI    string      `json:"uri"` // as on the request line
	Proto  string      `json:"proto"`
	Host   string      `json:"host"`
	Header http.Header `json:"header"` // Go drops Host from them: see Host
	// Body is the body when it is UTF-8, else BodyBase64.
	Body       string `json:"body"`
	BodyBase64 string `json:"bodyBase64,omitempty"`
	Length     int    `json:"length"`
}

func echoRequest(w http.ResponseWriter, r *http.Request) {
	delay, status, ok := delayAndStatus(w, r)
	if !ok {
		return
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, MaxEchoBody+1))
	if err != nil {
		return
	}
	if len(b) > MaxEchoBody {
		http.Error(w, "body over "+strconv.Itoa(MaxEchoBody)+" bytes", http.StatusRequestEntityTooLarge)
		return
	}
	e := Echo{Method: r.Method, URI: r.RequestURI, Proto: r.Proto, Host: r.Host, Header: r.Header, Length: len(b)}
	if utf8.Valid(b) {
		e.Body = string(b)
	} else {
		e.BodyBase64 = base64.StdEncoding.EncodeToString(b)
	}
	answerJSON(w, r, delay, status, e)
}

// delayAndStatus reads ?delay= (ms) and ?status= (200-599), refusing what
// is out of bounds with 400.
func delayAndStatus(w http.ResponseWriter, r *http.Request) (delay time.Duration, status int, ok bool) {
	ms, ok := param(w, r, "delay", 0, MaxDelay)
	if !ok {
		return 0, 0, false
	}
	status, ok = param(w, r, "status", 200, 599)
	if !ok || !validStatus(w, status) {
		return 0, 0, false
	}
	return time.Duration(ms) * time.Millisecond, status, true
}

// answerJSON answers v with status after delay, unless the client goes
// first.
func answerJSON(w http.ResponseWriter, r *http.Request, delay time.Duration, status int, v any) {
	if !sleep(r, delay) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func validStatus(w http.ResponseWriter, status int) bool {
	if status < 200 {
		http.Error(w, "status: want 200 to 599", http.StatusBadRequest)
		return false
	}
	return true
}

// sleep waits d unless the client goes first.
func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func statusRequest(w http.ResponseWriter, r *http.Request) {
	code, ok := param(w, r, "code", 200, 599)
	if !ok || !validStatus(w, code) {
		return
	}
	q := r.URL.Query()
	headers, body := q["header"], q.Get("body")
	if len(headers) > maxSetHeaders || len(body) > maxSetValue {
		http.Error(w, "at most "+strconv.Itoa(maxSetHeaders)+" headers and a body of "+strconv.Itoa(maxSetValue)+" bytes", http.StatusBadRequest)
		return
	}
	for _, kv := range headers {
		k, v, ok := strings.Cut(kv, ":")
		if !ok || len(kv) > maxSetValue {
			http.Error(w, "header: want Name:value", http.StatusBadRequest)
			return
		}
		w.Header().Add(k, strings.TrimLeft(v, " "))
	}
	if !q.Has("body") {
		body = "status " + strconv.Itoa(code) + "\n"
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.WriteHeader(code)
	io.WriteString(w, body)
}

func redirectRequest(w http.ResponseWriter, r *http.Request) {
	n, ok := param(w, r, "n", 1, MaxRedirectHop)
	if !ok {
		return
	}
	code, ok := param(w, r, "code", http.StatusFound, 308)
	if !ok {
		return
	}
	switch code {
	case 301, 302, 303, 307, 308:
	default:
		http.Error(w, "code: want 301, 302, 303, 307 or 308", http.StatusBadRequest)
		return
	}
	q := r.URL.Query()
	to := q.Get("to")
	if to == "" {
		to = "/http/echo"
	}
	next := to
	if n > 1 {
		q.Set("n", strconv.Itoa(n-1))
		next = "/http/redirect?" + q.Encode()
	}
	// Drain what was sent, so that the connection stays usable.
	io.Copy(io.Discard, io.LimitReader(r.Body, MaxEchoBody))
	w.Header().Set("Location", next)
	w.WriteHeader(code)
}

// pattern is the bytes /http/big and /http/file send: a..z, again
// (writePattern takes it from any offset).
var pattern = func() []byte {
	b := make([]byte, 26*1260)
	for i := range b {
		b[i] = byte('a' + i%26)
	}
	return b
}()

func bigRequest(w http.ResponseWriter, r *http.Request) {
	size, ok := param(w, r, "size", 0, MaxHTTPBig)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if r.URL.Query().Get("chunked") == "" {
		w.Header().Set("Content-Length", strconv.Itoa(size))
	}
	writePattern(w, 0, size)
}

func chunkedRequest(w http.ResponseWriter, r *http.Request) {
	n, ok := param(w, r, "n", 4, MaxChunks)
	if !ok {
		return
	}
	size, ok := param(w, r, "size", 16, MaxChunkSize)
	if !ok {
		return
	}
	ms, ok := param(w, r, "ms", 0, MaxDelay)
	if !ok {
		return
	}
	if n*ms > MaxHang {
		http.Error(w, "n*ms: at most "+strconv.Itoa(MaxHang), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	rc := http.NewResponseController(w)
	chunk := make([]byte, size)
	for i := 0; i < n; i++ {
		if i > 0 && !sleep(r, time.Duration(ms)*time.Millisecond) {
			return
		}
		for j := range chunk {
			chunk[j] = byte('a' + i%26)
		}
		if _, err := w.Write(chunk); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// DefaultCookies are what /http/cookies sets without ?set=: the second has
// an Expires date, whose comma a phone's splitter drops.
var DefaultCookies = []string{
	"sid=abc123; Path=/; HttpOnly",
	"lang=zh_CN; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/",
	"theme=dark",
}

func cookiesRequest(w http.ResponseWriter, r *http.Request) {
	set := r.URL.Query()["set"]
	if len(set) == 0 {
		set = DefaultCookies
	}
	if len(set) > maxSetHeaders {
		http.Error(w, "set: at most "+strconv.Itoa(maxSetHeaders), http.StatusBadRequest)
		return
	}
	for _, c := range set {
		if len(c) > maxSetValue || strings.ContainsAny(c, "\r\n\x00") {
			http.Error(w, "set: a value of at most "+strconv.Itoa(maxSetValue)+" bytes, without CR, LF or NUL", http.StatusBadRequest)
			return
		}
		w.Header().Add("Set-Cookie", c)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, strconv.Itoa(len(set))+" cookies\n")
}

func countRequest(w http.ResponseWriter, r *http.Request) {
	h := sha256.New()
	n, err := io.Copy(h, r.Body)
	if err != nil {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"length": n, "sha256": hex.EncodeToString(h.Sum(nil))})
}

func dropRequest(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", "4096")
	w.WriteHeader(http.StatusOK)
	w.Write(pattern[:100])
	http.NewResponseController(w).Flush()
	time.Sleep(20 * time.Millisecond)
	panic(http.ErrAbortHandler) // drop the connection
}

// withCORS answers a preflight for any origin, and lets the page read the
// answer and every header of it (Set-Cookie aside, which no page reads).
func withCORS(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		w.Header().Add("Vary", "Origin")
		if origin != "" {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			w.Header().Set("Access-Control-Allow-Methods", r.Header.Get("Access-Control-Request-Method"))
			if rh := r.Header.Get("Access-Control-Request-Headers"); rh != "" {
				w.Header().Set("Access-Control-Allow-Headers", rh)
			}
			if r.Header.Get("Access-Control-Request-Private-Network") == "true" {
				w.Header().Set("Access-Control-Allow-Private-Network", "true")
			}
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h(&exposing{ResponseWriter: w}, r)
	}
}

// exposing names every header of the response in
// Access-Control-Expose-Headers when the response starts ("*" is no
// wildcard for a request with credentials).
type exposing struct {
	http.ResponseWriter
	wrote bool
}

func (e *exposing) WriteHeader(code int) {
	if !e.wrote {
		e.wrote = true
		exposeAll(e.Header())
	}
	e.ResponseWriter.WriteHeader(code)
}

// exposeAll names every header of h in Access-Control-Expose-Headers.
func exposeAll(h http.Header) {
	var names []string
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(names) > 0 {
		h.Set("Access-Control-Expose-Headers", strings.Join(names, ", "))
	}
}

func (e *exposing) Write(b []byte) (int, error) {
	if !e.wrote {
		e.WriteHeader(http.StatusOK)
	}
	return e.ResponseWriter.Write(b)
}

func (e *exposing) Unwrap() http.ResponseWriter { return e.ResponseWriter }
