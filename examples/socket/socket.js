/* socket.js: a reconnecting socket client for mini-programs, the kind of
 * module an app keeps in utils/. It is plain mini-program code (CommonJS,
 * wx.connectSocket and SocketTask, base library 1.7.0 or later), tested
 * headless with wxrun: see the *.test.js files beside it, and
 * ../chat/chat_test.go for a Go backend tested against it.
 *
 *   const socket = require("./socket.js");
 *   const client = socket.connect({
 *     url: "wss://api.example.com/ws",
 *     heartbeat: 10000,               // ms between pings (0: none)
 *     onMessage(data) { ... },        // every message but the pongs
 *     onState(state, info) { ... },   // connecting, open, waiting, closed, failed
 *   });
 *   client.send("hello");             // queued until the socket is open
 *   client.close();                   // and no reconnect after it
 *
 * What it does, from the seed document's pattern on: messages sent before
 * the socket is open wait in a queue and go out, in order, on open; a lost
 * connection is reconnected after a delay that doubles each attempt (from
 * minDelay to maxDelay, with jitter), up to maxRetries; a heartbeat sends
 * `ping` every `heartbeat` ms, and a connection that has said nothing for
 * `deadAfter` ms (default twice the heartbeat) is closed and reconnected; a
 * close code in stopCodes (a server's "you are logged out") ends it.
 */
"use strict";

const defaults = {
  url: "",
  header: undefined, // sent by a phone; from a browser only through the relay (wxrun -relay)
  protocols: undefined,
  timeout: undefined, // connectSocket's own timeout (base library 2.10.0)
  heartbeat: 0,
  ping: "ping",
  isPong: (data) => data === "pong",
  deadAfter: 0,
  minDelay: 500,
  maxDelay: 30000,
  factor: 2,
  jitter: 0.2,
  maxRetries: Infinity,
  stopCodes: [],
  onMessage() {},
  onState() {},
};

function connect(options) {
  const o = Object.assign({}, defaults, options);
  if (typeof o.url !== "string" || o.url === "") throw new TypeError("socket.connect: url is required");

  let task = null;
  let state = "idle";
  let queue = [];
  let attempt = 0;
  let stopped = false;
  let lastError = "";
  let retryTimer = 0, beatTimer = 0, deadTimer = 0;

  function setState(s, info) {
    state = s;
    o.onState(s, info || {});
  }

  function open() {
    if (stopped) return;
    setState("connecting", { attempt });
    lastError = "";
    const t = wx.connectSocket({
      url: o.url,
      header: o.header,
      protocols: o.protocols,
      timeout: o.timeout,
      fail(res) { lastError = res.errMsg; },
    });
    if (!t) { // refused at once: a bad url, or too many sockets
      retry({ code: 0, reason: "", errMsg: lastError });
      return;
    }
    task = t;
    t.onOpen(() => {
      if (task !== t) return;
      attempt = 0;
      setState("open");
      const q = queue;
      queue = [];
      for (const m of q) write(m);
      startBeat();
    });
    t.onMessage((res) => {
      if (task !== t) return;
      alive();
      if (!o.isPong(res.data)) o.onMessage(res.data);
    });
    t.onError((res) => { lastError = res.errMsg; });
    t.onClose((res) => {
      if (task !== t) return;
      task = null;
      stopBeat();
      const info = { code: res.code, reason: res.reason, errMsg: lastError };
      if (stopped) setState("closed", info);
      else if (o.stopCodes.indexOf(res.code) >= 0) { stopped = true; setState("closed", info); }
      else retry(info);
    });
  }

  function retry(info) {
    attempt++;
    if (attempt > o.maxRetries) {
      stopped = true;
      queue = [];
      setState("failed", info);
      return;
    }
    const base = Math.min(o.maxDelay, o.minDelay * Math.pow(o.factor, attempt - 1));
    const delay = Math.round(base * (1 - o.jitter * Math.random()));
    setState("waiting", Object.assign({ attempt, delay }, info));
    retryTimer = setTimeout(() => { retryTimer = 0; open(); }, delay);
  }

  function write(data) {
    // A socket that closed meanwhile: back in the queue, for the next one.
    task.send({ data, fail() { queue.push(data); } });
  }

  function startBeat() {
    if (!o.heartbeat) return;
    stopBeat();
    beatTimer = setInterval(() => { if (task) task.send({ data: o.ping }); }, o.heartbeat);
    alive();
  }

  function alive() {
    if (!o.heartbeat) return;
    clearTimeout(deadTimer);
    deadTimer = setTimeout(() => {
      deadTimer = 0;
      if (!task) return;
      // Do not wait for a dead server to finish the closing handshake:
      // let the old socket go, and start the next one now.
      const t = task;
      task = null;
      stopBeat();
      t.close({ code: 4000, reason: "heartbeat timeout" });
      retry({ code: 4000, reason: "heartbeat timeout", errMsg: "heartbeat timeout" });
    }, o.deadAfter || 2 * o.heartbeat);
  }

  function stopBeat() {
    clearInterval(beatTimer);
    clearTimeout(deadTimer);
    beatTimer = deadTimer = 0;
  }

  open();
  return {
    send(data) {
      if (stopped) return false;
      if (state === "open" && task) write(data);
      else queue.push(data);
      return true;
    },
    close(code, reason) {
      if (stopped) return;
      stopped = true;
      clearTimeout(retryTimer);
      stopBeat();
      queue = [];
      if (task) task.close({ code: code || 1000, reason: reason || "" });
      else setState("closed", { code: code || 1000, reason: reason || "" });
    },
    get state() { return state; },
    get queued() { return queue.length; },
  };
}

module.exports = { connect };
