//go:build !js

package relay

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/coder/websocket"

	"wxsocket/internal/rules"
)

// MaxFirstFrame caps the page's first message, and so the total of its
// header names and values, which decoded JSON can only make shorter.
const MaxFirstFrame = 16 << 10

// firstFrame is the page's first message as sent (relay protocol, step 2).
type firstFrame struct {
	envelope
	Header     map[string]string `json:"header"`
	Protocols  []string          `json:"protocols"`
	AppID      string            `json:"appid"`
	AppVersion string            `json:"appVersion"`
}

// request is a first message that passed every check: what to dial.
type request struct {
	url       *url.URL      // without userinfo
	user      *url.Userinfo // the URL's credentials, sent only when asked (userinfo.go)
	header    http.Header   // to send, Referer included, reserved names dropped
	protocols []string
}

// target is the URL without its query, for log lines.
func (r *request) target() string {
	return r.url.Scheme + "://" + r.url.Host + r.url.EscapedPath()
}

// readFirst reads and checks the page's first message. It returns the
// request, or why the page is refused, or the read error of a page that
// went away.
func (rl *Relay) readFirst(c *websocket.Conn) (*request, *refusal, error) {
	typ, rd, err := c.Reader(context.Background())
	if err != nil {
		return nil, nil, err
	}
	b, err := io.ReadAll(io.LimitReader(rd, MaxFirstFrame+1))
	if err != nil {
		return nil, nil, err
	}
	if len(b) > MaxFirstFrame {
		return nil, &refusal{StatusTooBig, "first message over 16 KiB"}, nil
	}
	if typ != websocket.MessageText {
		return nil, &refusal{StatusMalformed, "first message must be text (JSON)"}, nil
	}
	req, ref := rl.check(b)
	return req, ref, nil
}

// check validates a first message, in the order of the close codes' weight:
// shape, then secret, then what the page asks for.
func (rl *Relay) check(b []byte) (*request, *refusal) {
	var f firstFrame
	if r := rl.openEnvelope(b, "first message", &f, &f.envelope); r != nil {
		return nil, r
	}
	if r := f.needURL("first message"); r != nil {
		return nil, r
	}
	u, why := checkURL(f.URL)
	if why != "" {
		return nil, &refusal{StatusRefused, why}
	}
	h, ref := buildHeader(f.Header)
	if ref != nil {
		return nil, ref
	}
	for _, p := range f.Protocols {
		if !rules.IsToken(p) {
			return nil, &refusal{StatusRefused, "protocol " + strconv.Quote(p) + " is not a token"}
		}
	}
	ref = setReferer(h, f.AppID, f.AppVersion)
	if ref != nil {
		return nil, ref
	}
	user := u.User
	u.User = nil
	return &request{url: u, user: user, header: h, protocols: f.Protocols}, nil
}

// jsonProblem says what is wrong with a first message, without quoting it
// (it holds the secret).
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te) && te.Field != "":
		return te.Field + " has the wrong type (" + te.Value + ")"
	case errors.As(err, &se), errors.Is(err, io.ErrUnexpectedEOF):
		return "not JSON"
	case errors.Is(err, io.EOF):
		return "empty"
	}
	return "not a JSON object"
}

// checkURL accepts ws:// and wss:// URLs (checkTarget).
func checkURL(s string) (*url.URL, string) { return checkTarget(s, "ws", "wss") }

// checkTarget accepts a URL of scheme a or b with a host as a browser
// writes it (browserHost) and a port in range; the fragment, which no
// handshake or request sends, is dropped. Sockets and requests share it.
func checkTarget(s, a, b string) (*url.URL, string) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, "url does not parse"
	}
	if u.Scheme != a && u.Scheme != b {
		return nil, "url must be " + a + ":// or " + b + "://, not " + strconv.Quote(u.Scheme+":")
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return nil, "url has no host"
	}
	if why := browserHost(u.Hostname()); why != "" {
		return nil, why
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, "url has a bad port"
		}
	}
	u.Fragment, u.RawFragment = "", ""
	return u, ""
}

