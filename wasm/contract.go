//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/rules"
	"wxsocket/internal/text"
	"wxsocket/wasm/internal/jsx"
)

// The contract between Go and glue.js, in one file: every call JavaScript
// makes into Go (the bridge table) and every call Go makes into the glue
// (the methods of glueJS), with the constants both sides use.
//
// The constants are written once, in glue.js's CONTRACT, and read here once
// at start: they live on the JavaScript side because the page needs them
// before Go runs (settings and calls made before the wasm is ready).

// Event kinds and socket states, from the contract.
var (
	kindOpen, kindError, kindClose, kindTimeout, kindDomainFail int
	stConnecting, stOpen, stClosing, stClosed                   int
)

// settingKeys are the wxshim settings, in the order settings() lists them.
var settingKeys []string

// attach reads the contract, hands the glue Go's functions and errMsg
// strings, and gets back the glue's own functions; start then parses the
// settings and runs the calls queued before Go was ready.
func attach(sh *shim) {
	g := js.Global().Get("__wxshimGlue")
	if g.Type() != js.TypeObject {
		panic("glue.js is missing: load build/wx.js, which carries it")
	}
	readContract(g.Get("contract"))
	bridge := newObject()
	for name, fn := range sh.bridgeTable() {
		bridge.Set(name, jsx.FuncOf(name, fn))
	}
	sh.glue = glueJS{g.Call("attach", bridge, glueStrings())}
	sh.checkSettingKeys()
	sh.glue.checkRules()
	g.Call("start")
}

func readContract(c js.Value) {
	k, s := c.Get("kinds"), c.Get("states")
	kindOpen, kindError = num(k, "open"), num(k, "error")
	kindClose, kindTimeout, kindDomainFail = num(k, "close"), num(k, "timeout"), num(k, "domainFail")
	stConnecting, stOpen, stClosing, stClosed = num(s, "connecting"), num(s, "open"), num(s, "closing"), num(s, "closed")
	// The pre-ready queue's promise gate, on the version it defaults to:
	// internal/rules is their home, the glue holds copies for before Go runs.
	if versionOf(c.Get("gates"), "promises") != rules.SincePromises || versionOf(c, "defaultVersion") != rules.DefaultVersion {
		panic("glue.js's CONTRACT.gates.promises or defaultVersion differs from internal/rules")
	}
	keys := c.Get("settings")
	settingKeys = make([]string, keys.Length())
	for i := range settingKeys {
		settingKeys[i] = keys.Index(i).String()
	}
}

// num reads o[key] as an int (kept out of line: it is called 10 times).
//
//go:noinline
func num(o js.Value, key string) int { return o.Get(key).Int() }

// versionOf reads o[key], a version in the form the glue writes: [a, b, c].
//
//go:noinline
func versionOf(o js.Value, key string) rules.Version { return versionFrom(o.Get(key)) }

func versionFrom(v js.Value) rules.Version {
	var out rules.Version
	for i := range out {
		out[i] = v.Index(i).Int()
	}
	return out
}

// checkRules stops the start when one of glue.js's copies of a rule (it
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
	got := stringCtor.New(probes).Call("split", rules.ProbeSep).Call("map", g.v.Get(fn)).Call("join", "|").String()
	if got != answers {
		panic("glue.js's " + fn + " and internal/rules disagree on rules' probes: the glue says " + got + ", the rules " + answers)
	}
}

type goFunc = func(this js.Value, args []js.Value) any

