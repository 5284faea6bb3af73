//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/rules"
	"wxsocket/internal/text"
	"wxsocket/wasm/internal/jsx"
)

// connectSocket is wx.connectSocket (spec section 2), its steps in the
// spec's order.
func (sh *shim) connectSocket(o js.Value) any {
	const where = "wx.connectSocket"
	opt := parseConnect(o)
	return sh.guard(where, apiConnect, opt.cb, false, func() any {
		ret, reason := sh.connect(where, opt)
		if reason != "" {
			return sh.failWith(where, failMsg(apiConnect, reason), opt.cb, false)
		}
		return ret
	})
}

// connect is connectSocket's steps: its result, or the reason it fails
// with. The fail is built in one place, connectSocket, not at each step
// (one copy in the wasm, not seven).
func (sh *shim) connect(where string, opt connectOptions) (ret any, reason string) {
	if opt.readErr != nil {
		return nil, paramReadReason(opt.readName, opt.readErr)
	}
	// 1. url must be a string.
	if jsx.TypeOf(opt.url) != js.TypeString {
		return nil, paramTypeReason("url", "String", sh.glue.typeName(opt.url))
	}
	url := opt.url.String()
	// 2, 3. The url's form, then the legal-domain list: the URL is
	// parsed here, once, and the glue's open reuses that parse.
	v := sh.checkURL(url)
	refused := false
	if !v.ok {
		if v.reason != reasonNotInDomainList {
			return nil, v.reason
		}
		sh.warnOnce("domain:"+v.host, "connectSocket: "+clip(url)+" fails the legal-domain check: "+v.why+
			". Add the host to wxshim.socketDomains, or set wxshim.urlCheck = false (WeChat devtools' \"do not verify domain names\").")
		if !sh.cfg.multiSocket() {
			return nil, reasonNotInDomainList
		}
		refused = true
	}
	protocols, bad := sh.protocols(opt.protocols)
	if bad != "" {
		return nil, bad
	}
	// 4. The connection limit from 1.7.0; before it, one socket at a time.
	if !refused {
		if sh.cfg.multiSocket() {
			if sh.live() >= sh.cfg.maxConnections {
				return nil, maxConnReason(sh.cfg.maxConnections)
			}
		} else {
			sh.replaceAll()
		}
	}
	// 5. The browser WebSocket (or, for a late domain failure, none).
	sh.nextID++
	sock := &socket{id: sh.nextID, url: url, rec: sh.glue.newSocket(sh.nextID), refused: refused}
	if refused {
		// It never connects, so it neither counts against
		// maxConnections nor keeps the binding from the next socket;
		// its onError comes after connectSocket returns.
		sh.glue.raiseAfter(sock.rec, kindDomainFail, 0)
	} else {
		if msg := sh.glue.open(sock.rec, sh.rewrite(url, v.url), protocols, sh.relayFor(opt)); msg != "" {
			return nil, msg
		}
		sh.glue.raiseAfter(sock.rec, kindTimeout, sh.connectTimeout(opt))
	}
	sh.sockets[sock.id] = sock
	if !sh.cfg.multiSocket() || sh.bound == nil || sh.bound.refused || sh.bound.rec.state() == stClosed {
		sh.bind(sock)
	}
	sh.warnIgnored(opt)
	// 6. success means accepted, not open; the glue runs it before
	// connectSocket returns to the page.
	return sh.deliver(where, opt.cb, true, connectResult(okMsg(apiConnect), sock.id), false, sock.rec.task()), ""
}

// replaceAll is the pre-1.7.0 rule: a new connectSocket closes the socket
// there is with 1000, and none of its later events reach the globals.
func (sh *shim) replaceAll() {
	if sh.bound != nil {
		sh.unbind()
	}
	for _, s := range sh.sockets {
		if st := s.rec.state(); st == stConnecting || st == stOpen {
			sh.glue.close(s.rec, 1000, "", 1000)
		}
	}
}

// protocols checks the protocols option: an array of strings, or one string.
func (sh *shim) protocols(p js.Value) (js.Value, string) {
	switch {
	case p.IsUndefined() || p.IsNull() || !sh.cfg.protocolsOption():
		return js.Undefined(), ""
	case jsx.TypeOf(p) == js.TypeString:
		return arrayOf(p), ""
	case jsx.IsArray(p):
		return p, ""
	default:
		return js.Undefined(), paramTypeReason("protocols", "Array", sh.glue.typeName(p))
	}
}

// connectTimeout is the timeout option (from 2.10.0), else
// networkTimeout.connectSocket, else 60 s.
func (sh *shim) connectTimeout(opt connectOptions) float64 {
	if sh.cfg.timeoutOption() && opt.timeout > 0 {
		return opt.timeout
	}
	if sh.cfg.connectTimeout > 0 {
		return sh.cfg.connectTimeout
	}
	return defaultConnectTimeout
}

// relayFor is what the glue sends the relay for this socket (spec section
// 7), or nil without a relay: the header entries but Referer (which the
// relay writes as a phone does), and the app that names the Referer.
func (sh *shim) relayFor(opt connectOptions) *relayHandoff {
	r := sh.cfg.relay
	if r == nil {
		return nil
	}
	h := &relayHandoff{relayConfig: *r, appid: sh.cfg.appid, appVersion: sh.cfg.appVersion}
	for _, e := range opt.header {
		if !rules.IsReferer(e.name) {
			h.header = append(h.header, e)
		}
	}
	return h
}

// warnIgnored says, once each, which options cannot be honoured: headers
// a browser cannot send (the relay can, but never Referer or the
// handshake's own), and options that have no effect in a browser. Header
// names come in one warning per kind, however many there are.
func (sh *shim) warnIgnored(opt connectOptions) {
	relay := sh.cfg.relay != nil
	var reserved, dropped []string
	referer := false
	for _, e := range opt.header {
		name := text.Lower(e.name)
		switch {
		case name == "referer":
			referer = true
			continue
		case relay && !rules.ReservedHeader(name):
			continue // the relay sends it
		}
		if !sh.fresh("header:" + name) { // named once, in any case
			continue
		}
		if relay {
			reserved = append(reserved, e.name)
		} else {
			dropped = append(dropped, e.name)
		}
	}
	sh.warnNames(reserved, "connectSocket: header ",
		" is dropped: the WebSocket client sets it.", " are dropped: the WebSocket client sets them.")
	const cannot = " dropped: a browser WebSocket cannot send request headers (set wxshim.relay to send them)."
	sh.warnNames(dropped, "connectSocket: header ", " is"+cannot, " are"+cannot)
	if referer {
		sh.warnOnce("referer", "connectSocket: header.Referer is refused, as on a phone (a phone sends "+rules.Referer("{appid}", "{version}")+").")
	}
	for _, k := range opt.ignored {
		why := " has no effect in a browser."
		switch k {
		case "method":
			why = " is dropped: a WebSocket handshake is always GET."
		case "data":
			why = " is dropped: a WebSocket handshake carries no body."
		}
		sh.warnOnce(k, "connectSocket: "+k+why)
	}
}

// clip shortens s for a console message: a URL can be megabytes long.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
