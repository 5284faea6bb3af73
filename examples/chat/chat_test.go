package chat

import (
	"net/http/httptest"
	"slices"
	"testing"

	"wxsocket/wxrun"
)

// One browser for every test of this package.
func TestMain(m *testing.M) { wxrun.Main(m) }

// TestMiniProgramClient runs the mini-program client module against this
// server in headless Chromium: the server is an ordinary httptest TLS
// server; wxrun maps chat.example.com to it and trusts its certificate.
func TestMiniProgramClient(t *testing.T) {
	hub := NewHub()
	srv := httptest.NewTLSServer(hub)
	defer srv.Close()

	wxrun.Run(t, wxrun.Script{
		File:     "chat.test.mjs",
		Root:     "..", // the script requires ../socket/socket.js
		Server:   srv,
		Host:     "chat.example.com",
		Settings: wxrun.Settings{LibVersion: "2.10.4"},
	})

	// What the server saw, checked on the Go side.
	log := hub.Log()
	for _, want := range []string{"alice: hello bob", "restart by alice", "bob: back again", "kick bob by alice"} {
		if !slices.Contains(log, want) {
			t.Errorf("the server's log has no %q:\n%v", want, log)
		}
	}
	if n := count(log, "join bob"); n != 2 {
		t.Errorf("bob joined %d times, want 2 (once more after the restart):\n%v", n, log)
	}
}

// TestRefusedName: the server's own checks reach the script as a phone
// would see them: a refused handshake, then the client's retries.
func TestRefusedName(t *testing.T) {
	srv := httptest.NewTLSServer(NewHub())
	defer srv.Close()
	wxrun.Run(t, wxrun.Script{
		Name: "refused name",
		Source: `
const socket = require("../socket/socket.js");
const assert = require("../socket/assert.js");
socket.connect({
  url: "wss://chat.example.com/chat?name=NOT_VALID",
  maxRetries: 1,
  minDelay: 10,
  onState(state, info) {
    if (state === "failed") assert(/createSocketTask:fail/.test(info.errMsg), info.errMsg);
  },
});`,
		Root:     "..",
		Server:   srv,
		Host:     "chat.example.com",
		Settings: wxrun.Settings{LibVersion: "2.10.4"},
	})
}

// TestToken: a server that authenticates the handshake with a header,
// which a browser's WebSocket cannot send: through the relay it arrives,
// as from a phone. A wrong token is refused with the server's status.
func TestToken(t *testing.T) {
	hub := NewHub()
	hub.Tokens = map[string]string{"alice": "a1"}
	srv := httptest.NewTLSServer(hub)
	defer srv.Close()
	wxrun.Run(t, wxrun.Script{
		Name: "token",
		Source: `
const socket = require("../socket/socket.js");
const assert = require("../socket/assert.js");
const good = socket.connect({
  url: "wss://chat.example.com/chat?name=alice",
  header: {Authorization: "Bearer a1"},
  onMessage(data) { if (JSON.parse(data).text === "alice joined") good.close(); },
});
socket.connect({
  url: "wss://chat.example.com/chat?name=alice",
  header: {Authorization: "Bearer wrong"},
  maxRetries: 0,
  onState(state, info) {
    if (state === "failed") assert(/HTTP 401/.test(info.errMsg), "the refusal says why: " + info.errMsg);
  },
});`,
		Root:     "..",
		Server:   srv,
		Host:     "chat.example.com",
		Relay:    true,
		Settings: wxrun.Settings{LibVersion: "2.10.4"},
	})
	if log := hub.Log(); !slices.Contains(log, "join alice") {
		t.Errorf("alice did not get in: %v", log)
	}
}

func count(log []string, s string) int {
	n := 0
	for _, l := range log {
		if l == s {
			n++
		}
	}
	return n
}