// bridgeTable is every entry point from JavaScript into Go. Sends and
// listener registrations are not among them: the glue does those alone. A
// test build adds its hooks (debug.go).
func (sh *shim) bridgeTable() map[string]goFunc {
	t := map[string]goFunc{
		"connect":     func(_ js.Value, a []js.Value) any { return sh.connectSocket(arg(a, 0)) },
		"closeSocket": func(_ js.Value, a []js.Value) any { return sh.closeSocket(arg(a, 0), arg(a, 1)) },
		"taskClose":   func(_ js.Value, a []js.Value) any { return sh.taskClose(a[0].Int(), arg(a, 1)) },
		"event": func(_ js.Value, a []js.Value) any {
			sh.event(a[0].Int(), a[1].Int(), a[2].Int(), a[3].String(), a[4].Bool())
			return nil
		},
		"configure":   func(js.Value, []js.Value) any { sh.configure(); return nil },
		"warm":        func(_ js.Value, a []js.Value) any { return sh.warm(a[0].Bool()) },
		"checkUrl":    func(_ js.Value, a []js.Value) any { return sh.checkURLObject(arg(a, 0)) },
		"liveSockets": func(js.Value, []js.Value) any { return len(sh.sockets) },
		"crossings":   func(js.Value, []js.Value) any { return jsx.Crossings() },
	}
	sh.addDebugHooks(t)
	return t
}

// glueJS is the glue's side of the contract: one method per function it
// offers Go, so a reader sees every Go->JS crossing here.
type glueJS struct{ v js.Value }

// newSocket makes the per-socket record both sides share (the glue's S).
func (g glueJS) newSocket(id int) js.Value { return g.v.Call("newSocket", id) }

// open starts S towards url (through relay unless it is null): "" or the
// browser's own constructor message.
func (g glueJS) open(s js.Value, url string, protocols, relay js.Value) string {
	return g.v.Call("open", s, url, protocols, relay).String()
}

// later raises kind for S after ms, however long.
func (g glueJS) later(s js.Value, kind int, ms float64) { g.v.Call("later", s, kind, ms) }

// disarm stops S's timer; detach also unhooks S from its WebSocket.
func (g glueJS) disarm(s js.Value) { g.v.Call("disarm", s) }
func (g glueJS) detach(s js.Value) { g.v.Call("detach", s) }

// close closes S's WebSocket ("" or the browser's message); code may be
// undefined for the browser's default. unstarted is the code reported for a
// socket that never started.
func (g glueJS) close(s js.Value, code, reason any, unstarted int) string {
	return g.v.Call("close", s, code, reason, unstarted).String()
}

// emit calls S's listeners of kind, then the global slot if S is bound.
func (g glueJS) emit(s js.Value, kind int, payload js.Value) { g.v.Call("emit", s, kind, payload) }

// release drops S's listeners.
func (g glueJS) release(s js.Value) { g.v.Call("release", s) }

// setBound tells the glue which socket the wx.* globals act on (null: none).
func (g glueJS) setBound(s js.Value) { g.v.Set("bound", s) }

// finish runs success or fail, then complete, or returns a Promise.
func (g glueJS) finish(where string, cb callbacks, ok bool, res js.Value, promise bool) js.Value {
	return g.v.Call("finish", where, cb.success, cb.fail, cb.complete, ok, res, promise)
}

// parseURL reads u with the browser's URL parser, the one WebSocket uses.
func (g glueJS) parseURL(u string) (p parsedURL, ok bool) {
	r := g.v.Call("parseURL", u)
	if r.IsNull() {
		return p, false
	}
	// "scheme\nhost\nport\nrest": rest is what follows the third newline.
	s := r.String()
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

// parseVersion is glue.js's copy of rules.ParseVersion (the glue needs it
// before Go runs; checkRules holds it to the rule).
func (g glueJS) parseVersion(v js.Value) (rules.Version, bool) {
	r := g.v.Call("parseVersion", v)
	if r.IsNull() {
		return rules.Version{}, false
	}
	return versionFrom(r), true
}

// typeName names v's type as JavaScript does: Undefined, Null, Number, Object...
func (g glueJS) typeName(v js.Value) string { return g.v.Call("typeName", v).String() }

// store is the settings store; drop takes a rejected value out of it, so
// that what wxshim reports is what is in force.
func (g glueJS) store() js.Value { return g.v.Get("store") }
func (g glueJS) drop(key string) { g.v.Call("drop", key) }
