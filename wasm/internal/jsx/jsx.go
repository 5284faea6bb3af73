//go:build js && wasm

// Package jsx is the one place where the shim touches syscall/js in ways that
// can go wrong: calls that may throw, and functions handed to JavaScript.
//
// Everything here follows two rules learned the hard way: a panic that
// escapes a js.FuncOf callback ends the Go runtime for good, and a JavaScript
// exception surfaces in Go as a panic of one of two unrelated types
// (js.Error from a throwing call, *js.ValueError from a type mismatch).
package jsx

import (
	"errors"
	"syscall/js"
)

// Try runs fn and returns any JavaScript exception or syscall/js type panic
// it raised as an error instead of letting it unwind further.
func Try(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = AsError(r)
		}
	}()
	fn()
	return nil
}

// AsError turns a recovered value into an error without assuming its type.
func AsError(r any) error {
	switch e := r.(type) {
	case js.Error:
		return errors.New(Message(e.Value))
	case *js.ValueError:
		return errors.New(e.Error())
	case error:
		return e
	case string:
		return errors.New(e)
	default:
		return errors.New("panic of an unknown kind")
	}
}

// Message gives the text of a thrown JavaScript value: its message for an
// Error, its string form for anything else.
func Message(v js.Value) string {
	if TypeOf(v) == js.TypeObject {
		if msg, err := Get(v, "message"); err == nil && TypeOf(msg) == js.TypeString {
			return msg.String()
		}
	}
	s, err := String(v)
	if err != nil {
		return "unprintable exception"
	}
	return s
}

var stringFn = js.Global().Get("String")

// String is String(v): a toString that throws, or a Symbol, is an error.
func String(v js.Value) (s string, err error) {
	err = Try(func() { s = stringFn.Invoke(v).String() })
	return s, err
}

var objectKeys = js.Global().Get("Object").Get("keys")

// Keys is Object.keys(o), its first max names (all of them for max < 0);
// a Proxy trap that throws, or a revoked Proxy, is an error.
func Keys(o js.Value, max int) ([]string, error) {
	var keys js.Value
	if err := Try(func() { keys = objectKeys.Invoke(o) }); err != nil {
		return nil, err
	}
	n := keys.Length()
	if max >= 0 && n > max {
		n = max
	}
	out := make([]string, n)
	for i := range out {
		out[i] = keys.Index(i).String()
	}
	return out, nil
}

// FuncOf wraps fn for JavaScript with a recover boundary: a panic inside is
// reported on the console and the call returns undefined, and the Go runtime
// lives on. name says in the report which function failed. The shim makes
// its js.Funcs once, at start, and never releases them.
func FuncOf(name string, fn func(this js.Value, args []js.Value) any) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) (ret any) {
		countCrossing()
		defer func() {
			if r := recover(); r != nil {
				Internal(name, r)
				ret = js.Undefined()
			}
		}()
		return fn(this, args)
	})
}

// Internal reports r, a panic recovered in where, with console.error, and
// returns it as an error. It never panics. It is the one report of both
// recover boundaries (FuncOf's and the API calls' guard), and is kept out
// of line so that neither carries a copy (wasm size).
//
//go:noinline
func Internal(where string, r any) error {
	err := AsError(r)
	msg := "wxshim: internal error in " + where + ": " + err.Error()
	_ = Try(func() { js.Global().Get("console").Call("error", msg) })
	return err
}

// ConsoleWarn writes msg with console.warn, and never panics.
func ConsoleWarn(msg string) {
	_ = Try(func() { js.Global().Get("console").Call("warn", msg) })
}

// reflectGet is Reflect.get. User objects are read through it with Invoke,
// never with js.Value.Get: wasm_exec.js wraps valueInvoke in try/catch but
// not valueGet, valueIndex or valueLength, so a getter or Proxy trap that
// throws inside those unwinds straight through the Go runtime and leaves it
// broken ("traceback did not unwind completely"), which no recover catches.
var reflectGet = js.Global().Get("Reflect").Get("get")

// Get reads o[key] of a user object; a getter or Proxy trap that throws
// gives undefined and the error. A primitive o has no properties here.
func Get(o js.Value, key string) (v js.Value, err error) {
	t := TypeOf(o)
	if t != js.TypeObject && t != js.TypeFunction {
		return js.Undefined(), nil
	}
	err = Try(func() { v = reflectGet.Invoke(o, key) })
	if err != nil {
		return js.Undefined(), err
	}
	return v, nil
}

var arrayIsArray = js.Global().Get("Array").Get("isArray")

// IsArray is Array.isArray(v); a revoked Proxy, on which it throws, is not one.
func IsArray(v js.Value) bool {
	var ok bool
	return Try(func() { ok = arrayIsArray.Invoke(v).Bool() }) == nil && ok
}

// Length reads a user array's length as Get does, or -1.
func Length(o js.Value) int {
	n, err := Get(o, "length")
	if err != nil || TypeOf(n) != js.TypeNumber {
		return -1
	}
	return n.Int()
}

// IsFunc reports whether v can be called.
func IsFunc(v js.Value) bool { return TypeOf(v) == js.TypeFunction }

// TypeBigInt is what TypeOf reports for a BigInt, which syscall/js has no
// Type for.
const TypeBigInt js.Type = 100

// TypeOf is v.Type() for values that came from user code: syscall/js panics
// on a BigInt ("bad type flag").
func TypeOf(v js.Value) (t js.Type) {
	defer func() {
		if recover() != nil {
			t = TypeBigInt
		}
	}()
	return v.Type()
}
