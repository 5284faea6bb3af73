//go:build !js

package relay

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
)

// An upload's progress as the upstream sees it (doc.go, "Requests", step
// 7). A page sees only its own leg: what its XMLHttpRequest reports as
// sent is what its socket to the relay took, and on loopback the page's
// send buffer and the relay's receive buffer (autotuned, up to megabytes)
// hold much of it: with an upstream that stopped reading after 1 MiB, the
// page's socket had taken 8.5 MiB and the relay had sent 4.3 MiB upstream
// (TestUploadProgressIsTheUpstreams; the 3.3 MiB between are the upstream
// leg's buffers, which a phone's count includes too). A photo of a few
// megabytes would show 100 % at once and then wait. So a page names its
// upload ("progress" in the head) and asks the relay, with short requests
// of its own, how much of it has gone upstream. A query is answered at
// once, never waits, so polling holds none of the 6 connections a browser
// opens to the relay.

// maxProgressQuery caps the ids a query asks about: ten uploads at once
// is wx.uploadFile's own cap.
const maxProgressQuery = 64

const progressIDRule = "progress: an id of 8 to 64 characters A-Z, a-z, 0-9, _ or -"

// progressTable holds the uploads in flight that have an id; MaxRequests
// bounds it.
type progressTable struct {
	mu sync.Mutex
	m  map[string]*uploadProgress
}

type uploadProgress struct {
	sent  atomic.Int64 // the body's bytes handed to the upstream connection
	total int64        // -1: unknown (the page's body was chunked)
}

// progressAnswer is one upload's entry in a query's answer.
type progressAnswer struct {
	Sent  int64 `json:"sent"`
	Total int64 `json:"total"`
}

// track counts body's bytes under id as the upstream connection takes
// them (net/http's transport reads the next piece, 32 KiB at most, only
// once it has written the last), until done is called. ok is false when
// another request in flight has the id.
func (t *progressTable) track(id string, body *requestBody) (done func(), ok bool) {
	p := &uploadProgress{total: body.length}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, taken := t.m[id]; taken {
		return nil, false
	}
	if t.m == nil {
		t.m = map[string]*uploadProgress{}
	}
	t.m[id] = p
	if body.r != nil {
		body.r = &countingBody{r: body.r, n: &p.sent}
	}
	return func() {
		t.mu.Lock()
		delete(t.m, id)
		t.mu.Unlock()
	}, true
}

// answer answers a query: an entry for each id in flight; an id that is
// not (not yet, or no more: the upload's own answer says when it ended)
// has none.
func (t *progressTable) answer(w http.ResponseWriter, ids []string) {
	out := make(map[string]progressAnswer, len(ids))
	t.mu.Lock()
	for _, id := range ids {
		if p, ok := t.m[id]; ok {
			out[id] = progressAnswer{Sent: p.sent.Load(), Total: p.total}
		}
	}
	t.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

// checkProgressQuery checks a head that asks for progress: ids, and no url
// (a head is a request to relay or a query, never both).
func checkProgressQuery(f requestHead) (*upstreamRequest, *refusal) {
	switch {
	case f.URL != "":
		return nil, &refusal{StatusRefused, "progressOf: a progress query has no url"}
	case len(f.ProgressOf) == 0 || len(f.ProgressOf) > maxProgressQuery:
		return nil, &refusal{StatusRefused, "progressOf: 1 to " + strconv.Itoa(maxProgressQuery) + " ids"}
	}
	for _, id := range f.ProgressOf {
		if !validProgressID(id) {
			return nil, &refusal{StatusRefused, progressIDRule}
		}
	}
	return &upstreamRequest{progressOf: f.ProgressOf}, nil
}

func validProgressID(s string) bool {
	if len(s) < 8 || len(s) > 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// countingBody counts what is read of a request's body.
type countingBody struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}
