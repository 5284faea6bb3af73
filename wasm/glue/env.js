  // ---- The environment calls network code makes (NETWORK.md section 7):
  // wx.canIUse, wx.getNetworkType, wx.on/offNetworkStatusChange. The glue
  // answers them alone: none needs a rule Go holds beyond the version gates,
  // and a crossing into Go for a table lookup would cost more than it. ----

  // CAN_I_USE is what wx.canIUse answers true for: the one place an API
  // the shim installs is declared, and a later one is added. A node is
  // [gate, children]: gate names a version in CONTRACT.gates (those Go also
  // holds are checked against internal/rules at start), children maps the
  // next schema segment to its node. A schema is true when every segment
  // names a node and the emulated version reaches every gate on its path.
  // Only what the shim does is listed: connectSocket's tcpNoDelay,
  // perMessageDeflate and forceCellularNetwork are accepted without effect,
  // so false, as are request's enableHttp2, enableQuic, enableHttpDNS and
  // forceCellularNetwork; downloadFile and uploadFile are not installed yet.
  const CAN_I_USE = (() => {
    const leaf = (gate) => [gate, null];
    const keys = (gate, names) => {
      const m = {};
      for (const n of names) m[n] = leaf(gate);
      return [gate, m];
    };
    const cbs = { success: leaf("base"), fail: leaf("base"), complete: leaf("base") };
    const listener = (extra) => ["base", { callback: ["base", extra || {}] }];
    const openCallback = { header: leaf("openHeader"), profile: leaf("openProfile") };
    const socketTask = ["multiSocket", {
      send: ["multiSocket", { object: keys("multiSocket", ["data", "success", "fail", "complete"]) }],
      close: ["multiSocket", { object: keys("multiSocket", ["code", "reason", "success", "fail", "complete"]) }],
      onOpen: listener(openCallback),
      onClose: listener({ code: leaf("multiSocket"), reason: leaf("multiSocket") }),
      onError: listener({ errMsg: leaf("multiSocket") }),
      onMessage: listener({ data: leaf("multiSocket") }),
    }];
    const requestTask = ["requestAbort", {
      abort: leaf("requestAbort"),
      onHeadersReceived: ["headersReceived", { callback: ["headersReceived", {
        header: leaf("headersReceived"), cookies: leaf("cookies"), statusCode: leaf("headersReceived"),
      }] }],
      offHeadersReceived: leaf("headersReceived"),
      onChunkReceived: ["chunkReceived", { callback: keys("chunkReceived", ["data"]) }],
      offChunkReceived: leaf("chunkReceived"),
      onProgressUpdate: leaf("sharedTask"),
      offProgressUpdate: leaf("sharedTask"),
    }];
    return {
      // wx.* APIs, by name.
      method: {
        request: ["base", {
          object: ["base", Object.assign({
            url: leaf("base"), data: leaf("base"), header: leaf("base"), method: leaf("base"),
            dataType: leaf("base"), responseType: leaf("responseType"), timeout: leaf("timeout"),
            enableChunked: leaf("enableChunked"), enableCache: leaf("requestProfile"),
            enableProfile: leaf("requestProfile"), redirect: leaf("redirectOption"),
          }, cbs)],
          success: ["base", {
            data: leaf("base"), statusCode: leaf("base"), header: leaf("base"), cookies: leaf("cookies"),
            profile: leaf("requestProfile"), errMsg: leaf("base"),
          }],
          return: requestTask,
        }],
        connectSocket: ["base", {
          object: ["base", Object.assign({
            url: leaf("base"), header: leaf("base"), method: leaf("base"), data: leaf("base"),
            protocols: leaf("protocols"), timeout: leaf("timeout"),
          }, cbs)],
          success: keys("base", ["errMsg"]),
          return: socketTask,
        }],
        closeSocket: ["base", { object: ["base", Object.assign({ code: leaf("base"), reason: leaf("base") }, cbs)] }],
        sendSocketMessage: ["base", { object: ["base", Object.assign({ data: leaf("base") }, cbs)] }],
        onSocketOpen: listener(openCallback),
        onSocketClose: listener({ code: leaf("base"), reason: leaf("base") }),
        onSocketError: listener({ errMsg: leaf("base") }),
        onSocketMessage: listener({ data: leaf("base") }),
        canIUse: leaf("canIUse"),
        getNetworkType: ["base", {
          object: ["base", cbs],
          success: keys("base", ["networkType", "errMsg"]),
        }],
        onNetworkStatusChange: ["networkStatus", {
          callback: keys("networkStatus", ["isConnected", "networkType"]),
        }],
        offNetworkStatusChange: leaf("offNetworkStatus"),
      },
      // Classes, by name: SocketTask.send, ...
      class: { SocketTask: socketTask, RequestTask: requestTask },
    };
  })();

  function canIUse(schema) {
    if (typeof schema !== "string" || schema === "") return false;
    const path = schema.split(".");
    let nodes = own(CAN_I_USE.method, path[0]) ? CAN_I_USE.method : CAN_I_USE.class;
    for (const seg of path) {
      if (nodes === null || !own(nodes, seg)) return false;
      const [gate, children] = nodes[seg];
      if (!atLeast(version, CONTRACT.gates[gate])) return false;
      nodes = children;
    }
    return true;
  }
  wx.canIUse = function (schema) { return canIUse(schema); };

  // networkStatus is the browser's online state, and its connection type
  // where it says one. navigator.connection is Chromium's alone (Firefox
  // and WebKit have none); its type ("wifi", "ethernet", "cellular", ...)
  // is set on ChromeOS and Android, undefined on a Linux desktop, where only
  // effectiveType is ("4g" for any fast link): a speed, not a network, so it
  // is not read. Offline is "none"; online with no type named, "unknown"
  // (what all three engines give here); ethernet is "wifi", as the
  // devtools say on a desktop; cellular is "unknown" (no generation known).
  const NET_TYPES = { wifi: "wifi", ethernet: "wifi", cellular: "unknown", wimax: "unknown", none: "none" };
  function networkStatus() {
    let online = true, type;
    try { online = g.navigator.onLine !== false; } catch (e) { /* no navigator: say online */ }
    try { type = g.navigator.connection && g.navigator.connection.type; } catch (e) { type = undefined; }
    if (!online) return { isConnected: false, networkType: "none" };
    const t = typeof type === "string" && own(NET_TYPES, type) ? NET_TYPES[type] : "unknown";
    return { isConnected: t !== "none", networkType: t };
  }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // wx.getNetworkType answers at once (the phone's native call is quick,
  // and nothing a browser tells changes in between): success then complete,
  // or, from 2.10.2 with no callback, a Promise (the runtime's promised
  // decorator, as for closeSocket).
  wx.getNetworkType = function getNetworkType(o) {
    const cb = callbacksOf(o);
    const res = { networkType: networkStatus().networkType, errMsg: "getNetworkType:ok" };
    return finish("wx.getNetworkType", cb.s, cb.f, cb.c, true, res, promises());
  };

  // The network status listeners: a set (the same function twice is called
  // once), called on the window's online and offline events in the order
  // added; off(fn) removes fn, off() or off(non-function) removes all.
  const netListeners = [];
  wx.onNetworkStatusChange = function onNetworkStatusChange(cb) {
    if (typeof cb !== "function") return;
    if (!netListeners.includes(cb)) netListeners.push(cb);
  };
  wx.offNetworkStatusChange = function offNetworkStatusChange(cb) {
    if (typeof cb !== "function") { netListeners.length = 0; return; }
    const i = netListeners.indexOf(cb);
    if (i >= 0) netListeners.splice(i, 1);
  };
  // The event says which way it went, not navigator.onLine: a synthetic
  // event (a page's, a test's) leaves it as it was in all three engines.
  function netChanged(online) {
    const s = networkStatus();
    const res = online ? { isConnected: s.networkType !== "none", networkType: s.networkType === "none" ? "unknown" : s.networkType }
      : { isConnected: false, networkType: "none" };
    for (const fn of netListeners.slice()) call1(fn, { isConnected: res.isConnected, networkType: res.networkType }, "wx.onNetworkStatusChange listener");
  }
  try {
    if (typeof g.addEventListener === "function") {
      g.addEventListener("online", () => netChanged(true));
      g.addEventListener("offline", () => netChanged(false));
    }
  } catch (e) { /* a worker without events: no status changes */ }
