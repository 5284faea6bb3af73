package relay_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

func TestProfileFieldsAreNumbersInOrder(t *testing.T) {
	// Through Map to an IP (no lookup: the lookup stamps equal fetchStart)
	// and to localhost, which the resolver answers from /etc/hosts: a real
	// lookup that leaves no machine.
	for _, name := range []string{"ip", "localhost"} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, func(o *relay.Options, up *wstest.Server) {
				if name == "localhost" {
					port := hostPort(up)[strings.LastIndex(hostPort(up), ":")+1:]
					o.Map = map[string]string{"api.example.com": "localhost:" + port}
				}
			})
			_, rep := r.open(first("wss://api.example.com/echo"))
			order := []string{"fetchStart", "domainLookUpStart", "domainLookUpEnd", "connectStart", "connectEnd"}
			var raw struct{ Profile map[string]any }
			if err := json.Unmarshal(rep.raw, &raw); err != nil {
				t.Fatal(err)
			}
			for _, k := range append(order, "rtt", "handshakeCost", "cost") {
				if _, ok := raw.Profile[k].(float64); !ok {
					t.Errorf("profile.%s = %#v, not a number", k, raw.Profile[k])
				}
			}
			p := rep.Profile
			for i := 1; i < len(order); i++ {
				if p[order[i]] < p[order[i-1]] {
					t.Errorf("%s %v before %s %v", order[i], p[order[i]], order[i-1], p[order[i-1]])
				}
			}
			if p["fetchStart"] < 1.7e12 || p["fetchStart"] != float64(int64(p["fetchStart"])) {
				t.Errorf("fetchStart %v is not Unix epoch milliseconds", p["fetchStart"])
			}
			if p["rtt"] <= 0 || p["handshakeCost"] <= 0 || p["cost"] < p["rtt"]+p["handshakeCost"] {
				t.Errorf("durations: rtt %v, handshakeCost %v, cost %v", p["rtt"], p["handshakeCost"], p["cost"])
			}
			if name == "ip" && (p["domainLookUpStart"] != p["fetchStart"] || p["domainLookUpEnd"] != p["fetchStart"]) {
				t.Errorf("no lookup, yet the lookup stamps differ from fetchStart: %v", p)
			}
			t.Logf("profile: %v", p)
		})
	}
}

func TestMessagesPassUnchangedBothWays(t *testing.T) {
	r := newRig(t, nil)
	c, _ := r.open(first("/echo"))
	ctx := ctxT(t)
	big := func(n int, seed byte) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = 'a' + (byte(i)+seed)%26
		}
		return b
	}
	msgs := []struct {
		typ  websocket.MessageType
		data []byte
	}{
		{websocket.MessageText, []byte("hello")},
		{websocket.MessageBinary, []byte{0, 1, 2, 0xff}},
		{websocket.MessageText, nil},
		{websocket.MessageBinary, nil},
		{websocket.MessageText, []byte("微信 ✓")},
		{websocket.MessageBinary, big(32<<10, 1)}, // exactly the copy buffer
		{websocket.MessageText, big(32<<10+1, 2)}, // one byte over: streamed
		{websocket.MessageText, big(16<<20, 3)},   // 16 MiB text
		{websocket.MessageBinary, big(16<<20, 4)}, // 16 MiB binary
		{websocket.MessageText, []byte("after the big ones")},
	}
	// The echo streams a message back while it is still arriving, so the
	// page writes and reads at once, as a browser does.
	errc := make(chan error, 1)
	go func() {
		for _, m := range msgs {
			if err := c.Write(ctx, m.typ, m.data); err != nil {
				errc <- err
				return
			}
		}
		errc <- nil
	}()
	for _, m := range msgs {
		typ, got, err := c.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if typ != m.typ || !bytes.Equal(got, m.data) {
			t.Errorf("sent %v of %d bytes, got %v of %d bytes (equal: %v)", m.typ, len(m.data), typ, len(got), bytes.Equal(got, m.data))
		}
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

func TestManyMessagesKeepTheirOrder(t *testing.T) {
	r := newRig(t, nil)
	c, _ := r.open(first("/echo"))
	ctx := ctxT(t)
	const n = 2000
	errc := make(chan error, 1)
	go func() {
		for i := 0; i < n; i++ {
			typ := websocket.MessageText
			if i%3 == 0 {
				typ = websocket.MessageBinary
			}
			if err := c.Write(ctx, typ, []byte(strconv.Itoa(i))); err != nil {
				errc <- err
				return
			}
		}
		errc <- nil
	}()
	for i := 0; i < n; i++ {
		typ, got, err := c.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := websocket.MessageText
		if i%3 == 0 {
			want = websocket.MessageBinary
		}
		if string(got) != strconv.Itoa(i) || typ != want {
			t.Fatalf("message %d: got %v %q", i, typ, got)
		}
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

// TestBigMessageFromUpstream: the upstream starts with a 16 MiB message of
// its own (/big), as a server pushing a snapshot does.
func TestBigMessageFromUpstream(t *testing.T) {
	r := newRig(t, nil)
	for _, typ := range []string{"text", "binary"} {
		c, _ := r.open(first(fmt.Sprintf("/big?size=%d&type=%s", 16<<20, typ)))
		mt, got, err := c.Read(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 16<<20 || mt.String() != map[string]string{"text": "MessageText", "binary": "MessageBinary"}[typ] {
			t.Errorf("got %v of %d bytes", mt, len(got))
		}
		for i := 0; i < len(got); i += 4097 {
			if got[i] != byte('a'+i%26) {
				t.Fatalf("byte %d is %q", i, got[i])
			}
		}
		c.CloseNow()
	}
}

// TestDataBeforeOpenFollowsOpen: the shim never sends before "open", but a
// page that does loses nothing: its message waits for the upstream, and the
// page hears "open" before the echo.
func TestDataBeforeOpenFollowsOpen(t *testing.T) {
	r := newRig(t, nil)
	c, _, err := r.dialPage("")
	if err != nil {
		t.Fatal(err)
	}
	sendFirst(t, c, first(r.up.WSS+"/echo?delay=0"))
	if err := c.Write(ctxT(t), websocket.MessageText, []byte("early")); err != nil {
		t.Fatal(err)
	}
	_, b, err := c.Read(ctxT(t))
	if err != nil || !strings.HasPrefix(string(b), `{"type":"open"`) {
		t.Fatalf("first reply %q, %v", b, err)
	}
	if _, b, err := c.Read(ctxT(t)); err != nil || string(b) != "early" {
		t.Errorf("echo %q, %v", b, err)
	}
}
