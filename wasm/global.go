//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

// The global API (spec section 4): one listener slot per event, acting on
// the bound socket.

func (sh *shim) onGlobal(kind int, cb js.Value) {
	if kind < 0 || kind > 3 || !jsx.IsFunc(cb) {
		return // a non-function is ignored, as on a phone
	}
	sh.slots[kind] = cb
	if kind == evMessage && sh.bound != nil {
		sh.updateDispatch(sh.bound)
	}
}

// closeSocket closes the bound socket, then every other socket that
// connectSocket made (1000, no callbacks), then reports the bound one's result.
func (sh *shim) closeSocket(o js.Value) any {
	const where = "wx.closeSocket"
	cb := readCallbacks(o)
	promise := sh.cfg.promises() && cb.none()
	return sh.guard(where, apiClose, cb, promise, func() any {
		opt := parseClose(o)
		failure := opt.failure
		if failure == "" {
			if b := sh.bound; b == nil || b.state == stClosed {
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
		return sh.deliverClose(where, cb, promise, failure)
	})
}
