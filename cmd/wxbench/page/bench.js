// bench.js: the page side of `make bench`. Each workload runs on three
// variants that share one server and one page: raw (the browser's own
// WebSocket, binaryType "arraybuffer"), task (the shim's SocketTask) and
// global (wx.sendSocketMessage / wx.onSocketMessage). Runs are interleaved.
"use strict";
const URL_ECHO = location.origin.replace(/^https/, "wss") + "/echo";

// A connection: send(d) and a settable onData; open() resolves when open.
const variants = {
  raw(url) {
    const c = { onData: null };
    c.open = () => new Promise((ok, bad) => {
      const ws = new WebSocket(url || URL_ECHO);
      ws.binaryType = "arraybuffer";
      ws.onopen = ok;
      ws.onerror = bad;
      ws.onmessage = (e) => c.onData(e.data);
      c.send = (d) => ws.send(d);
      c.close = () => new Promise((done) => { ws.onclose = done; ws.close(); });
    });
    return c;
  },
  task(url) {
    const c = { onData: null };
    c.open = () => new Promise((ok, bad) => {
      // The global slots outlive connections and fire for the bound socket:
      // empty them, or the global variant's last listener would echo too.
      for (const k of ["onSocketOpen", "onSocketMessage", "onSocketError", "onSocketClose"]) wx[k](() => {});
      const t = wx.connectSocket({ url: url || URL_ECHO });
      t.onOpen(ok);
      t.onError(bad);
      t.onMessage((res) => c.onData(res.data));
      c.send = (d) => t.send({ data: d });
      c.close = () => new Promise((done) => { t.onClose(done); t.close(); });
    });
    return c;
  },
  // relay: the task variant through the relay, on its plain listener
  // (ws://127.0.0.1:port/relay); relaytls: through the same relay at
  // /relay of this server (wss). The server gives both settings (/config).
  relay(url) { return throughRelay(url, globalThis.benchRelay); },
  relaytls(url) { return throughRelay(url, globalThis.benchRelayTLS); },
  global() {
    const c = { onData: null };
    c.open = () => new Promise((ok, bad) => {
      wx.onSocketOpen(ok);
      wx.onSocketError(bad);
      wx.onSocketMessage((res) => c.onData(res.data));
      wx.connectSocket({ url: URL_ECHO });
      c.send = (d) => wx.sendSocketMessage({ data: d });
      c.close = () => new Promise((done) => { wx.onSocketClose(done); wx.closeSocket(); });
    });
    return c;
  },
};

function throughRelay(url, setting) {
  const c = variants.task(url);
  const open = c.open;
  c.open = () => {
    wxshim.relay = setting;
    const p = open();
    wxshim.relay = undefined;
    return p;
  };
  return c;
}

// Each workload returns one figure for one run (ms) and the messages it moved.
const workloads = {
  async connect(v, scale) {
    const n = Math.max(2, Math.round(10 * scale)), times = [];
    for (let i = 0; i < n; i++) {
      const c = variants[v]();
      const t0 = performance.now();
      await c.open();
      times.push(performance.now() - t0);
      await c.close();
    }
    times.sort((a, b) => a - b);
    return { ms: times[n >> 1], msgs: 0 };
  },
  text_rtt: (v, scale) => rtt(v, "x".repeat(64), 10000 * scale),
  binary_rtt: (v, scale) => rtt(v, new Uint8Array(65536).fill(7).buffer, 1000 * scale),
  async burst(v, scale) {
    const n = 10000 * scale, c = variants[v]();
    await c.open();
    const msg = "y".repeat(64);
    let got = 0, t0;
    const done = new Promise((ok) => { c.onData = () => { if (++got === n) ok(); }; });
    t0 = performance.now();
    for (let i = 0; i < n; i++) c.send(msg);
    await done;
    const ms = performance.now() - t0;
    await c.close();
    return { ms, msgs: n };
  },
};

async function rtt(v, data, n) {
  const c = variants[v]();
  await c.open();
  let left = n;
  const done = new Promise((ok) => {
    c.onData = () => { if (--left === 0) ok(); else c.send(data); };
  });
  const t0 = performance.now();
  c.send(data);
  await done;
  const ms = (performance.now() - t0) / n;
  await c.close();
  return { ms, msgs: n };
}

// run: a warm-up at a tenth of the size, then reps interleaved raw, task,
// global, with the order rotated each rep so that drift in the machine's
// speed falls on every variant alike. Returns every figure, and the JS->Go
// crossings each shim message cost (on the test build, whose
// wxshim.debug counts them: wxbench chromium; wxbench firefox and webkit run
// the production build, which does not).
async function runBench(reps, only, order) {
  await wxshim.ready;
  const debug = wxshim.debug;
  const out = {};
  order = order || ["raw", "task", "global"];
  for (const w of Object.keys(workloads)) {
    if (only && !only.includes(w)) continue;
    out[w] = { raw: [], task: [], global: [], relay: [], relaytls: [], crossings: {} };
    for (const v of order) await workloads[w](v, 0.1); // warm-up
    for (let r = 0; r < reps; r++) {
      const turn = order.slice(r % order.length).concat(order.slice(0, r % order.length));
      for (const v of turn) {
        const x0 = debug ? debug.crossings() : 0;
        const res = await workloads[w](v, 1);
        out[w][v].push(res.ms);
        if (debug && v !== "raw" && res.msgs) out[w].crossings[v] = (debug.crossings() - x0) / res.msgs;
      }
    }
  }
  return out;
}

