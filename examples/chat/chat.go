// Package chat is a small chat server on coder/websocket: one room, JSON
// messages, and two commands. It is the backend of the example test that
// runs a real mini-program client (../socket/socket.js) against it in
// headless Chromium with wxrun (chat_test.go).
//
//	wss://HOST/chat?name=alice   (with Authorization: Bearer <token> when Hub.Tokens is set)
//	client -> server: {"text": "hello"}, "ping" (answered "pong"),
//	                  {"text": "/kick bob"}, {"text": "/restart"}
//	server -> client: {"from": "alice", "text": "hello"},
//	                  {"from": "server", "text": "bob joined"}
package chat

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Close codes the server sends.
const (
	CodeRestart = websocket.StatusServiceRestart // 1012: everyone reconnects
	CodeKicked  = websocket.StatusCode(4001)     // do not come back
)

// Message is what the server sends.
type Message struct {
	From string `json:"from"`
	Text string `json:"text"`
}

// Hub is the room.
type Hub struct {
	// Tokens, when set, are the users allowed in: a handshake must carry
	// "Authorization: Bearer <token>" for its name, or it is refused (401).
	// A phone sends the header; a browser only through the relay.
	Tokens map[string]string

	mu      sync.Mutex
	members map[string]*member
	log     []string
}

type member struct {
	name string
	conn *websocket.Conn
	out  chan []byte
}

var validName = regexp.MustCompile(`^[a-z0-9]{1,20}$`)

func NewHub() *Hub { return &Hub{members: map[string]*member{}} }

// Log is what happened, in order: "join alice", "alice: hello",
// "kick bob by alice", "restart by alice", "leave bob".
func (h *Hub) Log() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.log...)
}

func (h *Hub) record(s string) {
	h.log = append(h.log, s)
}

func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/chat" {
		http.NotFound(w, r)
		return
	}
	name := r.URL.Query().Get("name")
	if !validName.MatchString(name) {
		http.Error(w, "name: 1 to 20 lower-case letters or digits", http.StatusBadRequest)
		return
	}
	if h.Tokens != nil && r.Header.Get("Authorization") != "Bearer "+h.Tokens[name] {
		http.Error(w, "who are you?", http.StatusUnauthorized)
		return
	}
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		// A mini-program is not a web page: it sends no Origin a server
		// could check. Who is connecting belongs in a token, not here.
		InsecureSkipVerify: true,
	})
	if err != nil {
		return
	}
	m := &member{name: name, conn: c, out: make(chan []byte, 64)}
	h.join(m)
	go m.writeLoop()
	h.readLoop(r.Context(), m)
	h.leave(m)
}

func (h *Hub) join(m *member) {
	h.mu.Lock()
	if old := h.members[m.name]; old != nil { // a reconnect that beat the old socket's close
		close(old.out)
		go old.conn.Close(websocket.StatusNormalClosure, "replaced")
	}
	h.members[m.name] = m
	h.record("join " + m.name)
	h.mu.Unlock()
	h.broadcast(Message{From: "server", Text: m.name + " joined"})
}

func (h *Hub) leave(m *member) {
	h.mu.Lock()
	if h.members[m.name] != m {
		h.mu.Unlock()
		return
	}
	delete(h.members, m.name)
	close(m.out)
	h.record("leave " + m.name)
	h.mu.Unlock()
	h.broadcast(Message{From: "server", Text: m.name + " left"})
}

func (h *Hub) readLoop(ctx context.Context, m *member) {
	for {
		typ, b, err := m.conn.Read(ctx)
		if err != nil {
			return
		}
		if typ != websocket.MessageText {
			continue
		}
		if string(b) == "ping" {
			h.send(m, []byte("pong"))
			continue
		}
		var in struct{ Text string }
		if json.Unmarshal(b, &in) != nil || in.Text == "" {
			continue
		}
		switch cmd, arg, _ := strings.Cut(in.Text, " "); cmd {
		case "/kick":
			h.kick(arg, m.name)
		case "/restart":
			h.restart(m.name)
		default:
			h.mu.Lock()
			h.record(m.name + ": " + in.Text)
			h.mu.Unlock()
			h.broadcast(Message{From: m.name, Text: in.Text})
		}
	}
}

func (h *Hub) kick(name, by string) {
	h.mu.Lock()
	m := h.members[name]
	if m != nil {
		h.record("kick " + name + " by " + by)
	}
	h.mu.Unlock()
	if m != nil {
		go m.conn.Close(CodeKicked, "kicked by "+by)
	}
}

// restart closes every connection as a server going down for a restart does.
func (h *Hub) restart(by string) {
	h.mu.Lock()
	h.record("restart by " + by)
	var all []*member
	for _, m := range h.members {
		all = append(all, m)
	}
	h.mu.Unlock()
	for _, m := range all {
		go m.conn.Close(CodeRestart, "restart")
	}
}

func (h *Hub) broadcast(msg Message) {
	b, _ := json.Marshal(msg)
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, m := range h.members {
		select {
		case m.out <- b:
		default: // a member this far behind misses messages
		}
	}
}

func (h *Hub) send(m *member, b []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.members[m.name] == m {
		select {
		case m.out <- b:
		default:
		}
	}
}

func (m *member) writeLoop() {
	for b := range m.out {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := m.conn.Write(ctx, websocket.MessageText, b)
		cancel()
		if err != nil {
			return
		}
	}
}
