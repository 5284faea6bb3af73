package wxrun

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hostRunner is a Runner of the test's own, with one slot: files run one
// after another in its tab (slot.go).
func hostRunner(t *testing.T) *Runner {
	t.Helper()
	rn, err := Start(context.Background(), envOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rn.Close() })
	return rn
}

// A file that leaves a global, storage, a cookie, an IndexedDB database, an
// open socket, a pending timer and an interval behind: the next file, in
// the same slot, finds none of them.
func TestNothingLeaksToTheNextFile(t *testing.T) {
	rn := hostRunner(t)
	res := rn.Run(context.Background(), File{Name: "leaves.js", Serve: true, Source: `
globalThis.leftover = 1;
localStorage.setItem("left", "1");
sessionStorage.setItem("left", "1");
document.cookie = "left=1; path=/; max-age=3600";
setTimeout(() => console.log("the last file's timer"), 300);
setInterval(() => console.log("the last file's interval"), 20);
addEventListener("pagehide", () => localStorage.setItem("pagehide", "1"));
const db = indexedDB.open("left", 1);
db.onerror = () => wxrun.fail("indexedDB: " + db.error);
db.onsuccess = () => {
  wx.connectSocket({url: wxrun.serve.echo});
  wx.onSocketError((res) => wxrun.fail(res.errMsg));
  wx.onSocketOpen(() => wxrun.pass()); // the socket stays open
};`})
	if !res.Pass {
		t.Fatalf("the first file: %s\n%s", res.Reason, res.Output())
	}
	res = rn.Run(context.Background(), File{Name: "finds.mjs", Serve: true, Kind: Module, Source: `
const left = [];
if (typeof leftover !== "undefined") left.push("a global");
if (localStorage.length) left.push("localStorage");
if (sessionStorage.length) left.push("sessionStorage");
if (document.cookie) left.push("a cookie: " + document.cookie);
const dbs = await indexedDB.databases();
if (dbs.length) left.push("IndexedDB: " + dbs.map((d) => d.name).join(", "));
let live = await wxrun.serve.live();
for (let i = 0; live > 0 && i < 40; i++) {
  await new Promise((ok) => setTimeout(ok, 50));
  live = await wxrun.serve.live();
}
if (live) left.push(live + " socket(s) still open at the server");
await new Promise((ok) => setTimeout(ok, 400)); // the timer and interval would have fired by now
if (left.length) throw new Error("left by the last file: " + left.join("; "));
console.log("clean");`})
	if !res.Pass || strings.Contains(res.Output(), "the last file's") || !strings.Contains(res.Output(), "clean") {
		t.Errorf("the second file: %v %s\n%s", res.Pass, res.Reason, res.Output())
	}
	if n := rn.made.Load(); n != 1 {
		t.Errorf("%d slots made, want 1: the files did not share one", n)
	}
}

// A file cannot open a window (its frame is sandboxed: a window could reach
// the next file's frame); a shared worker, which outlives its frame, takes
// the slot with it: the next file runs in a new one, and finds nothing.
func TestWindowsAndWorkers(t *testing.T) {
	for _, c := range []struct {
		name, src string
		slots     int64
	}{
		{"window", `if (open("about:blank") !== null) wxrun.fail("a window opened");`, 1},
		{"shared worker", `const w = new SharedWorker(URL.createObjectURL(new Blob([
  "onconnect = (e) => e.ports[0].postMessage(1); setInterval(() => fetch(location.origin), 5);"], {type: "text/javascript"})));
w.port.onmessage = () => {};`, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			rn := hostRunner(t)
			res := rn.Run(context.Background(), File{Name: "opens.js", Source: c.src + "\nsetTimeout(() => wxrun.pass(), 100);"})
			if !res.Pass {
				t.Fatalf("the first file: %s\n%s", res.Reason, res.Output())
			}
			res = rn.Run(context.Background(), File{Name: "next.js", Source: `console.log("next");`})
			if !res.Pass {
				t.Errorf("the next file: %s\n%s", res.Reason, res.Output())
			}
			if n := rn.made.Load(); n != c.slots {
				t.Errorf("%d slots made, want %d", n, c.slots)
			}
		})
	}
}

