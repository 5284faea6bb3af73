// harness.js: drives wx from the page. Everything received is shown with
// textContent, never as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const t0 = 0; // log times count from navigation start, as readyAt does
  const entries = [];
  let task = null;

  const echoURL = location.origin.replace(/^http/, "ws") + "/echo";
  $("url").value = echoURL;

  function show(v) {
    if (v instanceof ArrayBuffer) {
      const b = new Uint8Array(v);
      const hex = Array.from(b.subarray(0, 64), (x) => x.toString(16).padStart(2, "0")).join(" ");
      return "ArrayBuffer(" + b.length + ") " + hex + (b.length > 64 ? " …" : "");
    }
    if (typeof v === "string") return v.length > 2000 ? JSON.stringify(v.slice(0, 2000)) + " …(" + v.length + ")" : JSON.stringify(v);
    if (v && typeof v === "object") {
      const parts = [];
      for (const k of Object.keys(v)) parts.push(k + ": " + show(v[k]));
      return "{" + parts.join(", ") + "}";
    }
    return String(v);
  }

  function log(kind, payload) {
    const ms = performance.now() - t0;
    const text = payload === undefined ? "" : show(payload);
    entries.push({ t: Math.round(ms * 10) / 10, kind, payload: text });
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
    $("log").appendChild(li);
    li.scrollIntoView({ block: "nearest" });
  }
  window.harnessLog = entries;

  function cbs(api) {
    return {
      success: (r) => log(api + " success", r),
      fail: (r) => log(api + " fail", r),
      complete: (r) => log(api + " complete", r),
    };
  }

  function setState() {
    const names = ["CONNECTING", "OPEN", "CLOSING", "CLOSED"];
    $("state").textContent = task ? names[task.readyState] || "?" : "none";
  }
  setInterval(setState, 200);

  // Global listeners: one slot each, kept across connections.
  wx.onSocketOpen((r) => log("wx.onSocketOpen", r));
  wx.onSocketMessage((r) => log("wx.onSocketMessage", r));
  wx.onSocketError((r) => log("wx.onSocketError", r));
  wx.onSocketClose((r) => log("wx.onSocketClose", r));

  function splitList(s) { return s.split(/[\s,]+/).filter(Boolean); }
  // The relay of this server (make serve): its URL and secret come from
  // /relay-config, which only this server's own pages can read.
  async function relaySetting() {
    if (!$("relay").checked) return undefined;
    const res = await fetch("relay-config");
    if (!res.ok) throw new Error("relay-config: HTTP " + res.status);
    return res.json();
  }
  async function apply() {
    const rewrites = {};
    for (const pair of splitList($("rewrites").value)) {
      const i = pair.indexOf("=");
      if (i > 0) rewrites[pair.slice(0, i)] = pair.slice(i + 1);
    }
    let relay;
    try { relay = await relaySetting(); } catch (e) { log("relay", { error: String(e.message) }); }
    const s = wxshim.configure({
      libVersion: $("libVersion").value.trim(),
      urlCheck: $("urlCheck").checked,
      socketDomains: splitList($("domains").value),
      rewrites,
    });
    wxshim.relay = relay;
    log("settings", Object.assign({}, s, { relay: relay ? { url: relay.url, secret: "…" } : undefined }));
  }
  $("apply").onclick = apply;
  // The echo server is on 127.0.0.1, which never passes a phone's domain
  // check: the harness starts with urlCheck off, as devtools' checkbox does.
  $("urlCheck").checked = false;

  $("connect").onclick = () => {
    const o = { url: $("url").value };
    if ($("header").value.trim() !== "") {
      try { o.header = JSON.parse($("header").value); } catch (e) { log("header", { error: "not JSON: " + e.message }); return; }
    }
    task = wx.connectSocket(Object.assign(o, cbs("connectSocket")));
    if (!task) return;
    const t = task;
    t.onOpen((r) => log("task.onOpen", r));
    t.onMessage((r) => log("task.onMessage", r));
    t.onError((r) => log("task.onError", r));
    t.onClose((r) => log("task.onClose", r));
    setState();
  };
  $("sendText").onclick = () => {
    const o = Object.assign({ data: $("text").value }, cbs("send"));
    task ? task.send(o) : wx.sendSocketMessage(o);
  };
  function bytes() {
    const s = $("bin").value.trim();
    if ($("binFormat").value === "base64") {
      const raw = atob(s);
      return Uint8Array.from(raw, (c) => c.charCodeAt(0)).buffer;
    }
    const hex = s.replace(/[^0-9a-f]/gi, "");
    const out = new Uint8Array(hex.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out.buffer;
  }
  $("sendBin").onclick = () => {
    let data;
    try { data = bytes(); } catch (e) { log("binary input", String(e)); return; }
    const o = Object.assign({ data }, cbs("send"));
    task ? task.send(o) : wx.sendSocketMessage(o);
  };
  $("close").onclick = () => {
    const o = Object.assign({ code: Number($("code").value), reason: $("reason").value }, cbs("close"));
    task ? task.close(o) : wx.closeSocket(o);
  };

  // The seed document's two examples, unmodified but for the url ('test.php'
  // in the document) and the calls that feed them.
  const examples = {
    "Seed: queue messages until onSocketOpen": `var socketOpen = false
var socketMsgQueue = []
wx.connectSocket({
  url: URL
})

wx.onSocketOpen(function(res) {
  socketOpen = true
  for (var i = 0; i < socketMsgQueue.length; i++){
     sendSocketMessage(socketMsgQueue[i])
  }
  socketMsgQueue = []
})

function sendSocketMessage(msg) {
  if (socketOpen) {
    wx.sendSocketMessage({
      data:msg
    })
  } else {
     socketMsgQueue.push(msg)
  }
}

wx.onSocketMessage(function(res) {
  console.log('收到服务器内容：' + res.data)
})
sendSocketMessage("queued 1")
sendSocketMessage("queued 2")`,
    "Seed: closeSocket inside onSocketOpen": `wx.connectSocket({
  url: URL
})

//注意这里有时序问题，
//如果 wx.connectSocket 还没回调 wx.onSocketOpen，而先调用 wx.closeSocket，那么就做不到关闭 WebSocket 的目的。
//必须在 WebSocket 打开期间调用 wx.closeSocket 才能关闭。
wx.onSocketOpen(function() {
  wx.closeSocket()
})

wx.onSocketClose(function(res) {
  console.log('WebSocket 已关闭！')
})`,
  };
  for (const name of Object.keys(examples)) {
    const o = document.createElement("option");
    o.textContent = name;
    $("examples").appendChild(o);
  }
  const pick = () => { $("code-box").value = examples[$("examples").value]; };
  $("examples").onchange = pick;
  pick();

  const scenarioConsole = {
    log: (...a) => log("console.log", a.map(String).join(" ")),
    warn: (...a) => log("console.warn", a.map(String).join(" ")),
    error: (...a) => log("console.error", a.map(String).join(" ")),
  };
  $("run").onclick = () => {
    log("scenario", $("examples").value);
    try {
      new Function("wx", "console", "URL", $("code-box").value)(wx, scenarioConsole, $("url").value);
    } catch (e) {
      log("scenario threw", String(e));
    }
  };

  $("copy").onclick = async () => {
    const text = JSON.stringify(entries, null, 1);
    try { await navigator.clipboard.writeText(text); log("copied", entries.length + " entries"); }
    catch (e) { $("code-box").value = text; log("copy", "clipboard refused: the JSON is in the scenario box"); }
  };
  $("clear").onclick = () => { entries.length = 0; $("log").textContent = ""; };

  wxshim.ready.then(() => {
    apply();
    $("status").textContent = "ready in " + Math.round(wxshim.readyAt) + " ms";
    log("ready", { ms: Math.round(wxshim.readyAt) });
  }, (e) => { $("status").textContent = "failed: " + e; });
})();
