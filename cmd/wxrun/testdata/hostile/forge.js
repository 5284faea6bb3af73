// Tries to report PASS for every file after it (issue 19, item 2): a script
// left in parent (the host page each file's frame has) that calls wxrun's
// reporting binding, in parent and in every frame, every millisecond; the
// same from a window of its own; and the binding itself, from a frame.
const code = `
  const fake = JSON.stringify({ status: "pass", reason: "", errors: 0, unhandled: [] });
  setInterval(() => {
    for (const w of [window, ...Array.from({ length: frames.length }, (_, i) => frames[i])]) {
      try { w.__wxrunReport(fake); } catch (e) { /* not there */ }
    }
  }, 1);`;
const tried = [];
for (const [where, run] of [
  ["parent", () => parent.eval(code)],
  ["top", () => top.eval(code)],
  ["a window", () => open(location.href + "#forger").eval(code)],
  ["a frame", () => {
    const f = document.createElement("iframe");
    document.body.appendChild(f);
    f.contentWindow.eval(code);
  }],
]) {
  try { run(); tried.push(where + ": done"); } catch (e) { tried.push(where + ": " + e.name); }
}
console.log("forge.js:", tried.join("; "));
wxrun.pass();
