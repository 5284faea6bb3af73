//go:build js && wasm

package main

import (
	"wxsocket/wasm/internal/jsx"
)

// socket is the Go side of one SocketTask. Its readyState lives in the
// glue's record alone (rec), where every send and readyState reads it; Go
// moves it, through the glue calls that say so (contract.go).
type socket struct {
	id      int
	rec     rec // the glue's record: WebSocket, listeners, task, state
	url     string
	opened  bool // it reached OPEN once
	errored bool // an onError went out, so a 1006 close needs none of its own
	refused bool // a from-1.7.0 domain failure: never connects, never counts
}

// shim is the whole emulated runtime. Every field is touched only from
// callbacks that JavaScript makes into Go, one at a time, so no lock is
// needed (and none may be held while calling JavaScript, which calls back).
type shim struct {
	glue     glueJS
	cfg      config
	sockets  map[int]*socket // not yet released
	bound    *socket         // the socket the wx.* globals act on
	nextID   int
	finished int // sockets released, for gcEvery
	warnings
	debug debugState // the test build's hooks (debug.go); empty in production

	warmSaved *config // the settings set aside while the warm-up runs
}

func newShim() *shim {
	return &shim{sockets: map[int]*socket{}, warnings: newWarnings()}
}

// guard runs body, the whole of one API call. A panic inside it becomes that
// call's fail with "internal error", and the Go runtime goes on.
func (sh *shim) guard(where, api string, cb callbacks, promise bool, body func() any) (ret any) {
	defer func() {
		if r := recover(); r != nil {
			err := jsx.Internal(where, r)
			ret = sh.failWith(where, failMsg(api, reasonInternal+err.Error()), cb, promise)
		}
	}()
	sh.forcedPanic(where)
	return body()
}

// live reports the sockets that count against maxConnections: CONNECTING
// or OPEN (a socket whose onError went out is already CLOSED).
func (sh *shim) live() int {
	n := 0
	for _, s := range sh.sockets {
		if s.refused {
			continue
		}
		if st := s.rec.state(); st == stConnecting || st == stOpen {
			n++
		}
	}
	return n
}
