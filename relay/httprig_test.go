package relay_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"wxsocket/relay"
)

// Requests through the relay, sent as the shim's glue will send them: a
// fetch POST to the relay's URL, its body one line of JSON (the head) and
// then the request's body; the answer's head in the Wx-Relay header, the
// upstream's body as the body. Here the page is a net/http client, with an
// Origin header when a test says so.

// answerHead is the relay's HeadHeader, decoded.
type answerHead struct {
	Status           int               `json:"status"`
	Header           map[string]string `json:"header"`
	Cookies          []string          `json:"cookies"`
	URL              string            `json:"url"`
	Redirects        []answerHop       `json:"redirects"`
	TooManyRedirects bool              `json:"tooManyRedirects"`
	Profile          map[string]any    `json:"profile"`
}

type answerHop struct {
	Status   int    `json:"status"`
	URL      string `json:"url"`
	Location string `json:"location"`
}

// answer is what the page got: the relay's response, and either the
// upstream's head and body, or the relay's refusal.
type answer struct {
	resp    *http.Response
	head    *answerHead // nil when the relay refused or failed
	body    []byte
	bodyErr error
	refusal struct{ Reason, Cause string }
}

// req is a request head, with the rig's secret; a url starting with "/"
// is the upstream's.
func req(url string) map[string]any {
	return map[string]any{"v": 1, "secret": secret, "url": url}
}

// fetch sends head and body to the rig's relay (over TLS) and reads the
// whole answer.
func (r *rig) fetch(head map[string]any, body []byte) *answer {
	r.t.Helper()
	return r.fetchAt(r.srv.URL+"/relay", "", head, body)
}

// fetchAt sends to the relay at relayURL as a page of origin ("" for no
// Origin header).
func (r *rig) fetchAt(relayURL, origin string, head map[string]any, body []byte) *answer {
	r.t.Helper()
	resp, err := r.post(context.Background(), relayURL, origin, head, bytes.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	return readAnswer(r.t, resp)
}

// post sends the request and returns the relay's response, its body unread.
func (r *rig) post(ctx context.Context, relayURL, origin string, head map[string]any, body io.Reader) (*http.Response, error) {
	var line []byte
	if head != nil {
		if u, ok := head["url"].(string); ok && strings.HasPrefix(u, "/") {
			head["url"] = r.up.URL + u
		}
		line = append(mustJSON(head), '\n')
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, relayURL, io.MultiReader(bytes.NewReader(line), body))
	if err != nil {
		return nil, err
	}
	if n, ok := lenOf(body); ok {
		hreq.ContentLength = int64(len(line)) + n
	}
	hreq.Header.Set("Content-Type", "text/plain;charset=UTF-8") // what fetch sends with a string body
	if origin != "" {
		hreq.Header.Set("Origin", origin)
	}
	return r.client.Do(hreq)
}

func lenOf(r io.Reader) (int64, bool) {
	if b, ok := r.(*bytes.Reader); ok {
		return int64(b.Len()), true
	}
	return 0, false
}

func readAnswer(t testing.TB, resp *http.Response) *answer {
	t.Helper()
	defer resp.Body.Close()
	a := &answer{resp: resp}
	a.body, a.bodyErr = io.ReadAll(resp.Body)
	if h := resp.Header.Get(relay.HeadHeader); h != "" {
		for i := 0; i < len(h); i++ {
			if h[i] >= 0x80 {
				t.Fatalf("the head has a byte past ASCII at %d: %q", i, h)
			}
		}
		a.head = &answerHead{}
		if err := json.Unmarshal([]byte(h), a.head); err != nil {
			t.Fatalf("head %q: %v", h, err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("an answer with a head has status %d", resp.StatusCode)
		}
		return a
	}
	if a.bodyErr == nil {
		if err := json.Unmarshal(a.body, &a.refusal); err != nil {
			t.Fatalf("%s without a head, body %q: %v", resp.Status, a.body, err)
		}
	}
	return a
}

// ok fails the test unless the upstream answered.
func (a *answer) ok(t testing.TB) *answer {
	t.Helper()
	if a.head == nil {
		t.Fatalf("relay answered %s: %+v", a.resp.Status, a.refusal)
	}
	if a.bodyErr != nil {
		t.Fatalf("body: %v", a.bodyErr)
	}
	return a
}

// refused fails the test unless the relay answered status with a reason
// containing want.
func (a *answer) refused(t testing.TB, status int, want string) {
	t.Helper()
	if a.head != nil || a.resp.StatusCode != status || !strings.Contains(a.refusal.Reason, want) {
		t.Errorf("want %d %q, got %s %+v (head %v)", status, want, a.resp.Status, a.refusal, a.head)
	}
	if ct := a.resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("refusal's Content-Type %q", ct)
	}
}

// echo decodes the upstream's /http/echo answer.
func (a *answer) echo(t testing.TB) echoed {
	t.Helper()
	var e echoed
	if err := json.Unmarshal(a.body, &e); err != nil {
		t.Fatalf("echo %q: %v", a.body, err)
	}
	return e
}

type echoed struct {
	Method string
	URI    string
	Host   string
	Header http.Header
	Body   string
	Length int
}

const gzipText = "the same words, again and again, the same words, again and again\n"

// gzipHandler answers gzipText, gzipped when the request accepts gzip.
func gzipHandler(w http.ResponseWriter, r *http.Request) {
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		io.WriteString(w, gzipText)
		return
	}
	w.Header().Set("Content-Encoding", "gzip")
	zw := gzip.NewWriter(w)
	io.WriteString(zw, gzipText)
	zw.Close()
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
