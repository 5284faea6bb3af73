//go:build js && wasm

// The shim: WeChat's mini-program socket API for a browser, in Go.
//
// Layout. register.go installs everything: a table of Go functions handed
// to glue.js (embedded and evaluated once), which builds the globals wx and
// wxshim. Go is the control plane: connect.go (wx.connectSocket, spec
// section 2), task.go (SocketTask, section 3), global.go (wx.onSocket*,
// wx.sendSocketMessage, wx.closeSocket, section 4), events.go (browser
// events and the shim's own), domain.go (the legal-domain check), config.go
// (the wxshim settings and version gates), options.go (options read once,
// safely), errmsg.go (every errMsg and the one place callbacks run).
// glue.js is the data plane: it owns each WebSocket's message handler and
// the send fast path, so that a message costs no JS->Go crossing at all;
// Go keeps the per-socket list of message listeners current in it.
// internal/jsx holds every syscall/js call that can throw.
//
// Threading. Every entry into Go is a JavaScript call, handled one at a
// time on the event loop; the shim starts no goroutines and holds no locks,
// so a user callback may call back into wx at any depth.
//
// What differs from a phone (https://developers.weixin.qq.com/miniprogram/dev/api/network/websocket/wx.connectSocket.html,
// https://developer.mozilla.org/docs/Web/API/WebSocket):
//   - request headers, Referer, method and data cannot be sent by a browser
//     WebSocket: they are dropped with a one-time console warning;
//   - tcpNoDelay, perMessageDeflate and forceCellularNetwork have no effect;
//   - onOpen's header is {}: a browser does not expose response headers;
//   - onOpen's profile carries only the handshake time (constructor to open);
//   - onError's errMsg is written by the shim: a browser error event has no reason;
//   - connectSocket returns a SocketTask at every version (before 1.7.0 a
//     phone returned undefined; code for it never reads the value).
//
// Choices where the phone's behaviour is not known (see README and the spec):
//   - a domain failure from 1.7.0 reaches onError only, with no onClose;
//   - close() on a closed task fails "closeSocket:fail taskID not exist";
//   - wx.closeSocket leaves other sockets that are still CONNECTING alone in
//     the phone's close-before-open mode (closing them would not work on a
//     phone either), and aborts them in the "browser" mode;
//   - a close code that is not a number fails with the code message;
//   - an option whose getter throws fails with "parameter error: ...".
package main
