//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/rules"
	"wxsocket/internal/text"
)

// wx.request (NETWORK.md section 2): Go makes every synchronous decision,
// in the spec's order, and hands the glue a plan (newRequest); the glue
// owns the RequestTask from then on: its queue of 10, the fetch (or the
// relay's POST), abort, the timer, the response and the callbacks. The
// legal-domain check, the rewrite and the relay are decided when the task
// leaves the queue, on the settings of then: Go makes that verdict at the
// call too (presend), and the glue uses it unless a setting changed
// meanwhile, when it asks Go again (requestSend). So a request enters Go
// once (each entry costs about as much as the rest of the shim's work on
// it: BENCHMARKS.md). Nothing is kept in Go between the two.
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
	opt := sh.glue.readRequest(o)
	return sh.guard(where, apiRequest, opt.cb, false, func() any {
		plan, reason, errno := sh.planRequest(opt)
		switch {
		case reason == reasonThrown:
			return js.Undefined() // the runtime's own TypeError: no callback, undefined
		case reason != "":
			return sh.failErrno(where, failMsg(apiRequest, reason), errno, opt.cb)
		}
		sh.warnRequest(opt)
		// A RequestTask at every version (section 2, step 4); below 1.4.0
		// it has no method (the glue's prototypes follow the flags).
		return sh.glue.newRequest(opt.facts, plan, sh.presend(opt.httpFacts, 0))
	})
}

// reasonThrown is planRequest's word for the two inputs on which the
// runtime's own JavaScript throws (section 2): it calls nothing back.
const reasonThrown = "\x00thrown"

// requestPlan is what the glue needs, beyond the facts, to make and send
// one request.
type requestPlan struct {
	url     string  // the facts' url (the glue has it)
	method  string  // "GET", or the facts' method
	body    int     // bodyNone, bodyAsIs, bodyForm, bodyJSON
	query   bool    // GET with an object: the data goes into the query
	flags   int     // flag* (contract.go)
	timeout float64 // ms
	max     float64 // maxResponseBytes
}

// planRequest runs section 2's checks in order and makes the plan, or
// returns the reason the call fails with, and its errno.
func (sh *shim) planRequest(opt requestOptions) (p requestPlan, reason string, errno int) {
	// 1. The argument, then url's type and form.
	switch {
	case opt.argType != "":
		return p, paramObjectReason(opt.argType), errnoParam
	case opt.readName != "":
		return p, paramReadMsgReason(opt.readName, opt.readMsg), errnoParam
	case opt.urlType != "String":
		return p, paramTypeReason("url", "String", opt.urlType), errnoParam
	case !text.HasPrefixFold(opt.url, "http://") && !text.HasPrefixFold(opt.url, "https://"):
		return p, invalidURLReason(opt.url), errnoInvalidURL
	// 2. data must survive JSON.stringify and not be a function. Between
	// the two, as the runtime's code runs them, its two TypeErrors.
	case !opt.stringifies:
		return p, reasonStringify, errnoData
	}
	if why := sh.throws(opt); why != "" {
		sh.glue.consoleError("wx.request: TypeError: " + why + " (the phone's runtime throws here, calls nothing back and returns undefined)")
		return p, reasonThrown, 0
	}
	if opt.dataType == "function" {
		return p, reasonFunctionData, errnoData
	}
	// 3. The host, as the runtime cuts it out of the URL.
	if h := hostOf(opt.url); h != "" && (h[0] == '.' || text.Contains(h, "..")) {
		return p, illegalHostReason(h), errnoIllegalHost
	}
	p.url = opt.url
	p.method = "GET"
	if opt.methodString {
		p.method = opt.method
	}
	p.body, p.query = bodyKind(opt, p.method)
	p.flags = sh.requestFlags(opt)
	p.timeout = sh.requestTimeout(opt)
	p.max = sh.cfg.maxResponseBytes
	return p, "", 0
}

// throws says why the runtime's own code would throw on opt, or "": a
// truthy responseType that is not a string (from 1.7.0, when it reads
// one), and a number or boolean data with a content-type that is neither
// form nor JSON.
func (sh *shim) throws(opt requestOptions) string {
	if opt.responseType == "throw" && sh.cfg.version.AtLeast(rules.SinceResponseType) {
		return "responseType.toLowerCase is not a function"
	}
	if (opt.dataType == "number" || opt.dataType == "boolean") && !isForm(opt.contentType) && !text.Contains(opt.contentType, "application/json") {
		return "data is a number or boolean and content-type is neither form nor JSON"
	}
	return ""
}

