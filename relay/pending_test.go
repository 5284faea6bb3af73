package relay_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"wxsocket/relay"
)

// TestIdleUpgradesAreCapped: pages that upgrade and then send nothing hold
// a descriptor and memory each until their deadline, without having shown
// the secret. Past relay.DefaultMaxPending of them, the relay refuses the
// upgrade itself (503, connection closed); a page that sends its first
// message makes room for the next.
func TestIdleUpgradesAreCapped(t *testing.T) {
	const extra = 20
	r := newRig(t, nil)
	var idle []*websocket.Conn
	for i := 0; i < relay.DefaultMaxPending; i++ {
		c, _, err := r.dialPage("")
		if err != nil {
			t.Fatalf("idle page %d of %d: %v", i+1, relay.DefaultMaxPending, err)
		}
		idle = append(idle, c)
	}
	for i := 0; i < extra; i++ {
		c, resp, err := r.dialPageRaw("")
		if err == nil {
			c.CloseNow()
			t.Fatalf("page %d was upgraded while %d pages waited for their first message", relay.DefaultMaxPending+i+1, relay.DefaultMaxPending)
		}
		if resp == nil || resp.StatusCode != http.StatusServiceUnavailable || !resp.Close {
			t.Fatalf("page over the cap: %v, %+v: want 503 and the connection closed", err, resp)
		}
	}
	if n := strings.Count(r.logs.String(), "wait for their first message"); n != 1 {
		t.Errorf("%d log lines about the cap, want 1:\n%s", n, r.logs)
	}

	// One waiting page speaks: it is relayed, and one more may wait.
	rep := r.sendOn(idle[0], map[string]any{"v": 1, "secret": secret, "url": r.up.WSS + "/echo"})
	if rep.Type != "open" {
		t.Fatalf("a page within the cap: %s", rep.raw)
	}
	waitFor(t, "the log line of the end of the spell", func() bool {
		return strings.Contains(r.logs.String(), "after refusing 20 while full")
	})
	more, _, err := r.dialPage("")
	if err != nil {
		t.Fatalf("a page after one left the wait: %v", err)
	}
	if _, _, err := r.dialPageRaw(""); err == nil {
		t.Fatal("the cap let one more in than left")
	}

	// Pages that go away leave the wait too.
	for _, p := range idle[1:] {
		p.CloseNow()
	}
	more.CloseNow()
	waitFor(t, "a page taken after the others went away", func() bool {
		c, _, err := r.dialPageRaw("")
		if err == nil {
			c.CloseNow()
		}
		return err == nil
	})
}
