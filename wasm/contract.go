//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/rules"
	"wxsocket/internal/text"
	"wxsocket/wasm/internal/jsx"
)

// The contract between Go and the glue (wasm/glue/), in one file: every call JavaScript
// makes into Go (the bridge table), every call Go makes into the glue (the
// methods of glueJS), every field of the glue's socket record Go touches
// (the methods of rec) and every object Go builds for the glue or the page,
// with the constants both sides use. The rest of the shim works on Go
// values; what it reads of the page's own objects goes through jsx, which
// catches what they throw. boundary_test.go keeps it so.
//
// The constants are written twice, here and in the glue's CONTRACT (glue/contract.js) (the
// page needs them before Go runs: settings, and calls made before the wasm
// is ready), and checkContract holds the two together at start.

// Event kinds (CONTRACT.kinds): the four listener kinds, then the two the
// shim raises itself.
const (
	kindOpen = iota
	kindMessage
	kindError
	kindClose
	kindTimeout
	kindDomainFail
)

// SocketTask.readyState values (CONTRACT.states).
const (
	stConnecting = iota
	stOpen
	stClosing
	stClosed
)

// wx.request's plan flags (CONTRACT.requestFlags): the decisions Go hands
// the glue with each request.
const (
	flagJSON        = 1 << iota // dataType "json": JSON.parse a text body, keep the text when it fails
	flagArrayBuffer             // responseType "arraybuffer"
	flagChunked                 // enableChunked: onChunkReceived as bytes arrive
	flagCache                   // enableCache: the browser's HTTP cache may answer
	flagProfile                 // res.profile
	flagCookies                 // res.cookies, and onHeadersReceived's
	flagManual                  // redirect "manual"
	flagErrno                   // errno on fail results
	flagAbort                   // the task has abort
	flagHeaders                 // the task has on/offHeadersReceived
	flagChunks                  // the task has on/offChunkReceived
	flagProgress                // the task has onProgressUpdate
	flagOffProgress             // the task has offProgressUpdate
)

// settingKeys are the wxshim settings, in the order settings() lists them
// (read from CONTRACT.settings; checkSettingKeys holds parseSetting to them).
var settingKeys []string

// attach reads the contract, hands the glue Go's functions and errMsg
// strings, and gets back the glue's own functions; start then parses the
// settings and runs the calls queued before Go was ready.
func attach(sh *shim) {
	g := js.Global().Get("__wxshimGlue")
	if g.Type() != js.TypeObject {
		panic("the glue is missing: load build/wx.js, which carries it")
	}
	readContract(g.Get("contract"))
	bridge := objectCtor.New()
	for name, fn := range sh.bridgeTable() {
		bridge.Set(name, jsx.FuncOf(name, fn))
	}
	sh.glue = glueJS{g.Call("attach", bridge, objectOf(glueStrings()))}
	sh.checkSettingKeys()
	sh.glue.checkRules()
	g.Call("start")
}

func readContract(c js.Value) {
	checkContract(c)
	keys := c.Get("settings")
	settingKeys = make([]string, keys.Length())
	for i := range settingKeys {
		settingKeys[i] = keys.Index(i).String()
	}
}

// contractNumbers are the constants above as CONTRACT names them.
var contractNumbers = [...]struct {
	group, name string
	v           int
}{
	{"kinds", "open", kindOpen}, {"kinds", "message", kindMessage}, {"kinds", "error", kindError},
	{"kinds", "close", kindClose}, {"kinds", "timeout", kindTimeout}, {"kinds", "domainFail", kindDomainFail},
	{"states", "connecting", stConnecting}, {"states", "open", stOpen},
	{"states", "closing", stClosing}, {"states", "closed", stClosed},
	{"bodies", "none", bodyNone}, {"bodies", "asIs", bodyAsIs}, {"bodies", "form", bodyForm}, {"bodies", "json", bodyJSON},
	{"requestFlags", "json", flagJSON}, {"requestFlags", "arraybuffer", flagArrayBuffer},
	{"requestFlags", "chunked", flagChunked}, {"requestFlags", "cache", flagCache},
	{"requestFlags", "profile", flagProfile}, {"requestFlags", "cookies", flagCookies},
	{"requestFlags", "manual", flagManual}, {"requestFlags", "errno", flagErrno},
	{"requestFlags", "abort", flagAbort}, {"requestFlags", "headers", flagHeaders},
	{"requestFlags", "chunks", flagChunks}, {"requestFlags", "progress", flagProgress},
	{"requestFlags", "offProgress", flagOffProgress},
	{"apis", apiRequest, 0}, {"apis", apiDownload, 1}, {"apis", apiUpload, 2},
	{"errno", "timeout", errnoTimeout}, {"errno", "network", errnoNetwork},
}

