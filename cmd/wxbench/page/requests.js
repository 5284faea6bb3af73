// requests.js: the wx.request rows of `make bench`, on the bench page
// beside the socket rows. Each workload runs the shim's wx.request and the
// browser's own fetch against the same server (the site's /http/*, on the
// page's own origin, so that neither side needs CORS or a preflight), in
// the same repetitions, interleaved, the order rotated each time. fetch
// asks for what the shim's fetch asks for (FETCH_INIT): `cache:
// "no-store"` (NETWORK.md section 1: a phone shares no responses),
// `credentials: "omit"` and no Referer (a phone keeps no cookie jar of the
// browser's and writes its own Referer), so that both sides do the same
// network work: Chromium keeps the sockets of uncredentialed requests in
// a pool of their own. fetch_b is fetch again: the two share one data path, so
// fetch/fetch_b is the noise floor, as task/global is for sockets.
"use strict";

const REQ_BASE = location.origin + "/http";
const FETCH_INIT = { cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer" };

// Every request is checked: a failure, a wrong status or a body of the
// wrong size stops the bench, so that no failure is measured as a
// fast request.
function reqCheck(ok, what) {
  if (!ok) throw new Error("request bench: " + what);
}

// wxRequest is one wx.request as a promise of its success's res.
function wxRequest(opts) {
  return new Promise((ok, bad) => {
    wx.request(Object.assign({}, opts, {
      success: ok,
      fail: (e) => bad(new Error(opts.url + ": " + (e && e.errMsg))),
    }));
  });
}

// The kinds of request the workloads make, each on each side.
const reqKinds = {
  // A small JSON answer: /http/echo, the request as the server saw it.
  json: {
    url: REQ_BASE + "/echo",
    async fetch(url) {
      const r = await fetch(url, FETCH_INIT);
      const d = await r.json();
      reqCheck(r.status === 200 && d.method === "GET", "fetch " + url + ": " + r.status);
    },
    async wx(url) {
      const res = await wxRequest({ url });
      reqCheck(res.statusCode === 200 && res.data && res.data.method === "GET", "wx.request " + url + ": " + res.statusCode);
    },
  },
};

// big is an ArrayBuffer of size bytes: /http/big.
function bigKind(size) {
  const url = REQ_BASE + "/big?size=" + size;
  return {
    url,
    async fetch(u) {
      const r = await fetch(u, FETCH_INIT);
      const b = await r.arrayBuffer();
      reqCheck(r.status === 200 && b.byteLength === size, "fetch " + u + ": " + r.status + ", " + b.byteLength + " bytes");
    },
    async wx(u) {
      const res = await wxRequest({ url: u, responseType: "arraybuffer" });
      const b = res.data;
      reqCheck(res.statusCode === 200 && b instanceof ArrayBuffer && b.byteLength === size,
        "wx.request " + u + ": " + res.statusCode + ", " + (b instanceof ArrayBuffer ? b.byteLength + " bytes" : typeof b));
    },
  };
}
reqKinds.big64k = bigKind(64 << 10);
reqKinds.big4m = bigKind(4 << 20);

// One request of kind k for variant v: fetch and fetch_b are the browser's
// fetch; wx, relay and relaytls the shim (the relay variants with
// wxshim.relay set for the whole run: reqRun does it); fetch10 is fetch,
// and the limit is the workload's.
function reqOne(k, v) {
  return v.startsWith("fetch") ? k.fetch(k.url) : k.wx(k.url);
}

// sequential makes n requests one after the other; the figure is ms per
// request.
async function sequential(kind, v, n) {
  const k = reqKinds[kind];
  n = Math.max(2, Math.round(n));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await reqOne(k, v);
  return { ms: (performance.now() - t0) / n, reqs: n };
}

// concurrent starts batches of 100 requests at once, one batch after the
// other; the figure is ms per batch. wx sends them all (its queue keeps
// 10 in flight, the phone's rule); fetch sends them all with no limit of
// its own (the browser's 6 connections per host are the only one);
// fetch10 keeps 10 in flight, as the shim's queue does.
async function concurrent(v, batches) {
  const k = reqKinds.json, n = 100;
  batches = Math.max(1, Math.round(batches));
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    if (v === "fetch10") {
      let next = 0;
      const lane = async () => { while (next < n) { next++; await reqOne(k, v); } };
      await Promise.all(Array.from({ length: 10 }, lane));
    } else {
      await Promise.all(Array.from({ length: n }, () => reqOne(k, v)));
    }
  }
  return { ms: (performance.now() - t0) / batches, reqs: n * batches };
}

