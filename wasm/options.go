//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

// Options are read from the caller's object once, each property through
// jsx.Get so that getters and Proxy traps that throw become a fail, not a
// thrown exception.

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func funcOrUndefined(v js.Value) js.Value {
	if jsx.IsFunc(v) {
		return v
	}
	return js.Undefined()
}

func readCallbacks(o js.Value) callbacks {
	s, _ := jsx.Get(o, "success")
	f, _ := jsx.Get(o, "fail")
	c, _ := jsx.Get(o, "complete")
	return callbacks{funcOrUndefined(s), funcOrUndefined(f), funcOrUndefined(c)}
}

type connectOptions struct {
	url       js.Value
	header    js.Value
	protocols js.Value // undefined or an Array
	timeout   float64  // 0 when not given
	hasMethod bool
	hasData   bool
	readErr   error // a property whose getter threw, with its name
	readName  string
}

func parseConnect(o js.Value) connectOptions {
	var opt connectOptions
	get := func(name string) js.Value {
		v, err := jsx.Get(o, name)
		if err != nil && opt.readErr == nil {
			opt.readErr, opt.readName = err, name
		}
		return v
	}
	opt.url = get("url")
	opt.header = get("header")
	opt.protocols = get("protocols")
	if t := get("timeout"); jsx.TypeOf(t) == js.TypeNumber {
		if f := t.Float(); f > 0 && f < 1e12 {
			opt.timeout = f
		}
	}
	opt.hasMethod = !get("method").IsUndefined()
	opt.hasData = !get("data").IsUndefined()
	return opt
}

type closeOptions struct {
	code    int // 1000 when not given
	reason  string
	failure string // a validation failure, already worded
}

func parseClose(o js.Value) closeOptions {
	opt := closeOptions{code: 1000}
	c, err := jsx.Get(o, "code")
	if err != nil {
		opt.failure = paramReadReason("code", err)
		return opt
	}
	r, err := jsx.Get(o, "reason")
	if err != nil {
		opt.failure = paramReadReason("reason", err)
		return opt
	}
	if !c.IsUndefined() {
		if jsx.TypeOf(c) != js.TypeNumber {
			opt.failure = reasonBadCode
			return opt
		}
		f := c.Float()
		if f != 1000 && !(f >= 3000 && f <= 4999) || f != float64(int(f)) {
			opt.failure = reasonBadCode
			return opt
		}
		opt.code = int(f)
	}
	if !r.IsUndefined() {
		if jsx.TypeOf(r) != js.TypeString {
			opt.failure = "parameter error: parameter.reason should be String instead of " + typeName(r) + ";"
			return opt
		}
		opt.reason = r.String()
		if len(opt.reason) > 123 {
			opt.failure = reasonLongReason
		}
	}
	return opt
}