// checkContract stops the start when the glue's CONTRACT and Go's constants
// differ: the event kinds and states, the pre-ready queue's promise gate and
// the version it defaults to (internal/rules is their home; the glue holds
// copies for before Go runs).
func checkContract(c js.Value) {
	for _, n := range contractNumbers {
		if v := c.Get(n.group).Get(n.name); v.Type() != js.TypeNumber || v.Int() != n.v {
			panic("the glue's CONTRACT." + n.group + "." + n.name + " is not " + text.Itoa(n.v) + " as contract.go has it")
		}
	}
	if versionFrom(c.Get("gates").Get("promises")) != rules.SincePromises || versionFrom(c.Get("defaultVersion")) != rules.DefaultVersion {
		panic("the glue's CONTRACT.gates.promises or defaultVersion differs from internal/rules")
	}
	for i, group := range [...]string{"factStrings", "factBits"} {
		if c.Get(group).Call("join", ",").String() != factNames[i] {
			panic("the glue's CONTRACT." + group + " is not contract.go's factNames")
		}
	}
}

// versionFrom reads a version in the form the glue writes: [a, b, c].
func versionFrom(v js.Value) rules.Version {
	var out rules.Version
	for i := range out {
		out[i] = v.Index(i).Int()
	}
	return out
}

// checkRules stops the start when one of the glue's copies of a rule (it
// runs them before, or without, a call into Go) answers internal/rules'
// probes otherwise than the rules package, their home, says it must: the
// version parser (the pre-ready queue decides on it, and the shim reads
// libVersion with it rather than link a second parser into the wasm) and
// the subprotocol rule that predicts the WebSocket constructor's refusal.
func (g glueJS) checkRules() {
	g.agree("parseVersion", rules.VersionProbes, rules.VersionAnswers)
	g.agree("validProtocol", rules.TokenProbes, rules.TokenAnswers)
}

// agree panics unless the glue's function fn, mapped over the probes,
// gives answers (Array.prototype.join's text: [2,10,4] is "2,10,4", null
// "", joined by "|"). One call, whatever the number of probes.
func (g glueJS) agree(fn, probes, answers string) {
	got := js.Global().Get("String").New(probes).Call("split", rules.ProbeSep).Call("map", g.v.Get(fn)).Call("join", "|").String()
	if got != answers {
		panic("the glue's " + fn + " and internal/rules disagree on rules' probes: the glue says " + got + ", the rules " + answers)
	}
}

type goFunc = func(this js.Value, args []js.Value) any

