//go:build js && wasm

package main

import (
	"syscall/js"
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
	case hasPrefixFold(u, "wss://"):
		rest = u[6:]
	case hasPrefixFold(u, "ws://"):
		rest = u[5:]
	default:
		return false
	}
	if rest == "" {
		return false
	}
	r := []rune(rest)[0]
	return r != '\n' && r != '\r' && r != '\u2028' && r != '\u2029'
}

// parseURL asks the browser's URL parser for the scheme and host of u.
func (sh *shim) parseURL(u string) (scheme, host string, ok bool) {
	p := sh.glue.Call("parseURL", u)
	if p.IsNull() {
		return "", "", false
	}
	return p.Index(0).String(), p.Index(1).String(), true
}

// checkURL decides whether url may be opened under the current settings,
// without opening anything.
func (sh *shim) checkURL(url string) verdict {
	if !looksLikeWS(url) {
		return verdict{reason: invalidURLReason(url), why: "a socket URL must start with ws:// or wss://"}
	}
	scheme, host, ok := sh.parseURL(url)
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
	if isLoopback(host) {
		return no("localhost and loopback addresses never pass the domain check on a phone")
	}
	if isLAN(host) {
		return verdict{ok: true, host: host, why: "LAN addresses (10/8, 172.16/12, 192.168/16) pass on a phone"}
	}
	if sh.cfg.domains[host] {
		return verdict{ok: true, host: host, why: "the host is in the legal domain list"}
	}
	return no("the host " + clip(host) + " is not in the legal domain list (wxshim.socketDomains)")
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
