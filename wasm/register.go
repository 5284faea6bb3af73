//go:build js && wasm

package main

import (
	"runtime"
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

//go:generate env -u GOOS -u GOARCH go run ./internal/genglue

// register installs wx and wxshim on the global object: it hands the glue a
// table of Go functions (one js.Func each, for the life of the page), runs
// it, and reads the settings that were set before the wasm loaded.
func register() *shim {
	sh := newShim()
	bridge := newObject()
	for name, fn := range sh.bridgeTable() {
		bridge.Set(name, jsx.FuncOf(name, fn))
	}
	str := newObject()
	str.Set("sendOk", okMsg(apiSend))
	sh.glue = js.Global().Get("Function").New("bridge", "str", glueSource).Invoke(bridge, str)
	glueTypeName = sh.glue.Get("typeName")
	sh.configure(js.Undefined())
	return sh
}

type goFunc = func(this js.Value, args []js.Value) any

// bridgeTable is every entry point from JavaScript into Go.
func (sh *shim) bridgeTable() map[string]goFunc {
	return map[string]goFunc{
		"connect":     func(_ js.Value, a []js.Value) any { return sh.connectSocket(arg(a, 0)) },
		"closeSocket": func(_ js.Value, a []js.Value) any { return sh.closeSocket(arg(a, 0)) },
		"send": func(_ js.Value, a []js.Value) any {
			return sh.sendSlow(a[0].Bool(), a[1].Int(), a[2], callbacks{funcOrUndefined(a[3]), funcOrUndefined(a[4]), funcOrUndefined(a[5])}, arg(a, 6), arg(a, 7))
		},
		"on":        func(_ js.Value, a []js.Value) any { sh.onGlobal(a[0].Int(), arg(a, 1)); return nil },
		"taskClose": func(_ js.Value, a []js.Value) any { sh.taskClose(a[0].Int(), arg(a, 1)); return nil },
		"taskOn":    func(_ js.Value, a []js.Value) any { sh.taskOn(a[0].Int(), a[1].Int(), arg(a, 2)); return nil },
		"event": func(_ js.Value, a []js.Value) any {
			sh.event(a[0].Int(), a[1].Int(), a[2].Int(), a[3].String(), a[4].Bool())
			return nil
		},
		"configure": func(_ js.Value, a []js.Value) any { sh.configure(arg(a, 0)); return nil },
		"checkUrl": func(_ js.Value, a []js.Value) any {
			u := arg(a, 0)
			if jsx.TypeOf(u) != js.TypeString {
				return verdictObject(verdict{reason: paramTypeReason("url", typeName(u)), why: "the URL must be a string"})
			}
			return verdictObject(sh.checkURL(u.String()))
		},
		"liveFuncs":   func(js.Value, []js.Value) any { return jsx.Live() },
		"liveSockets": func(js.Value, []js.Value) any { return len(sh.sockets) },
		"crossings":   func(js.Value, []js.Value) any { return jsx.Crossings() },
		"gc":          func(js.Value, []js.Value) any { runtime.GC(); return nil },
		"panicNext": func(_ js.Value, a []js.Value) any {
			if v := arg(a, 0); jsx.TypeOf(v) == js.TypeString {
				sh.panicOn = v.String()
			}
			return nil
		},
	}
}
