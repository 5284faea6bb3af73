//go:build js && wasm

package main

import "testing"

// TestReliabilityHostileUse is what an adversarial run broke (issue 13):
// failed sends that held their payloads, rewrites that missed, timers that
// wrapped, quadratic listeners, state during onError, settings changed in
// place, refused sockets that counted.
func TestReliabilityHostileUse(t *testing.T) { runFile(t, "hostile_use.js") }