// browserHost refuses a host that no browser's URL parser writes: one
// with bytes outside printable ASCII ("api。example。com" is
// "api.example.com" to a browser, and a relay that looked the raw name up
// would miss Map and ask the system's DNS). The shim sends the URL as its
// browser parsed it, so such a host comes only from another client. A
// request's URL (checkHTTPURL) is held to the same rule.
func browserHost(h string) string {
	for i := 0; i < len(h); i++ {
		if h[i] <= ' ' || h[i] >= 0x7f {
			return "url host " + strconv.Quote(h) + " is not as a browser writes it (ASCII, IDN in punycode)"
		}
	}
	return ""
}

// isReserved reports a header a page cannot set: one the WebSocket client
// writes itself, or that would change the framing of the request, or the
// Referer, which is the phone's.
func isReserved(name string) bool {
	return rules.ReservedHeader(strings.ToLower(name)) || rules.IsReferer(name)
}

// buildHeader checks every entry, refusing control characters rather than
// cleaning them, and keeps the ones a page may set. Names take the
// canonical form (Go's client writes them so; HTTP names ignore case).
func buildHeader(in map[string]string) (http.Header, *refusal) {
	h := make(http.Header, len(in)+1)
	for name, value := range in {
		if !rules.IsToken(name) {
			if strings.ContainsAny(name, "\r\n\x00") {
				return nil, &refusal{StatusRefused, "header name " + strconv.Quote(name) + " has CR, LF or NUL"}
			}
			return nil, &refusal{StatusRefused, "header name " + strconv.Quote(name) + " is not a token"}
		}
		if i := strings.IndexFunc(value, isCTL); i >= 0 {
			return nil, &refusal{StatusRefused, "header " + name + " has a control character (" + strconv.QuoteRune(rune(value[i])) + ") in its value"}
		}
		if !isReserved(name) {
			h.Add(name, value)
		}
	}
	return h, nil
}

// setReferer writes the phone's Referer, which nothing in header overrides;
// an empty appid or appVersion stands for the default.
func setReferer(h http.Header, appid, version string) *refusal {
	if appid != "" && !rules.ValidAppName(appid) {
		return &refusal{StatusRefused, "appid must be " + rules.AppNameWant}
	}
	if version != "" && !rules.ValidAppName(version) {
		return &refusal{StatusRefused, "appVersion must be " + rules.AppNameWant}
	}
	h.Set("Referer", rules.Referer(appid, version))
	return nil
}

// isCTL reports a control character other than horizontal tab: CR, LF and
// NUL among them, none of which a header value may hold.
func isCTL(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }

// envelope is what a page's opening message carries for a socket (its
// first message) and for a request (its head) alike.
type envelope struct {
	V      int    `json:"v"`
	Secret string `json:"secret"`
	URL    string `json:"url"`
}

// openEnvelope decodes b into f (a message that embeds e) and checks the
// envelope in the order of the refusals' weight: shape, then secret (then
// the caller asks for a url: needURL).
// what names the message in a refusal.
func (rl *Relay) openEnvelope(b []byte, what string, f any, e *envelope) *refusal {
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(f); err != nil {
		return &refusal{StatusMalformed, what + ": " + jsonProblem(err)}
	}
	if dec.More() {
		return &refusal{StatusMalformed, what + ": data after the JSON object"}
	}
	if e.V != 1 {
		return &refusal{StatusMalformed, what + ": v must be 1, not " + strconv.Itoa(e.V)}
	}
	if e.Secret == "" {
		return &refusal{StatusBadSecret, "missing secret"}
	}
	if subtle.ConstantTimeCompare([]byte(e.Secret), []byte(rl.opts.Secret)) != 1 {
		return &refusal{StatusBadSecret, "wrong secret"}
	}
	return nil
}

// needURL refuses a message with no url: checked after the secret, so
// that a page without it learns nothing else.
func (e *envelope) needURL(what string) *refusal {
	if e.URL == "" {
		return &refusal{StatusMalformed, what + ": no url"}
	}
	return nil
}
