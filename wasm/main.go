//go:build js && wasm

// Command wasm is the shim: built with GOOS=js GOARCH=wasm, it installs the
// WeChat mini-program socket API as the global wx, and its settings as the
// global wxshim, then waits for calls. See doc.go for what differs from a phone.
package main

import "syscall/js"

func main() {
	register()
	if r := js.Global().Get("__wxshimReady"); r.Type() == js.TypeFunction {
		r.Invoke()
	}
	select {} // main must never return: that would end every later call.
}
