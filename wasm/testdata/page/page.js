// The page the rows run in, set up once by TestMain (page_test.go), before
// the glue and the shim: it keeps what the shim says on the console, and
// gives the helpers that read Go's state or put the shim back to defaults.

// Keep wasm_exec.js's Go instance, whose value table the leak checks read:
// every call into Go passes through its _resume.
{ const r = Go.prototype._resume;
  Go.prototype._resume = function () { globalThis.__go = this; return r.apply(this, arguments); }; }

// urlParses counts the page's URL parses (new URL), the glue's among them:
// the constructor is wrapped before the glue runs, because an engine may
// keep the global a hot function reads (WebKit's JIT does), so a row that
// replaced URL later would miss the glue's calls.
globalThis.urlParses = 0;
{ const U = URL;
  globalThis.URL = new Proxy(U, { construct(t, a, nt) { urlParses++; return Reflect.construct(t, a, nt); } }); }

// errors and warns: what console.error and console.warn got since the last reset.
globalThis.errors = []; globalThis.warns = [];
{ const e = console.error.bind(console), w = console.warn.bind(console);
  console.error = (...a) => { errors.push(a.map(String).join(" ")); e(...a); };
  console.warn = (...a) => { warns.push(a.map(String).join(" ")); w(...a); }; }

// liveRefs is how many JS values Go holds in wasm_exec.js's table, after
// Go's GC has run its finalizers (they run on later turns of the loop).
globalThis.liveRefs = async function () {
  for (let i = 0; i < 4; i++) { wxshim.debug.gc(); await new Promise((r) => setTimeout(r, 20)); }
  return globalThis.__go._ids.size;
};

// reset puts back default settings, closes every socket and empties the
// global slots; run (page_test.go) calls it before every row.
globalThis.reset = async function () {
  for (const k of Object.keys(wxshim.settings())) wxshim[k] = undefined;
  wxshim.configure({urlCheck: false, libVersion: "3.0.0", closeBeforeOpen: "browser"});
  wx.closeSocket({fail() {}});
  const t = Date.now();
  while (wxshim.debug.liveSockets() > 0 && Date.now() - t < 8000) await new Promise((r) => setTimeout(r, 5));
  while (wxshim.debug.requestsOpen() > 0 && Date.now() - t < 8000) await new Promise((r) => setTimeout(r, 5));
  for (const k of ["onSocketOpen", "onSocketMessage", "onSocketError", "onSocketClose"]) wx[k](function () {});
  for (const k of Object.keys(wxshim.settings())) wxshim[k] = undefined;
  // The spec rows once more through the relay: WX_RELAY_ALL.
  if (RELAY_ALL) wxshim.relay = {url: RELAY, secret: RELAY_SECRET, fallback: RELAY_TLS};
  if (wxshim.debug.liveSockets() > 0) throw new Error("reset: sockets still live");
  wxshim.debug.forgetWarnings();
  errors.length = 0; warns.length = 0;
};
