// files.js: the file transfer rows of `make bench` (issue 18), after the
// request rows on the same page and read the same way (requests.js):
// wx.downloadFile against fetch() into a Blob, wx.uploadFile against a
// fetch POST of a FormData holding the same Blob, to the site's /http/file
// and /http/upload sink (internal/wstest transfers.go), interleaved, the
// order rotated each repetition, fetch_b (fetch again) the noise floor;
// relay and relaytls are the shim through the relay (1 MiB rows). Two more
// on downloads say where the shim's time goes: parts (the shim's way, by
// hand: the body read in chunks, then one Blob of them) and xhr
// (XMLHttpRequest's own Blob, with progress events). Then the
// page's memory while 200 MiB comes down (fileMemory), measured by the
// server from /proc (memprobe.go).
"use strict";

const MiB = 1 << 20;

// A download is checked whole: the Blob's size is the size asked for (the
// shim's is read from its file table, then removed, as a page would once
// done with it).
function downKind(size) {
  const url = REQ_BASE + "/file?size=" + size;
  return {
    async fetch() {
      const r = await fetch(url, FETCH_INIT);
      const b = await r.blob();
      reqCheck(r.status === 200 && b.size === size, "fetch " + url + ": " + r.status + ", " + b.size + " bytes");
    },
    // parts: what the shim's download does, by hand: the body read chunk
    // by chunk (a progress count each), then one Blob of the chunks.
    async parts() {
      const r = await fetch(url, FETCH_INIT);
      const reader = r.body.getReader(), parts = [];
      let n = 0, pct = -1;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        n += value.byteLength;
        pct = Math.max(pct, Math.floor(100 * n / size));
      }
      const b = new Blob(parts);
      reqCheck(r.status === 200 && b.size === size, "fetch (parts) " + url + ": " + r.status + ", " + b.size + " bytes");
      return b;
    },
    // tee: the body split in two: one branch counted for progress, the
    // other made a Blob by the browser (new Response(branch).blob()).
    async tee() {
      const r = await fetch(url, FETCH_INIT);
      const [a, b] = r.body.tee();
      const count = (async () => {
        const reader = b.getReader();
        let n = 0, pct = -1;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return n;
          n += value.byteLength;
          pct = Math.max(pct, Math.floor(100 * n / size));
        }
      })();
      const [blob, n] = await Promise.all([new Response(a).blob(), count]);
      reqCheck(r.status === 200 && blob.size === size && n === size, "fetch (tee) " + url + ": " + r.status + ", " + blob.size + " bytes");
      return blob;
    },
    // xhr: XMLHttpRequest with responseType "blob", progress events
    // counted: the browser builds the Blob and reports the progress.
    async xhr() {
      const x = new XMLHttpRequest();
      let pct = -1;
      await new Promise((ok, bad) => {
        x.open("GET", url);
        x.responseType = "blob";
        x.onprogress = (e) => { pct = Math.max(pct, Math.floor(100 * e.loaded / size)); };
        x.onload = ok;
        x.onerror = bad;
        x.send();
      });
      reqCheck(x.status === 200 && x.response.size === size, "xhr " + url + ": " + x.status + ", " + x.response.size + " bytes");
      return x.response;
    },
    async wx() {
      const res = await wxTransfer(wx.downloadFile, { url });
      const b = wxshim.files.get(res.tempFilePath);
      const n = b ? b.size : -1;
      wxshim.files.remove(res.tempFilePath);
      reqCheck(res.statusCode === 200 && n === size, "wx.downloadFile " + url + ": " + res.statusCode + ", " + n + " bytes");
    },
  };
}

// An upload sends one Blob of size bytes, made once: through wx.uploadFile
// from the file table, or as a FormData's file through fetch. The sink
// answers what it received; the file's size is checked.
function upKind(size) {
  const url = REQ_BASE + "/upload";
  let blob = null, path = "";
  const file = () => {
    if (blob === null) {
      blob = new Blob([new Uint8Array(size).fill(97)], { type: "application/octet-stream" });
      path = wxshim.files.add(blob, "up.bin");
    }
  };
  const sizeOf = (text) => { try { const f = JSON.parse(text).files; return f.length === 1 ? f[0].size : -1; } catch (e) { return -1; } };
  return {
    async fetch() {
      file();
      const fd = new FormData();
      fd.append("file", blob, "up.bin");
      const r = await fetch(url, Object.assign({ method: "POST", body: fd }, FETCH_INIT));
      const n = sizeOf(await r.text());
      reqCheck(r.status === 200 && n === size, "fetch POST " + url + ": " + r.status + ", the sink got " + n + " bytes");
    },
    async wx() {
      file();
      const res = await wxTransfer(wx.uploadFile, { url, filePath: path, name: "file" });
      const n = sizeOf(res.data);
      reqCheck(res.statusCode === 200 && n === size, "wx.uploadFile " + url + ": " + res.statusCode + ", the sink got " + n + " bytes");
    },
  };
}

