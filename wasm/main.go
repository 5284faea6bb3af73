//go:build js && wasm

// Command wasm is the shim: built with GOOS=js GOARCH=wasm, it attaches to
// the glue (which installed wx and wxshim when the page loaded build/wx.js)
// and waits for calls. See doc.go for the layout and what differs from a phone.
package main

func main() {
	attach(newShim())
	select {} // main must never return: that would end every later call.
}
