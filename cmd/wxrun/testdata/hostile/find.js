// Looks for what leave.js left (issue 19, item 3), through parent where it
// can reach it and in its own page, and fails naming each one found.
const left = [];
const native = (f) => typeof f === "function" && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(f));
// look: what read() gives, or undefined when parent is out of reach.
const look = (read) => { try { return read(); } catch (e) { return undefined; } };
if (look(() => "leftover" in parent) || "leftover" in globalThis) left.push("a global");
if (look(() => "leftover" in parent.Array.prototype) || "leftover" in []) left.push("Array.prototype changed");
if (look(() => "leftover2" in parent.Object.prototype) || "leftover2" in {}) left.push("Object.prototype changed");
if (look(() => parent.location.pathname) === "/elsewhere" || location.pathname === "/elsewhere") left.push("the URL");
if (history.length > 1) left.push("history: " + history.length + " entries");
if (/left by/.test(look(() => parent.document.title)) || /left by/.test(document.title)) left.push("the title");
if (look(() => !native(parent.postMessage))) left.push("parent.postMessage replaced");
if (look(() => parent.name) || name !== "") left.push("window.name: " + (look(() => parent.name) || name));
if (sessionStorage.length) left.push("sessionStorage: " + Object.keys(sessionStorage).join(", "));
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