// A file that hangs its page (an endless loop) fails on its timeout; its
// slot is replaced, and the next file passes.
func TestHangThenPass(t *testing.T) {
	rn := hostRunner(t)
	res := rn.Run(context.Background(), File{Name: "loop.js", Source: "for (;;) {}", Timeout: 5 * time.Second})
	if res.Pass || !strings.Contains(res.Reason, "never returned") {
		t.Errorf("the loop: %v %q", res.Pass, res.Reason)
	}
	res = rn.Run(context.Background(), File{Name: "ok.js", Source: `console.log("after the loop");`})
	if !res.Pass || !strings.Contains(res.Output(), "after the loop") {
		t.Errorf("the file after the loop: %v %s\n%s", res.Pass, res.Reason, res.Output())
	}
	if n := rn.made.Load(); n != 2 {
		t.Errorf("%d slots made, want 2 (the hung one replaced)", n)
	}
}

// A file that tries to change what is outside its frame (the host page
// through parent and top: its prototypes, DOM, globals, URL) reaches none
// of it, and what it changes in its own page (prototypes, history,
// window.name, sessionStorage, on its way out too) the next file, in the
// same slot, does not see.
func TestTamperingStaysInItsPage(t *testing.T) {
	rn := hostRunner(t)
	res := rn.Run(context.Background(), File{Name: "tamper.js", Source: `
const reached = [];
for (const [what, f] of [
  ["parent's prototypes", () => { parent.Node.prototype.removeChild = function () {}; }],
  ["top's DOM", () => top.document.body.appendChild(top.document.createElement("div"))],
  ["parent's globals", () => { parent.leftover = 1; }],
  ["parent's functions", () => parent.__wxrunHost.end()],
  ["top's URL", () => { top.location.href = "about:blank"; }],
]) {
  try { f(); reached.push(what); } catch (e) { /* out of reach */ }
}
Node.prototype.removeChild = function () {};
history.pushState(null, "", "/elsewhere");
name = "tampered";
sessionStorage.setItem("x", "1");
addEventListener("pagehide", () => { name = "tampered on the way out"; sessionStorage.setItem("y", "1"); });
if (reached.length && reached.join() !== "top's URL") wxrun.fail("reached " + reached.join(", "));
else setTimeout(() => wxrun.pass(), 100);`})
	if !res.Pass {
		t.Fatalf("the tampering file: %s\n%s", res.Reason, res.Output())
	}
	res = rn.Run(context.Background(), File{Name: "next.js", Source: `
const left = [];
if (!/native code/.test(Node.prototype.removeChild)) left.push("removeChild");
if (location.pathname === "/elsewhere") left.push("the URL");
if (history.length > 1) left.push("history: " + history.length);
if (name) left.push("window.name: " + name);
if (sessionStorage.length) left.push("sessionStorage");
if (left.length) wxrun.fail(left.join("; ")); else wxrun.pass();`})
	if !res.Pass {
		t.Errorf("the next file: %s\n%s", res.Reason, res.Output())
	}
	var v string
	if err := chromedp.Run(rn.anySlot(t).ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		return hostCall(ctx, "location.pathname + ' ' + document.body.childElementCount", &v)
	})); err != nil || v != hostPath+" 0" {
		t.Errorf("the host page: %q %v", v, err)
	}
	if n := rn.made.Load(); n != 1 {
		t.Errorf("%d slots made, want 1", n)
	}
}

// anySlot waits for an idle slot of rn and puts it back.
func (rn *Runner) anySlot(t *testing.T) *slot {
	t.Helper()
	s, err := rn.take(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rn.put(s)
	rn.mu.Lock()
	rn.coming++
	rn.mu.Unlock()
	return s
}
