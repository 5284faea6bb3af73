//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/text"
	"wxsocket/wasm/internal/jsx"
)

// wx.request's options, read once (NETWORK.md section 2). data is kept as
// the page gave it: the glue builds the body from it (bodies never pass
// through Go), and Go decides only which way.

type requestOptions struct {
	cb           callbacks
	argType      string // the argument's type name when it is not an Object ("" when it is)
	url          js.Value
	data         js.Value
	header       js.Value
	method       js.Value
	timeout      js.Value
	dataType     js.Value
	responseType js.Value
	chunked      bool // enableChunked === true
	cache        bool // enableCache === true
	noProfile    bool // enableProfile === false
	redirect     js.Value
	ignored      []string // given options a browser cannot honour
	readErr      error    // a property whose getter threw, with its name
	readName     string
}

// requestIgnored are the options a browser cannot honour: accepted, and
// warned about once each (README's table of differences).
var requestIgnored = []string{"enableHttp2", "enableQuic", "enableHttpDNS", "httpDNSServiceId",
	"forceCellularNetwork", "useHighPerformanceMode"}

func parseRequest(sh *shim, o js.Value) requestOptions {
	if o.IsUndefined() {
		return requestOptions{url: js.Undefined(), data: js.Undefined()} // wx.request(): as {}
	}
	if t := sh.glue.typeName(o); t != "Object" {
		return requestOptions{argType: t}
	}
	r := &optionReader{o: o}
	opt := requestOptions{cb: r.callbacks()}
	opt.url = r.get("url")
	opt.data = r.get("data")
	opt.header = r.get("header")
	opt.method = r.get("method")
	opt.timeout = r.get("timeout")
	opt.dataType = r.get("dataType")
	opt.responseType = r.get("responseType")
	opt.chunked = isTrue(r.get("enableChunked"))
	opt.cache = isTrue(r.get("enableCache"))
	opt.noProfile = isFalse(r.get("enableProfile"))
	opt.redirect = r.get("redirect")
	for _, k := range requestIgnored {
		if v := r.get(k); !v.IsUndefined() && !isFalse(v) {
			opt.ignored = append(opt.ignored, k)
		}
	}
	opt.readErr, opt.readName = r.readErr, r.readName
	return opt
}

func isTrue(v js.Value) bool  { return jsx.TypeOf(v) == js.TypeBoolean && v.Bool() }
func isFalse(v js.Value) bool { return jsx.TypeOf(v) == js.TypeBoolean && !v.Bool() }

// requestHeader is the header option as the runtime rewrites it: a
// non-object is {} (with a warning), values are strings (a number by
// String, anything else not a string by Object.prototype.toString), the
// key equal to content-type in any case is written in lower case (the last
// such key wins), and content-type defaults to application/json for every
// method. ok is false when the header was not an object.
func (sh *shim) requestHeader(h js.Value) (out []headerEntry, ok bool) {
	if !h.IsUndefined() && sh.glue.typeName(h) != "Object" {
		return []headerEntry{{"content-type", "application/json"}}, false
	}
	keys, _ := jsx.Keys(h, maxHeaderEntries)
	ct := -1
	for _, k := range keys {
		v, err := jsx.Get(h, k)
		if err != nil {
			continue
		}
		var s string
		switch jsx.TypeOf(v) {
		case js.TypeString:
			s = v.String()
		case js.TypeNumber:
			s = jsx.Message(v)
		default:
			s = "[object " + sh.glue.typeName(v) + "]"
		}
		if text.Lower(k) == "content-type" {
			if ct >= 0 {
				out[ct].value = s
				continue
			}
			k, ct = "content-type", len(out)
		}
		out = append(out, headerEntry{k, s})
	}
	if ct < 0 {
		out = append(out, headerEntry{"content-type", "application/json"})
	}
	return out, true
}
