//go:build js && wasm

package main

import (
	"runtime"
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
	"wxsocket/wasm/internal/text"
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

// gates are the versions each behaviour starts at (spec section 1).
var gates struct {
	protocols, multiSocket, openHeader, timeout, promises, openProfile, defaultVersion version
}

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
	g.Call("start")
}

func readContract(c js.Value) {
	k, s, gt := c.Get("kinds"), c.Get("states"), c.Get("gates")
	kindOpen, kindError = num(k, "open"), num(k, "error")
	kindClose, kindTimeout, kindDomainFail = num(k, "close"), num(k, "timeout"), num(k, "domainFail")
	stConnecting, stOpen, stClosing, stClosed = num(s, "connecting"), num(s, "open"), num(s, "closing"), num(s, "closed")
	gates.protocols, gates.multiSocket = versionOf(gt, "protocols"), versionOf(gt, "multiSocket")
	gates.openHeader, gates.timeout = versionOf(gt, "openHeader"), versionOf(gt, "timeout")
	gates.promises, gates.openProfile = versionOf(gt, "promises"), versionOf(gt, "openProfile")
	gates.defaultVersion = versionOf(c, "defaultVersion")
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
func versionOf(o js.Value, key string) version { return versionFrom(o.Get(key)) }

func versionFrom(v js.Value) version {
	var out version
	for i := range out {
		out[i] = v.Index(i).Int()
	}
	return out
}

type goFunc = func(this js.Value, args []js.Value) any

// bridgeTable is every entry point from JavaScript into Go. Sends and
// listener registrations are not among them: the glue does those alone.
// The API functions (connect, closeSocket, taskClose) return an outcome
// (errmsg.go's deliver), whose callbacks the glue runs after Go returned.
func (sh *shim) bridgeTable() map[string]goFunc {
	return map[string]goFunc{
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
		"gc":          func(js.Value, []js.Value) any { runtime.GC(); return nil },
		// forgetWarnings lets a test page start each row as a fresh page
		// would, with no warning given yet.
		"forgetWarnings": func(js.Value, []js.Value) any { sh.warnings = newWarnings(); return nil },
		"panicNext": func(_ js.Value, a []js.Value) any {
			if v := arg(a, 0); jsx.TypeOf(v) == js.TypeString {
				sh.panicOn = v.String()
			}
			return nil
		},
	}
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

// outcome is what an API call returns to the glue: the callbacks it owes,
// which the glue runs once Go has returned, and the value the page gets.
func (g glueJS) outcome(where string, cb callbacks, ok bool, res js.Value, promise bool, value js.Value) js.Value {
	return g.v.Call("outcome", where, cb.success, cb.fail, cb.complete, ok, res, promise, value)
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

// parseVersion is the one version parser (the glue needs it before Go runs).
func (g glueJS) parseVersion(v js.Value) (version, bool) {
	r := g.v.Call("parseVersion", v)
	if r.IsNull() {
		return version{}, false
	}
	return versionFrom(r), true
}

// typeName names v's type as JavaScript does: Undefined, Null, Number, Object...
func (g glueJS) typeName(v js.Value) string { return g.v.Call("typeName", v).String() }

// store is the settings store; drop takes a rejected value out of it, so
// that what wxshim reports is what is in force.
func (g glueJS) store() js.Value { return g.v.Get("store") }
func (g glueJS) drop(key string) { g.v.Call("drop", key) }

// takeNotes gives (and forgets) what the glue's copy of the settings left
// out, one line each: a getter that threw, a cycle, nesting too deep.
func (g glueJS) takeNotes() string { return g.v.Call("takeNotes").String() }
