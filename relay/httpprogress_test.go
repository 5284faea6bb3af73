package relay_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// progressOf asks the relay how far the uploads ids have gone upstream.
func (r *rig) progressOf(ids ...string) map[string]struct{ Sent, Total int64 } {
	r.t.Helper()
	h := map[string]any{"v": 1, "secret": secret, "progressOf": ids}
	a := r.fetchAt(r.srv.URL+"/relay", "", h, nil)
	var m map[string]struct{ Sent, Total int64 }
	if a.resp.StatusCode != 200 || a.head != nil || json.Unmarshal(a.body, &m) != nil {
		r.t.Fatalf("progress query: %s %q (head %v)", a.resp.Status, a.body, a.head)
	}
	return m
}

// countingReader counts what the page's client has taken of its body:
// what XMLHttpRequest.upload reports, the bytes its socket took.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// An upload with a progress id: while the upstream has read 1 MiB and
// stops, the relay says how much it has sent upstream (at least that MiB),
// which is less than what the page's socket has taken: the loopback leg's
// buffers hold the difference. The figures are logged (loopback leg, the
// relay's count, the upstream's reads).
func TestUploadProgressIsTheUpstreams(t *testing.T) {
	const size, first = 64 << 20, 1 << 20
	r := newRig(t, nil)
	var read atomic.Int64
	release := make(chan struct{})
	r.extra.HandleFunc("/stall", func(w http.ResponseWriter, req *http.Request) {
		n, _ := io.Copy(io.Discard, io.LimitReader(req.Body, first))
		read.Add(n)
		select {
		case <-release:
		case <-req.Context().Done():
			return
		}
		n, _ = io.Copy(io.Discard, req.Body)
		read.Add(n)
		io.WriteString(w, strconv.FormatInt(read.Load(), 10))
	})
	h := req("/stall")
	h["method"] = "POST"
	h["progress"] = "upload-0001"
	page := &countingReader{r: &patternReader{left: size}}
	done := make(chan *answer, 1)
	go func() {
		resp, err := r.postLength(h, page, true, size)
		if err != nil {
			done <- nil
			return
		}
		done <- readAnswer(t, resp)
	}()
	// Until the buffers of both legs are full: the page's count stands
	// still (bounded: 20 s).
	var pageSent int64
	for i := 0; i < 200; i++ {
		time.Sleep(100 * time.Millisecond)
		if n := page.n.Load(); n == pageSent && read.Load() == first {
			break
		} else {
			pageSent = n
		}
	}
	p, ok := r.progressOf("upload-0001", "upload-none")["upload-0001"]
	pageSent = page.n.Load()
	t.Logf("upstream stopped at %d KiB: the relay had sent %d KiB upstream, the page's socket had taken %d KiB (%d KiB ahead of the relay's count)",
		read.Load()>>10, p.Sent>>10, pageSent>>10, (pageSent-p.Sent)>>10)
	if !ok || p.Total != size || p.Sent < first || p.Sent >= pageSent || len(r.progressOf("upload-none")) != 0 {
		t.Errorf("progress %+v (found %v), page sent %d", p, ok, pageSent)
	}
	// The id is in flight: another upload may not take it.
	r.fetch(h, []byte("x")).refused(t, 422, "in flight")
	close(release)
	a := <-done
	if a == nil || a.head == nil || string(a.body) != strconv.Itoa(size) {
		t.Fatalf("the upload's answer: %+v", a)
	}
	if m := r.progressOf("upload-0001"); len(m) != 0 {
		t.Errorf("after the upload: %v", m)
	}
}

// A body small enough to be read whole first is counted as it goes
// upstream too; a head without a body has a total of 0.
func TestUploadProgressSmallBody(t *testing.T) {
	r := newRig(t, nil)
	arrived := make(chan int, 1)
	release := make(chan struct{})
	r.extra.HandleFunc("/hold", func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		arrived <- len(b)
		<-release
	})
	h := req("/hold")
	h["method"] = "POST"
	h["progress"] = "small-body"
	go r.fetch(h, make([]byte, 1000))
	<-arrived
	if p := r.progressOf("small-body")["small-body"]; p.Sent != 1000 || p.Total != 1000 {
		t.Errorf("small body: %+v", p)
	}
	release <- struct{}{}
	h = req("/hold")
	h["progress"] = "no-body-1"
	go r.fetch(h, nil)
	<-arrived
	if p, ok := r.progressOf("no-body-1")["no-body-1"]; !ok || p.Sent != 0 || p.Total != 0 {
		t.Errorf("no body: %+v", p)
	}
	close(release)
}

// Ids and queries the relay refuses (422), and a query without the
// secret (401); nothing is dialed for any.
func TestUploadProgressRefusals(t *testing.T) {
	r := newRig(t, nil)
	for _, id := range []string{"short", "has space", "ünïcode-id", "x/../../y", string(make([]byte, 65))} {
		h := req("/http/echo")
		h["progress"] = id
		r.fetch(h, nil).refused(t, 422, "progress")
		r.fetch(map[string]any{"v": 1, "secret": secret, "progressOf": []string{id}}, nil).refused(t, 422, "progress")
	}
	many := make([]string, 65)
	for i := range many {
		many[i] = "upload-" + strconv.Itoa(1000+i)
	}
	for _, h := range []map[string]any{
		{"v": 1, "secret": secret, "progressOf": []string{}},
		{"v": 1, "secret": secret, "progressOf": many},
		{"v": 1, "secret": secret, "progressOf": []string{"upload-0001"}, "url": r.up.URL + "/http/echo"},
	} {
		r.fetch(h, nil).refused(t, 422, "progressOf")
	}
	r.fetch(map[string]any{"v": 1, "secret": "wrong", "progressOf": []string{"upload-0001"}}, nil).refused(t, 401, "secret")
	r.fetch(map[string]any{"v": 1, "secret": secret}, nil).refused(t, 400, "no url")
	nothingDialed(t, r)
}
