//go:build js && wasm

package main

import (
	_ "embed"
	"encoding/json"
	"os"
	"reflect"
	"syscall/js"
	"testing"
	"time"

	"wxsocket/wasm/internal/jsx"
)

// The tests drive the shim the way mini-program code does: each scenario is
// JavaScript run in the page (an async function body), which returns a value
// that the test compares as JSON. prelude gives every scenario:
//
//	ECHO, ORIGIN     the wss and https base URLs of the test server
//	sleep(ms), until(fn, ms)
//	rec()            a recorder: rec("name") is a callback that logs [name, payload]
//	show(v)          v as JSON-friendly data (ArrayBuffer -> "AB:<hex>", a socketTaskId -> "<id>")
//	errors, warns    what console.error / console.warn got since the last reset
//	reset()          default settings, every socket closed, global slots emptied
const prelude = `
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(fn, ms = 8000) {
  const t = Date.now();
  while (!fn()) { if (Date.now() - t > ms) throw new Error("timed out waiting for " + fn); await sleep(2); }
}
function show(v) {
  if (v instanceof ArrayBuffer) return "AB:" + Array.from(new Uint8Array(v)).map((b) => b.toString(16).padStart(2, "0")).join("");
  if (v instanceof Promise) return "Promise";
  if (v === undefined) return "undefined";
  if (typeof v === "function") return "function";
  if (Array.isArray(v)) return v.map(show);
  if (v && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) o[k] = k === "socketTaskId" && Number.isInteger(v[k]) && v[k] > 0 ? "<id>" : show(v[k]);
    return o;
  }
  return v;
}
const PORT = new URL(ECHO).port;
const echo = (id) => ECHO + "/echo" + (id ? "?id=" + id : "");
// The code and reason the server got from the client of echo(id).
async function serverSaw(id) {
  let r;
  for (let i = 0; i < 400; i++) { r = await (await fetch(ORIGIN + "/closed?id=" + id)).json(); if (r.seen) break; await sleep(10); }
  return r;
}
// serverIdle waits until the test server has no WebSocket connection open.
async function serverIdle() {
  for (let i = 0; i < 200; i++) {
    if ((await (await fetch(ORIGIN + "/live")).json()).live === 0) return;
    await sleep(10);
  }
  throw new Error("the server still has connections open");
}
// open connects the task-less way and waits for onSocketOpen.
async function openGlobal(url) {
  let opened = false;
  wx.onSocketOpen(() => { opened = true; });
  wx.connectSocket({url: url || echo()});
  await until(() => opened);
}
function rec() {
  const log = [];
  const r = (name) => (res) => { log.push(res === undefined ? [name] : [name, show(res)]); };
  r.log = log;
  return r;
}
`

// glueSource is glue.js, which a page gets in build/wx.js; the test page
// wasmbrowsertest serves has only this binary, so TestMain loads it first.
//
//go:embed glue.js
var glueSource string

func TestMain(m *testing.M) {
	// Keep wasm_exec.js's Go instance, whose value table the leak checks
	// read: every call into Go passes through its _resume.
	js.Global().Call("eval", `{ const r = Go.prototype._resume;
  Go.prototype._resume = function () { globalThis.__go = this; return r.apply(this, arguments); }; }`)
	js.Global().Call("eval", glueSource)
	attach(newShim())
	g := js.Global()
	g.Set("ECHO", os.Getenv("WX_ECHO"))
	g.Set("ORIGIN", os.Getenv("WX_ORIGIN"))
	// Keep what the shim says on the console, for tests that check it.
	js.Global().Call("eval", `
globalThis.errors = []; globalThis.warns = [];
{ const e = console.error.bind(console), w = console.warn.bind(console);
  console.error = (...a) => { errors.push(a.map(String).join(" ")); e(...a); };
  console.warn = (...a) => { warns.push(a.map(String).join(" ")); w(...a); }; }
// liveRefs is how many JS values Go holds in wasm_exec.js's table, after
// Go's GC has run its finalizers (they run on later turns of the loop).
globalThis.liveRefs = async function () {
  for (let i = 0; i < 4; i++) { wxshim.debug.gc(); await new Promise((r) => setTimeout(r, 20)); }
  return globalThis.__go._ids.size;
};
globalThis.reset = async function () {
  for (const k of Object.keys(wxshim.settings())) wxshim[k] = undefined;
  wxshim.configure({urlCheck: false, libVersion: "3.0.0", closeBeforeOpen: "browser"});
  wx.closeSocket({fail() {}});
  const t = Date.now();
  while (wxshim.liveSockets() > 0 && Date.now() - t < 8000) await new Promise((r) => setTimeout(r, 5));
  for (const k of ["onSocketOpen", "onSocketMessage", "onSocketError", "onSocketClose"]) wx[k](function () {});
  for (const k of Object.keys(wxshim.settings())) wxshim[k] = undefined;
  if (wxshim.liveSockets() > 0) throw new Error("reset: sockets still live");
  errors.length = 0; warns.length = 0;
};`)
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
		t.Fatalf("the scenario does not compile: %v", err)
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
			t.Fatalf("scenario threw: %s", r.err)
		}
		return r.v
	case <-time.After(300 * time.Second):
		t.Fatal("scenario did not finish in 300 s")
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

// scenario is one table row: JavaScript and the JSON it must return.
type scenario struct {
	name, js, want string
}

func runAll(t *testing.T, rows []scenario) {
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) { want(t, run(t, r.js), r.want) })
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
