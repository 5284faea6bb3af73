// harness.js: drives wx from the page: settings, the global socket
// listeners, the scenario box and the page's log; the panels are in
// harness-socket.js, harness-request.js and harness-files.js. Everything
// received is shown with textContent, never as HTML (harness-log.js).
"use strict";
(function (H) {
  const $ = (id) => document.getElementById(id);
  const log = H.logger($("log"), "page");

  // Global listeners: one slot each, kept across connections.
  wx.onSocketOpen((r) => log("wx.onSocketOpen", r));
  wx.onSocketMessage((r) => log("wx.onSocketMessage", r));
  wx.onSocketError((r) => log("wx.onSocketError", r));
  wx.onSocketClose((r) => log("wx.onSocketClose", r));

  function splitList(s) { return s.split(/[\s,]+/).filter(Boolean); }
  // The relay of this server (make serve): its URL and secret come from
  // /relay-config, which only this server's own pages can read. It
  // carries requests as well as sockets.
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
      requestDomains: splitList($("requestDomains").value),
      downloadFileDomains: splitList($("downloadFileDomains").value),
      uploadFileDomains: splitList($("uploadFileDomains").value),
      rewrites,
    });
    wxshim.relay = relay;
    log("settings", Object.assign({}, s, { relay: relay ? { url: relay.url, secret: "…" } : undefined }));
  }
  $("apply").onclick = apply;
  // The echo server is on 127.0.0.1, which never passes a phone's domain
  // check: the harness starts with urlCheck off, as devtools' checkbox does.
  $("urlCheck").checked = false;

  H.addSocket();
  $("addSocket").onclick = () => H.addSocket().root.scrollIntoView({ block: "nearest" });

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
  // Not the seed's: what most apps do first (log in with wx.request, keep
  // a token, then connect with it). Needs libVersion 1.7.0 or later.
  examples["Log in with wx.request, then connect"] = `wx.request({
  url: ORIGIN + '/http/echo',
  method: 'POST',
  data: { code: 'login-code' },
  success: function (res) {
    console.log('login', res.statusCode, res.data.method)
    var token = 'token-' + res.data.length
    var task = wx.connectSocket({ url: URL, header: { Authorization: 'Bearer ' + token } })
    task.onOpen(function () {
      task.send({ data: 'hello with ' + token, fail: function (r) { console.log('send failed: ' + r.errMsg) } })
    })
    task.onError(function (r) { console.log('socket error: ' + r.errMsg) })
    task.onMessage(function (msg) {
      console.log('收到服务器内容：' + msg.data)
      task.close({})
    })
  },
  fail: function (res) { console.log('login failed: ' + res.errMsg) }
})`;
  // A file goes down and back up: a download's tempFilePath is what
  // uploadFile takes, as on a phone (an avatar, a photo).
  examples["Download an image, then upload it"] = `wx.downloadFile({
  url: ORIGIN + '/http/file?size=20000&type=image/png',
  success: function (res) {
    console.log('downloaded', res.statusCode, res.tempFilePath)
    wx.uploadFile({
      url: ORIGIN + '/http/upload',
      filePath: res.tempFilePath,
      name: 'avatar',
      formData: { user: 'harness' },
      success: function (up) {
        var got = JSON.parse(up.data).files[0]
        console.log('uploaded', up.statusCode, got.filename, got.size, got.contentType)
      },
      fail: function (r) { console.log('upload failed: ' + r.errMsg) }
    })
  },
  fail: function (r) { console.log('download failed: ' + r.errMsg) }
})`;
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
      const first = H.firstSocket();
      new Function("wx", "console", "URL", "ORIGIN", $("code-box").value)(wx, scenarioConsole, first ? first.url() : H.echoURL, location.origin);
    } catch (e) {
      log("scenario threw", String(e));
    }
  };

  $("copy").onclick = async () => {
    const text = JSON.stringify(H.entries, null, 1);
    try { await navigator.clipboard.writeText(text); log("copied", H.entries.length + " entries"); }
    catch (e) { $("code-box").value = text; log("copy", "clipboard refused: the JSON is in the scenario box"); }
  };
  // Clear empties every log, the panels' too.
  $("clear").onclick = () => {
    H.entries.length = 0;
    for (const ol of document.querySelectorAll("ol.log")) ol.textContent = "";
  };

  wxshim.ready.then(() => {
    apply();
    $("status").textContent = "ready in " + Math.round(wxshim.readyAt) + " ms";
    log("ready", { ms: Math.round(wxshim.readyAt) });
  }, (e) => { $("status").textContent = "failed: " + e; });
})(window.harness);
