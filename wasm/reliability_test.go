//go:build js && wasm

package main

import "testing"

// The reliability suite: each test runs one testdata file that names its
// group (// @group), and group (reliability_helpers_test.go) prints the
// line RELIABILITY.md is written from, in the order of this file.

// Wrong types and hostile values across every function and setting.
func TestReliabilityBadInput(t *testing.T) { runFile(t, "bad_input.js") }

// Refused and dropped connections, closes right after open, 16 MiB
// messages, a slow echo and a flood: events once each, then a new socket.
func TestReliabilityFaults(t *testing.T) { runFile(t, "faults.js") }

// Look-alike, encoded and local URLs against a legal-domain list.
func TestReliabilityHostileURLs(t *testing.T) { runFile(t, "hostile_urls.js") }

// TestReliabilityHostileUse is what an adversarial run broke (issue 13):
// failed sends that held their payloads, rewrites that missed, timers that
// wrapped, quadratic listeners, state during onError, settings changed in
// place, refused sockets that counted.
func TestReliabilityHostileUse(t *testing.T) { runFile(t, "hostile_use.js") }

// Many messages, many sockets, many calls: none lost or reordered.
func TestReliabilityLoad(t *testing.T) { runFile(t, "load_order.js") }

// Callbacks that throw, call back into the shim, close or reconnect.
func TestReliabilityCallbacks(t *testing.T) { runFile(t, "misbehaving_callbacks.js") }

// TestReliabilityHostileUseSecondRun is what a second adversarial run broke
// (issue 19): a reconnect loop that ended the Go runtime, settings stored
// as given, a relay off this machine given the secret, the relay handed
// the raw URL, the page's warnings used up by one header.
func TestReliabilityHostileUseSecondRun(t *testing.T) { runFile(t, "hostile_second.js") }

// wx.request under hostile use (NETWORK.md sections 1, 2): wrong types,
// unreadable options, header injection, 10,000 queued requests, abort
// storms, URL variants against the legal domains, bodies over the cap.
func TestReliabilityHostileRequests(t *testing.T) { runFile(t, "request_hostile.js") }
