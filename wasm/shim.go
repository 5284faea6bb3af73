//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

// Event kinds shared with glue.js: the four listener kinds, then the two
// events only the shim raises.
const (
	evOpen = iota
	evMessage
	evError
	evClose
	evTimeout    // the connect timeout ran out
	evDomainFail // a from-1.7.0 domain failure, reported after connectSocket returns
)

var listenerNames = [4]string{"onOpen", "onMessage", "onError", "onClose"}
var globalNames = [4]string{"wx.onSocketOpen", "wx.onSocketMessage", "wx.onSocketError", "wx.onSocketClose"}

// Socket states, as SocketTask.readyState shows them.
const (
	stConnecting = 0
	stOpen       = 1
	stClosing    = 2
	stClosed     = 3
)

// socket is the Go side of one SocketTask. All state lives here; the glue's
// record (s) mirrors the fields its handlers read.
type socket struct {
	id        int
	s         js.Value // the glue's per-socket record
	url       string
	state     int
	errored   bool // an onError went out, so a 1006 close needs none of its own
	listeners [4][]js.Value
}

// shim is the whole emulated runtime. Every field is touched only from
// callbacks that JavaScript makes into Go, one at a time, so no lock is
// needed (and none may be held while calling JavaScript, which calls back).
type shim struct {
	glue     js.Value
	cfg      config
	sockets  map[int]*socket // not yet CLOSED, in creation order by id
	bound    *socket         // the socket the wx.* globals act on
	slots    [4]js.Value     // wx.onSocket* listeners; undefined when unset
	nextID   int
	finished int // sockets released, for gcEvery
	warned   map[string]bool
	panicOn  string // a debug hook: the next call of this API panics
}

func newShim() *shim {
	sh := &shim{sockets: map[int]*socket{}, warned: map[string]bool{}, cfg: defaultConfig()}
	for i := range sh.slots {
		sh.slots[i] = js.Undefined()
	}
	return sh
}

var glueTypeName js.Value

// typeName names v's type as JavaScript does: Undefined, Null, Number, Object, Array...
func typeName(v js.Value) string { return glueTypeName.Invoke(v).String() }

// warnOnce writes a console warning the first time key is seen.
func (sh *shim) warnOnce(key, msg string) {
	if sh.warned[key] {
		return
	}
	sh.warned[key] = true
	jsx.ConsoleWarn("wxshim: " + msg)
}

// guard runs body, the whole of one API call. A panic inside it becomes that
// call's fail with "internal error", and the Go runtime goes on.
func (sh *shim) guard(where, api string, cb callbacks, promise bool, body func() any) (ret any) {
	defer func() {
		if r := recover(); r != nil {
			jsx.ConsoleError("wxshim: internal error in " + where + ": " + jsx.AsError(r).Error())
			ret = sh.failWith(where, failMsg(api, reasonInternal+jsx.AsError(r).Error()), cb, promise)
		}
	}()
	if sh.panicOn == where {
		sh.panicOn = ""
		panic("forced by wxshim.debug.panicNext")
	}
	return body()
}

// setState moves sock to st, in Go and in the glue's record (which the send
// fast path and SocketTask.readyState read).
func setState(sock *socket, st int) {
	sock.state = st
	sock.s.Set("state", st)
}

// live reports the sockets that count against maxConnections.
func (sh *shim) live() int {
	n := 0
	for _, s := range sh.sockets {
		if s.state == stConnecting || s.state == stOpen {
			n++
		}
	}
	return n
}
