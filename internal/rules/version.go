package rules

import (
	"unicode/utf8"

	"wxsocket/internal/text"
)

// Version is a WeChat base-library version, [major, minor, patch]. The
// shim emulates one (the libVersion setting); each behaviour that changed
// over the versions is gated on the version it starts at.
type Version [3]int

// AtLeast reports whether v is w or later.
func (v Version) AtLeast(w Version) bool {
	for i := range v {
		if v[i] != w[i] {
			return v[i] > w[i]
		}
	}
	return true
}

// DefaultVersion is the version emulated when libVersion is not set: the
// API the seed documents. The glue's CONTRACT.defaultVersion, which the
// pre-ready queue needs before Go runs, is checked against it at start.
var DefaultVersion = Version{1, 6, 0}

// The version each behaviour starts at (SOCKET.md section 1, NETWORK.md
// section 1), as wx.canIUse would answer. The glue's CONTRACT.gates holds
// SincePromises too (the pre-ready queue decides on it), checked at start.
var (
	SinceProtocols   = Version{1, 4, 0}  // connectSocket's protocols option
	SinceMultiSocket = Version{1, 7, 0}  // SocketTask, maxConnections; before it one socket replaces the last
	SinceOpenHeader  = Version{2, 0, 0}  // onOpen's header
	SinceTimeout     = Version{2, 10, 0} // the timeout option
	SincePromises    = Version{2, 10, 2} // send and close return a Promise when given no callback
	SinceOpenProfile = Version{2, 10, 4} // onOpen's profile
	SinceRequestLAN  = Version{2, 4, 0}  // LAN addresses pass the HTTP APIs' legal-domain check
)

// wx.request's gates (NETWORK.md sections 1 and 2). Its timeout option
// starts with SinceTimeout, as connectSocket's does.
var (
	SinceRequestAbort    = Version{1, 4, 0}  // RequestTask.abort
	SinceResponseType    = Version{1, 7, 0}  // the responseType option
	SinceHeadersReceived = Version{2, 1, 0}  // RequestTask.on/offHeadersReceived
	SinceCookies         = Version{2, 10, 0} // res.cookies
	SinceRequestProfile  = Version{2, 10, 4} // res.profile
	SinceChunkReceived   = Version{2, 20, 1} // RequestTask.on/offChunkReceived
	SinceEnableChunked   = Version{2, 20, 2} // the enableChunked option
	SinceErrno           = Version{2, 24, 0} // errno on every fail result
	SinceSharedTask      = Version{2, 30, 3} // the runtime's shared task class: on/offProgressUpdate on RequestTask too
	SinceRedirectOption  = Version{3, 2, 2}  // the redirect option ("follow" | "manual")
)

// ParseVersion reads a version setting: "a.b.c" with one to three parts
// of one to five ASCII digits ("2.10" is 2.10.0), white space around it
// allowed (JavaScript's, as String.prototype.trim removes it). It is
// the glue's parseVersion, which the pre-ready queue runs before Go does;
// the shim checks the two agree on VersionProbes at start.
func ParseVersion(s string) (Version, bool) {
	var v Version
	parts := text.Split(trimJS(s), '.')
	if len(parts) > 3 {
		return v, false
	}
	for i, p := range parts {
		n, ok := text.Atoi(p, 10)
		if !ok || len(p) > 5 {
			return v, false
		}
		v[i] = n
	}
	return v, true
}

// trimJS is String.prototype.trim: it removes JavaScript's white space and
// line terminators from both ends.
func trimJS(s string) string {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !isJSSpace(r) {
			break
		}
		s = s[n:]
	}
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if !isJSSpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// isJSSpace is ECMAScript's WhiteSpace and LineTerminator: tab, VT, FF, the
// Unicode Space_Separator characters, ZWNBSP, LF, CR, LS and PS.
func isJSSpace(r rune) bool {
	switch {
	case r == ' ' || '\t' <= r && r <= '\r':
		return true
	case r < 0xa0:
		return false
	}
	return r == 0xa0 || r == 0x1680 || 0x2000 <= r && r <= 0x200a || r == 0x2028 || r == 0x2029 ||
		r == 0x202f || r == 0x205f || r == 0x3000 || r == 0xfeff
}

// VersionProbes are inputs on which the glue's parseVersion must answer as
// ParseVersion does, each way a version can be read otherwise, joined by
// ProbeSep; VersionAnswers is what ParseVersion answers, as JavaScript
// joins the glue's: "2,10,4" for [2, 10, 4], "" for null, joined by "|".
// The shim compares at start (wasm/contract.go); TestProbes keeps the
// answers in step with ParseVersion.
const (
	VersionProbes = "2.10.4¦1¦2.10¦0.0.0¦99999.0.00001¦ 2.10.4 ¦\t1.7.0\n¦\u00a02.0.0\u3000¦\ufeff1.4.0\u2028¦" +
		"\u20091.7\u205f¦\u16801.2\u2029¦\v1\f¦\r1.0\u202f¦100000¦1.2.3.4¦¦ ¦.¦1.¦.1¦1..2¦\u0085 1.7¦\u200b1.7¦" +
		"\u180e1.7¦+1.7¦-1.7¦1e3¦0x10¦1 .7¦1. 7¦１.７¦1_0.0"
	VersionAnswers = "2,10,4|1,0,0|2,10,0|0,0,0|99999,0,1|2,10,4|1,7,0|2,0,0|1,4,0|1,7,0|1,2,0|1,0,0|1,0,0|" +
		"||||||||||||||||||"
)

// ProbeSep separates the probes: no probe holds it.
const ProbeSep = "¦"
