//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"
	"testing"
)

// group runs rows as one case group of the reliability suite, then checks
// that the JS values Go holds (wasm_exec.js's value table, the one thing
// here that can leak: every js.Func is made once at start) are back within
// maxRefGrowth of where they started, and prints a line that the native
// runner collects into RELIABILITY.md:
//
//	RELIABILITY|<group>|<cases>|<passed>|<failed>
func group(t *testing.T, name string, rows []scenario) {
	t.Helper()
	await(t, js.Global().Call("reset"))
	before := await(t, js.Global().Call("liveRefs")).Int()
	passed, failed := runRows(t, rows)
	await(t, js.Global().Call("reset"))
	after := await(t, js.Global().Call("liveRefs")).Int()
	if after > before+maxRefGrowth {
		t.Errorf("%s: Go holds %d JS values after the group, %d before (at most %d more allowed)", name, after, before, maxRefGrowth)
		failed++
	}
	fmt.Printf("RELIABILITY|%s|%d|%d|%d\n", name, len(rows), passed, failed)
}

// maxRefGrowth bounds what Go may still hold after a group: a few sockets'
// worth of values that the last GC has not finalized yet. A leak of one
// value per socket or per call exceeds it in every group.
const maxRefGrowth = 100
