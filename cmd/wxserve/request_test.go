package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"wxsocket/internal/wstest"
)

// The dev server's relay takes a page's requests on both of its URLs (the
// plain listener, another origin, and /relay of this server), read as
// http:// and https://, as a page of this server sends them.
func TestRequestThroughDevServer(t *testing.T) {
	srv, client, rl := devServer(t)
	for _, u := range []string{rl.plainURL(), srv.WSS + "/relay"} {
		head, _ := json.Marshal(map[string]any{"v": 1, "secret": rl.secret, "url": srv.URL + "/http/echo", "appid": "wxdev"})
		req, _ := http.NewRequest(http.MethodPost, "http"+strings.TrimPrefix(u, "ws"), strings.NewReader(string(head)+"\nhello"))
		req.Header.Set("Origin", srv.URL)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e wstest.Echo
		err = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if err != nil || resp.Header.Get("Wx-Relay") == "" || resp.Header.Get("Access-Control-Allow-Origin") != srv.URL ||
			e.Host != strings.TrimPrefix(srv.URL, "https://") || e.Body != "hello" || e.Header.Get("Referer") != "https://servicewechat.com/wxdev/0/page-frame.html" {
			t.Errorf("%s: %s %+v, %v", u, resp.Status, e, err)
		}
	}
}
