/* glue.js: the JavaScript half of the shim, shipped as JavaScript in build/wx.js
 * (after wasm_exec.js, before the loader js/wx.js), so a page whose
 * Content-Security-Policy allows wasm but not eval runs it.
 *
 * It installs `wx` and `wxshim` at once. Until the Go half attaches
 * (contract.go calls __wxshimGlue.attach), calls are queued in order and
 * settings are kept; from then on Go holds every rule and decides every
 * move of a socket's state, and this file does only what would otherwise
 * cost a JS->Go crossing (about 15 us each):
 *   - it owns each browser WebSocket's handlers and delivers messages from
 *     the listener lists kept here (registering a listener never enters Go);
 *   - it keeps each socket's record (S), its readyState included: every
 *     send and every readyState reads it, Go moves it (opened, failed,
 *     closed, close) and reads it only at the steps of a connect or close;
 *   - it runs every send, fast path and failures alike, so a payload never
 *     reaches Go (a value Go receives stays in wasm_exec.js's table until
 *     Go's GC runs);
 *   - it keeps the settings store (the shapes configure accepts, frozen
 *     copies of what is in force) and parses versions;
 *   - it runs user callbacks inside the try/catch a phone's runtime puts
 *     around them, those of Go's API calls too, after Go has returned (see
 *     Outcome), and enters Go only with stack to spare (see room).
 * Every errMsg it writes comes from Go (the `str` table handed to attach),
 * except the one a page gets when the Go half never starts.
 */
