// Package rules holds every rule that the shim (wasm/), the relay (relay/),
// wxserve and wxrun share, each written once: the legal-domain checks
// (domain.go), loopback, LAN and host names (host.go), the handshake's
// reserved headers, the phone's Referer and its appid, and the token rule
// for subprotocols and header names (header.go), and base-library
// versions with the version each behaviour starts at (version.go).
//
// It has no build tags, so its tests run natively, in milliseconds,
// tables and properties checked against the standard library. It is
// linked into the wasm, where size is counted: it uses internal/text, never
// strings, strconv, fmt or net/url (deps_test.go holds the wasm to that).
//
// Two rules must also run in the glue, before or without a call into Go:
// version parsing with the promise gate (calls queued before Go is ready
// decide on them) and the subprotocol token rule (it predicts the WebSocket
// constructor's refusal). This package is their home; the shim checks
// the glue's copies against it when it starts (wasm/contract.go:
// VersionProbes, TokenProbes, SincePromises, DefaultVersion), so a copy
// that drifts stops every page, and every browser test, at once.
package rules
