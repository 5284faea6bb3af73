//go:build !js

package relay

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// responseHead is the upstream's response head as the page gets it, in
// the relay's HeadHeader (doc.go, "Requests").
type responseHead struct {
	Status int `json:"status"`
	// Header has one string per name (net/http's canonical form), several
	// values joined with ",", as a phone's res.header.
	Header map[string]string `json:"header"`
	// Cookies are the Set-Cookie values, one each, unsplit.
	Cookies          []string       `json:"cookies"`
	URL              string         `json:"url"` // the final URL, after redirects
	Redirects        []hop          `json:"redirects"`
	TooManyRedirects bool           `json:"tooManyRedirects,omitempty"`
	Profile          requestProfile `json:"profile"`
}

// maxHead bounds the head the page gets in a response header (browsers take
// 256 KiB of them, Chromium's limit; upstream headers are capped at 64 KiB,
// which escaping can make at most six times longer).
const maxHead = 200 << 10

// relayRequest makes the request and passes the answer on (answer), or
// says why there is none.
func (rl *Relay) relayRequest(w http.ResponseWriter, r *http.Request, up *upstreamRequest, body *requestBody, start time.Time) {
	// Reads of the page's body go on after the relay starts to answer: an
	// upstream may answer before it has read the whole body.
	http.NewResponseController(w).EnableFullDuplex()
	ctx := r.Context() // the page going away cancels the request
	if up.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, up.timeout, errUpstreamTimeout)
		defer cancel()
	}
	tr := newRequestTrace(start)
	resp, err := rl.do(ctx, up, body, tr)
	target := up.url.Scheme + "://" + up.url.Host + up.url.EscapedPath() // no query: it may hold a token
	if err != nil {
		if r.Context().Err() != nil {
			rl.logf("relay: %s: page went away during %s %s", r.RemoteAddr, up.method, target)
			return
		}
		f := rl.requestFailure(ctx, tr, up, err)
		rl.logf("relay: %s: %s %s failed: %s", r.RemoteAddr, up.method, target, f.reason)
		writeRefusal(w, http.StatusBadGateway, f.reason, f.cause)
		return
	}
	defer resp.Body.Close()
	what := r.RemoteAddr + ": " + up.method + " " + target
	rl.answer(ctx, w, resp, tr, up, what)
}

// answer passes the upstream's response on: the head in HeadHeader as soon
// as it is in, then the body as it arrives, flushed read by read, so that a
// chunked response reaches the page chunk by chunk and memory stays one
// buffer per request. what names the request in the log.
func (rl *Relay) answer(ctx context.Context, w http.ResponseWriter, resp *http.Response, tr *requestTrace, up *upstreamRequest, what string) {
	head := asciiJSON(responseHead{
		Status:           resp.StatusCode,
		Header:           joinValues(resp.Header),
		Cookies:          cookiesOf(resp.Header),
		URL:              resp.Request.URL.String(),
		Redirects:        tr.redirects(),
		TooManyRedirects: tr.tooManyRedirects(),
		Profile:          tr.profile(resp),
	})
	tr.bodyStarts()
	if len(head) > maxHead {
		rl.logf("relay: %s: response head over %d KiB", what, maxHead>>10)
		writeRefusal(w, http.StatusBadGateway, "http: the response's headers are too large to pass on", "http")
		return
	}
	w.Header().Set(HeadHeader, string(head))
	w.Header().Set("Content-Type", "application/octet-stream")
	w.WriteHeader(http.StatusOK)
	// The head goes now, not with the first bytes of a body that may be
	// long in coming: the page's onHeadersReceived.
	http.NewResponseController(w).Flush()
	n, upErr, pageErr := passBody(w, resp.Body)
	if upErr == nil && pageErr == nil && ctx.Err() != nil {
		// Cancelled as the body ended: net/http may have read the end
		// the upstream wrote on seeing the cancel. The body must not
		// look whole.
		upErr = context.Cause(ctx)
	}
	switch {
	case pageErr != nil:
		rl.logf("relay: %s: page went away during the body (%d bytes passed)", what, n)
	case upErr != nil:
		// The head is sent: the page learns of the failure by a body that
		// breaks off, which its fetch reports as an error.
		rl.logf("relay: %s: the body broke off after %d bytes: %s", what, n, rl.requestFailure(ctx, tr, up, upErr).reason)
		panic(http.ErrAbortHandler)
	default:
		rl.logf("relay: %s: %d, %d bytes in %.1f ms", what, resp.StatusCode, n, ms(time.Since(tr.origin)))
	}
}

// copyBuffer is the size of a body's copy buffer: a TLS record's payload,
// the most one read from an upstream returns.
const copyBuffer = 16 << 10

var bodyBuffers = sync.Pool{New: func() any { b := make([]byte, copyBuffer); return &b }}

// passBody copies src to the page, flushing after every read. A read error
// is the upstream's, a write error the page's.
func passBody(w http.ResponseWriter, src io.Reader) (n int64, upErr, pageErr error) {
	rc := http.NewResponseController(w)
	bp := bodyBuffers.Get().(*[]byte)
	defer bodyBuffers.Put(bp)
	buf := *bp
	for {
		k, err := src.Read(buf)
		if k > 0 {
			if _, werr := w.Write(buf[:k]); werr != nil {
				return n, nil, werr
			}
			if ferr := rc.Flush(); ferr != nil {
				return n, nil, ferr
			}
			n += int64(k)
		}
		if err == io.EOF {
			return n, nil, nil
		}
		if err != nil {
			return n, err, nil
		}
	}
}

// joinValues is a phone's res.header: one string per name, values joined
// with "," (the runtime's join).
func joinValues(h http.Header) map[string]string {
	m := make(map[string]string, len(h))
	for k, v := range h {
		m[k] = strings.Join(v, ",")
	}
	return m
}

// cookiesOf is every Set-Cookie value, never nil.
func cookiesOf(h http.Header) []string {
	c := h.Values("Set-Cookie")
	if c == nil {
		return []string{}
	}
	return c
}

// asciiJSON marshals v with every character past ASCII escaped (\uXXXX),
// so that it fits a header value, which a page reads as bytes; what is not
// UTF-8 has become U+FFFD already (encoding/json).
func asciiJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the relay's own types always marshal
	}
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return b
	}
	out := make([]byte, 0, len(b)+len(b)/2)
	for _, r := range string(b) {
		switch {
		case r < utf8.RuneSelf:
			out = append(out, byte(r))
		case r > 0xffff:
			r -= 0x10000
			out = appendU(appendU(out, 0xd800+(r>>10)), 0xdc00+(r&0x3ff))
		default:
			out = appendU(out, r)
		}
	}
	return out
}

func appendU(b []byte, r rune) []byte {
	s := strconv.FormatInt(int64(r), 16)
	return append(append(b, `\u`+strings.Repeat("0", 4-len(s))...), s...)
}
