// Package glue holds the JavaScript half of the shim (the glue: wx,
// wxshim, the socket records and the data plane) in files by concern, and
// the one recipe that joins them: Source. Everything that ships or loads the
// glue takes it from here: make build (through gluejs), wxrun's own build
// of the shim (wxrun/shim.go) and the wasm package's tests.
//
// The files are parts of ONE function, not modules: contract.js opens the
// IIFE and attach.js closes it, and every part sees every other's names, as
// when the glue was one file. Modules or an explicit namespace object would
// need the parts to be loaded (or evaluated) separately, or every shared
// name (bridge, str, startFailure, glue, slots, and the helpers) to be
// written through an object on each use; one scope keeps the joined code
// the code it was, and build/wx.js still needs no eval (a strict CSP).
// A part is therefore not valid JavaScript on its own.
package glue

import (
	"embed"
	"strconv"
	"strings"

	"wxsocket/internal/rules"
)

// Files is the glue's parts in the order they are joined. TestFilesListed
// holds it to the directory: a part missing here would be left out of
// build/wx.js without a word.
var Files = []string{
	"contract.js",  // the IIFE's opening, the file's overview, CONTRACT: what Go reads at start
	"helpers.js",   // small helpers: brand checks, versions, report and fault
	"outcome.js",   // Outcome and settle: where every API call's callbacks run
	"room.js",      // room and enter: stack to spare before each call into Go
	"state.js",     // the state shared with Go (bridge, str, startFailure, slots)
	"sockets.js",   // socket records, SocketTask, listeners and the events Go raises
	"send.js",      // every send, so payloads never cross into Go
	"open.js",      // glue.open: the constructor's verdict, starting a WebSocket, hook and unhook, connectFailed
	"warmup.js",    // warmLater: the first connect's code compiled while the page is idle
	"relay.js",     // startRelay: a socket through the relay, with its fallback
	"close.js",     // detach and glue.close
	"timer.js",     // glue.raiseAfter: the connect timeout and deferred errors
	"parse.js",     // the browser's URL parser, and the checks the glue hands Go
	"settings.js",  // the settings store (wxshim)
	"queue.js",     // calls made before Go is ready
	"wxapi.js",     // wx: the WeChat surface
	"env.js",       // wx.canIUse, wx.getNetworkType, wx.on/offNetworkStatusChange
	"request.js",   // wx.request: RequestTask, its listeners, the queue of 10, abort, the timer, the end
	"body.js",      // wx.request's body, GET query and cookies, on the page's values
	"fetch.js",     // a request from the page alone (fetch), and reading any response
	"relayhttp.js", // a request through the relay, its redirects followed in the shim
	"attach.js",    // attach, start and fail; installing the globals; the IIFE's end
}

//go:embed *.js
var parts embed.FS

// Source is the glue as build/wx.js carries it: the parts of Files, in
// order, a blank line between two.
func Source() string {
	var b strings.Builder
	for i, f := range Files {
		p, err := parts.ReadFile(f)
		if err != nil {
			panic("glue: " + err.Error()) // embedded: only a wrong Files can do this, and TestFilesListed says so
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		if f == "contract.js" {
			p = []byte(strings.Replace(string(p), gatesMarker, gatesJS(), 1))
		}
		b.Write(p)
	}
	return b.String()
}

// gatesMarker is where contract.js's CONTRACT.gates takes the gates below.
const gatesMarker = "/* internal/rules gates */"

// Gates are the version gates of internal/rules the glue decides on, as
// CONTRACT.gates names them: the pre-ready queue's promise gate and
// wx.canIUse's answers for what Go decides. Source writes them into the
// glue, so each version is written once, in internal/rules.
var Gates = []struct {
	Name string
	V    rules.Version
}{
	{"promises", rules.SincePromises}, {"protocols", rules.SinceProtocols},
	{"multiSocket", rules.SinceMultiSocket}, {"openHeader", rules.SinceOpenHeader},
	{"timeout", rules.SinceTimeout}, {"openProfile", rules.SinceOpenProfile},
	{"requestAbort", rules.SinceRequestAbort}, {"responseType", rules.SinceResponseType},
	{"headersReceived", rules.SinceHeadersReceived}, {"cookies", rules.SinceCookies},
	{"requestProfile", rules.SinceRequestProfile}, {"chunkReceived", rules.SinceChunkReceived},
	{"enableChunked", rules.SinceEnableChunked}, {"redirectOption", rules.SinceRedirectOption},
	{"sharedTask", rules.SinceSharedTask},
}

// gatesJS is Gates as object-literal entries: promises: [2, 10, 2], ...
func gatesJS() string {
	var b strings.Builder
	for i, g := range Gates {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(g.Name + ": [" + strconv.Itoa(g.V[0]) + ", " + strconv.Itoa(g.V[1]) + ", " + strconv.Itoa(g.V[2]) + "]")
	}
	b.WriteByte(',')
	return b.String()
}