func isForm(ct string) bool { return text.Contains(ct, "application/x-www-form-urlencoded") }

// Body kinds (CONTRACT.bodies): what the glue makes of data.
const (
	bodyNone = iota // no body
	bodyAsIs        // a string or an ArrayBuffer, sent as it is
	bodyForm        // key=value&..., each encodeURIComponent'd
	bodyJSON        // JSON.stringify(data)
)

// bodyKind is section 2's table: the body data makes under its
// content-type, and whether a GET puts it into the query. GET and HEAD
// carry no body (choice: a browser cannot send one).
func bodyKind(opt requestOptions, method string) (kind int, query bool) {
	switch {
	case opt.dataType == "undefined":
		kind = bodyNone
	case opt.dataType == "string" || opt.dataAB:
		kind = bodyAsIs
	case isForm(opt.contentType):
		kind = bodyForm
	default:
		kind = bodyJSON
	}
	if method == "GET" || method == "HEAD" {
		kind = bodyNone
		query = method == "GET" && opt.dataType == "object" && !opt.dataAB
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

// gate is one flag the version alone decides: set from since on.
type gate struct {
	since *rules.Version
	flag  int
}

// gateFlags are the flags of gates that the emulated version reaches.
func (c *config) gateFlags(gates []gate) int {
	f := 0
	for _, g := range gates {
		if c.version.AtLeast(*g.since) {
			f |= g.flag
		}
	}
	return f
}

// requestGates are the plan's flags that the version alone decides.
var requestGates = []gate{
	{&rules.SinceCookies, flagCookies}, {&rules.SinceErrno, flagErrno}, {&rules.SinceRequestAbort, flagAbort},
	{&rules.SinceHeadersReceived, flagHeaders}, {&rules.SinceChunkReceived, flagChunks},
	{&rules.SinceSharedTask, flagProgress | flagOffProgress},
}

// requestFlags are the plan's yes/no decisions (CONTRACT.requestFlags).
func (sh *shim) requestFlags(opt requestOptions) int {
	v := sh.cfg.version
	f := sh.cfg.gateFlags(requestGates)
	if opt.dataTypeJSON {
		f |= flagJSON
	}
	if opt.responseType == "arraybuffer" && v.AtLeast(rules.SinceResponseType) {
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
	if opt.manual && v.AtLeast(rules.SinceRedirectOption) {
		f |= flagManual
	}
	return f
}

// requestTimeout is the timeout option (from 2.10.0), truncated, if above
// 0; else networkTimeout.request; else 60 s.
func (sh *shim) requestTimeout(opt requestOptions) float64 {
	return sh.timeoutOf(opt.timeout, sh.cfg.requestTimeout)
}

// timeoutOf is an HTTP API's timeout (NETWORK.md section 1): the option
// (from 2.10.0), truncated, if above 0; else its networkTimeout setting
// (0: none); else 60 s.
func (sh *shim) timeoutOf(option, setting float64) float64 {
	if f := float64(int64(option)); sh.cfg.timeoutOption() && f > 0 {
		if f > maxTimeout {
			f = maxTimeout
		}
		return f
	}
	if setting > 0 {
		return setting
	}
	return defaultRequestTimeout
}

// requestSend is the glue's call when a task of the HTTP API api (0
// request, 1 downloadFile, 2 uploadFile: CONTRACT.apis) leaves its queue
// with settings changed since the call (or its check failed then), and
// for each redirect it checks: the legal-domain check on url (what the
// runtime hands its native side) against that API's list, then where the
// request goes (sendVerdict). A failure is the fail's result object, and
// its warning is said then.
func (sh *shim) requestSend(url string, api int) js.Value {
	if api < 0 || api >= len(httpAPIs) {
		api = 0
	}
	p, ok := sh.glue.parseURL(url)
	v, f := sh.route(url, api, p, ok)
	if f.msg == "" {
		return v
	}
	if f.warn != "" {
		sh.warnOnce(f.warnKey, f.warn)
	}
	return sh.errnoObject(f.msg, f.errno)
}

// presend is requestSend made at the call on the facts h, when their url
// passes (the glue parsed it as it read them: Go asks it nothing more
// here): the verdict, which the glue uses when the task leaves its queue if no setting
// changed meanwhile (glue's settingsGen; the verdict reads nothing else),
// and so enters Go once per request, not twice. null when url fails: the
// glue asks requestSend at the send, which fails it and warns then, as
// the phone checks a task only once it leaves the queue. null too when
// rewrites are set: a rewrite writes the whole URL, and the glue may
// change the URL after the call (a GET's data merged into its query), so
// the rewrite is made at the send, on the URL then.
func (sh *shim) presend(h httpFacts, api int) js.Value {
	if len(sh.cfg.rewrites) != 0 {
		return js.Null()
	}
	p, ok := unpackURL(h.parsedURL)
	if v, f := sh.route(h.url, api, p, ok); f.msg == "" {
		return v
	}
	return js.Null()
}

// sendFailure is route's refusal: the fail's errMsg and errno, and the
// warning said with it (once per key; "" none). msg "" is none.
type sendFailure struct {
	msg           string
	errno         int
	warnKey, warn string
}

// route is requestSend's decision on url, which the browser's parser
// read as p (ok false: it refused it): the verdict, or why url fails.
func (sh *shim) route(url string, api int, p parsedURL, ok bool) (js.Value, sendFailure) {
	name := httpAPIs[api]
	if api != 0 && (!ok || !isHTTP(p.scheme)) {
		// A file API's url is checked by the phone's native side alone
		// (NETWORK.md section 3): never a relative URL fetched from the page.
		return js.Null(), sendFailure{msg: name + ":fail " + badFileURLReason(url), errno: errnoInvalidURL}
	}
	var r rules.Verdict
	switch {
	case ok:
		r = rules.RequestURL(p.scheme, p.host, rules.PortAsWritten(url, p.scheme, p.port), sh.cfg.version, sh.cfg.urlCheck, sh.cfg.httpDomains(api))
	case sh.cfg.urlCheck:
		r.Why = "the browser's URL parser cannot read it, so it names no listed host" // with urlCheck on, no host is none in the list
	default:
		return sendVerdict(url, url, false, false), sendFailure{} // fetch refuses it with its own message
	}
	if !r.OK {
		return js.Null(), sendFailure{msg: name + ":fail " + reasonNotInDomainList, errno: errnoDomain,
			warnKey: name + "-domain:" + p.origin(),
			warn: name + ": " + clip(url) + " fails the legal-domain check: " + r.Why +
				". Add it to wxshim." + name + "Domains (\"host\" or \"host:port\", as the URL writes it), or set wxshim.urlCheck = false (WeChat devtools' \"do not verify domain names\")."}
	}
	return sendVerdict(url, sh.rewrite(url, p), sh.cfg.relay != nil, sh.cfg.urlCheck), sendFailure{}
}

// warnRequest says, once each, what a browser cannot do of this request:
// headers it refuses (from the page alone; through the relay only those
// the relay drops), Referer (never sent: the relay writes a phone's), a
// header that was not an object, and options without effect.
func (sh *shim) warnRequest(opt requestOptions) {
	if !opt.headerOK {
		sh.warnOnce("request-header-type", "wx.request: header must be an object")
	}
	sh.warnHeaders(apiRequest, opt.headerNames)
	for _, k := range lines(opt.ignored) {
		sh.warnOnce("request-option:"+k, "request: "+k+" has no effect in a browser.")
	}
}

// warnHeaders warns, once each, of the headers names (joined by "\n")
// that api's requests cannot send.
func (sh *shim) warnHeaders(api, names string) {
	relay := sh.cfg.relay != nil
	var dropped []string
	for _, n := range lines(names) {
		if lower, drop := rules.RequestHeaderDropped(n, relay); drop && sh.fresh("request-header:"+lower) {
			dropped = append(dropped, n)
		}
	}
	why := " dropped: a browser's fetch cannot send it (wxshim.relay can, but Referer)."
	if relay {
		why = " dropped: the relay's HTTP client sets it, and a phone its own Referer."
	}
	sh.warnNames(dropped, api+": header ", why, why)
}