// cycles: n connect/close cycles in 4 parallel chains (the shim emulates
// 2.10.4 for them, which allows 5 sockets at once). They take no less time
// than one chain: Chromium runs one WebSocket handshake at a time per IP
// address, and every socket here goes to 127.0.0.1.
async function cycles(n, v) {
  const was = wxshim.libVersion;
  wxshim.libVersion = "2.10.4";
  const chain = async (k) => {
    for (let i = 0; i < k; i++) {
      const c = variants[v]();
      await c.open();
      await c.close();
    }
  };
  await Promise.all([0, 1, 2, 3].map((j) => chain((n >> 2) + (j < (n & 3) ? 1 : 0))));
  wxshim.libVersion = was;
}

// collect runs Go's GC (which lets go of the JS values Go held) and then
// the browser's (--js-flags=--expose-gc), twice, and reads the used heap.
async function collect(jsOnly) {
  for (let i = 0; i < 6; i++) {
    if (!jsOnly && wxshim.debug) wxshim.debug.gc(); // the test build's hook (build/test/)
    await new Promise((r) => setTimeout(r, 50));
    gc();
  }
  return performance.memory.usedJSHeapSize;
}

// leakRun measures the live js.Func count and the JS heap after a warm-up
// of 50 cycles (the baseline) and again after n more.
// goRefs is how many JS values Go holds references to (wasm_exec.js's table).
function goRefs() { return wxshim._go ? wxshim._go._ids.size : -1; }
// goSlots is the high-water mark of that table: it never shrinks.
function goSlots() { return wxshim._go ? wxshim._go._values.length : -1; }
function refKinds() {
  const k = {};
  if (!wxshim._go) return k;
  for (const [v] of wxshim._go._ids) {
    const n = Object.prototype.toString.call(v) + (v && v.constructor ? v.constructor.name : "");
    k[n] = (k[n] || 0) + 1;
  }
  return k;
}

// The baseline is taken after 100 warm-up cycles (compiled code and its
// feedback, Go's value table at its working size); then n cycles. The same
// on the raw WebSocket (n/30 cycles) gives the browser's own growth.
async function leakRun(n) {
  await wxshim.ready;
  await cycles(100, "raw");
  const rawHeap0 = await collect();
  await cycles(Math.ceil(n / 30), "raw");
  const rawHeap1 = await collect();
  await cycles(100, "task");
  const heap0 = await collect(), refs0 = goRefs(), slots0 = goSlots();
  const t0 = performance.now();
  await cycles(n, "task");
  const ms = performance.now() - t0;
  const heap1 = await collect(), refs1 = goRefs(), slots1 = goSlots();
  return { heap0, heap1, ms, n, rawHeap0, rawHeap1, refs0, refs1, slots0, slots1, kinds: refKinds() };
}

// failedSends: n sends of 1 MiB that fail (the task's handshake never
// completes, as a reconnecting client sends while disconnected). A failed
// send must cost nothing once it returns: the JS heap after them, against
// the heap before, both after the browser's GC only: Go's GC runs when Go
// decides (a socket release), and a payload Go was handed stays alive until then.
async function failedSends(n) {
  await wxshim.ready;
  const was = wxshim.libVersion;
  wxshim.libVersion = "2.30.3";
  const t = wx.connectSocket({ url: URL_ECHO.replace("/echo", "/hang") });
  const heap0 = await collect(true);
  const t0 = performance.now();
  let failed = 0;
  for (let i = 0; i < n; i++) t.send({ data: new ArrayBuffer(1 << 20), fail() { failed++; } });
  const ms = performance.now() - t0;
  const heap1 = await collect(true);
  wxshim.closeBeforeOpen = "browser";
  t.close();
  wxshim.closeBeforeOpen = undefined;
  wxshim.libVersion = was;
  return { n, failed, heap0, heap1, ms };
}

// listeners: the time to register n onMessage listeners on one task, for
// several n: constant per listener when registration is constant-time.
async function listeners(counts) {
  await wxshim.ready;
  const out = {};
  for (const n of counts) {
    const t = wx.connectSocket({ url: URL_ECHO.replace("/echo", "/hang") });
    const t0 = performance.now();
    for (let i = 0; i < n; i++) t.onMessage(() => {});
    out[n] = performance.now() - t0;
    wxshim.closeBeforeOpen = "browser";
    t.close();
    wxshim.closeBeforeOpen = undefined;
    await new Promise((r) => setTimeout(r, 50));
  }
  return out;
}
