// Looks for what leave.js left (issue 19, item 3), through parent and in
// its own page, and fails naming each one found.
const left = [];
const native = (f) => typeof f === "function" && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(f));
if ("leftover" in parent || "leftover" in globalThis) left.push("a global");
if ("leftover" in parent.Array.prototype || "leftover" in []) left.push("Array.prototype changed");
if ("leftover2" in parent.Object.prototype || "leftover2" in {}) left.push("Object.prototype changed");
if (parent.location.pathname === "/elsewhere" || location.pathname === "/elsewhere") left.push("the URL: " + parent.location.href);
if (parent.history.length !== history.length || history.length > 2) left.push("history: " + parent.history.length + " entries");
if (/left by/.test(parent.document.title) || /left by/.test(document.title)) left.push("the title: " + parent.document.title);
if (!native(parent.postMessage)) left.push("parent.postMessage replaced");
if (parent.name !== "" || name !== "") left.push("window.name: " + parent.name);
const bc = new BroadcastChannel("wxrun-leftover");
let heard = "";
bc.onmessage = (e) => { heard = e.data; };
bc.postMessage("ping");
setTimeout(() => {
  if (heard) left.push("a BroadcastChannel listener (" + heard + ")");
  bc.close();
  if (left.length) wxrun.fail("left by the last file: " + left.join("; "));
  else console.log("nothing left");
}, 300);
