package wxrun

import (
	"context"
	"strings"
	"testing"
	"time"
)

// hostRunner is a Runner of the test's own, with one host page: files run
// one after another in it (slot.go).
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
// open socket, a pending timer, an interval and a window behind: the next file, in
// the same host page, finds none of them.
func TestNothingLeaksToTheNextFile(t *testing.T) {
	rn := hostRunner(t)
	res := rn.Run(context.Background(), File{Name: "leaves.js", Serve: true, Source: `
globalThis.leftover = 1;
localStorage.setItem("left", "1");
sessionStorage.setItem("left", "1");
document.cookie = "left=1; path=/; max-age=3600";
setTimeout(() => console.log("the last file's timer"), 300);
setInterval(() => console.log("the last file's interval"), 20);
const popup = window.open("about:blank");
if (!popup) wxrun.fail("no popup");
popup.eval("setInterval(() => localStorage.setItem('popup', '1'), 20)");
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
await new Promise((ok) => setTimeout(ok, 400)); // the timer and intervals would have fired by now
if (localStorage.length) left.push("a window, still writing to localStorage");
if (left.length) throw new Error("left by the last file: " + left.join("; "));
console.log("clean");`})
	if !res.Pass || strings.Contains(res.Output(), "the last file's") || !strings.Contains(res.Output(), "clean") {
		t.Errorf("the second file: %v %s\n%s", res.Pass, res.Reason, res.Output())
	}
	if n := rn.made.Load(); n != 1 {
		t.Errorf("%d host pages made, want 1: the files did not share one", n)
	}
}

// A file that hangs its page (an endless loop) fails on its timeout; its
// host page is replaced, and the next file passes.
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
		t.Errorf("%d host pages made, want 2 (the hung one replaced)", n)
	}
}

// A file that reaches its host page through parent (replaces the DOM
// methods the host's end() would use, and adds an element of its own)
// cannot make the host say "clean": the host page is replaced, and the
// next file runs in a fresh one.
func TestTamperedHostIsReplaced(t *testing.T) {
	rn := hostRunner(t)
	res := rn.Run(context.Background(), File{Name: "tamper.js", Source: `
parent.Node.prototype.removeChild = function () {};
parent.Element.prototype.remove = function () {};
parent.document.body.appendChild(parent.document.createElement("div"));
wxrun.pass();`})
	if !res.Pass {
		t.Fatalf("the tampering file: %s\n%s", res.Reason, res.Output())
	}
	res = rn.Run(context.Background(), File{Name: "next.js", Source: `
if (parent.document.body.childElementCount !== 1) wxrun.fail("the host page holds " + parent.document.body.childElementCount + " elements");
else wxrun.pass();`})
	if !res.Pass {
		t.Errorf("the next file: %s\n%s", res.Reason, res.Output())
	}
	if n := rn.made.Load(); n != 2 {
		t.Errorf("%d host pages made, want 2 (the tampered one replaced)", n)
	}
}
