// harness-socket.js: socket panels, any number of them. Each owns one
// SocketTask (the last one its Connect made) and logs that task's events
// and its own calls' callbacks in its own list; the wx.onSocket* global
// listeners log in the page's log, since they belong to no one panel.
"use strict";
(function (H) {
  const q = (root, cls) => root.querySelector("." + cls);
  const states = ["CONNECTING", "OPEN", "CLOSING", "CLOSED"];
  let count = 0;
  const panels = new Set();

  H.echoURL = location.origin.replace(/^http/, "ws") + "/echo";

  function splitList(s) { return s.split(/[\s,]+/).filter(Boolean); }

  // bytes reads the binary input, as hex ("01 02 ff") or base64.
  function bytes(format, s) {
    s = s.trim();
    if (format === "base64") return Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;
    const hex = s.replace(/[^0-9a-f]/gi, "");
    const out = new Uint8Array(hex.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out.buffer;
  }

  // H.addSocket adds a panel, numbered from 1 (id "socket-N"), and returns it.
  H.addSocket = function () {
    const n = ++count;
    const root = document.getElementById("socket-template").content.firstElementChild.cloneNode(true);
    root.id = "socket-" + n;
    root.setAttribute("aria-label", "Socket " + n);
    q(root, "name").textContent = "Socket " + n;
    q(root, "url").value = H.echoURL;
    const log = H.logger(q(root, "log"), "socket " + n);
    let task = null;

    const panel = { root, url: () => q(root, "url").value };
    panels.add(panel);
    const setState = () => {
      q(root, "state").textContent = task ? states[task.readyState] || "?" : "none";
    };
    panel.tick = setState;

    q(root, "connect").onclick = () => {
      const o = { url: q(root, "url").value };
      try {
        const header = H.json(log, "header", q(root, "header").value);
        if (header !== undefined) o.header = header;
      } catch (e) { return; }
      const protocols = splitList(q(root, "protocols").value);
      if (protocols.length > 0) o.protocols = protocols;
      const t = wx.connectSocket(Object.assign(o, H.cbs(log, "connectSocket")));
      task = t || null;
      if (t) {
        t.onOpen((r) => log("task.onOpen", r));
        t.onMessage((r) => log("task.onMessage", r));
        t.onError((r) => log("task.onError", r));
        t.onClose((r) => log("task.onClose", r));
      }
      setState();
    };
    // With no task (the call failed, or gave none), the global functions
    // act on the socket of the moment, as the seed's code does.
    const send = (data) => {
      const o = Object.assign({ data }, H.cbs(log, "send"));
      task ? task.send(o) : wx.sendSocketMessage(o);
    };
    q(root, "sendText").onclick = () => send(q(root, "text").value);
    q(root, "sendBin").onclick = () => {
      let data;
      try { data = bytes(q(root, "binFormat").value, q(root, "bin").value); } catch (e) { log("binary input", String(e)); return; }
      send(data);
    };
    q(root, "close").onclick = () => {
      const o = Object.assign({ code: Number(q(root, "code").value), reason: q(root, "reason").value }, H.cbs(log, "close"));
      task ? task.close(o) : wx.closeSocket(o);
    };
    q(root, "remove").onclick = () => {
      if (task && task.readyState < 2) task.close({ code: 1000, reason: "panel removed" });
      panels.delete(panel);
      root.remove();
    };

    document.getElementById("sockets").appendChild(root);
    return panel;
  };

  // H.firstSocket is the top panel, whose url the scenarios use.
  H.firstSocket = () => panels.values().next().value;

  setInterval(() => { for (const p of panels) p.tick(); }, 200);
})(window.harness);
