//go:build js && wasm

package main

import (
	"syscall/js"
)

// SocketTask.close (spec section 3). The glue's SocketTask class runs send
// and the on* listeners alone; close comes here with the task's id.

func (sh *shim) taskClose(id int, o js.Value) any {
	const where = "SocketTask.close"
	opt := parseClose(sh, o)
	return sh.guard(where, apiClose, opt.cb, false, func() any {
		if opt.failure != "" {
			return sh.failWith(where, failMsg(apiClose, opt.failure), opt.cb, false)
		}
		sock := sh.sockets[id]
		if sock == nil {
			return sh.failWith(where, failMsg(apiClose, reasonTaskNotExist), opt.cb, false)
		}
		return sh.deliverClose(where, opt.cb, false, sh.closeOne(sock, opt))
	})
}

// closeOne closes sock with opt and returns the failure reason, or "".
func (sh *shim) closeOne(sock *socket, opt closeOptions) string {
	if sock.refused {
		return reasonTaskNotExist // it never had a connection to close
	}
	switch sock.rec.state() {
	case stConnecting:
		// The seed's warning: on a phone, close before open does nothing and
		// the socket still opens. closeBeforeOpen = "browser" aborts instead.
		if !sh.cfg.browserClose {
			return reasonTaskNotExist
		}
	case stClosing:
		return ""
	case stClosed:
		return reasonTaskNotExist
	}
	return sh.glue.close(sock.rec, opt.code, opt.reason, 1006)
}

func (sh *shim) deliverClose(where string, cb callbacks, promise bool, failure string) any {
	if failure != "" {
		return sh.failWith(where, failMsg(apiClose, failure), cb, promise)
	}
	return sh.succeed(where, apiClose, cb, promise)
}
