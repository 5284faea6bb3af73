//go:build !js

package wstest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// Handshake is what /headers reports as its first message: the handshake
// request as the server received it and the response headers it sent.
type Handshake struct {
	Header   http.Header `json:"header"` // request headers (Go drops Host from them: see Host)
	Host     string      `json:"host"`
	URI      string      `json:"uri"`
	Protocol string      `json:"protocol"` // the subprotocol the server chose
	Response http.Header `json:"response"`
}

// headers answers the handshake choosing among the subprotocols listed in
// ?protocols=a,b (the server's order of preference), with a test header and
// two Set-Cookie lines in the response, then sends one text message, the
// Handshake as JSON, then echoes like /echo (control messages included).
// It is how a test sees what reached the server through a client or relay
// that adds, drops or rewrites headers.
func (s *Server) headers(w http.ResponseWriter, r *http.Request) {
	var protocols []string
	if p := r.URL.Query().Get("protocols"); p != "" {
		protocols = strings.Split(p, ",")
	}
	w.Header().Set("X-Upstream", "wstest")
	w.Header().Add("Set-Cookie", "a=1")
	w.Header().Add("Set-Cookie", "b=2")
	// net/http adds a Date of its own when there is none; set it here so
	// that Response is every header the server sent, nothing more.
	w.Header().Set("Date", time.Now().UTC().Format(http.TimeFormat))
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		Subprotocols:       protocols,
		InsecureSkipVerify: true,
		CompressionMode:    websocket.CompressionDisabled,
	})
	if err != nil {
		return
	}
	c.SetReadLimit(ReadLimit)
	s.live.Add(1)
	defer s.live.Add(-1)
	defer c.CloseNow()
	report, _ := json.Marshal(Handshake{
		Header:   r.Header,
		Host:     r.Host,
		URI:      r.RequestURI,
		Protocol: c.Subprotocol(),
		Response: w.Header(),
	})
	if err := c.Write(r.Context(), websocket.MessageText, report); err != nil {
		return
	}
	s.echoLoop(r.Context(), c)
}
