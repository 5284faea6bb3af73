//go:build !js

package relay

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MaxRequestHead caps the head of a request (its first line: the JSON
// that says what to send, header included). A request's headers are larger
// than a handshake's (cookies, tokens), hence more than MaxFirstFrame.
const MaxRequestHead = 64 << 10

// maxReplay is the largest body kept whole, so that a 307 or 308 can send
// it again (follow mode); a larger one is streamed once, and such a
// redirect is reported, not followed.
const maxReplay = 64 << 10

// maxTimeout is the longest timeout taken as given, in milliseconds (a
// year); a longer one, which would overflow a Duration, means none.
const maxTimeout = 365 * 24 * 3600 * 1000

// requestHead is the head as the page sends it (doc.go, "Requests").
type requestHead struct {
	envelope
	Method     string            `json:"method"`
	Header     map[string]string `json:"header"`
	AppID      string            `json:"appid"`
	AppVersion string            `json:"appVersion"`
	Redirect   string            `json:"redirect"`
	Timeout    int64             `json:"timeout"`
	Progress   string            `json:"progress"`   // the upload's id, for progress queries
	ProgressOf []string          `json:"progressOf"` // a progress query: these uploads'
}

// upstreamRequest is a head that passed every check: what to send.
type upstreamRequest struct {
	url     *url.URL
	method  string
	header  http.Header // Referer included, reserved names dropped
	manual  bool        // redirect: "manual"
	timeout time.Duration
	// progress is the id the page asks progress of this upload by
	// (httpprogress.go); progressOf, in a head that is a progress query
	// (nothing else set), the uploads it asks about.
	progress   string
	progressOf []string
}

// requestBody is what follows the head: the body to send upstream.
type requestBody struct {
	r      io.Reader // nil: no body
	length int64     // -1: unknown (sent chunked)
	whole  []byte    // the body, when it is small enough to keep (maxReplay)
}

// readHead reads the page's head, within FirstFrameTimeout, and checks it.
// What follows the head is the body.
func (rl *Relay) readHead(w http.ResponseWriter, r *http.Request) (*upstreamRequest, *requestBody, *refusal) {
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(rl.opts.FirstFrameTimeout))
	br := bufio.NewReaderSize(r.Body, 2048)
	line, err := readLine(br, MaxRequestHead)
	rc.SetReadDeadline(time.Time{})
	switch {
	case errors.Is(err, errHeadTooBig):
		return nil, nil, &refusal{StatusTooBig, "head over " + strconv.Itoa(MaxRequestHead>>10) + " KiB"}
	case err != nil:
		return nil, nil, &refusal{StatusMalformed, "no head: the body must start with a line of JSON"}
	}
	up, ref := rl.checkHead(line)
	if ref != nil {
		return nil, nil, ref
	}
	// The body: what the reader has buffered past the line, then the rest.
	// The buffer goes; only the page's connection reads on.
	rest := make([]byte, br.Buffered())
	br.Read(rest)
	body := &requestBody{r: io.MultiReader(bytes.NewReader(rest), r.Body), length: -1}
	if r.ContentLength >= 0 {
		body.length = r.ContentLength - int64(len(line)) - 1
	}
	if body.length >= 0 && body.length <= maxReplay {
		b, err := io.ReadAll(io.LimitReader(body.r, body.length+1))
		if err != nil || int64(len(b)) != body.length {
			return nil, nil, &refusal{StatusMalformed, "the body ended before its length"}
		}
		body.whole, body.r = b, bytes.NewReader(b)
	}
	if body.length == 0 {
		body.r = nil
	}
	return up, body, nil
}

var errHeadTooBig = errors.New("head too big")

// readLine reads up to the first '\n' (not returned), at most max bytes.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		if len(line)+len(frag) > max+1 {
			return nil, errHeadTooBig
		}
		line = append(line, frag...)
		switch {
		case err == nil:
			return line[:len(line)-1], nil
		case !errors.Is(err, bufio.ErrBufferFull):
			return nil, err
		}
	}
}

// checkHead validates a head in the order of the refusals' weight, as
// check does a socket's first message: shape, secret, then what the page
// asks for. The header rules are the socket side's (buildHeader,
// setReferer): the same names dropped, the same characters refused, the
// same Referer.
func (rl *Relay) checkHead(b []byte) (*upstreamRequest, *refusal) {
	var f requestHead
	if r := rl.openEnvelope(b, "head", &f, &f.envelope); r != nil {
		return nil, r
	}
	if f.ProgressOf != nil {
		return checkProgressQuery(f)
	}
	if r := f.needURL("head"); r != nil {
		return nil, r
	}
	if f.Progress != "" && !validProgressID(f.Progress) {
		return nil, &refusal{StatusRefused, progressIDRule}
	}
	u, why := checkHTTPURL(f.URL)
	if why != "" {
		return nil, &refusal{StatusRefused, why}
	}
	method, why := checkMethod(f.Method)
	if why != "" {
		return nil, &refusal{StatusRefused, why}
	}
	h, ref := buildHeader(f.Header)
	if ref != nil {
		return nil, ref
	}
	if ref := setReferer(h, f.AppID, f.AppVersion); ref != nil {
		return nil, ref
	}
	if f.Redirect != "" && f.Redirect != "follow" && f.Redirect != "manual" {
		return nil, &refusal{StatusRefused, `redirect must be "follow" or "manual"`}
	}
	if f.Timeout < 0 {
		return nil, &refusal{StatusRefused, "timeout must be 0 (none) or more"}
	}
	timeout := time.Duration(f.Timeout) * time.Millisecond
	if f.Timeout > maxTimeout {
		timeout = 0 // longer than anything waits: none
	}
	return &upstreamRequest{
		url:      u,
		method:   method,
		header:   h,
		manual:   f.Redirect == "manual",
		timeout:  timeout,
		progress: f.Progress,
	}, nil
}

// checkHTTPURL accepts http:// and https:// URLs (checkTarget, the socket
// side's rule).
func checkHTTPURL(s string) (*url.URL, string) { return checkTarget(s, "http", "https") }

// checkMethod takes the method as given (GET when empty): a token (as
// net/http checks it), and not CONNECT, which would make the relay a
// tunnel.
func checkMethod(m string) (string, string) {
	switch {
	case m == "":
		return http.MethodGet, ""
	case strings.EqualFold(m, http.MethodConnect):
		return "", "method CONNECT is not relayed"
	}
	if _, err := http.NewRequest(m, "http://relay.invalid/", nil); err != nil {
		return "", "method " + strconv.Quote(m) + " is not a token"
	}
	return m, ""
}
