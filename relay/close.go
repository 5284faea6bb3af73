//go:build !js

package relay

import (
	"context"
	"encoding/json"
	"net"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"
)

// Close codes the relay gives a page it refuses (relay protocol, step 4).
const (
	StatusMalformed    websocket.StatusCode = 4400 // not JSON, wrong types, no url
	StatusBadSecret    websocket.StatusCode = 4401 // missing or wrong secret
	StatusNoFirstFrame websocket.StatusCode = 4408 // no first message before the deadline
	StatusTooBig       websocket.StatusCode = 4413 // first message or header total over 16 KiB
	StatusRefused      websocket.StatusCode = 4422 // not ws/wss, CR/LF/NUL, bad appid
	StatusDialFailed   websocket.StatusCode = 4502 // refused, DNS, TLS, HTTP status
)

// closeTimeout bounds a close handshake. coder/websocket waits 5 s to write
// a close frame and 5 s for the answer, but not while it skips the rest of a
// frame the peer stopped sending; past this, the connection is cut.
const closeTimeout = 11 * time.Second

// maxCloseReason is the room for a reason in a close frame.
const maxCloseReason = 123

// side is one end of a relayed connection: the WebSocket, and the network
// connection under it, which the relay can always cut.
type side struct {
	c    *websocket.Conn
	raw  net.Conn
	cork *corkConn // under c; nil when writes cannot be gathered
}

// refusal is why the relay will not act for a page.
type refusal struct {
	code   websocket.StatusCode
	reason string
}

// failedFrame tells the page the connection will not open, and why.
type failedFrame struct {
	Type   string `json:"type"` // "failed"
	Reason string `json:"reason"`
}

// refuse sends the page a "failed" message, then closes with the code.
func (s *side) refuse(r *refusal) {
	if err := s.writeJSON(failedFrame{"failed", r.reason}); err != nil {
		s.drop()
		return
	}
	s.close(r.code, r.reason)
}

// close performs the close handshake with this code and reason (truncated
// to what a close frame holds); code 1005 sends a close frame with no
// payload. The connection is cut if the handshake does not end in time.
func (s *side) close(code websocket.StatusCode, reason string) {
	cut := time.AfterFunc(closeTimeout, s.cut)
	defer cut.Stop()
	s.c.Close(code, truncate(reason, maxCloseReason))
}

// drop ends the connection without a close frame, as a lost connection
// ends: the browser reports 1006.
func (s *side) drop() {
	s.cut()
	s.c.CloseNow()
}

// cut closes the network connection. Under TLS, the connection under the
// corkConn goes first: crypto/tls's Close sends a close_notify alert, which
// would wait (up to 5 s) behind a corked write the peer is not reading.
func (s *side) cut() {
	if s.cork != nil {
		s.cork.Conn.Close()
	}
	s.raw.Close()
}

// writeJSON sends v as one text message.
func (s *side) writeJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), closeTimeout)
	defer cancel()
	return s.c.Write(ctx, websocket.MessageText, b)
}

// truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
