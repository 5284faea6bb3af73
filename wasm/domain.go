//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/rules"
	"wxsocket/wasm/internal/jsx"
)

// The legal-domain check (spec 2.3): the rule is rules.SocketURL; the URL's
// parts come from the browser's own URL parser (the one its WebSocket
// constructor uses), so the host that is checked is the host the browser
// would connect to.

// verdict is the outcome of checking one URL.
type verdict struct {
	ok     bool
	url    parsedURL
	host   string // as the browser's URL parser writes it
	reason string // why not, when !ok: invalid url / url not in domain list
	why    string // a sentence for people
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
	if !rules.LooksLikeSocketURL(url) {
		return verdict{reason: invalidURLReason(url), why: "a socket URL must start with ws:// or wss://"}
	}
	p, ok := sh.glue.parseURL(url)
	if !ok {
		return verdict{reason: invalidURLReason(url), why: "the browser cannot parse this URL"}
	}
	r := rules.SocketURL(p.scheme, p.host, sh.cfg.urlCheck, sh.cfg.domains)
	v := verdict{ok: r.OK, url: p, host: p.host, why: r.Why}
	if !r.OK {
		v.reason, v.why = reasonNotInDomainList, r.Why+" (wxshim.socketDomains)"
	}
	return v
}

// checkURLObject is wxshim.checkUrl: the verdict on u as an object.
func (sh *shim) checkURLObject(u js.Value) js.Value {
	var v verdict
	if jsx.TypeOf(u) == js.TypeString {
		v = sh.checkURL(u.String())
	} else {
		v = verdict{reason: paramTypeReason("url", "String", sh.glue.typeName(u)), why: "the URL must be a string"}
	}
	return verdictObject(v, failMsg(apiConnect, v.reason))
}
