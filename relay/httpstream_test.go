package relay_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// A chunked response reaches the page chunk by chunk (enableChunked): the
// upstream writes a chunk and waits until the page has read it before it
// writes the next. A relay that held chunks back would hang here.
func TestRequestChunksPassOneByOne(t *testing.T) {
	r := newRig(t, nil)
	next := make(chan struct{})
	r.extra.HandleFunc("/lockstep", func(w http.ResponseWriter, req *http.Request) {
		rc := http.NewResponseController(w)
		for i := range 5 {
			if i > 0 {
				select {
				case <-next:
				case <-req.Context().Done():
					return
				}
			}
			io.WriteString(w, "chunk "+strconv.Itoa(i)+";")
			rc.Flush()
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	resp, err := r.post(ctx, r.srv.URL+"/relay", "", req("/lockstep"), http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Wx-Relay") == "" {
		t.Fatalf("no head: %s", resp.Status)
	}
	for i := range 5 {
		want := "chunk " + strconv.Itoa(i) + ";"
		got := make([]byte, len(want))
		if _, err := io.ReadFull(resp.Body, got); err != nil || string(got) != want {
			t.Fatalf("chunk %d: %q, %v", i, got, err)
		}
		if i < 4 {
			next <- struct{}{}
		}
	}
	if rest, err := io.ReadAll(resp.Body); err != nil || len(rest) != 0 {
		t.Errorf("after the chunks: %q, %v", rest, err)
	}
}

// The head arrives before the body: a page gets onHeadersReceived while
// the upstream has not sent a byte of it.
func TestRequestHeadComesBeforeTheBody(t *testing.T) {
	r := newRig(t, nil)
	release := make(chan struct{})
	r.extra.HandleFunc("/later", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("X-Early", "yes")
		w.WriteHeader(http.StatusAccepted)
		http.NewResponseController(w).Flush()
		<-release
		io.WriteString(w, "body")
	})
	resp, err := r.post(context.Background(), r.srv.URL+"/relay", "", req("/later"), http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	close(release)
	a := readAnswer(t, resp).ok(t)
	if a.head.Status != http.StatusAccepted || a.head.Header["X-Early"] != "yes" || string(a.body) != "body" {
		t.Errorf("head %+v, body %q", a.head, a.body)
	}
}

// The profile: the steps in order, the TLS stamps for https only, a
// reused connection said so, the peer's address, the bytes sent.
func TestRequestProfile(t *testing.T) {
	r := newRig(t, nil)
	plain := plainServer(t, r.up.Handler())
	num := func(p map[string]any, k string) float64 {
		v, ok := p[k].(float64)
		if !ok {
			t.Fatalf("profile[%s] = %#v", k, p[k])
		}
		return v
	}
	order := []string{"fetchStart", "domainLookUpStart", "domainLookUpEnd", "connectStart", "connectEnd", "requestStart", "requestEnd", "responseStart"}
	for i, tc := range []struct {
		url          string
		reused, tls  bool
		port         string
		withSSLStamp bool
	}{
		{r.up.URL + "/http/echo", false, true, r.up.Port(), true},
		{r.up.URL + "/http/echo", true, true, r.up.Port(), true},
		{"http://" + plain + "/http/echo", false, false, plain[len("127.0.0.1:"):], false},
	} {
		h := req(tc.url)
		h["method"] = "POST"
		p := r.fetch(h, []byte("twelve bytes")).ok(t).head.Profile
		for j := 1; j < len(order); j++ {
			if num(p, order[j]) < num(p, order[j-1]) {
				t.Errorf("request %d: %s %v before %s %v", i, order[j], p[order[j]], order[j-1], p[order[j-1]])
			}
		}
		if start := num(p, "fetchStart"); start < float64(time.Now().Add(-time.Minute).UnixMilli()) || start > float64(time.Now().UnixMilli()) {
			t.Errorf("request %d: fetchStart %v is not now in epoch milliseconds", i, start)
		}
		ssl := num(p, "SSLconnectionStart") != 0 && num(p, "SSLconnectionEnd") >= num(p, "SSLconnectionStart")
		if ssl != tc.withSSLStamp {
			t.Errorf("request %d: SSL stamps %v %v", i, p["SSLconnectionStart"], p["SSLconnectionEnd"])
		}
		if p["socketReused"] != tc.reused || p["protocol"] != "http1.1" || p["peerIP"] != "127.0.0.1" ||
			strconv.Itoa(int(num(p, "port"))) != tc.port {
			t.Errorf("request %d: reused %v, protocol %v, peer %v:%v", i, p["socketReused"], p["protocol"], p["peerIP"], p["port"])
		}
		if num(p, "sendBytesCount") < float64(len("twelve bytes")) || num(p, "receivedBytedCount") <= 0 || num(p, "rtt") < 0 {
			t.Errorf("request %d: sent %v, received %v, rtt %v", i, p["sendBytesCount"], p["receivedBytedCount"], p["rtt"])
		}
		if tc.reused && (num(p, "connectStart") != num(p, "fetchStart") || num(p, "domainLookUpStart") != num(p, "fetchStart")) {
			t.Errorf("request %d: a reused connection's connect and DNS stamps are not fetchStart: %v", i, p)
		}
	}
}
