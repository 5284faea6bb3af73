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
		if sock.rec.state() != stConnecting {
			return
		}
		sock.opened = true
		sh.glue.opened(sock.rec, sh.cfg.openHeader(), sh.cfg.openProfile())
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
		if sock.rec.state() != stConnecting {
			return
		}
		sh.glue.detach(sock.rec)
		sh.glue.close(sock.rec, js.Undefined(), js.Undefined(), 1006)
		sh.failed(sock, reasonTimeout)
		sh.closed(sock, 1006, reasonTimeout)
	case kindDomainFail:
		sh.failed(sock, reasonNotInDomainList)
		sh.glue.retire(sock.rec)
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
	sh.glue.failed(sock.rec, taskFailMsg(reason))
}

// closed delivers onClose (readyState already CLOSED) and lets the socket go.
func (sh *shim) closed(sock *socket, code int, reason string) {
	sh.glue.closed(sock.rec, code, reason)
	sh.release(sock)
}

// gcEvery is how many finished sockets go by between forced Go GCs. Each
// js.Value Go receives (about 50 a socket) holds a slot in wasm_exec.js's
// value table until Go's GC finalizes it, and that table never shrinks:
// left to Go's own pacing (which sees only a few bytes of Go heap per
// socket) it grew to 52,000 slots, about 1 MB of JS heap, in 1,000
// connect/close cycles. A GC per 64 sockets keeps it to a few thousand.
const gcEvery = 64

// release drops a finished socket's binding and its slot (the glue has
// dropped its listeners).
func (sh *shim) release(sock *socket) {
	sh.finished++
	if sh.finished%gcEvery == 0 {
		runtime.GC()
	}
	delete(sh.sockets, sock.id)
	if sh.bound == sock {
		sh.unbind()
	}
}
