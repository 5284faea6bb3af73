//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"

	"wxsocket/internal/text"
	"wxsocket/wasm/internal/jsx"
)

// TestContractIsChecked: the event kinds and states are Go constants and
// numbers in the glue's CONTRACT; a glue that says another number for any of
// them stops the start, as a setting only one side knows does.
func TestContractIsChecked(t *testing.T) {
	// A second glue, installed on a global object of its own, for its CONTRACT.
	own := js.Global().Get("Object").New()
	js.Global().Get("Function").New("globalThis", glueSource).Invoke(own)
	c := own.Get("__wxshimGlue").Get("contract")
	if err := jsx.Try(func() { checkContract(c) }); err != nil {
		t.Fatalf("the glue's own CONTRACT is refused: %v", err)
	}
	json := js.Global().Get("JSON")
	for _, n := range contractNumbers {
		for _, v := range []any{n.v + 1, js.Undefined(), "0"} {
			bad := json.Call("parse", json.Call("stringify", c))
			bad.Get(n.group).Set(n.name, v)
			if jsx.Try(func() { checkContract(bad) }) == nil {
				t.Errorf("CONTRACT.%s.%s = %v was taken (contract.go has %d)", n.group, n.name, v, n.v)
			}
		}
	}
}

// TestFactsArePacked: the glue's packing of an HTTP API's facts and Go's
// unpacking agree, NUL and \x01 within a string included, and a glue whose
// list of facts differs from contract.go's stops the start.
func TestFactsArePacked(t *testing.T) {
	own := js.Global().Get("Object").New()
	js.Global().Get("Function").New("globalThis", glueSource).Invoke(own)
	c := own.Get("__wxshimGlue").Get("contract")
	names := [2][]string{text.Split(factNames[0], ','), text.Split(factNames[1], ',')}
	if len(names[0]) != factStrings || 1<<len(names[1]) != bitFormDataOK<<1 {
		t.Fatalf("factNames lists %d strings and %d bits; the constants say %d and %d", len(names[0]), len(names[1]), factStrings, bitFormDataOK)
	}
	json := js.Global().Get("JSON")
	for i, group := range [...]string{"factStrings", "factBits"} {
		bad := json.Call("parse", json.Call("stringify", c))
		bad.Get(group).Call("reverse")
		if jsx.Try(func() { checkContract(bad) }) == nil {
			t.Errorf("CONTRACT.%s reversed was taken (contract.go has %s)", group, factNames[i])
		}
	}
	// Through the real glue: wx.request's reading of an argument whose
	// strings hold every character packFacts escapes.
	tricky := "a\x00b\x01c\x010\x00"
	o := js.Global().Get("Object").New()
	o.Set("url", "https://x.test/"+tricky)
	o.Set("method", tricky)
	o.Set("enableChunked", true)
	obj := js.Global().Get("Object")
	g := glueJS{own.Get("__wxshimGlue").Call("attach", obj.New(), obj.New())}
	opt := g.readRequest(o)
	if opt.url != "https://x.test/"+tricky || opt.method != "A\x00B\x01C\x010\x00" || !opt.chunked || opt.cache || !opt.headerOK {
		t.Errorf("unpacked url %q method %q chunked %v cache %v headerOK %v", opt.url, opt.method, opt.chunked, opt.cache, opt.headerOK)
	}
}
