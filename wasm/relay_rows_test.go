//go:build js && wasm

package main

import "testing"

// Spec section 7, the relay (RELAY is set by the native runner). Apart from
// spec_test.go: these rows set the relay themselves, so they are not among
// the rows run again with every socket through it.
func TestRelay(t *testing.T) { runFile(t, "relay.js") }

// NETWORK.md section 6, wx.request through the relay: what only the relay
// can do (these rows set it themselves).
func TestRequestRelay(t *testing.T) { runFile(t, "request_relay.js") }

// NETWORK.md section 6, wx.request from the page alone: what a browser
// cannot do. Apart from spec_test.go, so that the relay pass, which sends
// every request through the relay, does not run them.
func TestRequestPage(t *testing.T) { runFile(t, "request_page.js") }

// NETWORK.md section 1, the queue of 10 with 10 requests in flight at once.
// Apart from spec_test.go: through the relay every request goes to one
// host, where a browser keeps at most 6 in flight (section 6), so these rows
// cannot see the shim's queue there (request_inflight.js says more).
func TestRequestInFlight(t *testing.T) { runFile(t, "request_inflight.js") }