// bridgeTable is every entry point from JavaScript into Go. Sends and
// listener registrations are not among them: the glue does those alone.
// The API functions (connect, closeSocket, taskClose) return an outcome
// (errmsg.go's deliver), whose callbacks the glue runs after Go returned.
// A test build adds its hooks (debug.go).
func (sh *shim) bridgeTable() map[string]goFunc {
	t := map[string]goFunc{
		"connect":     func(_ js.Value, a []js.Value) any { return sh.connectSocket(arg(a, 0)) },
		"closeSocket": func(_ js.Value, a []js.Value) any { return sh.closeSocket(arg(a, 0), arg(a, 1)) },
		"taskClose":   func(_ js.Value, a []js.Value) any { return sh.taskClose(a[0].Int(), arg(a, 1)) },
		"event": func(_ js.Value, a []js.Value) any {
			sh.event(a[0].Int(), a[1].Int(), a[2].Int(), a[3].String(), a[4].Bool())
			return nil
		},
		"configure": func(js.Value, []js.Value) any { sh.configure(); return nil },
		"warm":      func(_ js.Value, a []js.Value) any { return sh.warm(a[0].Bool()) },
		"checkUrl":  func(_ js.Value, a []js.Value) any { return sh.checkURLObject(arg(a, 0)) },
		"request":   func(_ js.Value, a []js.Value) any { return sh.request(arg(a, 0)) },
		"requestSend": func(_ js.Value, a []js.Value) any {
			return sh.requestSend(a[0].String(), a[1].Int())
		},
		"downloadFile": func(_ js.Value, a []js.Value) any { return sh.transfer(arg(a, 0), false) },
		"uploadFile":   func(_ js.Value, a []js.Value) any { return sh.transfer(arg(a, 0), true) },
	}
	sh.addDebugHooks(t)
	return t
}

// glueJS is the glue's side of the contract: one method per function it
// offers Go, so a reader sees every Go->JS crossing here.
type glueJS struct{ v js.Value }

// rec is the glue's record of one socket (the glue's S, glue/sockets.js): its WebSocket,
// timer, listeners and task, and its state, which lives there alone. The
// glue reads the state on every send and every readyState, Go at each
// step of a connect or close; Go decides every move, through the calls
// named below (close: CLOSING, opened: OPEN, failed and closed: CLOSED).
type rec struct{ v js.Value }

// newSocket makes the record of socket id, CONNECTING.
func (g glueJS) newSocket(id int) rec { return rec{g.v.Call("newSocket", id)} }

// task is the SocketTask the page gets.
func (r rec) task() js.Value { return r.v.Get("task") }

// state is the socket's readyState as Go moved it last (the glue's
// readyState adds what its WebSocket says of a close the server began).
func (r rec) state() int { return r.v.Get("state").Int() }

// relayHandoff is what the glue sends the relay for one socket (spec
// section 7): where the relay is, and the request it makes for the page.
type relayHandoff struct {
	relayConfig
	header            []headerEntry // Referer left out: the relay writes it
	appid, appVersion string        // they name the Referer
}

// open starts S towards url (through the relay when relay is not nil): ""
// or the browser's own constructor message. protocols is undefined, or an
// array as the page gave it.
func (g glueJS) open(s rec, url string, protocols js.Value, relay *relayHandoff) string {
	r := js.Null()
	if relay != nil {
		h := objectCtor.New()
		for _, e := range relay.header {
			h.Set(e.name, e.value)
		}
		r = objectCtor.New()
		r.Set("url", relay.url)
		r.Set("fallback", relay.fallback)
		r.Set("secret", relay.secret)
		r.Set("header", h)
		r.Set("appid", relay.appid)
		r.Set("appVersion", relay.appVersion)
	}
	return g.v.Call("open", s.v, url, protocols, r).String()
}

// arrayOf is [v].
func arrayOf(v js.Value) js.Value { return js.ValueOf([]any{v}) }

// raiseAfter raises kind for S after ms, however long.
func (g glueJS) raiseAfter(s rec, kind int, ms float64) { g.v.Call("raiseAfter", s.v, kind, ms) }

// detach unhooks S from its WebSocket and stops its timer; retire also
// drops its listeners, for a socket that ends without a close event.
func (g glueJS) detach(s rec) { g.v.Call("detach", s.v) }
func (g glueJS) retire(s rec) { g.v.Call("retire", s.v) }

// close closes S's WebSocket and makes it CLOSING; or returns the browser's
// message, and S is left as it was. code may be undefined for the browser's
// default. unstarted is the code reported for a socket that never started.
func (g glueJS) close(s rec, code, reason any, unstarted int) string {
	return g.v.Call("close", s.v, code, reason, unstarted).String()
}

