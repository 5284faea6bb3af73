/* The glue: the JavaScript half of the shim, shipped as JavaScript in
 * build/wx.js (after wasm_exec.js, before the loader js/wx.js), so a page
 * whose Content-Security-Policy allows wasm but not eval runs it.
 *
 * It is written in parts by concern (wasm/glue/*.js), joined in the order
 * of glue.go's Files into this one function: this part opens it and
 * attach.js closes it, and every part sees every other part's names.
 *
 * It installs `wx` and `wxshim` at once. Until the Go half attaches
 * (contract.go calls __wxshimGlue.attach), calls are queued in order and
 * settings are kept; from then on Go holds every rule and decides every
 * move of a socket's state, and the glue does only what would otherwise
 * cost a JS->Go crossing (about 15 us each):
 *   - it owns each browser WebSocket's handlers and delivers messages from
 *     the listener lists kept here (registering a listener never enters Go);
 *   - it keeps each socket's record (S), its readyState included: every
 *     send and every readyState reads it, Go moves it (opened, failed,
 *     closed, close) and reads it only at the steps of a connect or close;
 *   - it runs every send, fast path and failures alike, so a payload never
 *     reaches Go (a value Go receives stays in wasm_exec.js's table until
 *     Go's GC runs);
 *   - it keeps the settings store (the shapes configure accepts, frozen
 *     copies of what is in force) and parses versions;
 *   - it runs user callbacks inside the try/catch a phone's runtime puts
 *     around them, those of Go's API calls too, after Go has returned (see
 *     Outcome), and enters Go only with stack to spare (see room).
 * Every errMsg it writes comes from Go (the `str` table handed to attach),
 * except the one a page gets when the Go half never starts.
 */
(function () {
  "use strict";
  const g = globalThis;
  if (g.__wxshimGlue || (g.wxshim && g.wxshim.__glue)) return; // loaded twice: keep the first

  // ---- The contract with Go, read by contract.go at start. It is needed
  // on this side before Go runs (settings and calls made before the wasm is
  // ready); Go reads the settings' names from it, and checks its own
  // constants for the kinds and states against it. ----
  const CONTRACT = Object.freeze({
    // Event kinds: the four listener kinds, then the two the shim raises
    // itself (contract.go's kind* constants).
    kinds: Object.freeze({ open: 0, message: 1, error: 2, close: 3, timeout: 4, domainFail: 5 }),
    // SocketTask.readyState values (contract.go's st* constants).
    states: Object.freeze({ connecting: 0, open: 1, closing: 2, closed: 3 }),
    // wx.request's body kinds (request.go's body* constants), its plan's
    // flags (contract.go's flag* constants), and the errno numbers the
    // glue's fails carry (errmsg.go's).
    bodies: Object.freeze({ none: 0, asIs: 1, form: 2, json: 3 }),
    requestFlags: Object.freeze({
      json: 1, arraybuffer: 2, chunked: 4, cache: 8, profile: 16, cookies: 32, manual: 64, errno: 128,
      abort: 256, headers: 512, chunks: 1024, progress: 2048, offProgress: 4096,
    }),
    // The facts the glue reads of an HTTP API's argument, as packFacts
    // hands them to Go in one string (contract.go's fact* constants): the
    // strings in this order, the yes/no facts as bits in this order.
    factStrings: Object.freeze(["argType", "readName", "readMsg", "urlType", "url", "headerNames", "dataType",
      "contentType", "method", "responseType", "ignored", "filePathType", "filePath", "nameType", "parsedURL"]),
    factBits: Object.freeze(["headerOK", "dataAB", "stringifies", "methodString", "dataTypeJSON", "chunked", "cache",
      "noProfile", "manual", "formDataOK"]),
    // The three HTTP APIs, as Go's requestSend numbers their domain lists.
    apis: Object.freeze({ request: 0, downloadFile: 1, uploadFile: 2 }),
    errno: Object.freeze({ timeout: 5, network: 600000 }),
    // The wxshim settings, in the order settings() lists them.
    settings: Object.freeze(["libVersion", "urlCheck", "socketDomains", "networkTimeout", "maxConnections",
      "closeBeforeOpen", "rewrites", "relay", "appid", "appVersion", "requestDomains", "maxResponseBytes",
      "downloadFileDomains", "uploadFileDomains", "maxDownloadBytes"]),
    // The version gates the glue decides on (the pre-ready queue, wx.canIUse
    // in env.js), and the version it defaults to (a copy of internal/rules',
    // checked at start). Those Go holds too are written by glue.Source from
    // internal/rules (version.go) where the marker is: each version is
    // written once. The rest are the glue's alone (canIUse's answers).
    gates: Object.freeze({
      /* internal/rules gates */
      base: [0, 0, 0], networkStatus: [1, 1, 0], canIUse: [1, 1, 1], offNetworkStatus: [2, 9, 3],
    }),
    defaultVersion: [1, 6, 0],
  });
  const K = CONTRACT.kinds, ST = CONTRACT.states;
  const LISTENER = ["onOpen", "onMessage", "onError", "onClose"];
  const GLOBAL = ["wx.onSocketOpen", "wx.onSocketMessage", "wx.onSocketError", "wx.onSocketClose"];
