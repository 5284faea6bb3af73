//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/rules"
	"wxsocket/internal/text"
)

// wx.downloadFile and wx.uploadFile (NETWORK.md sections 3 and 4): as for
// wx.request, Go makes every synchronous decision (the parameter checks,
// the methods each version has, the timeout, the cap, the filePath) and
// hands the glue a plan; the glue owns the task from then on, on the same
// task base, queue (one per API), transports and domain check
// (requestSend, with the API's own list) as wx.request's. The file table
// and every body live in the glue (glue/files.js, glue/transfer.js).

// transferOptions are the facts the glue read of the argument
// (glue.readTransfer): types and strings, and what Go warns about.
type transferOptions struct {
	httpFacts
	filePathType string // filePath's type name; filePath, String(filePath) when it is String
	filePath     string
	nameType     string // name's type name (uploadFile)
	formDataOK   bool   // formData was an object, or not given (uploadFile)
}

// transferPlan is what the glue needs, beyond the facts, to make one task.
type transferPlan struct {
	url     string  // the facts' url (the glue has it)
	flags   int     // flag* (contract.go)
	timeout float64 // ms
	max     float64 // maxDownloadBytes
	path    string  // the download's filePath ("": a temporary file), the upload's file
	fail    string  // "", or the errMsg the task fails with when sent (a filePath refused)
}

// transfer is wx.downloadFile (upload false) or wx.uploadFile.
func (sh *shim) transfer(o js.Value, upload bool) any {
	api, where := apiDownload, "wx.downloadFile"
	if upload {
		api, where = apiUpload, "wx.uploadFile"
	}
	opt := sh.glue.readTransfer(o, upload)
	return sh.guard(where, api, opt.cb, false, func() any {
		if reason := transferParams(opt, upload); reason != "" {
			return sh.failErrno(where, failMsg(api, reason), errnoParam, opt.cb)
		}
		sh.warnTransfer(api, opt, upload)
		plan, api := sh.planTransfer(opt, upload), 1
		if upload {
			api = 2
		}
		return sh.glue.newTransfer(opt.facts, upload, plan, sh.presend(opt.httpFacts, api))
	})
}

// transferParams is the synchronous check: the argument, then url's type
// (a download checks nothing else), then an upload's filePath and name,
// their messages concatenated as the runtime's checker does.
func transferParams(opt transferOptions, upload bool) string {
	switch {
	case opt.argType != "":
		return paramObjectReason(opt.argType)
	case opt.readName != "":
		return paramReadMsgReason(opt.readName, opt.readMsg)
	}
	n := 2
	if upload {
		n = 6
	}
	pairs := [...]string{"url", opt.urlType, "filePath", opt.filePathType, "name", opt.nameType}
	return paramStringsReason(pairs[:n])
}

// transferGates are the task's flags the version alone decides: the
// methods (NETWORK.md section 1), errno, cookies and the download's profile.
var transferGates = []gate{
	{&rules.SinceErrno, flagErrno}, {&rules.SinceCookies, flagCookies}, {&rules.SinceRequestProfile, flagProfile},
	{&rules.SinceRequestAbort, flagAbort}, {&rules.SinceHeadersReceived, flagHeaders},
	{&rules.SinceTransferProgress, flagProgress}, {&rules.SinceOffProgress, flagOffProgress},
	{&rules.SinceSharedTask, flagChunks},
}

// planTransfer makes the plan of a call that passed the check. A
// download's filePath (from 1.8.0; ignored before) must be a path the
// file table takes (validFilePath); another fails the task when it is
// sent, before any network (choice: the runtime's native side refuses it
// then).
func (sh *shim) planTransfer(opt transferOptions, upload bool) transferPlan {
	setting := sh.cfg.downloadTimeout
	if upload {
		setting = sh.cfg.uploadTimeout
	}
	p := transferPlan{url: opt.url, flags: sh.cfg.gateFlags(transferGates), max: sh.cfg.maxDownloadBytes,
		timeout: sh.timeoutOf(opt.timeout, setting)}
	if upload {
		p.path = opt.filePath
		return p
	}
	if opt.filePathType == "Undefined" || !sh.cfg.version.AtLeast(rules.SinceFilePath) {
		return p
	}
	if opt.filePathType == "String" && validFilePath(opt.filePath) {
		p.path = opt.filePath
		return p
	}
	shown := opt.filePath
	if opt.filePathType != "String" {
		shown = "<" + opt.filePathType + ">"
	}
	p.fail = failMsg(apiDownload, reasonBadPath+clip(shown))
	return p
}

// validFilePath says whether a download may be stored under path (choice,
// NETWORK.md section 5): "wxfile://" then names separated by "/", none
// empty, "." or "..", with no "\" or control character, at most 1024
// bytes: the phone's own paths (wxfile://tmp_..., and wx.env.USER_DATA_PATH,
// wxfile://usr, with what follows it). Another scheme (http:, file:, blob:)
// is refused: the table holds the page's files, not the browser's.
func validFilePath(path string) bool {
	const scheme = "wxfile://"
	if len(path) > 1024 || !text.HasPrefix(path, scheme) {
		return false
	}
	for _, seg := range text.Split(path[len(scheme):], '/') {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
		for i := 0; i < len(seg); i++ {
			if c := seg[i]; c < 0x20 || c == 0x7f || c == '\\' {
				return false
			}
		}
	}
	return true
}

// warnTransfer says, once each, what the runtime warns of (an upload's
// header or formData that is not an object: dropped) and what a browser
// cannot send.
func (sh *shim) warnTransfer(api string, opt transferOptions, upload bool) {
	if !opt.headerOK {
		sh.warnOnce(api+"-header-type", api+": header must be an object")
	}
	if upload && !opt.formDataOK {
		sh.warnOnce(api+"-formData-type", api+": formData must be an object")
	}
	sh.warnHeaders(api, opt.headerNames)
}
