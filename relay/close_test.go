package relay_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/coder/websocket"
)

// closeCases are one code of each class a close frame can carry, with
// reasons from none to the longest a frame holds.
var closeCases = []struct {
	code   websocket.StatusCode
	reason string
}{
	{1000, ""},
	{1000, "bye"},
	{1001, "going away"},
	{1003, "unsupported"},
	{1007, "bad data"},
	{1008, "policy"},
	{1009, "too big"},
	{1010, "extension"},
	{1011, "internal"},
	{3000, "微信 reason"},
	{4999, strings.Repeat("r", 123)},
}

func TestUpstreamCloseReachesThePage(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range closeCases {
		c, _ := r.open(first("/echo"))
		cmd := fmt.Sprintf("__ctl close %d %s", tc.code, tc.reason)
		if err := c.Write(ctxT(t), websocket.MessageText, []byte(strings.TrimSpace(cmd))); err != nil {
			t.Fatal(err)
		}
		code, reason := closeOf(t, c)
		if code != tc.code || reason != tc.reason {
			t.Errorf("upstream closed with %d %q, page saw %d %q", tc.code, tc.reason, code, reason)
		}
	}
}

func TestPageCloseReachesUpstream(t *testing.T) {
	r := newRig(t, nil)
	for i, tc := range closeCases {
		id := fmt.Sprintf("page-close-%d", i)
		c, _ := r.open(first("/echo?id=" + id))
		if err := c.Close(tc.code, tc.reason); err != nil {
			t.Errorf("page close %d: %v", tc.code, err)
		}
		rec := r.upstreamClose(id)
		if rec.Code != int(tc.code) || rec.Reason != tc.reason {
			t.Errorf("page closed with %d %q, upstream saw %+v", tc.code, tc.reason, rec)
		}
	}
}

// Test1005BothWays: a close frame with no status passes as one, both ways.
// (coder/websocket sends no payload for StatusNoStatusRcvd, and reads an
// empty close frame as 1005; a code 1005 on the wire would not parse.)
func Test1005BothWays(t *testing.T) {
	r := newRig(t, nil)
	c, _ := r.open(first("/echo"))
	if err := c.Write(ctxT(t), websocket.MessageText, []byte("__ctl close 1005")); err != nil {
		t.Fatal(err)
	}
	if code, reason := closeOf(t, c); code != websocket.StatusNoStatusRcvd {
		t.Errorf("upstream closed with no status, page saw %d %q", code, reason)
	}

	c, _ = r.open(first("/echo?id=page-1005"))
	c.Close(websocket.StatusNoStatusRcvd, "")
	if rec := r.upstreamClose("page-1005"); rec.Code != 1005 {
		t.Errorf("page closed with no status, upstream saw %+v", rec)
	}
}

func TestUpstreamLostIsPageLost(t *testing.T) {
	r := newRig(t, nil)
	// /drop answers the handshake, sends part of a frame, and cuts TCP.
	c, _ := r.open(first("/drop"))
	code, why := closeOf(t, c)
	if code != -1 {
		t.Errorf("upstream lost, page got a close frame: %d %q", code, why)
	}
	t.Logf("page saw: %s", why)
}

func TestPageLostIsUpstreamLost(t *testing.T) {
	r := newRig(t, nil)
	c, _ := r.open(first("/echo?id=page-lost"))
	waitFor(t, "the upstream to have the connection", func() bool { return r.up.Live() == 1 })
	c.CloseNow() // no close frame
	waitFor(t, "the upstream to see the connection go", func() bool { return r.up.Live() == 0 })
	if rec := r.upstreamClose1("page-lost"); rec.Seen {
		t.Errorf("page lost, upstream got a close frame: %+v", rec)
	}
}

type closeRecord struct {
	Code   int
	Reason string
	Seen   bool
}

// upstreamClose waits for the upstream to record the close of /echo?id=id.
func (r *rig) upstreamClose(id string) closeRecord {
	var rec closeRecord
	waitFor(r.t, "the upstream to record the close of "+id, func() bool {
		rec = r.upstreamClose1(id)
		return rec.Seen
	})
	return rec
}

func (r *rig) upstreamClose1(id string) closeRecord {
	var rec closeRecord
	resp, err := r.client.Get(r.up.URL + "/closed?id=" + id)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	json.NewDecoder(resp.Body).Decode(&rec)
	return rec
}
