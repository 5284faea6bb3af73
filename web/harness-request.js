// harness-request.js: the request panel. Each Send is one wx.request,
// numbered; its RequestTask's events and callbacks go to the panel's log
// ("#N ..."), the last settled one fills the result. Abort aborts the
// last task sent. Bodies received are shown as text (an ArrayBuffer as
// hex), never as HTML.
"use strict";
(function (H) {
  const root = document.getElementById("request");
  const q = (cls) => root.querySelector("." + cls);
  const log = H.logger(q("log"), "request");
  const chunkLines = 100; // chunks logged one by one per request; the rest are counted
  let count = 0;
  let task = null;

  q("url").value = location.origin + "/http/echo";
  // This server's endpoints (internal/wstest/requests.go), to pick from.
  for (const path of ["/http/echo", "/http/status?code=404&body=missing", "/http/redirect?n=2",
    "/http/cookies", "/http/chunked?n=5&size=1000&ms=200", "/http/big?size=1048576",
    "/http/nocors", "/hang?ms=10000"]) {
    const o = document.createElement("option");
    o.value = location.origin + path;
    q("url").list.appendChild(o);
  }

  // options reads the form into wx.request's options; a field that is
  // not what it says (header or JSON body not JSON) is logged and throws.
  function options() {
    const o = { url: q("url").value, method: q("method").value };
    const header = H.json(log, "header", q("header").value);
    if (header !== undefined) o.header = header;
    const kind = q("bodyKind").value;
    if (kind === "text") o.data = q("body").value;
    if (kind === "json") {
      try { o.data = JSON.parse(q("body").value); } catch (e) { log("body", { error: "not JSON: " + e.message }); throw e; }
    }
    o.dataType = q("dataType").value;
    o.responseType = q("responseType").value;
    if (q("enableChunked").checked) o.enableChunked = true;
    if (q("timeout").value.trim() !== "") o.timeout = Number(q("timeout").value);
    return o;
  }

  // shown is the result's data as a person reads it: text as it came, an
  // object (dataType json) as JSON, an ArrayBuffer as hex.
  function shown(v) {
    if (v instanceof ArrayBuffer) return H.hex(v, 256);
    const s = typeof v === "string" ? v : JSON.stringify(v, null, 1);
    return s === undefined ? String(v) : s.length > 4000 ? s.slice(0, 4000) + " …(" + s.length + ")" : s;
  }
  function result(r) {
    const ok = r.statusCode !== undefined;
    q("statusCode").textContent = ok ? String(r.statusCode) : "";
    q("resHeader").textContent = ok ? H.show(r.header) : "";
    q("cookies").textContent = ok ? H.show(r.cookies) : "";
    q("data").textContent = ok ? shown(r.data) : "";
    q("errMsg").textContent = r.errMsg + (r.errno !== undefined ? " (errno " + r.errno + ")" : "");
  }

  q("send").onclick = () => {
    let o;
    try { o = options(); } catch (e) { return; }
    if (typeof wx.request !== "function") {
      log("wx.request", { error: "not in this build of the shim" });
      return;
    }
    const n = ++count;
    const tag = "#" + n + " ";
    const state = (s) => { q("state").textContent = tag + s; };
    let chunks = 0, bytes = 0;
    o.success = (r) => { log(tag + "success", r); result(r); state("ok"); };
    o.fail = (r) => { log(tag + "fail", r); result(r); state("fail"); };
    o.complete = (r) => {
      if (chunks > 0) log(tag + "chunks", { count: chunks, bytes });
      log(tag + "complete", { errMsg: r.errMsg });
    };
    log(tag + "wx.request", { method: o.method, url: o.url });
    let t;
    try { t = wx.request(o); } catch (e) { log(tag + "wx.request threw", String(e)); return; }
    if (!t) { log(tag + "wx.request", "returned undefined"); return; }
    task = t;
    state("sent");
    const on = (name, f) => {
      if (typeof t[name] === "function") t[name](f);
      else log(tag + "task." + name, "absent at libVersion " + wxshim.libVersion);
    };
    on("onHeadersReceived", (r) => { state("headers"); log(tag + "onHeadersReceived", r); });
    if (o.enableChunked) {
      on("onChunkReceived", (r) => {
        chunks++;
        const size = r.data instanceof ArrayBuffer ? r.data.byteLength : -1;
        bytes += Math.max(size, 0);
        if (chunks <= chunkLines) log(tag + "onChunkReceived", { bytes: size });
        else if (chunks === chunkLines + 1) log(tag + "onChunkReceived", "more: counted, not logged");
      });
    }
  };
  q("abort").onclick = () => {
    if (!task) { log("abort", "no task sent yet"); return; }
    log("abort", q("state").textContent);
    task.abort();
  };
})(window.harness);
