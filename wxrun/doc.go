// Package wxrun runs mini-program JavaScript headless: each file in a fresh
// page (a new sandboxed frame of a long-lived host page of another origin)
// of one Chromium, with the wx shim loaded first and wx as on a phone. It
// is the engine of the wxrun command (cmd/wxrun), and a test helper for Go
// backends:
//
//	func TestMain(m *testing.M) { wxrun.Main(m) } // one browser for the binary
//
//	func TestChat(t *testing.T) {
//		srv := httptest.NewTLSServer(myHandler)
//		defer srv.Close()
//		wxrun.Run(t, wxrun.Script{File: "client.test.js", Server: srv, Host: "api.example.com"})
//	}
//
// The script connects to wss://api.example.com/... as it would on a phone;
// the name reaches srv, whose certificate is trusted, and only that one.
//
// # When a file passes
//
// A file passes when its top-level code has run (for an ES module: it and
// its default export, when that is a function, awaited) without throwing,
// and no uncaught error, unhandled rejection or exception in a wx callback
// (the shim's thirdScriptError, which a file cannot silence: the shim took
// console.error before the file ran) happened before the page went quiet:
// no WebSocket open or connecting, no wx.request, wx.downloadFile or
// wx.uploadFile task not ended (the shim counts them: wxshim.__tasksOpen),
// no timer, interval or animation frame the file set, and no work the
// file started still in flight (fetch, XMLHttpRequest, WebCrypto,
// IndexedDB, the Cache API, Blob and FileReader reads, image loads and
// decodes, a Worker not terminated, a module it imports: loads.go). The page side is page/runner.js. A file ends itself
// early with wxrun.pass(), wxrun.fail(reason) or wxrun.done(err); anything
// else (a timeout, a crashed page) is a failure, with the reason. The first
// outcome is the file's: nothing it does after can change it.
//
// # What a page has
//
// wx and wxshim (the settings, set before the loader: File.Settings, then
// the file's own assignments); wxrun (pass, fail, done, vars, and serve
// with File.Serve: the URLs of internal/wstest's echo and fault endpoints
// under the name ServeHost); require() for CommonJS files, relative paths
// only, as in a mini-program. Files are loaded from File.Root over https
// from 127.0.0.1 (or Options.Listen).
//
// # What is fresh for each file, and what is shared
//
// Each parallel worker has a host page (slot.go, page/host.js) in its own
// browser context, with its own proxy, served from a port of its own. A
// file runs in a new frame of it, sandboxed and from the Runner's other
// port: the same site as the host (one renderer process), not the same
// origin, so the file can reach neither the host page nor, through it, the
// next file (parent and top are cross-origin; the sandbox opens no window).
// Fresh per file are the frame, its window and globals and prototypes, wx,
// wxshim and wxrun, its timers, sockets, listeners and workers (they end
// with the frame), its compile of the shim's wasm, the origin's storage
// (localStorage, sessionStorage, IndexedDB, caches, service workers;
// cleared between files), the context's cookies, the tab's history, the
// proxy's connections (cut between files) and routes (File.Routes). Only
// what happens in documents made while a file runs counts for it; only its
// own document reports. Shared, one file after another, are the renderer
// process, the HTTP cache and the host page, which no file can reach. A
// file that times out, crashes its page or starts a worker that outlives
// its frame (a shared or service worker) takes its host with it: the next
// file gets a new one.
//
// # How names and certificates work
//
// Every host page has its own proxy (proxy.go): a name is dialed only when a
// Route maps it, and TLS ends at the proxy under the one key the browser
// trusts, then starts again towards the server, checked in Go (roots, a
// pinned certificate, or nothing). So one browser serves files with
// different mappings, a Go test's httptest servers are trusted exactly, and
// a remote browser (Options.Browser) needs no flags. With File.Relay the
// page's sockets go through a relay of the run's own (relay.go), which
// dials through the same proxy.
//
// # Speed
//
// A browser context costs Chromium a renderer process (about 100 ms of
// CPU): a host page pays for it once, when it is made (Options.Spares at
// the start, more when more files run at once). A file then costs a frame,
// a compile and an instance of the shim's wasm (the host cannot share its
// compiled module across origins: Chromium refuses), its own work, and the
// reset after it (at -p 1 the next file waits for it). make bench
// (cmd/wxbench wxrun) has the figures.
package wxrun
