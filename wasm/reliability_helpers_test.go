//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"
	"testing"
)

// group runs rows as one case group of the reliability suite, then checks
// that the live js.Func count is back where it started, and prints a line
// that the native runner collects into RELIABILITY.md:
//
//	RELIABILITY|<group>|<cases>|<passed>|<failed>
func group(t *testing.T, name string, rows []scenario) {
	t.Helper()
	before := js.Global().Get("wxshim").Call("liveFuncs").Int()
	passed, failed := 0, 0
	for _, r := range rows {
		ok := t.Run(r.name, func(t *testing.T) { want(t, run(t, r.js), r.want) })
		if ok {
			passed++
		} else {
			failed++
		}
	}
	await(t, js.Global().Call("reset"))
	after := js.Global().Get("wxshim").Call("liveFuncs").Int()
	if after != before {
		t.Errorf("%s: live js.Funcs %d before, %d after", name, before, after)
		failed++
	}
	fmt.Printf("RELIABILITY|%s|%d|%d|%d\n", name, len(rows), passed, failed)
}
