// harness-log.js: the harness's logs. Every panel has one; all of them
// feed one list (window.harnessLog, "Copy as JSON"), each entry naming
// its panel. Everything shown is set with textContent, never as HTML:
// what a server sends is data, even when it looks like markup.
"use strict";
window.harness = {};
(function (H) {
  const entries = [];
  window.harnessLog = entries;
  H.entries = entries;

  // hex is the first max bytes of an ArrayBuffer, as "01 02 ff".
  function hex(buf, max) {
    const b = new Uint8Array(buf);
    const s = Array.from(b.subarray(0, max), (x) => x.toString(16).padStart(2, "0")).join(" ");
    return "ArrayBuffer(" + b.length + ") " + s + (b.length > max ? " …" : "");
  }
  H.hex = hex;

  // show is a short, one-line picture of a callback's argument.
  function show(v) {
    if (v instanceof ArrayBuffer) return hex(v, 64);
    if (typeof v === "string") return v.length > 2000 ? JSON.stringify(v.slice(0, 2000)) + " …(" + v.length + ")" : JSON.stringify(v);
    if (v && typeof v === "object") {
      const parts = [];
      for (const k of Object.keys(v)) parts.push(k + ": " + show(v[k]));
      return (Array.isArray(v) ? "[" : "{") + parts.join(", ") + (Array.isArray(v) ? "]" : "}");
    }
    return String(v);
  }
  H.show = show;

  // H.logger(ol, src) gives log(kind, payload), writing into the list ol.
  H.logger = function (ol, src) {
    return function log(kind, payload) {
      const ms = performance.now(); // from navigation start, as readyAt
      const text = payload === undefined ? "" : show(payload);
      entries.push({ t: Math.round(ms * 10) / 10, src, kind, payload: text });
      const li = document.createElement("li");
      const t = document.createElement("span");
      t.className = "t";
      t.textContent = (ms / 1000).toFixed(3) + "s";
      const k = document.createElement("span");
      k.className = "k";
      k.textContent = kind;
      const p = document.createElement("span");
      p.textContent = text;
      if (/fail|error/i.test(kind + text)) li.className = "fail";
      else if (/open|:ok/.test(kind + text)) li.className = "ok";
      li.append(t, k, p);
      ol.appendChild(li);
      ol.scrollTop = ol.scrollHeight;
    };
  };

  // H.cbs(log, api) are success/fail/complete callbacks that log.
  H.cbs = function (log, api) {
    return {
      success: (r) => log(api + " success", r),
      fail: (r) => log(api + " fail", r),
      complete: (r) => log(api + " complete", r),
    };
  };

  // H.json reads an input as JSON ("" is undefined); a mistake is logged
  // and thrown, so that nothing is sent.
  H.json = function (log, what, s) {
    if (s.trim() === "") return undefined;
    try { return JSON.parse(s); } catch (e) {
      log(what, { error: "not JSON: " + e.message });
      throw e;
    }
  };
})(window.harness);
