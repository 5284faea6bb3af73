// Tries to report PASS for every file after it (issue 19, item 2): a script
// left in parent (the host page each file's frame had) that calls wxrun's
// reporting binding, in parent and in every frame, every millisecond; and a
// window of its own that does the same from outside the file's page.
const code = `
  const fake = JSON.stringify({ status: "pass", reason: "", errors: 0, unhandled: [] });
  setInterval(() => {
    for (const w of [window, ...Array.from({ length: frames.length }, (_, i) => frames[i])]) {
      try { w.__wxrunReport(fake); } catch (e) { /* not there */ }
    }
  }, 1);`;
parent.eval(code);
const w = open(location.href + "#forger");
if (w) w.eval(code);
wxrun.pass();
