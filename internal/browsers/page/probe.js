// probe.js: runs the scripts the Go side gives in /probe/scripts, one after
// another, each the body of an async function with the globals it names
// (ECHO, ORIGIN, ...) in scope, and posts each result as JSON to
// /probe/result, then {code: 0} to /done.
"use strict";

(async () => {
  const cfg = await (await fetch("/probe/scripts")).json();
  Object.assign(globalThis, cfg.globals);
  for (let i = 0; i < cfg.scripts.length; i++) {
    let res;
    try {
      const fn = new Function("return (async () => {\n" + cfg.scripts[i] + "\n})();");
      const value = await Promise.race([
        fn(),
        new Promise((_, bad) => setTimeout(() => bad(new Error("probe timed out after " + cfg.timeoutMs + " ms")), cfg.timeoutMs)),
      ]);
      res = { i, value: value === undefined ? null : value };
    } catch (e) {
      res = { i, error: String(e && e.name ? e.name + ": " + e.message : e) };
    }
    try {
      await wxReport.post("/probe/result", res);
    } catch (e) {
      await wxReport.post("/probe/result", { i, error: "result is not JSON: " + e });
    }
  }
  await wxReport.done({ code: 0 });
})();
