//go:build js && wasm

// The shim: WeChat's mini-program socket API for a browser, in Go.
//
// Layout. build/wx.js carries wasm_exec.js, the glue (the JavaScript half:
// it installs wx and wxshim when the page loads, queues calls until Go is
// ready, and is the data plane; written in parts by concern in glue/ and
// joined into one function by glue.Source, for make build and wxrun alike)
// and the loader (js/wx.js). contract.go is the whole boundary
// (boundary_test.go keeps it so): the constants both halves use (Go
// constants, held at start to the glue's CONTRACT, which the page needs
// before Go runs), every JS->Go entry (bridgeTable), every Go->JS call
// (the methods of glueJS), every field of the glue's socket record Go
// touches (rec) and every object Go builds. Go is the control
// plane and holds every rule: connect.go (wx.connectSocket, spec section 2), task.go
// (SocketTask.close, section 3), global.go (wx.closeSocket and the binding,
// section 4), events.go (browser events and the shim's own), domain.go (the
// legal-domain check), config.go (the wxshim settings and version gates),
// options.go (options read once, into one struct), errmsg.go (every errMsg,
// and each call's outcome: the callbacks the glue runs once Go has
// returned), warn.go (the console warnings). The glue owns each WebSocket's
// handlers, the listener lists, every send and each socket's readyState
// (Go decides its moves), so that a message, a listener, a send and a
// readyState cost no JS->Go crossing and hand Go no payload. internal/jsx
// holds every syscall/js call on the page's own values (they can throw). The
// rules the shim shares with the relay, wxserve and wxrun live in
// ../internal/rules (legal domains, loopback and where a relay may be,
// reserved headers, Referer, appid, tokens, versions and gates; the glue's
// copies of two are checked against it at start), its string helpers in
// ../internal/text (both with native tests, no build tags).
// debug.go (built with -tags wxdebug only) and debug.js are the test
// build's hooks (wxshim.debug, wxshim._go); nodebug.go stands in for them
// in the production build, which has none.
//
// Threading. Every entry into Go is a JavaScript call, handled one at a
// time on the event loop; the shim starts no goroutines and holds no locks,
// so a user callback may call back into wx at any depth. An API call's
// callbacks run in the glue after Go has returned, so such nesting stacks
// JavaScript frames only; and the glue enters Go only with stack to spare
// (glue/room.js): an overflow inside the wasm would end the Go runtime,
// where a page's own recursion gets the engine's stack-overflow error.
//
// What differs from a phone (https://developers.weixin.qq.com/miniprogram/dev/api/network/websocket/wx.connectSocket.html,
// https://developer.mozilla.org/docs/Web/API/WebSocket):
//   - request headers and method/data cannot be sent by a browser WebSocket:
//     they are dropped with a one-time console warning, unless wxshim.relay
//     names a relay (spec section 7), which sends the headers and the
//     phone's Referer, and returns the response headers and real timings;
//   - tcpNoDelay, perMessageDeflate and forceCellularNetwork have no effect;
//   - without a relay, onOpen's header is {} (a browser does not expose
//     response headers) and its profile carries only the handshake time;
//   - onError's errMsg is written by the shim: a browser error event has no
//     reason (the relay's failures carry theirs);
//   - connectSocket returns a SocketTask at every version (before 1.7.0 a
//     phone returned undefined; code for it never reads the value);
//   - a reconnect loop whose fail calls connectSocket again (its failures are
//     synchronous, as on a phone) runs as deep as the browser's JavaScript
//     stack allows, then the engine's stack-overflow error is reported as the
//     callback's exception: 2,700 to 3,800 tries in Chromium, 3,900 to
//     4,600 in Firefox, over 10,000 in WebKit (plain JavaScript of the same
//     shape: 3,400; 3,600 to 10,000; over 10,000).
//
// wx.request (NETWORK.md sections 1, 2 and 6): request.go and
// requestopts.go decide (every synchronous check, in the spec's order, the
// body kind, the flags, the timeout, the warnings; at send, the domain
// check, rewrites and the relay), the glue does the rest (glue/request.js:
// the RequestTask, its listeners, the queue of 10, abort, the timer;
// body.js: the body, the GET query, cookies; fetch.js and relayhttp.js:
// the two transports and the response). A request enters Go once, at the
// call: the glue reads the argument into one string of facts for Go
// (packFacts), and Go's verdict on where it goes, made then, is used when
// it leaves the queue unless a setting changed meanwhile (then Go is asked
// again). Its profile is made when first read. What differs from a phone
// (https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html,
// https://developer.mozilla.org/docs/Web/API/Fetch_API), from the page alone:
//   - headers a browser forbids (Referer, Cookie, User-Agent, Host, ...) are
//     dropped with one warning naming them, and Set-Cookie is invisible:
//     cookies is []; a cross-origin server must answer CORS (and the
//     preflight the default JSON content-type causes); header names are the
//     browser's (lower case, values joined by ", ");
//   - a failure before a response has no reason from the browser: the shim
//     writes "the request failed before a response (...)" with the URL;
//   - fetch follows redirects itself (20 at most) and shows only the last
//     URL, which is checked against the domain list after the fact;
//     redirect "manual" gives status 0 and no header (an opaque response);
//   - a browser keeps at most 6 HTTP/1.1 connections per host in flight;
//   - enableHttp2, enableQuic, enableHttpDNS, httpDNSServiceId,
//     forceCellularNetwork and useHighPerformanceMode have no effect (one
//     warning each); profile holds what the page measures (its own moments,
//     and Resource Timing's where the server allows it), the rest 0.
//
// Through the relay only the connection limit (every request goes to the
// relay's one host) and the options hold: the relay sends every
// header but Referer (it writes the phone's), returns every header and
// Set-Cookie, the real failure (TLS: "ssl hand shake error"), each redirect
// (with urlCheck on, the shim follows them, checking each target before it
// is asked for) and its timings.
//
// wx.downloadFile and wx.uploadFile (NETWORK.md sections 1, 3, 4 and 5):
// transfer.go decides (the parameter checks, the methods each version has,
// the timeout, the cap, the filePath), the glue does the rest on the task
// base wx.request uses (glue/task.js: listener sets, abort, the timer; one
// queue of 10 per API), with the same domain check (requestSend, on the
// API's own list) and transports: a download is read as a response is
// (fetch.js, relayhttp.js) into one Blob, kept in the file table
// (glue/files.js, wxshim.files) under a wxfile://tmp_<hex>.<ext> path; an
// upload is a multipart body of Blob parts around the file's own Blob,
// sent with XMLHttpRequest (transfer.js), the one browser API that reports
// a request body's progress. No body crosses into Go. What differs
// (https://developers.weixin.qq.com/miniprogram/dev/api/network/download/wx.downloadFile.html,
// https://developers.weixin.qq.com/miniprogram/dev/api/network/upload/wx.uploadFile.html,
// https://developer.mozilla.org/docs/Web/API/XMLHttpRequest/upload):
//   - files live in the page's memory, as Blobs, until wxshim.files.remove
//     (a phone's temporary files outlive the page); paths are only keys;
//   - an upload's progress through the relay is the relay's count of the
//     body handed to the upstream, asked every 100 ms (relay/doc.go step 7),
//     and the relay follows an upload's redirects itself;
//   - from the page alone the limits of wx.request's hold (headers a
//     browser forbids, CORS, 6 connections per host, cookies []), and an
//     upload carries the page's own Referer as its referrer policy allows
//     (XMLHttpRequest has no per-request policy; fetch, which wx.request
//     and downloads use, sends none); through the relay, the phone's.
//
// Choices where the phone's behaviour is not known (see README and the spec):
//   - a download's filePath is taken when it is a wxfile:// path (the
//     phone's temporary and wx.env.USER_DATA_PATH forms) with no empty, "."
//     or ".." segment, no "\" or control character; another (http:,
//     file:, blob:, a relative path, a non-string) fails "downloadFile:fail
//     invalid filePath: <path>" when the task is sent, before any network;
//   - a file API's url that is empty fails "url is null or nil", one that is
//     not an absolute http(s) URL "invalid url" (wx.request's words), when
//     sent; never fetched relative to the page;
//   - a path's extension comes from the Content-Type by a table, else a short
//     plain subtype ("image/avif": avif), else "bin"; an upload's part
//     Content-Type from the extension by the same table, else
//     application/octet-stream; an upload's own content-type header is
//     dropped (the multipart one is the shim's);
//   - with no Content-Length a download's progress is 0 and its expected 0,
//     one event per read; with one, at most one event per percent;
//   - a download's header values go as String(v) (a phone passes them on
//     unstringified); an upload's, and its formData's, as wx.request's;
//   - wx.request returns a RequestTask at every version; its methods follow
//     the version (abort 1.4.0, on/offHeadersReceived 2.1.0,
//     on/offChunkReceived 2.20.1, on/offProgressUpdate 2.30.3, never called);
//   - a request failure with no errno in the spec carries 600000 (from
//     2.24.0), a response over maxResponseBytes fails "exceed max response
//     size"; null data with a form content-type is an empty body;
//   - a domain failure from 1.7.0 reaches onError only, with no onClose; the
//     refused task neither counts against maxConnections nor keeps the
//     binding from the next socket;
//   - a connectSocket queued before the Go half was ready that fails leaves
//     its early task CLOSED, its send and close failing as a closed task's;
//   - before the Go half is ready, wxshim.checkUrl returns a Promise of the
//     verdict it returns at once afterwards;
//   - close() on a closed task fails "closeSocket:fail taskID not exist";
//   - wx.closeSocket leaves other sockets that are still CONNECTING alone in
//     the phone's close-before-open mode (closing them would not work on a
//     phone either), and aborts them in the "browser" mode;
//   - a close code that is not a number fails with the code message;
//   - an option whose getter throws fails with "parameter error: ...".
package main
