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
	apiConnect  = "connectSocket"
	apiClose    = "closeSocket"
	apiSend     = "sendSocketMessage"
	apiTask     = "createSocketTask"
	apiRequest  = "request"
	apiDownload = "downloadFile"
	apiUpload   = "uploadFile"
)

// httpAPIs are the three HTTP APIs in the order of CONTRACT.apis (their
// domain lists, their glue strings).
var httpAPIs = [...]string{apiRequest, apiDownload, apiUpload}

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

// wx.request's reasons (NETWORK.md sections 1, 2 and 6), and the errno
// each carries from 2.24.0 (rules.SinceErrno). reasonBeforeResponse is
// followed by the URL; the glue writes it (a browser's fetch gives no
// reason). reasonTooBig is a choice: the spec's maxResponseBytes cap.
const (
	reasonStringify      = "fail to stringify data"
	reasonFunctionData   = "data should not be Function"
	reasonAbort          = "abort"
	reasonTooBig         = "exceed max response size"
	reasonBeforeResponse = "the request failed before a response (refused, TLS not trusted, CORS, or a network error): "
	reasonSSL            = "ssl hand shake error"
	reasonBrokenOff      = "the response broke off before its end: "
)

// wx.downloadFile's and wx.uploadFile's own reasons (NETWORK.md sections
// 3 and 4). reasonNoFile's doubled fail is the runtime's; reasonBadPath is
// a choice: a filePath the file table cannot hold, followed by it.
const (
	reasonFileTooBig = "exceed max file size"
	reasonNoFile     = "fail:file doesn't exist"
	reasonBadPath    = "invalid filePath: "
)

const (
	errnoParam       = 1001
	errnoIllegalHost = 101
	errnoTimeout     = 5
	errnoNetwork     = 600000 // choice: the general network error, for failures the spec gives no number
	errnoDomain      = 600002
	errnoInvalidURL  = 600009
	errnoData        = 600010
)

func illegalHostReason(host string) string { return "illegal host: " + host }

// paramObjectReason is WeChat's wording for an argument that is not an object.
func paramObjectReason(got string) string {
	return "parameter error: parameter should be Object instead of " + got + ";"
}

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

// paramStringsReason is the runtime's checker's message for the options
// of pairs (name, its type name, name, ...) that should be strings and are
// not: "parameter error: " and one "parameter.<name> should be String
// instead of <Actual>;" for each, with no separator; "" when all are.
func paramStringsReason(pairs []string) string {
	const head = "parameter error: "
	r := ""
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "String" {
			r += paramTypeReason(pairs[i], "String", pairs[i+1])[len(head):]
		}
	}
	if r == "" {
		return ""
	}
	return head + r
}

// badFileURLReason is why a file API's url fails when sent: empty, as the
// runtime's native side says it, or not an absolute http(s) URL (choice:
// wx.request's wording).
func badFileURLReason(url string) string {
	if url == "" {
		return "url is null or nil"
	}
	return invalidURLReason(url)
}

// paramReadMsgReason is paramReadReason with the exception's message
// as the glue read it.
func paramReadMsgReason(name, msg string) string {
	return "parameter error: parameter." + name + " could not be read: " + msg
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
		// The HTTP APIs' tasks (glue/task.js's msg): each API's ":ok"
		// message and ":fail " prefix, and the reasons put after it, by
		// kind. Constant expressions: built with okMsg and failMsg per API
		// and reason, the table cost the wasm 6 KB.
		apiRequest + "Ok", apiRequest + ":ok", apiRequest + "Fail", apiRequest + ":fail ",
		apiDownload + "Ok", apiDownload + ":ok", apiDownload + "Fail", apiDownload + ":fail ",
		apiUpload + "Ok", apiUpload + ":ok", apiUpload + "Fail", apiUpload + ":fail ",
		"Abort", reasonAbort, "Timeout", reasonTimeout, "TooBig", reasonTooBig, "FileTooBig", reasonFileTooBig,
		"BeforeResponse", reasonBeforeResponse, "SSL", reasonSSL, "BrokenOff", reasonBrokenOff, "NoFile", reasonNoFile,
	}
}

// callbacks are the success/fail/complete of one call; a value that is not a
// function is kept as undefined.
type callbacks struct {
	success, fail, complete js.Value
	// of, when set, is an object whose success, fail and complete they
	// are, read by the glue when it runs them (glue.outcomeOf): an HTTP
	// API's facts, from which Go would read them only to hand them back.
	of js.Value
}

// none says no callback was given (for those not read from an object:
// the socket APIs', whose promise form needs it).
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

// failErrno is failWith for the APIs whose fail carries errno from 2.24.0.
func (sh *shim) failErrno(where, msg string, errno int, cb callbacks) any {
	return sh.deliver(where, cb, false, sh.errnoObject(msg, errno), false, js.Undefined())
}

// errnoObject is {errMsg, errno}, or {errMsg} before 2.24.0 or for errno 0.
func (sh *shim) errnoObject(msg string, errno int) js.Value {
	o := errMsgObject(msg)
	if errno != 0 && sh.cfg.errno() {
		setNumber(o, "errno", errno)
	}
	return o
}

// taskFailMsg is the errMsg onError listeners get (never an Event, never {}).
func taskFailMsg(reason string) string { return failMsg(apiTask, reason) }
