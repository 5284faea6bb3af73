//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

// connectSocket is wx.connectSocket (spec section 2), its steps in the
// spec's order.
func (sh *shim) connectSocket(o js.Value) any {
	const where = "wx.connectSocket"
	cb := readCallbacks(o)
	return sh.guard(where, apiConnect, cb, false, func() any {
		fail := func(reason string) any {
			sh.failWith(where, failMsg(apiConnect, reason), cb, false)
			return js.Undefined()
		}
		opt := parseConnect(o)
		if opt.readErr != nil {
			return fail(paramReadReason(opt.readName, opt.readErr))
		}
		// 1. url must be a string.
		if jsx.TypeOf(opt.url) != js.TypeString {
			return fail(paramTypeReason("url", typeName(opt.url)))
		}
		url := opt.url.String()
		// 2, 3. The url's form, then the legal-domain list.
		v := sh.checkURL(url)
		domainFail := false
		if !v.ok {
			if v.reason != reasonNotInDomainList {
				return fail(v.reason)
			}
			sh.warnOnce("domain:"+v.host, "connectSocket: "+clip(url)+" fails the legal-domain check: "+v.why+
				". Add the host to wxshim.socketDomains, or set wxshim.urlCheck = false (WeChat devtools' \"do not verify domain names\").")
			if !sh.cfg.multiSocket() {
				return fail(reasonNotInDomainList)
			}
			domainFail = true
		}
		protocols, bad := sh.protocols(opt.protocols)
		if bad != "" {
			return fail(bad)
		}
		// 4. The connection limit from 1.7.0; before it, one socket at a time.
		if !domainFail {
			if sh.cfg.multiSocket() {
				if sh.live() >= sh.cfg.maxConnections {
					return fail(maxConnReason(sh.cfg.maxConnections))
				}
			} else {
				sh.replaceAll()
			}
		}
		// 5. The browser WebSocket (or, for a late domain failure, none).
		sh.nextID++
		sock := &socket{id: sh.nextID, url: url, s: sh.glue.Call("newSocket", sh.nextID)}
		if domainFail {
			sh.glue.Call("later", sock.s, evDomainFail, 0)
		} else {
			if msg := sh.glue.Call("open", sock.s, sh.cfg.rewrite(url), protocols).String(); msg != "" {
				return fail(msg)
			}
			sh.glue.Call("later", sock.s, evTimeout, sh.connectTimeout(opt))
		}
		sh.sockets[sock.id] = sock
		if !sh.cfg.multiSocket() || sh.bound == nil || sh.bound.state == stClosed {
			sh.bind(sock)
		}
		sh.warnDropped(o, opt)
		// 6. success means accepted, not open; it runs before the return.
		res := errMsgObject(okMsg(apiConnect))
		res.Set("socketTaskId", sock.id)
		sh.deliver(where, cb, true, res, false)
		return sock.s.Get("task")
	})
}

// replaceAll is the pre-1.7.0 rule: a new connectSocket closes the socket
// there is with 1000, and none of its later events reach the globals.
func (sh *shim) replaceAll() {
	if sh.bound != nil {
		sh.unbind()
	}
	for _, s := range sh.sockets {
		if s.state == stConnecting || s.state == stOpen {
			setState(s, stClosing)
			sh.glue.Call("close", s.s, 1000, "", 1000)
		}
	}
}

// protocols checks the protocols option: an array of strings, or one string.
func (sh *shim) protocols(p js.Value) (js.Value, string) {
	switch {
	case p.IsUndefined() || p.IsNull() || !sh.cfg.protocolsOption():
		return js.Undefined(), ""
	case jsx.TypeOf(p) == js.TypeString:
		return js.ValueOf([]any{p}), ""
	case jsx.IsArray(p):
		return p, ""
	default:
		return js.Undefined(), "parameter error: parameter.protocols should be Array instead of " + typeName(p) + ";"
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

// warnDropped says, once each, which options a browser cannot honour.
func (sh *shim) warnDropped(o js.Value, opt connectOptions) {
	if jsx.TypeOf(opt.header) == js.TypeObject {
		var keys js.Value
		if jsx.Try(func() { keys = objectCtor.Call("keys", opt.header) }) == nil {
			for i := 0; i < keys.Length(); i++ {
				k := keys.Index(i).String()
				if lowerASCII(k) == "referer" {
					sh.warnOnce("referer", "connectSocket: header.Referer is refused, as on a phone (a phone sends https://servicewechat.com/{appid}/{version}/page-frame.html).")
				} else {
					sh.warnOnce("header:"+lowerASCII(k), "connectSocket: header "+k+" is dropped: a browser WebSocket cannot send request headers.")
				}
			}
		}
	}
	if opt.hasMethod {
		sh.warnOnce("method", "connectSocket: method is dropped: a browser WebSocket handshake is always GET.")
	}
	if opt.hasData {
		sh.warnOnce("data", "connectSocket: data is dropped: a browser WebSocket handshake carries no body.")
	}
	for _, k := range []string{"tcpNoDelay", "perMessageDeflate", "forceCellularNetwork"} {
		if v, _ := jsx.Get(o, k); !v.IsUndefined() {
			sh.warnOnce(k, "connectSocket: "+k+" has no effect in a browser.")
		}
	}
}

// clip shortens s for a console message: a URL can be megabytes long.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
