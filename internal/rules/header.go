package rules

import "wxsocket/internal/text"

// What a socket's handshake may carry (SOCKET.md sections 2 and 7): the
// header entries a page may set, the phone's Referer, and subprotocols.

// ReservedHeader reports a request header the page may not set, given its
// name in lower case: one the WebSocket client writes itself or that would
// change the request's framing (Host, Connection, Upgrade, Content-Length,
// Transfer-Encoding, Sec-WebSocket-*). The relay drops them; the shim
// names them in its warning. Referer has its own rule (IsReferer).
func ReservedHeader(lower string) bool {
	return lower == "host" || lower == "connection" || lower == "upgrade" || lower == "content-length" ||
		lower == "transfer-encoding" || text.HasPrefix(lower, "sec-websocket-")
}

// IsReferer reports the header a phone refuses from the page, in any case:
// it always sends its own (Referer).
func IsReferer(name string) bool { return text.Lower(name) == "referer" }

// Referer is the Referer a phone sends: its runtime's page-frame URL for
// the app, "" standing for DefaultAppID and DefaultAppVersion.
func Referer(appid, appVersion string) string {
	if appid == "" {
		appid = DefaultAppID
	}
	if appVersion == "" {
		appVersion = DefaultAppVersion
	}
	return "https://servicewechat.com/" + appid + "/" + appVersion + "/page-frame.html"
}

// The app a Referer names when the settings name none: devtools' name for
// a project without an appid, and the development version.
const (
	DefaultAppID      = "touristappid"
	DefaultAppVersion = "0"
)

// AppNameWant says what ValidAppName accepts, for messages.
const AppNameWant = "letters, digits, '.', '_' and '-' (at most 64)"

// ValidAppName reports whether s may be an appid or appVersion: it goes
// into the Referer's path, so it is 1 to 64 letters, digits, '.', '_' and
// '-', nothing that could end the path segment or the header line.
func ValidAppName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(isAlnum(c) || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// IsToken reports whether s is an RFC 9110 token: visible ASCII but the
// separators. A header name and a subprotocol must be one: the relay
// refuses others, and a browser's WebSocket constructor throws on such a
// subprotocol (the glue's validProtocol predicts it, checked against this
// on TokenProbes at start).
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || text.Index(`"(),/:;<=>?@[\]{}`, s[i:i+1]) >= 0 {
			return false
		}
	}
	return true
}

// TokenProbes are inputs on which the glue's validProtocol must answer as
// IsToken does: every separator, the edges of visible ASCII, characters
// beyond it. TokenAnswers is what IsToken answers, joined by "|", as
// JavaScript writes booleans (the shim compares at start; TestProbes
// keeps the answers in step with IsToken).
const (
	TokenProbes  = "chat¦v2.chat-json_1¦!#$%&'*+-.^`|~¦!¦~¦¦\x00¦\t¦ ¦a b¦\x7f¦é¦中¦\"¦(¦)¦,¦/¦:¦;¦<¦=¦>¦?¦@¦[¦\\¦]¦{¦}"
	TokenAnswers = "true|true|true|true|true|false|false|false|false|false|false|false|false|false|false|" +
		"false|false|false|false|false|false|false|false|false|false|false|false|false|false|false"
)

// BrowserRefusedHeader reports a request header, given its name in lower
// case, that a page's fetch cannot send: the Fetch standard's forbidden
// request-header names (Referer, Cookie, Host, Origin, Content-Length,
// the Proxy- and Sec- families, ...), and User-Agent, which the standard
// now allows but which Chromium still drops without a word. The shim
// names them in a warning instead of letting the browser drop them
// silently; through the relay they are sent (ReservedHeader and Referer
// aside).
func BrowserRefusedHeader(lower string) bool {
	return text.HasPrefix(lower, "proxy-") || text.HasPrefix(lower, "sec-") || lower != "" && !text.Contains(lower, "|") &&
		text.Contains(browserRefused, "|"+lower+"|")
}

// browserRefused are BrowserRefusedHeader's names, one string: a switch
// of 22 cases cost the wasm 2.9 KB.
const browserRefused = "|accept-charset|accept-encoding|access-control-request-headers|access-control-request-method|" +
	"connection|content-length|cookie|cookie2|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|" +
	"transfer-encoding|upgrade|via|user-agent|"

// RequestHeaderDropped reports a wx.request header, given its name, that
// does not reach the server: Referer always (a phone sends its own), and
// from the page alone those a browser refuses, through the relay those
// its HTTP client sets (ReservedHeader). The shim names them in a
// warning, once per name in any case (lower).
func RequestHeaderDropped(name string, relay bool) (lower string, dropped bool) {
	lower = text.Lower(name)
	if relay {
		return lower, lower == "referer" || ReservedHeader(lower)
	}
	return lower, BrowserRefusedHeader(lower)
}
