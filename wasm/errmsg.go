//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/text"
)

// This file is the only one that writes ":ok" or ":fail", and the only Go
// code that decides success/fail/complete (the glue runs them: deliver).
// The glue's send path, which never enters Go, picks its messages from the
// table glueStrings hands it. Every string below is pinned by a test.

const (
	apiConnect = "connectSocket"
	apiClose   = "closeSocket"
	apiSend    = "sendSocketMessage"
	apiTask    = "createSocketTask"
)

// Failure reasons, as WeChat words them (spec sections 2 to 4).
const (
	reasonNotInDomainList = "url not in domain list"
	reasonNotConnected    = "WebSocket is not connected"
	reasonUnknownData     = "unknown data"
	reasonTaskNotExist    = "taskID not exist"
	reasonBadCode         = "The code must be either 1000, or between 3000 and 4999"
	reasonLongReason      = "The close reason must not be greater than 123 UTF-8 bytes"
	reasonTimeout         = "timeout"
	reasonInternal        = "internal error: "
)

func okMsg(api string) string            { return api + ":ok" }
func failMsg(api, reason string) string  { return api + ":fail " + reason }
func taskNotOpenMsg() string             { return "SocketTask.send:fail SocketTask.readyState is not OPEN" }
func invalidURLReason(url string) string { return `invalid url "` + url + `"` }
func maxConnReason(n int) string         { return "fail reach max websocket connect count " + text.Itoa(n) }

// paramTypeReason is WeChat's wording for an option of the wrong type: want
// is String or Array, got the type JavaScript names.
func paramTypeReason(name, want, got string) string {
	return "parameter error: parameter." + name + " should be " + want + " instead of " + got + ";"
}

func paramReadReason(name string, err error) string {
	return "parameter error: parameter." + name + " could not be read: " + err.Error()
}

// glueStrings are the messages the glue's send path and its early tasks
// choose from, as name, message pairs. The send failures it words alone
// carry the exception's message after the prefixes.
func glueStrings() []string {
	return []string{
		"sendOk", okMsg(apiSend),
		"sendNotOpen", taskNotOpenMsg(),
		"sendNotConnected", failMsg(apiSend, reasonNotConnected),
		"sendUnknownData", failMsg(apiSend, reasonUnknownData),
		"sendParamError", failMsg(apiSend, "parameter error: "),
		"sendFail", failMsg(apiSend, ""),
		"closeNoTask", failMsg(apiClose, reasonTaskNotExist),
	}
}

// callbacks are the success/fail/complete of one call; a value that is not a
// function is kept as undefined.
type callbacks struct {
	success, fail, complete js.Value
}

func (c callbacks) none() bool {
	return c.success.IsUndefined() && c.fail.IsUndefined() && c.complete.IsUndefined()
}

// deliver is the outcome of one call: Go returns it, and the glue runs
// success or fail, then complete, with res once Go has returned (or, with
// promise set and no callback given, returns a Promise that settles with
// res). value is what the call returns to the page after its callbacks
// (the SocketTask), or undefined. where names the API in console reports.
//
// The callbacks run after Go has returned so that one that calls the API
// again nests JavaScript frames only: run from inside Go, a reconnect loop
// in fail nested a JS->Go->JS round per try and overflowed the wasm stack
// at depth 376, which ended the Go runtime for good (issue 19).
func (sh *shim) deliver(where string, cb callbacks, ok bool, res js.Value, promise bool, value js.Value) any {
	return sh.glue.outcome(where, cb, ok, res, promise, value)
}

func (sh *shim) succeed(where, api string, cb callbacks, promise bool) any {
	return sh.deliver(where, cb, true, errMsgObject(okMsg(api)), promise, js.Undefined())
}

func (sh *shim) failWith(where, msg string, cb callbacks, promise bool) any {
	return sh.deliver(where, cb, false, errMsgObject(msg), promise, js.Undefined())
}

// taskFailMsg is the errMsg onError listeners get (never an Event, never {}).
func taskFailMsg(reason string) string { return failMsg(apiTask, reason) }
