  // ---- Small helpers that run no user code and never throw. ----
  const toStr = Object.prototype.toString;
  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;

  // isAB is a brand check: Proxies, typed arrays and SharedArrayBuffers fail it.
  function isAB(v) {
    if (typeof v !== "object" || v === null) return false;
    try { abByteLength.call(v); return true; } catch (e) { return false; }
  }

  function typeName(v) {
    try { return toStr.call(v).slice(8, -1); } catch (e) { return "Object"; }
  }

  // parseVersion reads "a.b.c" (one to three parts of at most five digits,
  // spaces around allowed); anything else is null. A copy of
  // internal/rules' ParseVersion for before Go runs, checked at start.
  function parseVersion(s) {
    if (typeof s !== "string") return null;
    const parts = s.trim().split(".");
    if (parts.length > 3) return null;
    const v = [0, 0, 0];
    for (let i = 0; i < parts.length; i++) {
      if (!/^[0-9]{1,5}$/.test(parts[i])) return null;
      v[i] = +parts[i];
    }
    return v;
  }

  function atLeast(v, w) {
    for (let i = 0; i < 3; i++) if (v[i] !== w[i]) return v[i] > w[i];
    return true;
  }

  // report is what the phone's runtime does with an exception from user code
  // (its "thirdScriptError"). It must not throw, whatever was thrown and
  // whatever the page did to console. console.error is taken when the glue
  // loads, before any of the page's code runs: a page that silences it
  // later does not silence this (wxrun fails a file on these lines).
  const konsole = console, consoleError = konsole.error, apply = Reflect.apply;
  function report(where, err) {
    let text;
    try { text = err instanceof Error ? err.stack || String(err) : String(err); } catch (e) { text = "unprintable exception"; }
    const line = "thirdScriptError\n" + text + "\n    at " + where;
    try { apply(consoleError, konsole, [line, err]); } catch (e) {
      try { apply(consoleError, konsole, [line]); } catch (e2) { /* nowhere left to say it */ }
    }
  }

  function call1(fn, arg, where) {
    try { fn(arg); } catch (e) { fault(where, e); }
  }

  // fault reports e now when the stack has room for report, else once it
  // has unwound: a callback whose recursion ran the stack out is caught
  // where there is no stack left to say so (see room). Chromium's console
  // needed more than ROOM frames of it: report swallowed its own overflow.
  function fault(where, e) {
    try { room(4 * ROOM); } catch (x) { queueMicrotask(() => report(where, e)); return; }
    report(where, e);
  }

  function message(e) {
    try { return e && typeof e.message === "string" ? e.message : String(e); } catch (x) { return "unprintable exception"; }
  }
