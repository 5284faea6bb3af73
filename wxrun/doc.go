// Package wxrun runs mini-program JavaScript headless: each file in a fresh
// page (a new frame of a long-lived host page) of one Chromium, with the wx
// shim loaded first and wx as on a phone. It is the engine of the wxrun command (cmd/wxrun), and a test
// helper for Go backends:
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
// (the shim's thirdScriptError) happened before the page went quiet: no
// WebSocket open or connecting, no timer or interval the file set, no fetch
// in flight. The page side is page/runner.js. A file ends itself early with
// wxrun.pass(), wxrun.fail(reason) or wxrun.done(err); anything else
// (a timeout, a crashed page) is a failure, with the reason.
//
// # What a page has
//
// wx and wxshim (the settings, set before the loader: File.Settings, then
// the file's own assignments); wxrun (pass, fail, done, vars, and serve
// with File.Serve: the URLs of internal/wstest's echo and fault endpoints
// under the name ServeHost); require() for CommonJS files, relative paths
// only, as in a mini-program. Files are loaded from File.Root over https
// from 127.0.0.1.
//
// # What is fresh for each file, and what is shared
//
// Each parallel worker has a host page (slot.go, page/host.js) in its own
// browser context, with its own proxy. A file runs in a new frame of it:
// fresh per file are the frame, its window and globals, wx, wxshim and
// wxrun, its timers and sockets (they end with the frame), the origin's
// storage (localStorage, sessionStorage, IndexedDB, caches; cleared between
// files), the context's cookies, the proxy's connections (cut between
// files) and routes (File.Routes), the windows it opened (closed between
// files). Shared, one file after another, are the renderer process, the
// HTTP cache, the host page (the frame's parent and top; a file could
// change it through parent) and the compiled wasm module, of which each
// file makes its own instance. A file that times out or crashes its
// page takes its host with it: the next file gets a new one.
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
// A browser context costs Chromium a renderer process (about 100 ms of CPU)
// and a compile of the shim's 2 MB of wasm (about 40 ms): a host page pays
// for them once, when it is made (Options.Spares at the start, more when
// more files run at once). A file then costs a frame, an instance of the
// compiled module and its own work, and the reset after it (15-20 ms; at
// -p 1 the next file waits for it). make bench (cmd/wxbench wxrun) has
// the figures.
package wxrun
