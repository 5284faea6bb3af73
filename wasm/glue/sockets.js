  // ---- Socket records: the one home of a socket's state. Go moves it
  // (through the glue functions below that say so); the send path and
  // readyState read it. ----
  class SocketTask {
    #s;
    constructor(s) { this.#s = s; }
    get readyState() {
      const s = this.#s;
      return s.state === ST.open && s.ws !== null && s.ws.readyState === 2 ? ST.closing : s.state;
    }
    send(o) { send(this.#s, o, false); }
    close(o) { settle(bridge.taskClose(this.#s.id, o)); }
    onOpen(cb) { listen(this.#s, K.open, cb); }
    onMessage(cb) { listen(this.#s, K.message, cb); }
    onError(cb) { listen(this.#s, K.error, cb); }
    onClose(cb) { listen(this.#s, K.close, cb); }
  }
  for (const [k, v] of [["CONNECTING", ST.connecting], ["OPEN", ST.open], ["CLOSING", ST.closing], ["CLOSED", ST.closed]]) {
    Object.defineProperty(SocketTask.prototype, k, { value: v, enumerable: true });
  }

  // listen adds cb to S's listeners of kind: constant time at any count.
  // A closed task has dropped its listeners; a non-function is ignored.
  function listen(S, kind, cb) {
    if (typeof cb === "function" && S.on !== null) S.on[kind].push(cb);
  }

  glue.newSocket = function (id) {
    const S = {
      id, ws: null, cancelled: false, state: ST.connecting, timer: 0, due: 0,
      t0: 0, t1: 0, viaRelay: false, relayed: null, failReason: "", on: [[], [], [], []], task: null,
    };
    S.task = new SocketTask(S);
    return S;
  };

  // emit calls S's listeners of kind, then the global slot if S is the bound
  // socket (spec 3, "Order on each event"). Listeners added meanwhile wait
  // for the next event.
  function emit(S, kind, res) {
    const L = S.on === null ? [] : S.on[kind], n = L.length;
    for (let i = 0; i < n; i++) call1(L[i], res, "SocketTask." + LISTENER[kind]);
    // The binding is read after the task's listeners: one that reconnected
    // may have moved it, and then this socket's events are not the globals'.
    const slot = glue.bound === S ? slots[kind] : undefined;
    if (slot !== undefined) call1(slot, res, GLOBAL[kind]);
  }

  // opened: Go found S's handshake done. S is OPEN, its timer stops, and
  // onOpen gets {} before 2.0.0, then {header}, then {header, profile} from
  // 2.10.4 (Go's gates say which). Through the relay both are the real ones
  // (the handshake response's headers, the relay's timings of DNS, TCP, TLS
  // and the handshake). A browser alone shows neither: header is {} and
  // profile has the handshake time (WebSocket constructor to open) as rtt,
  // handshakeCost and cost, with the start and end stamps around it.
  glue.opened = function (S, header, profile) {
    S.state = ST.open;
    disarm(S);
    const res = {}, R = S.relayed;
    if (header) res.header = R === null ? {} : R.header;
    if (profile) res.profile = R === null ? browserProfile(S) : R.profile;
    emit(S, K.open, res);
  };

  function browserProfile(S) {
    const start = Math.trunc(performance.timeOrigin + S.t0), end = Math.trunc(performance.timeOrigin + S.t1);
    const d = Math.floor(S.t1 - S.t0 + 0.5);
    return {
      fetchStart: start, domainLookUpStart: start, domainLookUpEnd: start, connectStart: start,
      connectEnd: end, rtt: d, handshakeCost: d, cost: d,
    };
  }

  // failed: S is CLOSED (before onError, as a browser's WebSocket is in its
  // error event: a reconnect from onError works), and onError gets msg.
  glue.failed = function (S, msg) {
    S.state = ST.closed;
    emit(S, K.error, { errMsg: msg });
  };

  // closed: S is CLOSED and unhooked, onClose gets {code, reason}, and its
  // listeners go: nothing reaches them once it is closed.
  glue.closed = function (S, code, reason) {
    S.state = ST.closed;
    detach(S);
    emit(S, K.close, { code, reason });
    S.on = null;
  };

  // retire unhooks S and drops its listeners, for a socket that ends
  // without a close event (a domain failure from 1.7.0).
  glue.retire = function (S) { detach(S); S.on = null; };
