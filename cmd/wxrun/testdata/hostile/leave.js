// Leaves what it can where the next file could see it (issue 19, item 3),
// through parent where it can reach it, and in its own page; find.js looks
// for each. It says what it reached.
const steps = [
  ["a global on parent", () => { parent.leftover = "a global on parent"; }],
  ["an interval and a BroadcastChannel listener in parent", () => parent.eval(`
    setInterval(() => console.log("the last file's interval"), 20);
    const bc = new BroadcastChannel("wxrun-leftover");
    bc.onmessage = (e) => bc.postMessage("heard " + e.data);`)],
  ["parent's prototypes", () => { parent.Array.prototype.leftover = 1; parent.Object.prototype.leftover2 = 1; }],
  ["parent's URL", () => parent.history.pushState(null, "", "/elsewhere")],
  ["parent's title", () => { parent.document.title = "a title left by leave.js"; }],
  ["parent.postMessage", () => { parent.postMessage = () => {}; }],
  ["parent's name", () => { parent.name = "a name left by leave.js"; }],
  ["its own", () => {
    globalThis.leftover = "a global";
    setInterval(() => console.log("the last file's interval"), 20);
    const bc = new BroadcastChannel("wxrun-leftover");
    bc.onmessage = (e) => bc.postMessage("heard " + e.data);
    Array.prototype.leftover = 1;
    Object.prototype.leftover2 = 1;
    history.pushState(null, "", "/elsewhere");
    document.title = "a title left by leave.js";
    name = "a name left by leave.js";
    sessionStorage.setItem("leftover", "1");
    addEventListener("pagehide", () => { sessionStorage.setItem("pagehide", "1"); name = "left on the way out"; });
  }],
];
const reached = [];
for (const [what, run] of steps) {
  try { run(); reached.push(what); } catch (e) { /* out of reach */ }
}
console.log("leave.js reached:", reached.join("; "));
wxrun.pass();