(function () {
  "use strict";
  const g = globalThis;
  if (g.__wxshimGlue || (g.wxshim && g.wxshim.__glue)) return; // loaded twice: keep the first

  // ---- The contract with Go, read by contract.go at start. It is needed
  // on this side before Go runs (settings and calls made before the wasm is
  // ready); Go reads the settings' names from it, and checks its own
  // constants for the kinds and states against it. ----
  const CONTRACT = Object.freeze({
    // Event kinds: the four listener kinds, then the two the shim raises
    // itself (contract.go's kind* constants).
    kinds: Object.freeze({ open: 0, message: 1, error: 2, close: 3, timeout: 4, domainFail: 5 }),
    // SocketTask.readyState values (contract.go's st* constants).
    states: Object.freeze({ connecting: 0, open: 1, closing: 2, closed: 3 }),
    // The wxshim settings, in the order settings() lists them.
    settings: Object.freeze(["libVersion", "urlCheck", "socketDomains", "networkTimeout", "maxConnections",
      "closeBeforeOpen", "rewrites", "relay", "appid", "appVersion"]),
    // The version gate the pre-ready queue decides on, and the version it
    // defaults to: copies of internal/rules' (version.go), checked at start.
    gates: Object.freeze({ promises: [2, 10, 2] }),
    defaultVersion: [1, 6, 0],
  });
  const K = CONTRACT.kinds, ST = CONTRACT.states;
  const LISTENER = ["onOpen", "onMessage", "onError", "onClose"];
  const GLOBAL = ["wx.onSocketOpen", "wx.onSocketMessage", "wx.onSocketError", "wx.onSocketClose"];

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

  // An Outcome is the result of one API call: the callbacks it owes, with
  // res, and the value the page gets after them (the SocketTask). Go's API
  // functions return one, and so the callbacks run here, after Go has
  // returned: a callback that calls the API again (a reconnect loop in
  // fail, synchronous as on a phone) nests JavaScript frames only. Run from
  // inside Go, each try nested a JS->Go->JS round, and the wasm stack
  // overflowed at depth 376: the Go runtime was gone for the page's life.
  class Outcome {
    constructor(where, s, f, c, ok, res, promise, value) {
      this.where = where; this.s = s; this.f = f; this.c = c;
      this.ok = ok; this.res = res; this.promise = promise; this.value = value;
    }
  }

  // settle runs what r owes: success or fail, then complete, and returns
  // r's value; or, when promise is set and no callback was given, returns a
  // Promise instead and calls nothing. Anything else is returned as it is.
  // The one place an API call's callbacks run. It has its own try blocks and
  // is called straight from the API functions: each frame between a
  // callback and the next call is one level less for a page's loop.
  function settle(r) {
    if (!(r instanceof Outcome)) return r;
    const fs = typeof r.s === "function", ff = typeof r.f === "function", fc = typeof r.c === "function";
    if (r.promise && !fs && !ff && !fc) return r.ok ? Promise.resolve(r.res) : Promise.reject(r.res);
    if (r.ok ? fs : ff) {
      try { (r.ok ? r.s : r.f)(r.res); } catch (e) { fault(r.where + (r.ok ? " success callback" : " fail callback"), e); }
    }
    if (fc) {
      try { r.c(r.res); } catch (e) { fault(r.where + " complete callback", e); }
    }
    return r.value;
  }

  // finish is settle for the calls the glue answers alone (sends, and
  // calls made when Go could not start).
  function finish(where, s, f, c, ok, res, promise) {
    return settle(new Outcome(where, s, f, c, ok, res, promise, undefined));
  }

  // room: an overflow inside the wasm leaves Go's scheduler half-way, and
  // every later call throws "Go program has already exited". So before each
  // call into Go, enter's wrappers call room(ROOM), which recurses and
  // unwinds: where the stack cannot hold that, the engine throws its own
  // stack-overflow error (what the page's plain recursion gets) here, before
  // Go is entered. A call into Go was measured to need up to 60 frames of
  // room() (30 were too few for a forced panic in Firefox and WebKit, 40 for
  // a connect at 1.6.0 in WebKit; a GC at the edge of the stack fit in 40);
  // ROOM is several times that. The "+ 1" keeps the call out of tail
  // position: JavaScriptCore has proper tail calls and would reuse one frame.
  const ROOM = 400;
  function room(n) { return n === 0 ? 0 : room(n - 1) + 1; }
  function enter(go) {
    const b = {};
    for (const k of Object.keys(go)) {
      const fn = go[k];
      b[k] = function (a0, a1, a2, a3, a4) { return room(ROOM) < 0 ? undefined : fn(a0, a1, a2, a3, a4); };
    }
    return b;
  }

  // callbacksOf reads success/fail/complete once; a getter that throws is
  // returned as err.
  function callbacksOf(o) {
    const cb = { s: undefined, f: undefined, c: undefined, err: undefined };
    if (o !== undefined && o !== null) {
      try { cb.s = o.success; cb.f = o.fail; cb.c = o.complete; } catch (e) { cb.err = e; }
    }
    return cb;
  }

  function message(e) {
    try { return e && typeof e.message === "string" ? e.message : String(e); } catch (x) { return "unprintable exception"; }
  }

  // ---- State shared with Go. ----
  let bridge = null; // Go's functions, once attached
  let str = null; // the errMsg strings Go builds
  let startFailure = ""; // why Go never started, once known
  let started = false; // Go attached and the queue ran
  let version = CONTRACT.defaultVersion; // the parsed libVersion, for the promise gate
  const slots = [undefined, undefined, undefined, undefined]; // wx.onSocket* listeners
  const glue = { bound: null }; // Go sets bound: the socket record the globals act on

  function promises() { return atLeast(version, CONTRACT.gates.promises); }

  // ---- Socket records: the one home of a socket's state. Go moves it
  // (through the glue functions below that say so); the send path and
  // readyState read it. ----
  class SocketTask {
    #s;
    constructor(s) { this.#s = s; }
    get readyState() {
      const s = this.#s;
      return s.state === ST.open && s.ws !== null && s.ws.readyState === 2 ? ST.closing : s.state;
    }
    send(o) { send(this.#s, o, false); }
    close(o) { settle(bridge.taskClose(this.#s.id, o)); }
    onOpen(cb) { listen(this.#s, K.open, cb); }
    onMessage(cb) { listen(this.#s, K.message, cb); }
    onError(cb) { listen(this.#s, K.error, cb); }
    onClose(cb) { listen(this.#s, K.close, cb); }
  }
  for (const [k, v] of [["CONNECTING", ST.connecting], ["OPEN", ST.open], ["CLOSING", ST.closing], ["CLOSED", ST.closed]]) {
    Object.defineProperty(SocketTask.prototype, k, { value: v, enumerable: true });
  }

  // listen adds cb to S's listeners of kind: constant time at any count.
  // A closed task has dropped its listeners; a non-function is ignored.
  function listen(S, kind, cb) {
    if (typeof cb === "function" && S.on !== null) S.on[kind].push(cb);
  }

  glue.newSocket = function (id) {
    const S = {
      id, ws: null, cancelled: false, state: ST.connecting, timer: 0, due: 0,
      t0: 0, t1: 0, viaRelay: false, relayed: null, failReason: "", on: [[], [], [], []], task: null,
    };
    S.task = new SocketTask(S);
    return S;
  };

  // emit calls S's listeners of kind, then the global slot if S is the bound
  // socket (spec 3, "Order on each event"). Listeners added meanwhile wait
  // for the next event.
  function emit(S, kind, res) {
    const L = S.on === null ? [] : S.on[kind], n = L.length;
    for (let i = 0; i < n; i++) call1(L[i], res, "SocketTask." + LISTENER[kind]);
    // The binding is read after the task's listeners: one that reconnected
    // may have moved it, and then this socket's events are not the globals'.
    const slot = glue.bound === S ? slots[kind] : undefined;
    if (slot !== undefined) call1(slot, res, GLOBAL[kind]);
  }

  // opened: Go found S's handshake done. S is OPEN, its timer stops, and
  // onOpen gets {} before 2.0.0, then {header}, then {header, profile} from
  // 2.10.4 (Go's gates say which). Through the relay both are the real ones
  // (the handshake response's headers, the relay's timings of DNS, TCP, TLS
  // and the handshake). A browser alone shows neither: header is {} and
  // profile has the handshake time (WebSocket constructor to open) as rtt,
  // handshakeCost and cost, with the start and end stamps around it.
  glue.opened = function (S, header, profile) {
    S.state = ST.open;
    disarm(S);
    const res = {}, R = S.relayed;
    if (header) res.header = R === null ? {} : R.header;
    if (profile) res.profile = R === null ? browserProfile(S) : R.profile;
    emit(S, K.open, res);
  };

  function browserProfile(S) {
    const start = Math.trunc(performance.timeOrigin + S.t0), end = Math.trunc(performance.timeOrigin + S.t1);
    const d = Math.floor(S.t1 - S.t0 + 0.5);
    return {
      fetchStart: start, domainLookUpStart: start, domainLookUpEnd: start, connectStart: start,
      connectEnd: end, rtt: d, handshakeCost: d, cost: d,
    };
  }

  // failed: S is CLOSED (before onError, as a browser's WebSocket is in its
  // error event: a reconnect from onError works), and onError gets msg.
  glue.failed = function (S, msg) {
    S.state = ST.closed;
    emit(S, K.error, { errMsg: msg });
  };

  // closed: S is CLOSED and unhooked, onClose gets {code, reason}, and its
  // listeners go: nothing reaches them once it is closed.
  glue.closed = function (S, code, reason) {
    S.state = ST.closed;
    detach(S);
    emit(S, K.close, { code, reason });
    S.on = null;
  };

  // retire unhooks S and drops its listeners, for a socket that ends
  // without a close event (a domain failure from 1.7.0).
  glue.retire = function (S) { detach(S); S.on = null; };

  // ---- Sending: all of it here, so payloads never cross into Go. ----
  // promise, when given, is the decision an early call made when it was queued.
  function send(S, o, global, promise) {
    const where = global ? "wx.sendSocketMessage" : "SocketTask.send";
    const cb = callbacksOf(o);
    if (promise === undefined) promise = global && promises();
    let d, err = cb.err;
    if (err === undefined && o !== undefined && o !== null) {
      try { d = o.data; } catch (e) { err = e; }
    }
    const fail = (msg) => finish(where, cb.s, cb.f, cb.c, false, { errMsg: msg }, promise);
    if (err !== undefined) return fail(str.sendParamError + message(err));
    if (S === null || S.state !== ST.open || S.ws === null || S.ws.readyState !== 1) {
      return fail(global ? str.sendNotConnected : str.sendNotOpen);
    }
    if (typeof d !== "string" && !isAB(d)) return fail(str.sendUnknownData);
    try { S.ws.send(d); } catch (e) { return fail(str.sendFail + message(e)); }
    return finish(where, cb.s, cb.f, cb.c, true, { errMsg: str.sendOk }, promise);
  }

  // ---- Opening. ----
  const BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
    101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512,
    513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720,
    1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

  // open starts S towards url: "" when it will start at the end of the
  // current task, or the browser's own message when its WebSocket
  // constructor refuses the URL or the protocols (spec 2, step 5).
  //
  // The browser is the judge of its constructor: refuses() predicts a
  // refusal from the WHATWG rules (URL, scheme, fragment, subprotocols, bad
  // ports, mixed content), and only then is the constructor called, at once,
  // for its message in this engine's words. If it does not throw after all
  // (engines differ: WebKit takes duplicate subprotocols, some allow ws:// to
  // loopback from https), that WebSocket is the socket. Otherwise the socket
  // starts at the end of the task: one replaced or closed before then (a
  // connectSocket loop at 1.6.0) never touches the network. Chromium queues
  // every handshake to a host behind the one before, and 1,000 started and
  // aborted handshakes stalled the 1,001st for over five minutes.
  //
  // Through a relay the relay connects, so what only the browser's own
  // connection would refuse (mixed content, its blocked ports) no longer
  // applies; the rest still fails as the constructor says. The constructor
  // is then asked with the target's URL only when the URL itself is what it
  // refuses (it throws before connecting), and with the relay's URL for the
  // protocols: a WebSocket it makes after all goes to the relay, never
  // around it, and is closed at once.
  //
  // url was parsed by Go's check a moment before (parseURL): refuses() finds
  // that parse kept, so a connect parses its URL once (a rewritten URL,
  // which is another URL, once more).
  glue.open = function (S, url, protocols, relay) {
    let list = protocols, refused = false;
    if (protocols !== undefined) {
      list = [];
      try { for (const p of protocols) list.push("" + p); } catch (e) { list = protocols; refused = true; }
    }
    if (refused || refuses(url, list, relay === null)) {
      const to = relay === null || refuses(url, undefined, false) ? url : relay.url;
      let ws;
      try { ws = list === undefined ? new WebSocket(to) : new WebSocket(to, list); } catch (e) { return message(e); }
      if (relay === null) {
        S.t0 = performance.now();
        hook(S, ws);
        return "";
      }
      ws.onopen = ws.onerror = ws.onclose = ws.onmessage = null;
      ws.close();
    }
    if (dry !== null) { dry(S); return ""; } // the warm-up's socket never starts
    if (relay !== null) {
      // The relay gets the URL as this browser's parser reads it: the one
      // its WebSocket would connect to and the domain check judged ("%2e",
      // tabs, backslashes and ideographic full stops written out, the host
      // in lower case and punycode). Given the raw string, the relay refused
      // some and looked others up past its -map.
      const u = parse(url), href = u === null ? url : u.href;
      queueMicrotask(() => startRelay(S, href, list, relay));
    } else queueMicrotask(() => start(S, url, list));
    return "";
  };

  // warmLater: V8 compiles a wasm function on its first call (Liftoff, on
  // the main thread), and a fresh page's first connectSocket compiled about
  // 40 Go functions before its WebSocket constructor ran (2.4 ms against
  // raw's 0.04). When the page is first idle after ready, one connect, open
  // and close run here on a socket that never starts, called as a page
  // calls them, so the page's own first connect finds the code compiled.
  // Nothing of the page's sees it: the global slots are set aside, Go sets
  // its settings and ids aside (warm), and it is skipped if the page has
  // connected already. Run before ready instead, it delayed ready by more
  // than it saved.
  let dry = null;
  function warmLater() {
    const run = () => {
      if (!bridge.warm(true)) return;
      const saved = slots.slice();
      slots.fill(undefined);
      let S = null;
      dry = (s) => { S = s; };
      try {
        const t = settle(bridge.connect({ url: "wss://warm-up.invalid/", success() {} }));
        if (S !== null) {
          t.onOpen(() => {}); t.onMessage(() => {}); t.onClose(() => {});
          S.t1 = S.t0 = performance.now();
          bridge.event(S.id, K.open, 0, "", false);
          bridge.event(S.id, K.close, 1000, "", true);
        }
      } finally {
        dry = null;
        for (let i = 0; i < slots.length; i++) slots[i] = saved[i];
        bridge.warm(false);
      }
    };
    if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 200 });
    else setTimeout(run, 0);
  }

  // refuses predicts whether the WebSocket constructor throws for url and
  // protocols; direct adds what only the browser's own connection refuses.
  function refuses(url, protocols, direct) {
    const u = parse(url);
    if (u === null) return true;
    const scheme = u.protocol;
    if (scheme !== "ws:" && scheme !== "wss:" && scheme !== "http:" && scheme !== "https:") return true;
    if (u.hash !== "" || url.indexOf("#") >= 0) return true;
    if (direct && u.port !== "" && BAD_PORTS.has(+u.port)) return true;
    if (direct && (scheme === "ws:" || scheme === "http:") && g.location && g.location.protocol === "https:") return true;
    if (protocols === undefined) return false;
    const seen = new Set();
    for (const p of protocols) {
      if (!validProtocol(p) || seen.has(p)) return true;
      seen.add(p);
    }
    return false;
  }

  // A subprotocol is an HTTP token: visible ASCII but the separators. A copy
  // of internal/rules' IsToken, checked at start.
  function validProtocol(p) {
    if (p === "") return false;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 0x21 || c > 0x7e || '"(),/:;<=>?@[\\]{}'.includes(p[i])) return false;
    }
    return true;
  }

  function start(S, url, protocols) {
    if (S.cancelled) return;
    S.t0 = performance.now();
    let ws;
    try {
      ws = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols);
    } catch (e) {
      // refuses() let through what the constructor refused: a failed connection.
      bridge.event(S.id, K.error, 0, message(e), false);
      bridge.event(S.id, K.close, 1006, "", false);
      return;
    }
    hook(S, ws);
  }

  function hook(S, ws) {
    ws.binaryType = "arraybuffer";
    S.ws = ws;
    ws.onopen = () => { S.t1 = performance.now(); bridge.event(S.id, K.open, 0, "", false); };
    ws.onerror = () => {
      bridge.event(S.id, K.error, 0, "", false);
      closeOwed(S, ws);
    };
    ws.onclose = (e) => bridge.event(S.id, K.close, e.code, e.reason, e.wasClean);
    ws.onmessage = messages(S);
  }

  // closeOwed: WebKit leaves some failed sockets CLOSED after their error
  // event with no close event at all (mixed content, blocked ports): the
  // close the browser owes comes from here, unless its own arrives first.
  function closeOwed(S, ws) {
    if (ws.readyState !== 3) return;
    setTimeout(() => { if (S.ws === ws && ws.onclose !== null) ws.onclose({ code: 1006, reason: "", wasClean: false }); }, 100);
  }

  function messages(S) {
    return (e) => emit(S, K.message, { data: e.data });
  }

  // startRelay reaches url through the relay (spec section 7): the first
  // frame carries the target, header, protocols and secret; the relay's
  // "open" frame is the socket's open, and after it frames pass unchanged.
  // Any close before "open" is a failed connection, with the relay's reason.
  //
  // A relay may be reached two ways (R.fallback): its plain ws:// listener
  // on loopback, whose page leg costs no TLS (Chromium and Firefox let an
  // https page open ws:// to 127.0.0.1 and localhost), else its wss://
  // URL (WebKit refuses that ws:// with an error event). A relay WebSocket
  // that fails before its own open event is tried once more on the
  // fallback; once the fallback has opened where the URL failed, this page
  // goes to the fallback first.
  function startRelay(S, url, protocols, R, retry) {
    if (S.cancelled) return;
    const fallback = typeof R.fallback === "string" ? R.fallback : "";
    const to = retry || fallback !== "" && relayRefused.has(R.url) ? fallback : R.url;
    const canRetry = !retry && to === R.url && fallback !== "";
    if (!retry) S.t0 = performance.now();
    let ws;
    try { ws = new WebSocket(to); } catch (e) {
      if (canRetry) { startRelay(S, url, protocols, R, true); return; }
      bridge.event(S.id, K.error, 0, "the relay " + to + " cannot be used: " + message(e), false);
      bridge.event(S.id, K.close, 1006, "", false);
      return;
    }
    ws.binaryType = "arraybuffer";
    S.ws = ws;
    S.viaRelay = true;
    let reached = false;
    ws.onopen = () => {
      reached = true;
      if (retry) relayRefused.add(R.url);
      ws.send(JSON.stringify({
        v: 1, secret: R.secret, url, header: R.header, protocols: protocols === undefined ? [] : protocols,
        appid: R.appid, appVersion: R.appVersion,
      }));
    };
    ws.onmessage = (e) => {
      let m = null;
      try { m = typeof e.data === "string" ? JSON.parse(e.data) : null; } catch (x) { m = null; }
      if (m !== null && m.type === "open") {
        S.t1 = performance.now();
        S.relayed = m;
        ws.onmessage = messages(S);
        bridge.event(S.id, K.open, 0, "", false);
      } else if (m !== null && m.type === "failed") {
        S.failReason = String(m.reason);
      }
    };
    // Every engine makes a WebSocket that cannot connect CLOSED before its
    // error event; WebKit sends no close event after it for mixed content.
    ws.onerror = () => {
      if (canRetry && !reached && ws.readyState === 3) {
        ws.onopen = ws.onerror = ws.onclose = ws.onmessage = null;
        startRelay(S, url, protocols, R, true);
        return;
      }
      closeOwed(S, ws); // no fallback left
    };
    ws.onclose = (e) => {
      if (S.relayed === null) {
        const why = S.failReason || (e.reason ? "the relay refused: " + e.reason + " (" + e.code + ")" :
          "the relay " + to + " could not be reached (" + e.code + ")");
        bridge.event(S.id, K.error, 0, why, false);
        bridge.event(S.id, K.close, 1006, "", false);
        return;
      }
      bridge.event(S.id, K.close, e.code, e.reason, e.wasClean);
    };
  }

  // relayRefused: the relay URLs this page could not open while their
  // fallback opened.
  const relayRefused = new Set();

  // detach unhooks S from its WebSocket and timer.
  function detach(S) {
    disarm(S);
    const ws = S.ws;
    if (ws !== null) ws.onopen = ws.onerror = ws.onclose = ws.onmessage = null;
  }
  glue.detach = detach;

  // close closes S's WebSocket with code and reason once it is open, and
  // makes S CLOSING; or returns the browser's message, S left as it was.
  glue.close = function (S, code, reason, unopened) {
    const ws = S.ws;
    if (ws === null || ws.readyState === 0 || S.viaRelay && S.relayed === null) {
      // Not open yet (not started, still connecting, or waiting for the
      // relay's "open"): its close is the one the shim reports, unopened
      // (1000 for a socket replaced before 1.7.0, 1006 for an aborted
      // handshake), whatever the browser or the relay would make of it.
      if (ws !== null) {
        ws.onopen = ws.onerror = ws.onclose = ws.onmessage = null;
        try { ws.close(); } catch (e) { /* closing what never opened */ }
      }
      if (!S.cancelled) {
        S.cancelled = true;
        setTimeout(() => bridge.event(S.id, K.close, unopened, "", unopened === 1000), 0);
      }
      S.state = ST.closing;
      return "";
    }
    try { if (code === undefined) S.ws.close(); else S.ws.close(code, reason); } catch (e) { return message(e); }
    S.state = ST.closing;
    return "";
  };

  // later raises kind for S after ms: the connect timeout, or 0 for an error
  // that must reach listeners registered after connectSocket returns. A
  // browser timer wraps above 2^31-1 ms (3e9 fires after 8 ms), so a long
  // wait is a chain of shorter ones aimed at one deadline.
  const MAX_TIMER = 0x7fffffff;
  glue.later = function (S, kind, ms) {
    clearTimeout(S.timer);
    S.due = performance.now() + ms;
    const arm = () => {
      const left = S.due - performance.now();
      if (left > MAX_TIMER) { S.timer = setTimeout(arm, MAX_TIMER); return; }
      S.timer = setTimeout(() => { S.due = 0; bridge.event(S.id, kind, 0, "", false); }, Math.max(0, left));
    };
    arm();
  };
  function disarm(S) { clearTimeout(S.timer); S.due = 0; }

  // parseURL gives scheme, host, port, and path and query, as the browser's
  // URL parser (the one its WebSocket uses) reads u, or null. One string,
  // the parts joined by "\n" (which a parsed URL never holds: the parser
  // drops tabs and newlines and percent-encodes the rest): Go reads it in
  // one crossing, where an array cost four reads of four crossings each.
  glue.parseURL = function (u) {
    const p = parse(u);
    return p === null ? null : p.protocol + "\n" + p.hostname + "\n" + p.port + "\n" + p.pathname + p.search;
  };

  // parse is new URL(u), or null. It keeps the last URL it parsed, so that
  // a connect parses its URL once: Go's check asks first (parseURL), then
  // open gets the same string. A URL object is never handed out, so the
  // one kept cannot be changed behind it.
  let lastInput = null, lastURL = null;
  function parse(u) {
    if (u !== lastInput || typeof u !== "string") {
      let p = null;
      try { p = new URL(u); } catch (e) { /* not a URL */ }
      lastInput = u;
      lastURL = p;
    }
    return lastURL;
  }

  glue.parseVersion = parseVersion;
  glue.validProtocol = validProtocol;
  glue.typeName = typeName;
  glue.outcome = (where, s, f, c, ok, res, promise, value) => new Outcome(where, s, f, c, ok, res, promise, value);

  // ---- The settings store (wxshim). Every key is an accessor: a set keeps a
  // frozen copy (so the value read back is the value in force, and cannot
  // be changed in place behind Go's back) and tells Go, which parses
  // settings once per change, never per call. Go drops what it rejects. ----
  const store = {};
  glue.store = store;
  glue.drop = function (k) { store[k] = undefined; readVersion(); };
  function readVersion() { version = parseVersion(store.libVersion) || CONTRACT.defaultVersion; }

  // plain copies v once into plain data (arrays, plain objects, primitives;
  // functions stay as given, for Go to reject), frozen, so that reading a
  // setting back, settings() and configure() never run the page's code and
  // never meet a cycle. What cannot be read (a getter or Proxy trap that
  // throws, a revoked Proxy), refers back to itself, or lies more than four
  // levels deep is left out, and a note says so; Go warns with the notes
  // (takeNotes). path names v in the notes ("networkTimeout.request").
  function plain(v, path, depth, above) {
    if (typeof v !== "object" || v === null) return v;
    if (above.includes(v)) return unread(path, "refers back to itself");
    if (depth > 4) return unread(path, "is nested more than four levels deep");
    above.push(v);
    try {
      let out;
      if (Array.isArray(v)) {
        const n = v.length;
        if (!(n <= 100000)) return unread(path, "has more than 100000 entries");
        out = [];
        for (let i = 0; i < n; i++) out.push(plain(read(v, i, path), at(path, i), depth + 1, above));
      } else {
        out = {};
        for (const k of Object.keys(v)) {
          const x = plain(read(v, k, path), at(path, k), depth + 1, above);
          if (x !== undefined) out[k] = x;
        }
      }
      return Object.freeze(out);
    } catch (e) {
      return unread(path, "could not be read (" + message(e) + ")");
    } finally {
      above.pop();
    }
  }

  // read is o[k]; a getter or trap that throws leaves k out, with a note.
  function read(o, k, path) {
    try { return o[k]; } catch (e) { return unread(at(path, k), "could not be read (" + message(e) + ")"); }
  }
  function at(path, k) { return path === "" ? k : typeof k === "number" ? path + "[" + k + "]" : path + "." + k; }

  // notes are what the settings copy left out, for Go to warn about in one
  // warning (a setting of 50 throwing getters is one, not 50): the first
  // five and how many more, taken (and emptied) by Go's configure. Written
  // here, where the list is, so the wasm carries no list formatting.
  const notes = [];
  let unreadCount = 0;
  function unread(path, why) {
    if (notes.length < 5) {
      const t = (path + " " + why).replace(/[\r\n]+/g, " ");
      notes.push(t.length > 200 ? t.slice(0, 200) + "..." : t); // as Go's clip: a key can be megabytes
    }
    unreadCount++;
    return undefined;
  }
  glue.takeNotes = () => {
    const n = unreadCount;
    if (n === 0) return "";
    const s = notes.splice(0).join(", ") + (n > 5 ? " and " + (n - 5) + " more" : "");
    unreadCount = 0;
    return s + (n > 1 ? "; they are left out." : "; it is left out.");
  };

  function keep(k, v) { store[k] = plain(v, k, 0, []); }

  // merge copies known keys from o, in the flat shape or those of
  // project.config.json ({libVersion, appid, setting: {urlCheck}}) and
  // app.json ({networkTimeout}). A key whose getter throws is left as it
  // was, with a note.
  function merge(o) {
    for (const k of CONTRACT.settings) {
      const v = read(o, k, "");
      if (v !== undefined) keep(k, v);
    }
    const s = read(o, "setting", "");
    if (typeof s === "object" && s !== null) {
      const u = read(s, "urlCheck", "setting");
      if (u !== undefined) keep("urlCheck", u);
    }
  }

  function changed() {
    readVersion();
    if (bridge !== null) bridge.configure();
  }

  // The page's own wxshim (maybe frozen) is read, never changed: this one replaces it.
  const pageCfg = typeof g.wxshim === "object" && g.wxshim !== null ? g.wxshim : {};
  const cfg = {};
  for (const k of Object.keys(pageCfg)) {
    if (!CONTRACT.settings.includes(k)) { try { cfg[k] = pageCfg[k]; } catch (e) { /* a throwing getter */ } }
  }
  merge(pageCfg);
  for (const k of CONTRACT.settings) {
    Object.defineProperty(cfg, k, {
      get() { return store[k]; },
      set(v) { keep(k, v); changed(); },
      enumerable: true, configurable: false,
    });
  }
  cfg.configure = function (o) {
    if (typeof o === "object" && o !== null) { merge(o); changed(); }
    return cfg.settings();
  };
  cfg.settings = function () {
    const out = {};
    for (const k of CONTRACT.settings) out[k] = store[k];
    return out;
  };
  // checkUrl answers at once when Go is there; before, it returns a Promise
  // of the same answer, given when Go is ready (await works either way).
  cfg.checkUrl = function (u) {
    if (bridge !== null) return bridge.checkUrl(u);
    if (startFailure !== "") return Promise.reject(new Error("wxshim could not start: " + startFailure));
    return later(() => bridge.checkUrl(u), null);
  };
  cfg.liveSockets = () => (bridge === null ? 0 : bridge.liveSockets());
  cfg.crossings = () => (bridge === null ? 0 : bridge.crossings());
  Object.defineProperty(cfg, "__glue", { value: true });
  readVersion();

  // ---- Calls made before Go is ready: kept in order, carried out when it
  // is. Each entry has run() (once Go is there) and fail() (if it never is). ----
  const queue = [];

  // later queues run and returns a Promise of its result.
  function later(run, failWith) {
    let settle;
    const p = new Promise((ok, bad) => { settle = [ok, bad]; });
    queue.push({
      run() {
        const r = run();
        if (r && typeof r.then === "function") r.then(settle[0], settle[1]);
        else settle[0](r);
      },
      fail() { settle[1](failWith ? failWith() : new Error("wxshim could not start: " + startFailure)); },
    });
    return p;
  }

  // earlyTask stands in for a SocketTask until connectSocket has really run:
  // it records calls, then forwards them and every later one. If the
  // connect failed, it reads CLOSED and its methods fail as a closed task's.
  function earlyTask(entry) {
    const calls = [];
    const t = {
      get readyState() { return entry.task !== null ? entry.task.readyState : entry.done ? ST.closed : ST.connecting; },
    };
    Object.setPrototypeOf(t, SocketTask.prototype);
    for (const m of ["send", "close", "onOpen", "onMessage", "onError", "onClose"]) {
      Object.defineProperty(t, m, {
        value(o) {
          if (entry.task !== null) return entry.task[m](o);
          if (entry.done) return dead(m, o);
          calls.push([m, o]);
          return undefined;
        },
      });
    }
    entry.flush = () => {
      for (const [m, o] of calls) { if (entry.task !== null) entry.task[m](o); else dead(m, o); }
      calls.length = 0;
    };
    return t;
  }

  // dead is a method of a task whose connectSocket failed.
  function dead(m, o) {
    if (m !== "send" && m !== "close") return undefined;
    const cb = callbacksOf(o);
    const where = m === "send" ? "SocketTask.send" : "SocketTask.close";
    const msg = startFailure !== "" ? startFailMsg(m === "send" ? "sendSocketMessage" : "closeSocket") :
      m === "send" ? str.sendNotOpen : str.closeNoTask;
    finish(where, cb.s, cb.f, cb.c, false, { errMsg: msg }, false);
    return undefined;
  }

  // startFailMsg is the errMsg of every call when the Go half could not
  // start (Go never ran, so this is the one errMsg written here).
  function startFailMsg(api) { return api + ":fail wxshim could not start: " + startFailure; }

  function failNow(api, where, o, promise) {
    const cb = callbacksOf(o);
    return finish(where, cb.s, cb.f, cb.c, false, { errMsg: startFailMsg(api) }, promise);
  }

  // ---- wx: exactly the WeChat surface. The page's own wx (maybe frozen) is
  // read, never changed. ----
  const pageWx = typeof g.wx === "object" && g.wx !== null ? g.wx : {};
  const wx = {};
  for (const k of Object.keys(pageWx)) { try { wx[k] = pageWx[k]; } catch (e) { /* a throwing getter */ } }
  wx.connectSocket = function connectSocket(o) {
    if (bridge !== null) return settle(bridge.connect(o));
    if (startFailure !== "") { failNow("connectSocket", "wx.connectSocket", o, false); return undefined; }
    const entry = { task: null, done: false, flush: null };
    queue.push({
      run() {
        const r = settle(bridge.connect(o));
        entry.task = r === undefined || r === null ? null : r;
        entry.done = true;
        entry.flush();
      },
      fail() { entry.done = true; failNow("connectSocket", "wx.connectSocket", o, false); entry.flush(); },
    });
    return earlyTask(entry);
  };
  wx.closeSocket = function closeSocket(o) {
    if (bridge !== null) return settle(bridge.closeSocket(o));
    return early("closeSocket", "wx.closeSocket", o, (promise) => settle(bridge.closeSocket(o, promise)));
  };
  wx.sendSocketMessage = function sendSocketMessage(o) {
    if (bridge !== null) return send(glue.bound, o, true);
    return early("sendSocketMessage", "wx.sendSocketMessage", o, (promise) => send(glue.bound, o, true, promise));
  };
  // The global slots: one each, a second call replaces the first, a
  // non-function is ignored (spec 4). Kept here; Go decides which socket
  // is bound, emit reads the slot.
  const onGlobal = (kind) => function (cb) { if (typeof cb === "function") slots[kind] = cb; };
  wx.onSocketOpen = onGlobal(K.open);
  wx.onSocketMessage = onGlobal(K.message);
  wx.onSocketError = onGlobal(K.error);
  wx.onSocketClose = onGlobal(K.close);

  // early queues a send or close made before Go is ready. It returns what
  // the same call returns once ready: a Promise from 2.10.2 when no callback
  // is given (the one promise gate, on the one parsed version), else undefined.
  // The decision is made once, here, and the queued call keeps to it.
  function early(api, where, o, run) {
    const promise = promises();
    if (startFailure !== "") return failNow(api, where, o, promise);
    const cb = callbacksOf(o);
    if (promise && typeof cb.s !== "function" && typeof cb.f !== "function" && typeof cb.c !== "function") {
      return later(() => run(true), () => ({ errMsg: startFailMsg(api) }));
    }
    queue.push({ run: () => run(false), fail: () => failNow(api, where, o, false) });
    return undefined;
  }

  // ---- Attaching Go, or failing to. ----
  let resolveReady, rejectReady;
  const ready = new Promise((ok, bad) => { resolveReady = ok; rejectReady = bad; });
  Object.defineProperty(cfg, "ready", { value: ready, enumerable: true });

  g.__wxshimGlue = {
    // attach is called once by Go (contract.go) when it starts: it hands
    // over Go's functions and errMsg strings and gets the glue's; then
    // start() parses the settings, runs what was queued and resolves ready.
    attach(goBridge, goStr) {
      bridge = enter(goBridge);
      str = goStr;
      return glue;
    },
    start() {
      delete g.__wxshimGlue;
      started = true;
      bridge.configure();
      for (const e of queue.splice(0)) {
        try { e.run(); } catch (err) { report("a call made before wxshim was ready", err); }
      }
      try { cfg.readyAt = performance.now(); } catch (e) { /* */ }
      resolveReady(wx);
      warmLater();
    },
    contract: CONTRACT,
    // fail is called by the loader when the wasm cannot be loaded or Go
    // exits before attaching: ready rejects, every queued call fails with
    // a clear errMsg, and so does every later one.
    fail(why) {
      if (started || startFailure !== "") return;
      bridge = null; // attached, maybe, but never started
      startFailure = why || "unknown reason";
      for (const e of queue.splice(0)) e.fail();
      rejectReady(new Error("wxshim could not start: " + startFailure));
    },
  };
  ready.catch(() => {}); // reported by the loader; a page may never look

  g.wxshim = cfg;
  g.wx = wx;
  if (g.wxshim !== cfg || g.wx !== wx) {
    g.__wxshimGlue.loading = true; // the loader need not load what cannot be installed
    g.__wxshimGlue.fail("the page's wx or wxshim global cannot be replaced");
    console.error("wxshim: the page's wx or wxshim global cannot be replaced (defined read-only?)");
  }
})();