// opened makes S OPEN, stops its timer and calls its onOpen listeners (then
// the global slot if S is bound) with {}, {header} or {header, profile}:
// the relay's, or a browser's (no header, the handshake time).
func (g glueJS) opened(s rec, header, profile bool) { g.v.Call("opened", s.v, header, profile) }

// failed makes S CLOSED and calls its onError listeners with {errMsg: msg}.
func (g glueJS) failed(s rec, msg string) { g.v.Call("failed", s.v, msg) }

// closed makes S CLOSED, unhooks it, calls its onClose listeners with
// {code, reason}, then drops them.
func (g glueJS) closed(s rec, code int, reason string) { g.v.Call("closed", s.v, code, reason) }

// bind tells the glue which socket the wx.* globals act on; unbind, none.
func (g glueJS) bind(s rec) { g.v.Set("bound", s.v) }
func (g glueJS) unbind()    { g.v.Set("bound", js.Null()) }

// outcome is what an API call returns to the glue: the callbacks it owes,
// which the glue runs once Go has returned, and the value the page gets.
func (g glueJS) outcome(where string, cb callbacks, ok bool, res js.Value, promise bool, value js.Value) js.Value {
	if !cb.of.IsUndefined() {
		return g.v.Call("outcomeOf", where, cb.of, ok, res, promise, value)
	}
	return g.v.Call("outcome", where, cb.success, cb.fail, cb.complete, ok, res, promise, value)
}

// parseURL reads u with the browser's URL parser, the one WebSocket uses.
// The glue keeps the URL it parsed last, so that an open of the same u
// parses it no more.
func (g glueJS) parseURL(u string) (p parsedURL, ok bool) {
	r := g.v.Call("parseURL", u)
	if r.IsNull() {
		return p, false
	}
	return unpackURL(r.String())
}

// unpackURL reads the glue's parseURL string: "scheme\nhost\nport\nrest",
// rest what follows the third newline ("": the parser refused the URL).
func unpackURL(s string) (p parsedURL, ok bool) {
	var part [3]string
	for i := range part {
		n := text.Index(s, "\n")
		if n < 0 {
			return p, false
		}
		part[i], s = s[:n], s[n+1:]
	}
	return parsedURL{scheme: part[0], host: part[1], port: part[2], rest: s}, true
}

// parseVersion is the glue's copy of rules.ParseVersion (the glue needs it
// before Go runs; checkRules holds it to the rule).
func (g glueJS) parseVersion(v js.Value) (rules.Version, bool) {
	r := g.v.Call("parseVersion", v)
	if r.IsNull() {
		return rules.Version{}, false
	}
	return versionFrom(r), true
}

// readRequest reads wx.request's argument o (glue/request.js's
// readRequest: every property once, in try blocks, the header's values
// stringified) into the facts Go decides on.
func (g glueJS) readRequest(o js.Value) requestOptions {
	f := g.v.Call("readRequest", o)
	s, bits := readFacts(f)
	return requestOptions{
		httpFacts: httpFactsOf(f, &s, bits),
		dataType:  s[factDataType], contentType: s[factContentType], method: s[factMethod],
		responseType: s[factResponseType], ignored: s[factIgnored],
		dataAB: bits&bitDataAB != 0, stringifies: bits&bitStringifies != 0, methodString: bits&bitMethodString != 0,
		dataTypeJSON: bits&bitDataTypeJSON != 0, chunked: bits&bitChunked != 0, cache: bits&bitCache != 0,
		noProfile: bits&bitNoProfile != 0, manual: bits&bitManual != 0,
	}
}

// readTransfer reads wx.downloadFile's or wx.uploadFile's argument o
// (glue/transfer.js's readTransfer) into the facts Go decides on.
func (g glueJS) readTransfer(o js.Value, upload bool) transferOptions {
	f := g.v.Call("readTransfer", o, upload)
	s, bits := readFacts(f)
	return transferOptions{
		httpFacts:    httpFactsOf(f, &s, bits),
		filePathType: s[factFilePathType], filePath: s[factFilePath], nameType: s[factNameType],
		formDataOK: bits&bitFormDataOK != 0,
	}
}

