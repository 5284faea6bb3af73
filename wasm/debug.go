//go:build js && wasm && wxdebug

package main

import (
	"runtime"
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

// The test build's hooks, behind the wxdebug tag: the browser suite's test
// binary (go test -tags wxdebug) and make build's build/test/ carry them;
// a production wx.wasm does not (nodebug.go), so no script on a user's page
// can make a call fail, run Go's GC or wipe the warnings given. debug.js,
// after the loader in build/test/wx.js, hands them to pages as
// wxshim.debug.

const debugBuild = true

// debugState is what the hooks keep on the shim.
type debugState struct {
	panicOn string // the API whose next call panics (wxshim.debug.panicNext)
}

// addDebugHooks adds the hooks to the bridge table.
func (sh *shim) addDebugHooks(t map[string]goFunc) {
	t["gc"] = func(js.Value, []js.Value) any { runtime.GC(); return nil }
	// liveSockets and crossings let rows and make bench see what Go holds
	// and how often JavaScript called in.
	t["liveSockets"] = func(js.Value, []js.Value) any { return len(sh.sockets) }
	t["crossings"] = func(js.Value, []js.Value) any { return jsx.Crossings() }
	// forgetWarnings lets a test page start each row as a fresh page would,
	// with no warning given yet.
	t["forgetWarnings"] = func(js.Value, []js.Value) any { sh.warnings = newWarnings(); return nil }
	t["panicNext"] = func(_ js.Value, a []js.Value) any {
		if v := arg(a, 0); jsx.TypeOf(v) == js.TypeString {
			sh.debug.panicOn = v.String()
		}
		return nil
	}
}

// forcedPanic panics in the call panicNext named: how callbacks.js reaches
// guard's recover boundary, which no bug is left to reach.
func (sh *shim) forcedPanic(where string) {
	if sh.debug.panicOn == where {
		sh.debug.panicOn = ""
		panic("forced by wxshim.debug.panicNext")
	}
}
