//go:build js && wasm

package main

import (
	"runtime"
	"syscall/js"
)

// Browser events reach Go here (open, error, close) together with the two
// the shim raises itself (timeout, a late domain failure). Messages never
// do: the glue delivers them to the listeners it keeps.

// event handles one event of socket id. reason, for an error, is what the
// glue knows of it (the relay's reason, a constructor's message) or "".
func (sh *shim) event(id, kind, code int, reason string, clean bool) {
	sock := sh.sockets[id]
	if sock == nil {
		return
	}
	switch kind {
	case kindOpen:
		if sock.state != stConnecting {
			return
		}
		setState(sock, stOpen)
		sh.glue.disarm(sock.s)
		sh.glue.emit(sock.s, kindOpen, sh.openPayload(sock))
	case kindError:
		if reason == "" {
			reason = sh.failure(sock, "the connection failed after it opened")
		}
		sh.failed(sock, reason)
	case kindClose:
		// A connection that is simply lost (a TCP reset, a server that dies
		// mid-message) closes with 1006 and no error event in a browser; a
		// phone reports it through onError first, so the shim does too.
		if !clean && code == 1006 && !sock.errored {
			sh.failed(sock, sh.failure(sock, "the connection was lost (1006)"))
		}
		sh.closed(sock, code, reason)
	case kindTimeout:
		if sock.state != stConnecting {
			return
		}
		sh.glue.detach(sock.s)
		sh.glue.close(sock.s, js.Undefined(), js.Undefined(), 1006)
		sh.failed(sock, reasonTimeout)
		sh.closed(sock, 1006, reasonTimeout)
	case kindDomainFail:
		setState(sock, stClosed)
		sh.glue.emit(sock.s, kindError, errorPayload(reasonNotInDomainList))
		sh.glue.detach(sock.s)
		sh.release(sock)
	}
}

// failure words what a browser error or a lost connection means for sock:
// whether it ever opened decides, not the state (which a close has moved on).
func (sh *shim) failure(sock *socket, afterOpen string) string {
	if !sock.opened {
		return "the connection failed before it opened (refused, TLS not trusted, aborted, or a network error): " + clip(sock.url)
	}
	return afterOpen + ": " + clip(sock.url)
}

// failed delivers onError for a failed or lost connection. The task is
// CLOSED first (spec 3), as the browser's own WebSocket is in its error
// event: it no longer counts against maxConnections and no longer keeps the
// binding, so a reconnect from onError works. onClose follows.
func (sh *shim) failed(sock *socket, reason string) {
	if sock.errored {
		return
	}
	sock.errored = true
	setState(sock, stClosed)
	sh.glue.emit(sock.s, kindError, errorPayload(reason))
}

// closed delivers onClose (readyState already CLOSED) and lets the socket go.
func (sh *shim) closed(sock *socket, code int, reason string) {
	setState(sock, stClosed)
	sh.glue.detach(sock.s)
	p := newObject()
	p.Set("code", code)
	p.Set("reason", reason)
	sh.glue.emit(sock.s, kindClose, p)
	sh.release(sock)
}

// gcEvery is how many finished sockets go by between forced Go GCs. Each
// js.Value Go receives (about 50 a socket) holds a slot in wasm_exec.js's
// value table until Go's GC finalizes it, and that table never shrinks:
// left to Go's own pacing (which sees only a few bytes of Go heap per
// socket) it grew to 52,000 slots, about 1 MB of JS heap, in 1,000
// connect/close cycles. A GC per 64 sockets keeps it to a few thousand.
const gcEvery = 64

// release drops a finished socket's listeners, its binding and its slot.
func (sh *shim) release(sock *socket) {
	sh.finished++
	if sh.finished%gcEvery == 0 {
		runtime.GC()
	}
	delete(sh.sockets, sock.id)
	sh.glue.release(sock.s)
	if sh.bound == sock {
		sh.unbind()
	}
}

// openPayload is onOpen's argument: {} before 2.0.0, then {header}, then
// {header, profile} from 2.10.4. Through the relay both are the real ones
// (the handshake response's headers, the relay's timings of DNS, TCP, TLS
// and the handshake). A browser alone shows neither: header is {} and
// profile has the handshake time (WebSocket constructor to open) as rtt,
// handshakeCost and cost, with the start and end stamps around it.
func (sh *shim) openPayload(sock *socket) js.Value {
	p := newObject()
	relayed := sock.s.Get("relayed")
	if sh.cfg.openHeader() {
		if relayed.IsNull() {
			p.Set("header", newObject())
		} else {
			p.Set("header", relayed.Get("header"))
		}
	}
	if sh.cfg.openProfile() {
		if relayed.IsNull() {
			p.Set("profile", sh.browserProfile(sock))
		} else {
			p.Set("profile", relayed.Get("profile"))
		}
	}
	return p
}

func (sh *shim) browserProfile(sock *socket) js.Value {
	origin := performance.Get("timeOrigin").Float()
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
	return prof
}

var performance = js.Global().Get("performance")
