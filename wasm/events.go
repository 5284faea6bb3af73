//go:build js && wasm

package main

import (
	"runtime"
	"syscall/js"
)

// Browser events reach Go here (open, error, close) together with the two
// the shim raises itself (timeout, a late domain failure). Messages never
// do: the glue delivers them from the list that updateDispatch keeps.

func (sh *shim) event(id, kind, code int, reason string, clean bool) {
	sock := sh.sockets[id]
	if sock == nil {
		return
	}
	switch kind {
	case evOpen:
		if sock.state != stConnecting {
			return
		}
		setState(sock, stOpen)
		sh.glue.Call("disarm", sock.s)
		sh.dispatch(sock, evOpen, sh.openPayload(sock))
	case evError:
		why := "the connection failed before it opened (refused, TLS not trusted, or network error)"
		if sock.state != stConnecting {
			why = "the connection failed after it opened"
		}
		sock.errored = true
		sh.dispatch(sock, evError, errorPayload(why+": "+clip(sock.url)))
	case evClose:
		// A connection that is simply lost (a TCP reset, a server that dies
		// mid-message) closes with 1006 and no error event in a browser; a
		// phone reports it through onError first, so the shim does too.
		if !clean && code == 1006 && !sock.errored {
			sh.dispatch(sock, evError, errorPayload("the connection was lost (1006): "+clip(sock.url)))
		}
		sh.closed(sock, code, reason)
	case evTimeout:
		if sock.state != stConnecting {
			return
		}
		sh.glue.Call("detach", sock.s)
		sh.glue.Call("close", sock.s, js.Undefined(), js.Undefined(), 1006)
		sh.dispatch(sock, evError, errorPayload(reasonTimeout))
		sh.closed(sock, 1006, reasonTimeout)
	case evDomainFail:
		sh.dispatch(sock, evError, errorPayload(reasonNotInDomainList))
		sh.end(sock)
		sh.release(sock)
	}
}

// closed delivers onClose (readyState already CLOSED) and lets the socket go.
func (sh *shim) closed(sock *socket, code int, reason string) {
	sh.end(sock)
	p := newObject()
	p.Set("code", code)
	p.Set("reason", reason)
	sh.dispatch(sock, evClose, p)
	sh.release(sock)
}

// end marks sock CLOSED and unhooks the glue from its WebSocket and timer.
func (sh *shim) end(sock *socket) {
	setState(sock, stClosed)
	sh.glue.Call("detach", sock.s)
}

// gcEvery is how many finished sockets go by between forced Go GCs. Each
// js.Value Go receives (about 50 a socket) holds a slot in wasm_exec.js's
// value table until Go's GC finalizes it, and that table never shrinks:
// left to Go's own pacing (which sees only a few bytes of Go heap per
// socket) it grew to 52,000 slots, about 1 MB of JS heap, in 1,000
// connect/close cycles. A GC per 64 sockets keeps it to a few thousand.
const gcEvery = 64

// release drops an ended socket's listeners, its binding and its slot.
func (sh *shim) release(sock *socket) {
	sh.finished++
	if sh.finished%gcEvery == 0 {
		runtime.GC()
	}
	delete(sh.sockets, sock.id)
	sock.listeners = [4][]js.Value{}
	if sh.bound == sock {
		sh.unbind()
	}
	sh.updateDispatch(sock)
}

// dispatch calls the socket's own listeners, then the global slot when the
// socket is the bound one (spec 3, "Order on each event").
func (sh *shim) dispatch(sock *socket, kind int, payload js.Value) {
	fns, names := sh.targets(sock, kind)
	if len(fns) == 0 {
		return
	}
	sh.glue.Call("callAll", js.ValueOf(fns), js.ValueOf(names), payload)
}

func (sh *shim) targets(sock *socket, kind int) (fns, names []any) {
	for _, l := range sock.listeners[kind] {
		fns = append(fns, l)
		names = append(names, "SocketTask."+listenerNames[kind])
	}
	if sh.bound == sock && !sh.slots[kind].IsUndefined() {
		fns = append(fns, sh.slots[kind])
		names = append(names, globalNames[kind])
	}
	return fns, names
}

// updateDispatch hands the glue the message listeners of sock, in order.
// It runs whenever that list can change: a listener added, the global slot
// replaced, a binding made or dropped, the socket closed.
func (sh *shim) updateDispatch(sock *socket) {
	fns, names := sh.targets(sock, evMessage)
	sock.s.Set("msg", js.ValueOf(fns))
	sock.s.Set("msgWhere", js.ValueOf(names))
}

func (sh *shim) bind(sock *socket) {
	if old := sh.bound; old != nil && old != sock {
		sh.unbind()
	}
	sh.bound = sock
	sh.glue.Set("bound", sock.s)
	sh.updateDispatch(sock)
}

func (sh *shim) unbind() {
	old := sh.bound
	sh.bound = nil
	sh.glue.Set("bound", js.Null())
	if old != nil {
		sh.updateDispatch(old)
	}
}

// openPayload is onOpen's argument: {} before 2.0.0, then {header}, then
// {header, profile} from 2.10.4. A browser shows neither the response headers
// nor DNS and TCP timings, so header is {} and profile has the handshake time
// (the time from the WebSocket constructor to its open event) as rtt,
// handshakeCost and cost, with the start and end stamps around it.
func (sh *shim) openPayload(sock *socket) js.Value {
	p := newObject()
	if sh.cfg.openHeader() {
		p.Set("header", newObject())
	}
	if sh.cfg.openProfile() {
		origin := js.Global().Get("performance").Get("timeOrigin").Float()
		t0, t1 := sock.s.Get("t0").Float(), sock.s.Get("t1").Float()
		start, end := float64(int64(origin+t0)), float64(int64(origin+t1))
		d := float64(int64(t1 - t0 + 0.5))
		prof := newObject()
		for _, k := range []string{"fetchStart", "domainLookUpStart", "domainLookUpEnd", "connectStart"} {
			prof.Set(k, start)
		}
		prof.Set("connectEnd", end)
		prof.Set("rtt", d)
		prof.Set("handshakeCost", d)
		prof.Set("cost", d)
		p.Set("profile", prof)
	}
	return p
}
