//go:build !js

package wstest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// The HTTP endpoints refuse what is over their caps with 400, as the
// socket ones do, and serve what is at them.
func TestRequestEndpointCaps(t *testing.T) {
	srv, client := start(t)
	for _, path := range []string{
		"/http/big?size=" + strconv.Itoa(MaxHTTPBig+1),
		"/http/big?size=-1",
		"/http/echo?delay=" + strconv.Itoa(MaxDelay+1),
		"/http/echo?status=199",
		"/http/echo?status=600",
		"/http/status?code=100",
		"/http/status?code=600",
		"/http/status?code=200&body=" + strings.Repeat("x", maxSetValue+1),
		"/http/status?code=200" + strings.Repeat("&header=X:1", maxSetHeaders+1),
		"/http/status?code=200&header=nocolon",
		"/http/redirect?n=" + strconv.Itoa(MaxRedirectHop+1),
		"/http/redirect?code=300",
		"/http/redirect?code=304",
		"/http/chunked?n=" + strconv.Itoa(MaxChunks+1),
		"/http/chunked?size=" + strconv.Itoa(MaxChunkSize+1),
		"/http/chunked?n=1000&ms=1000",
		"/http/cookies" + strings.Repeat("?set=a=1", 1) + strings.Repeat("&set=a=1", maxSetHeaders),
		"/http/cookies?set=" + strings.Repeat("x", maxSetValue+1),
	} {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%.60s: %s, want 400", path, resp.Status)
		}
	}
	resp, err := client.Post(srv.URL+"/http/echo", "text/plain", strings.NewReader(strings.Repeat("x", MaxEchoBody+1)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("echo of a body over the cap: %s", resp.Status)
	}
	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		resp, b, err := getAll(t, client, srv.URL+path)
		if err != nil {
			t.Fatal(err)
		}
		return resp, b
	}
	if resp, b := get("/http/big?size=100003&chunked=1"); len(b) != 100003 || resp.ContentLength != -1 || b[26*1260] != 'a' || b[100002] != byte('a'+100002%26) {
		t.Errorf("big: %d bytes, length %d", len(b), resp.ContentLength)
	}
	if _, b := get("/http/chunked?n=3&size=2"); string(b) != "aabbcc" {
		t.Errorf("chunked: %q", b)
	}
	if resp, b := get("/http/status?code=418&header=X-A:1&header=X-A:%202&body=tea"); resp.StatusCode != 418 || string(b) != "tea" ||
		strings.Join(resp.Header.Values("X-A"), "|") != "1|2" {
		t.Errorf("status: %s %q %v", resp.Status, b, resp.Header)
	}
	if resp, _ := get("/http/cookies?set=a=1&set=b=2"); strings.Join(resp.Header.Values("Set-Cookie"), "|") != "a=1|b=2" {
		t.Errorf("cookies: %v", resp.Header)
	}
	if resp, _ := get("/http/cookies"); len(resp.Header.Values("Set-Cookie")) != len(DefaultCookies) {
		t.Errorf("default cookies: %v", resp.Header)
	}
	var e Echo
	if resp, b := get("/http/redirect?n=3"); json.Unmarshal(b, &e) != nil || e.URI != "/http/echo" || resp.Request.URL.Path != "/http/echo" {
		t.Errorf("redirect: %s %q", resp.Request.URL, b)
	}
}

// CORS for the page's origin everywhere but /http/nocors: preflights
// answered, every header exposed.
func TestRequestEndpointCORS(t *testing.T) {
	srv, client := start(t)
	do := func(method, path string, h map[string]string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	origin := map[string]string{"Origin": "https://page.example.com"}
	resp := do("GET", "/http/status?code=200&header=X-Custom:1", origin)
	if resp.Header.Get("Access-Control-Allow-Origin") != "https://page.example.com" ||
		!strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "X-Custom") {
		t.Errorf("status: %v", resp.Header)
	}
	resp = do("OPTIONS", "/http/echo", map[string]string{
		"Origin": "https://page.example.com", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "x-token, content-type",
	})
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Methods") != "PUT" ||
		resp.Header.Get("Access-Control-Allow-Headers") != "x-token, content-type" || resp.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Errorf("preflight: %s %v", resp.Status, resp.Header)
	}
	// An OPTIONS request that is not a preflight is echoed.
	if resp := do("OPTIONS", "/http/echo", origin); resp.StatusCode != http.StatusOK {
		t.Errorf("OPTIONS: %s", resp.Status)
	}
	for _, m := range []string{"GET", "OPTIONS"} {
		resp := do(m, "/http/nocors", map[string]string{"Origin": "https://page.example.com", "Access-Control-Request-Method": "GET"})
		for k := range resp.Header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("nocors %s answered %s", m, k)
			}
		}
	}
}
