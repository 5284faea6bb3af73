//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/rules"
	"wxsocket/internal/text"
	"wxsocket/wasm/internal/jsx"
)

// wx.request (NETWORK.md section 2): Go makes every synchronous decision,
// in the spec's order, and hands the glue a plan (newRequest); the glue
// owns the RequestTask from then on: its queue of 10, the fetch (or the
// relay's POST), abort, the timer, the response and the callbacks. Go is
// asked once more when the task leaves the queue (requestSend): the
// legal-domain check, the rewrite and the relay are decided then, on the
// settings of then. Nothing is kept in Go between the two.
//
// From the page alone, fetch follows redirects itself (up to 20, the
// browser's rule, not the phone's 15), and a redirect's target is not
// checked against the domain list: the browser never shows it to the page
// before following it. redirect: "manual" asks fetch not to follow, and a
// browser then reports an opaque response with no status and no headers,
// which the shim reports as status 0 with an empty header (README's table
// of differences). Through the relay, each hop is reported and, with
// urlCheck on, checked before it is followed (relay.js).

// request is wx.request.
func (sh *shim) request(o js.Value) any {
	const where = "wx.request"
	opt := parseRequest(sh, o)
	return sh.guard(where, apiRequest, opt.cb, false, func() any {
		plan, reason, errno := sh.planRequest(opt)
		switch {
		case reason == reasonThrown:
			return js.Undefined() // the runtime's own TypeError: no callback, undefined
		case reason != "":
			return sh.failErrno(where, failMsg(apiRequest, reason), errno, opt.cb)
		}
		sh.warnRequest(opt, plan)
		task := sh.glue.newRequest(opt.data, plan, opt.cb)
		if !sh.cfg.version.AtLeast(rules.SinceRequestAbort) {
			return js.Undefined() // before 1.4.0 wx.request returns nothing
		}
		return task
	})
}

// reasonThrown is planRequest's word for the two inputs on which the
// runtime's own JavaScript throws (section 2): it calls nothing back.
const reasonThrown = "\x00thrown"

// requestPlan is what the glue needs to make and send one request.
type requestPlan struct {
	url      string
	method   string
	header   []headerEntry // every entry; the glue's fetch leaves out what the browser refuses
	body     int           // bodyNone, bodyAsIs, bodyForm, bodyJSON
	query    bool          // GET with an object: the data goes into the query
	flags    int           // request* flags (contract.go)
	timeout  float64       // ms
	max      float64       // maxResponseBytes
	headerOK bool          // the header option was an object
}

// planRequest runs section 2's checks in order and makes the plan, or
// returns the reason the call fails with, and its errno.
func (sh *shim) planRequest(opt requestOptions) (p requestPlan, reason string, errno int) {
	// 1. The argument, then url's type and form.
	switch {
	case opt.argType != "":
		return p, paramObjectReason(opt.argType), errnoParam
	case opt.readErr != nil:
		return p, paramReadReason(opt.readName, opt.readErr), errnoParam
	}
	if t := sh.glue.typeName(opt.url); t != "String" {
		return p, paramTypeReason("url", "String", t), errnoParam
	}
	url, err := jsx.String(opt.url) // a String object passes, as on a phone
	if err != nil {
		return p, paramReadReason("url", err), errnoParam
	}
	if !text.HasPrefixFold(url, "http://") && !text.HasPrefixFold(url, "https://") {
		return p, invalidURLReason(url), errnoInvalidURL
	}
	// 2. data must survive JSON.stringify and not be a function. Between
	// the two, as the runtime's code runs them, its two TypeErrors.
	if !sh.glue.stringifies(opt.data) {
		return p, reasonStringify, errnoData
	}
	p.header, p.headerOK = sh.requestHeader(opt.header)
	ct := ""
	for _, e := range p.header {
		if e.name == "content-type" {
			ct = e.value
		}
	}
	if why := sh.throws(opt, ct); why != "" {
		sh.glue.consoleError("wx.request: TypeError: " + why + " (the phone's runtime throws here, calls nothing back and returns undefined)")
		return p, reasonThrown, 0
	}
	if jsx.IsFunc(opt.data) {
		return p, reasonFunctionData, errnoData
	}
	// 3. The host, as the runtime cuts it out of the URL.
	if h := hostOf(url); h != "" && (h[0] == '.' || text.Contains(h, "..")) {
		return p, illegalHostReason(h), errnoIllegalHost
	}
	p.url = url
	p.method = "GET"
	if jsx.TypeOf(opt.method) == js.TypeString {
		p.method = upperASCII(opt.method.String())
	}
	p.body, p.query = bodyKind(opt.data, ct, p.method, sh.glue.typeName(opt.data))
	p.flags = sh.requestFlags(opt)
	p.timeout = sh.requestTimeout(opt)
	p.max = sh.cfg.maxResponseBytes
	return p, "", 0
}

