//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

// SocketTask's methods (spec section 3). The glue's SocketTask class calls
// these with the task's id; send reaches Go only off the fast path.

func (sh *shim) taskOn(id, kind int, cb js.Value) {
	sock := sh.sockets[id]
	if sock == nil || !jsx.IsFunc(cb) || kind < 0 || kind > 3 {
		return // a closed task has dropped its listeners; a non-function is ignored
	}
	sock.listeners[kind] = append(sock.listeners[kind], cb)
	if kind == evMessage {
		sh.updateDispatch(sock)
	}
}

func (sh *shim) taskClose(id int, o js.Value) any {
	const where = "SocketTask.close"
	cb := readCallbacks(o)
	return sh.guard(where, apiClose, cb, false, func() any {
		opt := parseClose(o)
		if opt.failure != "" {
			return sh.failWith(where, failMsg(apiClose, opt.failure), cb, false)
		}
		sock := sh.sockets[id]
		if sock == nil {
			return sh.failWith(where, failMsg(apiClose, reasonTaskNotExist), cb, false)
		}
		return sh.deliverClose(where, cb, false, sh.closeOne(sock, opt))
	})
}

// closeOne closes sock with opt and returns the failure reason, or "".
func (sh *shim) closeOne(sock *socket, opt closeOptions) string {
	switch sock.state {
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
	if msg := sh.glue.Call("close", sock.s, opt.code, opt.reason, 1006).String(); msg != "" {
		return msg
	}
	setState(sock, stClosing)
	return ""
}

func (sh *shim) deliverClose(where string, cb callbacks, promise bool, failure string) any {
	if failure != "" {
		return sh.failWith(where, failMsg(apiClose, failure), cb, promise)
	}
	return sh.succeed(where, apiClose, cb, promise)
}

// sendSlow is every send the glue's fast path did not finish: a socket not
// open, data of another type, options that threw, or a browser send that threw.
func (sh *shim) sendSlow(global bool, id int, data js.Value, cb callbacks, readErr, sendErr js.Value) any {
	where := "SocketTask.send"
	if global {
		where = "wx.sendSocketMessage"
	}
	promise := global && sh.cfg.promises() && cb.none()
	return sh.guard(where, apiSend, cb, promise, func() any {
		fail := func(msg string) any { return sh.failWith(where, msg, cb, promise) }
		if !readErr.IsUndefined() {
			return fail(failMsg(apiSend, "parameter error: "+jsx.Message(readErr)))
		}
		var sock *socket
		if global {
			sock = sh.bound
		} else {
			sock = sh.sockets[id]
		}
		if sock == nil || sock.state != stOpen || sock.s.Get("ws").Get("readyState").Int() != stOpen {
			if global {
				return fail(failMsg(apiSend, reasonNotConnected))
			}
			return fail(taskNotOpenMsg())
		}
		if jsx.TypeOf(data) != js.TypeString && !sh.glue.Call("isAB", data).Bool() {
			return fail(failMsg(apiSend, reasonUnknownData))
		}
		if sendErr.IsUndefined() {
			if err := jsx.Try(func() { sock.s.Get("ws").Call("send", data) }); err != nil {
				return fail(failMsg(apiSend, err.Error()))
			}
		} else {
			return fail(failMsg(apiSend, jsx.Message(sendErr)))
		}
		return sh.succeed(where, apiSend, cb, promise)
	})
}
