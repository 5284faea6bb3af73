//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

// Options are read from the caller's object once, into one struct, each
// property through jsx.Get so that getters and Proxy traps that throw
// become a fail, not a thrown exception.

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

// optionReader reads properties of one options object and keeps the first
// read that threw, with the property's name.
type optionReader struct {
	o        js.Value
	readErr  error
	readName string
}

func (r *optionReader) get(name string) js.Value {
	v, err := jsx.Get(r.o, name)
	if err != nil && r.readErr == nil {
		r.readErr, r.readName = err, name
	}
	return v
}

// callbacks reads success, fail and complete. A getter that throws leaves
// that callback out and the call goes on (the send path, in the glue, fails
// instead: there the callbacks are read with data, in one try).
func (r *optionReader) callbacks() callbacks {
	c := callbacks{}
	for _, p := range []struct {
		dst  *js.Value
		name string
	}{{&c.success, "success"}, {&c.fail, "fail"}, {&c.complete, "complete"}} {
		v, _ := jsx.Get(r.o, p.name)
		*p.dst = funcOrUndefined(v)
	}
	return c
}

// headerEntry is one header option entry, its value as String() gives it.
type headerEntry struct{ name, value string }

type connectOptions struct {
	cb        callbacks
	url       js.Value
	header    []headerEntry
	protocols js.Value // as given: checked by sh.protocols
	timeout   float64  // 0 when not given
	ignored   []string // given options a browser cannot honour (method, data, tcpNoDelay...)
	readErr   error    // a property whose getter threw, with its name
	readName  string
}

// maxHeaderEntries bounds what is read of a header option: the relay takes
// 16 KiB of headers in all.
const maxHeaderEntries = 1000

func parseConnect(o js.Value) connectOptions {
	r := &optionReader{o: o}
	opt := connectOptions{cb: r.callbacks()}
	opt.url = r.get("url")
	opt.header = readHeader(r.get("header"))
	opt.protocols = r.get("protocols")
	if t := r.get("timeout"); jsx.TypeOf(t) == js.TypeNumber {
		if f := t.Float(); f > 0 && f <= maxTimeout {
			opt.timeout = f
		}
	}
	for _, k := range []string{"method", "data", "tcpNoDelay", "perMessageDeflate", "forceCellularNetwork"} {
		if !r.get(k).IsUndefined() {
			opt.ignored = append(opt.ignored, k)
		}
	}
	opt.readErr, opt.readName = r.readErr, r.readName
	return opt
}

// readHeader reads a header object's own enumerable entries, values as
// String() gives them; entries whose getter or toString throws are left out.
func readHeader(h js.Value) []headerEntry {
	if jsx.TypeOf(h) != js.TypeObject {
		return nil
	}
	keys, err := jsx.Keys(h, maxHeaderEntries)
	if err != nil {
		return nil
	}
	out := make([]headerEntry, 0, len(keys))
	for _, k := range keys {
		v, err := jsx.Get(h, k)
		if err != nil {
			continue
		}
		s, err := jsx.String(v)
		if err != nil {
			continue
		}
		out = append(out, headerEntry{k, s})
	}
	return out
}

type closeOptions struct {
	cb      callbacks
	code    int // 1000 when not given
	reason  string
	failure string // a validation failure, already worded
}

func parseClose(sh *shim, o js.Value) closeOptions {
	r := &optionReader{o: o}
	opt := closeOptions{cb: r.callbacks(), code: 1000}
	c, rs := r.get("code"), r.get("reason")
	if r.readErr != nil {
		opt.failure = paramReadReason(r.readName, r.readErr)
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
	if !rs.IsUndefined() {
		if jsx.TypeOf(rs) != js.TypeString {
			opt.failure = paramTypeReason("reason", "String", sh.glue.typeName(rs))
			return opt
		}
		opt.reason = rs.String()
		if len(opt.reason) > 123 {
			opt.failure = reasonLongReason
		}
	}
	return opt
}