// The workloads, each with its variants; the relay variants are
// Chromium's (the site gives their settings only there).
const reqWorkloads = {
  req_small: { variants: ["fetch", "fetch_b", "wx", "relay", "relaytls"], run: (v, s) => sequential("json", v, 1000 * s) },
  req_64k: { variants: ["fetch", "fetch_b", "wx"], run: (v, s) => sequential("big64k", v, 200 * s) },
  req_4m: { variants: ["fetch", "fetch_b", "wx"], run: (v, s) => sequential("big4m", v, 20 * s) },
  req_concurrent: { variants: ["fetch", "fetch_b", "fetch10", "wx"], run: (v, s) => concurrent(v, 10 * s) },
};

// crossingsCost is what reading the count adds to it: the reading is a
// JS->Go call too, which the socket rows' thousands of messages hide and a
// run of 20 requests does not.
function crossingsCost() {
  const d = wxshim.debug, x0 = d.crossings();
  return d.crossings() - x0;
}

// reqRun runs one workload in one variant: the shim's at libVersion 3.0.0
// (responseType needs 1.7.0; the page's own 1.6.0 is the socket rows'),
// through the relay for the relay variants. It adds the JS->Go crossings
// the requests took (not those of the settings around them).
async function reqRun(w, v, scale) {
  const was = wxshim.libVersion, debug = wxshim.debug;
  wxshim.libVersion = "3.0.0";
  if (v === "relay") wxshim.relay = globalThis.benchRelay;
  if (v === "relaytls") wxshim.relay = globalThis.benchRelayTLS;
  try {
    const x0 = debug ? debug.crossings() : 0;
    const res = await reqWorkloads[w].run(v, scale);
    if (debug) res.crossings = debug.crossings() - x0 - crossingsCost();
    return res;
  } finally {
    wxshim.relay = undefined;
    wxshim.libVersion = was;
  }
}

// connectCrossings is the JS->Go calls of a socket's whole life on the
// same page (connect, open, close; the median of n): the order issue 17
// sets for a request's.
async function connectCrossings(n) {
  const d = wxshim.debug, xs = [];
  if (!d) return undefined;
  for (let i = 0; i < n; i++) {
    const x0 = d.crossings();
    const t = wx.connectSocket({ url: URL_ECHO });
    await new Promise((ok, bad) => { t.onOpen(ok); t.onError(bad); });
    await new Promise((ok) => { t.onClose(ok); t.close(); });
    xs.push(d.crossings() - x0 - crossingsCost());
  }
  xs.sort((a, b) => a - b);
  return xs[n >> 1];
}

// runRequests: a warm-up at a tenth of the size, then reps, each variant
// once per rep, the order rotated each rep. Returns every figure, and the
// JS->Go crossings each shim request cost (the test build counts them).
// A relay variant runs only when the page has the relay's setting. null:
// the shim has no wx.request. Beside the rows, the crossings of a socket's
// connect (connectCrossings), to read a request's against.
async function runRequests(reps, only, scale) {
  await wxshim.ready;
  if (typeof wx.request !== "function") return null; // a shim from before wx.request
  const out = {};
  const connect = await connectCrossings(5);
  scale = scale || 1;
  for (const w of Object.keys(reqWorkloads)) {
    if (only && !only.includes(w)) continue;
    const order = reqWorkloads[w].variants.filter((v) =>
      (v !== "relay" || globalThis.benchRelay) && (v !== "relaytls" || globalThis.benchRelayTLS));
    out[w] = { times: {}, crossings: {} };
    for (const v of order) {
      out[w].times[v] = [];
      await reqRun(w, v, scale / 10); // warm-up
    }
    for (let r = 0; r < reps; r++) {
      const turn = order.slice(r % order.length).concat(order.slice(0, r % order.length));
      for (const v of turn) {
        const res = await reqRun(w, v, scale);
        out[w].times[v].push(res.ms);
        if (res.crossings !== undefined && !v.startsWith("fetch")) out[w].crossings[v] = res.crossings / res.reqs;
      }
    }
  }
  return { rows: out, connectCrossings: connect };
}
