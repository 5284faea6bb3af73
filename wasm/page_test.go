//go:build js && wasm

package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"syscall/js"
	"testing"
	"time"

	"wxsocket/wasm/glue"
	"wxsocket/wasm/internal/jsx"
)

// The tests drive the shim the way mini-program code does: each row is
// JavaScript run in the page (an async function body, after
// testdata/page/prelude.js), which returns a value that the test compares
// as JSON. testdata/page/page.js sets the page up once, before the shim
// starts. The rows are testdata/*.js; what every row runs in is apart, in
// testdata/page/.

//go:embed testdata/page/prelude.js
var prelude string

//go:embed testdata/page/page.js
var pageSource string

// glueSource is the glue (wasm/glue's parts, joined as make build joins
// them), which a page gets in build/wx.js, and debugSource the test build's
// hooks (debug.js, in build/test/wx.js): the test page wasmbrowsertest
// serves has only this binary, so TestMain loads them first.
var (
	glueSource = glue.Source()
	//go:embed debug.js
	debugSource string
)

func TestMain(m *testing.M) {
	if !debugBuild {
		// The rows use the test build's hooks (debug.go): without them
		// every row would fail for a reason that is not the shim's.
		fmt.Fprintln(os.Stderr, "the browser suite needs the test build's hooks: go test -tags wxdebug (run_test.go does so)")
		os.Exit(2)
	}
	js.Global().Call("eval", pageSource)
	js.Global().Call("eval", glueSource)
	js.Global().Call("eval", debugSource)
	attach(newShim())
	g := js.Global()
	g.Set("ECHO", os.Getenv("WX_ECHO"))
	g.Set("ORIGIN", os.Getenv("WX_ORIGIN"))
	g.Set("RELAY", os.Getenv("WX_RELAY"))
	g.Set("RELAY_TLS", os.Getenv("WX_RELAY_TLS"))
	g.Set("RELAY_SECRET", os.Getenv("WX_RELAY_SECRET"))
	g.Set("RELAY_ALL", os.Getenv("WX_RELAY_ALL") != "")
	os.Exit(m.Run())
}

// run resets the shim, runs body as an async function, and returns its
// result as JSON-decoded data.
func run(t *testing.T, body string) any {
	t.Helper()
	await(t, js.Global().Call("reset"))
	var fn js.Value
	if err := jsx.Try(func() {
		fn = js.Global().Get("Function").New(prelude + "\nreturn (async () => {\n" + body + "\n})().then((v) => JSON.stringify(show(v)));")
	}); err != nil {
		t.Fatalf("the row does not compile: %v", err)
	}
	out := await(t, fn.Invoke())
	var v any
	if err := json.Unmarshal([]byte(out.String()), &v); err != nil {
		t.Fatalf("result is not JSON: %v: %s", err, out.String())
	}
	return v
}

// await waits for p without blocking the JavaScript event loop.
func await(t *testing.T, p js.Value) js.Value {
	t.Helper()
	type result struct {
		v   js.Value
		err string
	}
	ch := make(chan result, 1)
	var ok, bad js.Func
	ok = js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- result{v: a[0]}
		return nil
	})
	bad = js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- result{err: a[0].Call("toString").String() + "\n" + a[0].Get("stack").String()}
		return nil
	})
	defer ok.Release()
	defer bad.Release()
	js.Global().Get("Promise").Call("resolve", p).Call("then", ok, bad)
	select {
	case r := <-ch:
		if r.err != "" {
			t.Fatalf("the row threw: %s", r.err)
		}
		return r.v
	case <-time.After(300 * time.Second):
		t.Fatal("the row did not finish in 300 s")
	}
	return js.Undefined()
}

// want compares got with the JSON text want.
func want(t *testing.T, got any, wantJSON string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(wantJSON), &w); err != nil {
		t.Fatalf("bad want JSON: %v", err)
	}
	if !reflect.DeepEqual(got, w) {
		g, _ := json.Marshal(got)
		t.Errorf("\ngot  %s\nwant %s", g, wantJSON)
	}
}