// The facts of an HTTP API's argument, as the glue packs them
// (glue/request.js's packFacts, CONTRACT.factStrings and factBits, which
// checkContract holds to these): the strings by index, the yes/no facts
// by bit. Go reads them in one string: a property at a time cost 3 calls
// back into JavaScript each (Get, then the string's length and bytes),
// about 50 a request, the most of wx.request's own time.
const (
	factArgType = iota
	factReadName
	factReadMsg
	factURLType
	factURL
	factHeaderNames
	factDataType
	factContentType
	factMethod
	factResponseType
	factIgnored
	factFilePathType
	factFilePath
	factNameType
	factParsedURL // the glue's parseURL of url, "" when it fails
	factStrings   // how many
)

const (
	bitHeaderOK = 1 << iota
	bitDataAB
	bitStringifies
	bitMethodString
	bitDataTypeJSON
	bitChunked
	bitCache
	bitNoProfile
	bitManual
	bitFormDataOK
)

// factNames are CONTRACT.factStrings and factBits, joined by ",", as Go
// numbers them.
var factNames = [...]string{
	"argType,readName,readMsg,urlType,url,headerNames,dataType,contentType,method,responseType,ignored," +
		"filePathType,filePath,nameType,parsedURL",
	"headerOK,dataAB,stringifies,methodString,dataTypeJSON,chunked,cache,noProfile,manual,formDataOK",
}

// readFacts unpacks f.pack: the bits in decimal, then each string after
// a NUL, with \x01 "0" for a NUL within it and \x01 "1" for \x01.
func readFacts(f js.Value) (s [factStrings]string, bits int) {
	p := f.Get("pack").String()
	i := 0
	for ; i < len(p) && p[i] >= '0' && p[i] <= '9'; i++ {
		bits = bits*10 + int(p[i]-'0')
	}
	for n := 0; n < factStrings && i < len(p); n++ {
		j := i + 1
		for j < len(p) && p[j] != 0 {
			j++
		}
		s[n] = unescapeFact(p[i+1 : j])
		i = j
	}
	return s, bits
}

// unescapeFact undoes packFacts' escapes in one string.
func unescapeFact(v string) string {
	parts := text.Split(v, 1)
	out := parts[0]
	for _, p := range parts[1:] {
		if p != "" && (p[0] == '0' || p[0] == '1') {
			out += "\x00\x01"[p[0]-'0':p[0]-'0'+1] + p[1:]
		}
	}
	return out
}

// httpFactsOf are the facts the three HTTP APIs share, of the glue's
// reading f and its unpacked strings s and bits. The callbacks stay in f:
// the glue reads them there when Go delivers an outcome (callbacks.of).
func httpFactsOf(f js.Value, s *[factStrings]string, bits int) httpFacts {
	h := httpFacts{
		facts: f, cb: callbacks{of: f},
		argType: s[factArgType], readName: s[factReadName], readMsg: s[factReadMsg], urlType: s[factURLType],
		url: s[factURL], parsedURL: s[factParsedURL], headerNames: s[factHeaderNames], headerOK: bits&bitHeaderOK != 0,
	}
	if t := f.Get("timeout"); t.Type() == js.TypeNumber {
		h.timeout = t.Float()
	}
	return h
}

// lines splits the glue's lists, joined by "\n" (which no header name or
// option name holds); "" is none. Not inlined: each copy cost 1.4 KB.
//
//go:noinline
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return text.Split(s, '\n')
}