// throws says why the runtime's own code would throw on opt, or "": a
// truthy responseType that is not a string (from 1.7.0, when it reads
// one), and a number or boolean data with a content-type that is neither
// form nor JSON.
func (sh *shim) throws(opt requestOptions, ct string) string {
	rt := opt.responseType
	if sh.cfg.version.AtLeast(rules.SinceResponseType) && jsx.TypeOf(rt) != js.TypeString && truthy(rt) {
		return "responseType.toLowerCase is not a function"
	}
	if t := jsx.TypeOf(opt.data); (t == js.TypeNumber || t == js.TypeBoolean) &&
		!text.Contains(ct, "application/x-www-form-urlencoded") && !text.Contains(ct, "application/json") {
		return "data is a " + sh.glue.typeName(opt.data) + " and content-type (" + clip(ct) + ") is neither form nor JSON"
	}
	return ""
}

// truthy is JavaScript's truthiness, without a call.
func truthy(v js.Value) bool {
	switch jsx.TypeOf(v) {
	case js.TypeUndefined, js.TypeNull:
		return false
	case js.TypeBoolean:
		return v.Bool()
	case js.TypeNumber:
		f := v.Float()
		return f == f && f != 0
	case js.TypeString:
		return v.String() != ""
	case jsx.TypeBigInt:
		return jsx.Message(v) != "0"
	}
	return true
}

// Body kinds (CONTRACT.bodies): what the glue makes of data.
const (
	bodyNone = iota // no body
	bodyAsIs        // a string or an ArrayBuffer, sent as it is
	bodyForm        // key=value&..., each encodeURIComponent'd
	bodyJSON        // JSON.stringify(data)
)

// bodyKind is section 2's table: the body data makes under content-type
// ct, and whether a GET puts it into the query. GET and HEAD carry no
// body (choice: a browser cannot send one).
func bodyKind(data js.Value, ct, method, typeName string) (kind int, query bool) {
	t := jsx.TypeOf(data)
	switch {
	case t == js.TypeUndefined:
		kind = bodyNone
	case t == js.TypeString || typeName == "ArrayBuffer":
		kind = bodyAsIs
	case text.Contains(ct, "application/x-www-form-urlencoded"):
		kind = bodyForm
	default:
		kind = bodyJSON
	}
	query = method == "GET" && (t == js.TypeObject || t == js.TypeFunction) && typeName != "ArrayBuffer"
	if method == "GET" || method == "HEAD" {
		kind = bodyNone
	}
	return kind, query
}

// hostOf is the host as the runtime's illegal-host check reads it: what
// follows "://", up to the first '/', '?', '#' or white space.
func hostOf(url string) string {
	i := text.Index(url, "://")
	if i < 0 {
		return ""
	}
	h := url[i+3:]
	for j := 0; j < len(h); j++ {
		switch h[j] {
		case '/', '?', '#', ' ', '\t', '\n', '\r', '\f', '\v':
			return h[:j]
		}
	}
	return h
}

// upperASCII is toUpperCase for the methods a browser can send (tokens:
// ASCII); a method with other characters fails in fetch anyway.
func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// requestGates are the plan's flags that the version alone decides.
var requestGates = [...]struct {
	since *rules.Version
	flag  int
}{
	{&rules.SinceCookies, flagCookies}, {&rules.SinceErrno, flagErrno}, {&rules.SinceRequestAbort, flagAbort},
	{&rules.SinceHeadersReceived, flagHeaders}, {&rules.SinceChunkReceived, flagChunks}, {&rules.SinceSharedTask, flagProgress},
}

