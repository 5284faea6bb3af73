//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"

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
