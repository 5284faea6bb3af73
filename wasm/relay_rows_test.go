//go:build js && wasm

package main

import "testing"

// Spec section 7, the relay (RELAY is set by the native runner). Apart from
// spec_test.go: these rows set the relay themselves, so they are not among
// the rows run again with every socket through it.
func TestRelay(t *testing.T) { runFile(t, "relay.js") }