// wxTransfer is one wx.downloadFile or wx.uploadFile as a promise of its
// success's res.
function wxTransfer(api, opts) {
  return new Promise((ok, bad) => {
    api(Object.assign({}, opts, { success: ok, fail: (e) => bad(new Error(opts.url + ": " + (e && e.errMsg))) }));
  });
}

// The workloads: n transfers one after the other per run (ms per
// transfer), each with its variants (the relay's where the page has its
// settings).
const fileKinds = { down1m: downKind(MiB), down64m: downKind(64 * MiB), up1m: upKind(MiB), up64m: upKind(64 * MiB) };
const fileWorkloads = {
  file_down_1m: { kind: "down1m", n: 20, variants: ["fetch", "fetch_b", "wx", "parts", "tee", "xhr", "relay", "relaytls"] },
  file_down_64m: { kind: "down64m", n: 2, variants: ["fetch", "fetch_b", "wx", "parts", "tee", "xhr"] },
  file_up_1m: { kind: "up1m", n: 20, variants: ["fetch", "fetch_b", "wx", "relay", "relaytls"] },
  file_up_64m: { kind: "up64m", n: 2, variants: ["fetch", "fetch_b", "wx"] },
};

// fileRun makes one run of workload w in variant v (the shim's at
// libVersion 3.0.0, through the relay for the relay variants).
async function fileRun(w, v, scale) {
  const k = fileKinds[fileWorkloads[w].kind], n = Math.max(1, Math.round(fileWorkloads[w].n * scale));
  const was = wxshim.libVersion;
  wxshim.libVersion = "3.0.0";
  if (v === "relay") wxshim.relay = globalThis.benchRelay;
  if (v === "relaytls") wxshim.relay = globalThis.benchRelayTLS;
  try {
    const t0 = performance.now();
    const one = v.startsWith("fetch") ? k.fetch : (k[v] || k.wx);
    for (let i = 0; i < n; i++) await one();
    return (performance.now() - t0) / n;
  } finally {
    wxshim.relay = undefined;
    wxshim.libVersion = was;
  }
}

// runFiles: a warm-up of one transfer in each variant, then reps, each
// variant once per rep, the order rotated each rep. null: the shim has no
// wx.downloadFile.
async function runFiles(reps, only, scale) {
  await wxshim.ready;
  if (typeof wx.downloadFile !== "function") return null;
  const out = {};
  scale = scale || 1;
  for (const w of Object.keys(fileWorkloads)) {
    if (only && !only.includes(w)) continue;
    const order = fileWorkloads[w].variants.filter((v) =>
      (v !== "relay" || globalThis.benchRelay) && (v !== "relaytls" || globalThis.benchRelayTLS));
    out[w] = { times: {}, crossings: {} };
    for (const v of order) {
      out[w].times[v] = [];
      await fileRun(w, v, 0); // warm-up: one transfer
    }
    for (let r = 0; r < reps; r++) {
      const turn = order.slice(r % order.length).concat(order.slice(0, r % order.length));
      for (const v of turn) out[w].times[v].push(await fileRun(w, v, scale));
    }
  }
  return { rows: out };
}

// fileMemory downloads size bytes once in each variant (fetch into a Blob,
// wx.downloadFile, wx.downloadFile through the relay) while the server
// samples the browser's memory (memprobe.go): the baseline after a GC,
// the peak, the memory with the Blob held (its size checked), and after
// it is let go and collected.
async function fileMemory(size) {
  await wxshim.ready;
  if (typeof wx.downloadFile !== "function") return null;
  const url = REQ_BASE + "/file?size=" + size, out = {};
  const mark = async (op, label) => {
    const r = await fetch("/mem?op=" + op + "&label=" + label, { method: "POST" });
    reqCheck(r.status === 204, "/mem " + op + ": " + r.status);
  };
  const k = downKind(size), byHand = { parts: 1, tee: 1, xhr: 1 };
  const variants = ["fetch", "wx"].concat(globalThis.benchRelay ? ["relay"] : [], ["parts", "tee", "xhr"]);
  for (const v of variants) {
    await collect(true);
    await mark("start", "mem_" + v);
    let blob, path = "";
    const was = wxshim.libVersion;
    wxshim.libVersion = "3.0.0";
    if (v === "relay") wxshim.relay = globalThis.benchRelay;
    const t0 = performance.now();
    try {
      if (v === "fetch") {
        blob = await (await fetch(url, FETCH_INIT)).blob();
      } else if (byHand[v]) {
        blob = await k[v](); // checked there
      } else {
        path = (await wxTransfer(wx.downloadFile, { url })).tempFilePath;
        blob = wxshim.files.get(path);
      }
    } finally {
      wxshim.relay = undefined;
      wxshim.libVersion = was;
    }
    const ms = performance.now() - t0;
    reqCheck(blob && blob.size === size, v + ": a Blob of " + (blob ? blob.size : "none") + " bytes, not " + size);
    await new Promise((r) => setTimeout(r, 200));
    await mark("held", "mem_" + v);
    if (path !== "") wxshim.files.remove(path);
    blob = undefined;
    await collect(true);
    await new Promise((r) => setTimeout(r, 300));
    await mark("stop", "mem_" + v);
    out[v] = { ms };
  }
  return out;
}
