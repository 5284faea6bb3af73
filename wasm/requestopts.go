//go:build js && wasm

package main

import (
	"syscall/js"
)

// wx.request's options (NETWORK.md section 2), as Go decides on them. The
// glue reads the page's object (glue.readRequest, contract.go's
// readRequest): each property once, inside its try blocks, the header's
// values stringified as the runtime does (they are the page's values, as
// data is, and the body is made from data there too); Go gets these facts
// in one crossing-free call and decides everything from them. Reading them
// here instead, a jsx.Get per property and per header key, cost the wasm
// about 10 KB and each request twice the Go->JS calls.

type requestOptions struct {
	httpFacts
	dataType     string // typeof data, "null" for null
	dataAB       bool   // data is an ArrayBuffer (its type name)
	stringifies  bool   // JSON.stringify(data) returns
	contentType  string // the header's content-type after the runtime's rules
	method       string // upper-cased (toUpperCase), when a string
	methodString bool
	dataTypeJSON bool   // dataType is "json", or falsy
	responseType string // "text", "arraybuffer", or "throw" for a truthy non-string
	chunked      bool   // enableChunked === true
	cache        bool   // enableCache === true
	noProfile    bool   // enableProfile === false
	manual       bool   // redirect === "manual"
	ignored      string // the options given that a browser cannot honour, joined by "\n"
}

// httpFacts are what the glue reads alike of the argument of each HTTP API
// (wx.request, wx.downloadFile, wx.uploadFile: glue/request.js's readArg,
// readString and the header), for the checks the three share.
type httpFacts struct {
	facts       js.Value // the glue's reading, handed back with the plan (data, header, callbacks)
	cb          callbacks
	argType     string  // the argument's type name when it is not an Object ("" when it is)
	readName    string  // a property whose getter threw ("" for none), and what it threw
	readMsg     string  //
	urlType     string  // url's type name (String for a string or a String object)
	url         string  // String(url) when urlType is String
	parsedURL   string  // the glue's parseURL of url (unpackURL), "" when it fails
	headerOK    bool    // header was an object, or not given
	headerNames string  // the header's names, joined by "\n" (which no name holds)
	timeout     float64 // the timeout option when a number, else 0
}
