//go:build js && wasm

package main

import (
	"syscall/js"
)

// The global API (spec section 4) acts on the bound socket. Its listener
// slots and wx.sendSocketMessage live in the glue; Go decides the binding.

// closeSocket closes the bound socket, then every other socket that
// connectSocket made (1000, no callbacks), then reports the bound one's result.
// early, when a boolean, is the Promise decision of a call queued before
// Go was ready (made then, with the version of then).
func (sh *shim) closeSocket(o, early js.Value) any {
	const where = "wx.closeSocket"
	opt := parseClose(sh, o)
	promise := sh.cfg.promises()
	if early.Type() == js.TypeBoolean {
		promise = early.Bool()
	}
	promise = promise && opt.cb.none()
	return sh.guard(where, apiClose, opt.cb, promise, func() any {
		failure := opt.failure
		if failure == "" {
			if b := sh.bound; b == nil || b.refused || b.rec.state() == stClosed {
				failure = reasonNotConnected
			} else {
				failure = sh.closeOne(b, opt)
			}
		}
		// Closing only starts here (events come later), so ranging over the
		// map while closing is safe and the order does not show.
		for _, s := range sh.sockets {
			if s != sh.bound {
				sh.closeOne(s, closeOptions{code: 1000})
			}
		}
		return sh.deliverClose(where, opt.cb, promise, failure)
	})
}

func (sh *shim) bind(sock *socket) {
	sh.bound = sock
	sh.glue.bind(sock.rec)
}

func (sh *shim) unbind() {
	sh.bound = nil
	sh.glue.unbind()
}
