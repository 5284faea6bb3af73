//go:build js && wasm

package main

import (
	"syscall/js"
	"unicode/utf8"

	"wxsocket/wasm/internal/jsx"
	"wxsocket/wasm/internal/text"
)

// The legal-domain check (spec 2.3). Hosts come from the browser's own URL
// parser (the one its WebSocket constructor uses), so the host that is
// checked is the host the browser would connect to: a second parser that
// disagreed with it is how allow-lists get bypassed.

// verdict is the outcome of checking one URL.
type verdict struct {
	ok     bool
	host   string // as the browser's URL parser writes it
	reason string // why not, when !ok: invalid url / url not in domain list
	why    string // a sentence for people
}

// looksLikeWS is WeChat's first check, /^(ws|wss):\/\/.+/i, written out: the
// scheme, then at least one character that is not a line terminator.
func looksLikeWS(u string) bool {
	var rest string
	switch {
	case text.HasPrefixFold(u, "wss://"):
		rest = u[6:]
	case text.HasPrefixFold(u, "ws://"):
		rest = u[5:]
	default:
		return false
	}
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest) // the first character only, of a URL of any length
	return r != '\n' && r != '\r' && r != '\u2028' && r != '\u2029'
}

// parsedURL is a URL as the browser's URL parser reads it.
type parsedURL struct {
	scheme string // with its colon: "wss:"
	host   string // lower case, IDN in punycode, IPv6 in brackets
	port   string // "" for the scheme's default
	rest   string // path and query
}

// origin is the parsed URL's scheme, host and port, the default port left out.
func (p parsedURL) origin() string {
	o := p.scheme + "//" + p.host
	if p.port != "" {
		o += ":" + p.port
	}
	return o
}

// checkURL decides whether url may be opened under the current settings,
// without opening anything.
func (sh *shim) checkURL(url string) verdict {
	if !looksLikeWS(url) {
		return verdict{reason: invalidURLReason(url), why: "a socket URL must start with ws:// or wss://"}
	}
	p, ok := sh.glue.parseURL(url)
	scheme, host := p.scheme, p.host
	if !ok {
		return verdict{reason: invalidURLReason(url), why: "the browser cannot parse this URL"}
	}
	if !sh.cfg.urlCheck {
		return verdict{ok: true, host: host, why: "urlCheck is off: every ws:// and wss:// URL is allowed"}
	}
	no := func(why string) verdict { return verdict{host: host, reason: reasonNotInDomainList, why: why} }
	if scheme != "wss:" {
		return no("a phone only opens wss:// URLs")
	}
	if text.IsLoopback(host) {
		return no("localhost and loopback addresses never pass the domain check on a phone")
	}
	if text.IsLAN(host) {
		return verdict{ok: true, host: host, why: "LAN addresses (10/8, 172.16/12, 192.168/16) pass on a phone"}
	}
	if sh.cfg.domains[host] {
		return verdict{ok: true, host: host, why: "the host is in the legal domain list"}
	}
	return no("the host " + clip(host) + " is not in the legal domain list (wxshim.socketDomains)")
}

// checkURLObject is wxshim.checkUrl: the verdict on u as an object.
func (sh *shim) checkURLObject(u js.Value) js.Value {
	if jsx.TypeOf(u) != js.TypeString {
		return verdictObject(verdict{reason: paramTypeReason("url", "String", sh.glue.typeName(u)), why: "the URL must be a string"})
	}
	return verdictObject(sh.checkURL(u.String()))
}

// verdictObject is what wxshim.checkUrl returns.
func verdictObject(v verdict) js.Value {
	o := newObject()
	o.Set("ok", v.ok)
	o.Set("host", v.host)
	if !v.ok {
		o.Set("errMsg", failMsg(apiConnect, v.reason))
	}
	o.Set("why", v.why)
	return o
}