// requestFlags are the plan's yes/no decisions (CONTRACT.requestFlags).
func (sh *shim) requestFlags(opt requestOptions) int {
	v := sh.cfg.version
	f := 0
	for _, g := range requestGates {
		if v.AtLeast(*g.since) {
			f |= g.flag
		}
	}
	if dt := opt.dataType; !truthy(dt) || jsx.TypeOf(dt) == js.TypeString && dt.String() == "json" {
		f |= flagJSON
	}
	if rt := opt.responseType; v.AtLeast(rules.SinceResponseType) && jsx.TypeOf(rt) == js.TypeString && text.Lower(rt.String()) == "arraybuffer" {
		f |= flagArrayBuffer
	}
	if opt.chunked && v.AtLeast(rules.SinceEnableChunked) {
		f |= flagChunked
	}
	if opt.cache {
		f |= flagCache
	}
	if !opt.noProfile && v.AtLeast(rules.SinceRequestProfile) {
		f |= flagProfile
	}
	if rd := opt.redirect; v.AtLeast(rules.SinceRedirectOption) && jsx.TypeOf(rd) == js.TypeString && rd.String() == "manual" {
		f |= flagManual
	}
	return f
}

// requestTimeout is the timeout option (from 2.10.0), truncated, if above
// 0; else networkTimeout.request; else 60 s.
func (sh *shim) requestTimeout(opt requestOptions) float64 {
	if sh.cfg.timeoutOption() && jsx.TypeOf(opt.timeout) == js.TypeNumber {
		if f := float64(int64(opt.timeout.Float())); f > 0 {
			if f > maxTimeout {
				f = maxTimeout
			}
			return f
		}
	}
	if sh.cfg.requestTimeout > 0 {
		return sh.cfg.requestTimeout
	}
	return defaultRequestTimeout
}

// requestSend is the glue's call when a task leaves the queue: the
// legal-domain check on url (what the runtime hands its native side),
// then where the request goes: the URL after rewrites, and the relay when
// one is set. A failure is the fail's result object.
func (sh *shim) requestSend(url string) js.Value {
	p, ok := sh.glue.parseURL(url)
	if !ok {
		// fetch refuses it with its own message (the glue's send path).
		return sendVerdict(url, nil, false, js.Undefined())
	}
	r := rules.RequestURL(p.scheme, p.host, rules.PortAsWritten(url, p.scheme, p.port), sh.cfg.version, sh.cfg.urlCheck, sh.cfg.requestDomains)
	if !r.OK {
		sh.warnOnce("request-domain:"+p.origin(), "request: "+clip(url)+" fails the legal-domain check: "+r.Why+
			". Add it to wxshim.requestDomains (\"host\" or \"host:port\", as the URL writes it), or set wxshim.urlCheck = false (WeChat devtools' \"do not verify domain names\").")
		return sendVerdict("", nil, false, sh.errnoObject(failMsg(apiRequest, reasonNotInDomainList), errnoDomain))
	}
	return sendVerdict(sh.rewrite(url, p), sh.requestRelay(), sh.cfg.urlCheck, js.Undefined())
}

// requestRelay is the relay's handoff for a request (NETWORK.md section
// 6), or nil: its URL read as HTTP (ws: is http:), the secret, the app.
func (sh *shim) requestRelay() *relayHandoff {
	r := sh.cfg.relay
	if r == nil {
		return nil
	}
	return &relayHandoff{relayConfig: relayConfig{url: httpOf(r.url), fallback: httpOf(r.fallback), secret: r.secret},
		appid: sh.cfg.appid, appVersion: sh.cfg.appVersion}
}

// httpOf is a relay's ws:// or wss:// URL as http:// or https://.
func httpOf(u string) string {
	switch {
	case text.HasPrefixFold(u, "wss:"):
		return "https:" + u[4:]
	case text.HasPrefixFold(u, "ws:"):
		return "http:" + u[3:]
	}
	return u
}

// warnRequest says, once each, what a browser cannot do of this request:
// headers it refuses (from the page alone; through the relay only those
// the relay drops), Referer (never sent: the relay writes a phone's), a
// header that was not an object, and options without effect.
func (sh *shim) warnRequest(opt requestOptions, p requestPlan) {
	if !p.headerOK {
		sh.warnOnce("request-header-type", "wx.request: header must be an object")
	}
	relay := sh.cfg.relay != nil
	var dropped []string
	for _, e := range p.header {
		name := text.Lower(e.name)
		if name == "referer" || (relay && rules.ReservedHeader(name) || !relay && rules.BrowserRefusedHeader(name)) && sh.fresh("request-header:"+name) {
			dropped = append(dropped, e.name)
		}
	}
	why := " dropped: a browser's fetch cannot send it (wxshim.relay can, but Referer)."
	if relay {
		why = " dropped: the relay's HTTP client sets it, and a phone its own Referer."
	}
	sh.warnNames(dropped, "request: header ", why, why)
	for _, k := range opt.ignored {
		sh.warnOnce("request-option:"+k, "request: "+k+" has no effect in a browser.")
	}
}