// newRequest makes the RequestTask of plan and queues it (the glue's
// queue of 10, a few microtasks later, as the runtime does), and returns
// it. The url, data, header and callbacks are those of the facts
// readRequest gave, and the method the facts' when it is not GET; the
// glue makes the body from data the way body and query say. sent is
// presend's verdict (null: ask requestSend at the send). No string goes
// across: each would be a js.Value that Go's runtime keeps a finalizer
// for until its GC runs, whose insertion was a fifth of a call's time.
func (g glueJS) newRequest(facts js.Value, p requestPlan, sent js.Value) js.Value {
	return g.v.Call("newRequest", facts, p.method != "GET", p.body, p.query, p.flags, p.timeout, p.max, sent)
}

// newTransfer makes the DownloadTask or UploadTask of plan and queues it
// (its API's queue of 10, a few microtasks later), and returns it; sent
// as for newRequest.
func (g glueJS) newTransfer(facts js.Value, upload bool, p transferPlan, sent js.Value) js.Value {
	return g.v.Call("newTransfer", facts, upload, p.flags, p.timeout, p.max, p.path, p.fail, sent)
}

// consoleError says msg with console.error, as the console was when the
// glue loaded.
func (g glueJS) consoleError(msg string) { g.v.Call("consoleError", msg) }

// sendVerdict is requestSend's answer for url, to send to to (the URL
// after rewrites): true when that is url itself and there is no relay
// (no string crosses: the glue has url, and it stands for the URL the glue
// sends, a GET's merged query included); the URL, a string, when a
// rewrite changed it; through the relay {url, relay: true, follow}, url
// true or the rewritten URL as before (the relay's settings the glue
// reads from the store: Go dropped any it refused), with follow set when
// the shim follows its redirects itself, checking each target first
// (urlCheck on).
func sendVerdict(url, to string, relay, follow bool) js.Value {
	dest := js.ValueOf(true)
	if to != url {
		dest = js.ValueOf(to)
	}
	if !relay {
		return dest
	}
	o := objectCtor.New()
	o.Set("url", dest)
	o.Set("relay", true)
	o.Set("follow", follow)
	return o
}

// setNumber is o[k] = n.
func setNumber(o js.Value, k string, n int) { o.Set(k, n) }

// typeName names v's type as JavaScript does: Undefined, Null, Number, Object...
func (g glueJS) typeName(v js.Value) string { return g.v.Call("typeName", v).String() }

// store is the settings store; drop takes a rejected value out of it, so
// that what wxshim reports is what is in force.
func (g glueJS) store() js.Value { return g.v.Get("store") }
func (g glueJS) drop(key string) { g.v.Call("drop", key) }

// takeNotes gives (and forgets) what the glue's copy of the settings left
// out (a getter that threw, a cycle, nesting too deep), as the end of one
// warning: the first five, how many more, and "; it is (they are) left
// out.". "" when nothing was.
func (g glueJS) takeNotes() string { return g.v.Call("takeNotes").String() }

// The objects Go builds, for the page or the glue.

// objectCtor is Object, looked up once: every js.Value that Go receives
// takes a slot in wasm_exec.js's value table until Go's GC lets it go.
var objectCtor = js.Global().Get("Object")

// errMsgObject is a callback's argument: {errMsg}.
func errMsgObject(msg string) js.Value {
	o := objectCtor.New()
	o.Set("errMsg", msg)
	return o
}

// connectResult is connectSocket's success argument: {errMsg, socketTaskId}.
func connectResult(msg string, id int) js.Value {
	o := errMsgObject(msg)
	o.Set("socketTaskId", id)
	return o
}

// verdictObject is what wxshim.checkUrl returns: {ok, host, errMsg, why},
// errMsg only when !ok.
func verdictObject(v verdict, errMsg string) js.Value {
	o := objectCtor.New()
	o.Set("ok", v.ok)
	o.Set("host", v.host)
	if !v.ok {
		o.Set("errMsg", errMsg)
	}
	o.Set("why", v.why)
	return o
}

// objectOf makes an object of string pairs: key, value, key, value...
func objectOf(pairs []string) js.Value {
	o := objectCtor.New()
	for i := 0; i+1 < len(pairs); i += 2 {
		o.Set(pairs[i], pairs[i+1])
	}
	return o
}
