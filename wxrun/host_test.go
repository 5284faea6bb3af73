package wxrun

import (
	"context"
	"strings"
	"testing"
	"time"
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

// A window the file opened (which could reach the next file's page through
// opener) and a shared worker (which outlives its page) take the slot with
// them: the next file runs in a new one, and finds nothing of either.
func TestWindowsAndWorkersEndWithTheirSlot(t *testing.T) {
	for _, c := range []struct{ name, src string }{
		{"window", `const w = open("about:blank"); if (!w) wxrun.fail("no window");
w.eval("setInterval(() => { localStorage.setItem('window', '1'); try { opener.leftover = 1; } catch (e) {} }, 5)");`},
		{"shared worker", `const w = new SharedWorker(URL.createObjectURL(new Blob(["setInterval(() => {}, 5)"], {type: "text/javascript"})));`},
	} {
		t.Run(c.name, func(t *testing.T) {
			rn := hostRunner(t)
			res := rn.Run(context.Background(), File{Name: "opens.js", Source: c.src + "\nsetTimeout(() => wxrun.pass(), 100);"})
			if !res.Pass {
				t.Fatalf("the first file: %s\n%s", res.Reason, res.Output())
			}
			res = rn.Run(context.Background(), File{Name: "finds.js", Source: `
setTimeout(() => {
  if (localStorage.length || typeof leftover !== "undefined") wxrun.fail("the window is still there");
  else wxrun.pass();
}, 200);`})
			if !res.Pass {
				t.Errorf("the next file: %s\n%s", res.Reason, res.Output())
			}
			if n := rn.made.Load(); n != 2 {
				t.Errorf("%d slots made, want 2 (the first replaced)", n)
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

// A file that changes what it can reach (the DOM's prototypes, parent,
// top, its URL and history, window.name) leaves the next file, in the same
// slot, a fresh page: parent is its own window, and nothing is changed.
func TestTamperingStaysInItsPage(t *testing.T) {
	rn := hostRunner(t)
	res := rn.Run(context.Background(), File{Name: "tamper.js", Source: `
parent.Node.prototype.removeChild = function () {};
top.Element.prototype.remove = function () {};
parent.document.body.appendChild(parent.document.createElement("div"));
history.pushState(null, "", "/elsewhere");
name = "tampered";
addEventListener("pagehide", () => { name = "tampered on the way out"; sessionStorage.setItem("x", "1"); });
wxrun.pass();`})
	if !res.Pass {
		t.Fatalf("the tampering file: %s\n%s", res.Reason, res.Output())
	}
	res = rn.Run(context.Background(), File{Name: "next.js", Source: `
const left = [];
if (parent !== window || top !== window) left.push("a parent");
if (document.body.querySelector("div")) left.push("an element");
if (!/native code/.test(Node.prototype.removeChild)) left.push("removeChild");
if (location.pathname === "/elsewhere") left.push("the URL");
if (history.length > 2) left.push("history: " + history.length);
if (name) left.push("window.name: " + name);
if (sessionStorage.length) left.push("sessionStorage");
if (left.length) wxrun.fail(left.join("; ")); else wxrun.pass();`})
	if !res.Pass {
		t.Errorf("the next file: %s\n%s", res.Reason, res.Output())
	}
	if n := rn.made.Load(); n != 1 {
		t.Errorf("%d slots made, want 1", n)
	}
}
