package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"wxsocket/relay"
)

// Every mode owns its flags: a flag of another mode, or an argument, is
// refused before anything starts.
func TestModesOwnTheirFlags(t *testing.T) {
	ctx := context.Background()
	if err := run(ctx, []string{"-reps", "1"}, io.Discard); err == nil || !strings.Contains(err.Error(), "chromium, firefox, relay-load, webkit, wxrun") {
		t.Errorf("a flag with no mode: %v", err)
	}
	if err := run(ctx, []string{"safari"}, io.Discard); err == nil || !strings.Contains(err.Error(), `unknown mode "safari"`) {
		t.Errorf("an unknown mode: %v", err)
	}
	for _, args := range [][]string{
		{"chromium", "-conns", "1"},
		{"chromium", "extra"},
		{"firefox", "-cycles", "0"},
		{"webkit", "-loads", "1"},
		{"relay-load", "-reps", "1"},
		{"wxrun", "-only", "x"},
	} {
		if err := run(ctx, args, io.Discard); err == nil {
			t.Errorf("%q ran", args)
		}
	}
	for name := range modes {
		if err := run(ctx, []string{name, "-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("%s -h: %v", name, err)
		}
	}
	if err := run(ctx, []string{"firefox", "-order", "raw,relay"}, io.Discard); err == nil || !strings.Contains(err.Error(), "Chromium only") {
		t.Errorf("firefox with the relay variant: %v", err)
	}
}

// A report the page sends that does not parse stops the run with the
// reason, instead of a figure silently left out.
func TestChromiumReportKeepsJSONErrors(t *testing.T) {
	c := newChromiumReport(pageConfig{}, nil)
	for _, r := range []report{
		{Kind: "ready", I: 0, Data: json.RawMessage(`"the first load is dropped"`)},
		{Kind: "ready", I: 1, Ms: 40, Data: json.RawMessage(`{"html": 10, "exec": 20}`)},
		{Kind: "blank", I: 1, Ms: 5},
	} {
		if done, err := c.take(r); done || err != nil {
			t.Fatalf("%+v: %v, %v", r, done, err)
		}
	}
	if len(c.Ready) != 1 || c.Ready[0] != 40 || c.Marks["exec"][0] != 20 || c.afterPage()[0] != 30 || len(c.Blank) != 1 {
		t.Errorf("report %+v", c)
	}
	for _, r := range []report{
		{Kind: "ready", I: 2, Ms: 40, Data: json.RawMessage(`{"html": "ten"}`)},
		{Kind: "bench", Data: json.RawMessage(`{"connect": {"raw": "fast"}}`)},
		{Kind: "cycles", Data: json.RawMessage(`[]`)},
		{Kind: "first", I: 3, Data: json.RawMessage(`{"call_open": null, "v": 1}`)},
		{Kind: "listner", Data: json.RawMessage(`{}`)},
		{Kind: "requests", Data: json.RawMessage(`{"rows": {"req_small": {"times": {"wx": "fast"}}}}`)},
	} {
		if _, err := c.take(r); err == nil {
			t.Errorf("%s %s: taken", r.Kind, r.Data)
		}
	}
	if len(c.Ready) != 1 {
		t.Errorf("a bad ready report counted: %v", c.Ready)
	}
	// A shim without wx.request: the page reports null, and no rows.
	if _, err := c.take(report{Kind: "requests", Data: json.RawMessage(`null`)}); err != nil || c.Requests != nil {
		t.Errorf("requests null: %v, %+v", err, c.Requests)
	}
	if done, err := c.take(report{Kind: "done"}); !done || err != nil {
		t.Errorf("done: %v, %v", done, err)
	}
}

// The bench site hands the page the relay's two settings, and the relay
// on its plain listener takes a page of the site to the site's echo.
func TestSiteRelay(t *testing.T) {
	build := t.TempDir()
	os.WriteFile(filepath.Join(build, "wx.wasm"), []byte("\x00asm"), 0o644)
	s, err := startSite(build, pageConfig{Reps: 1}, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(s.Cert.CAPEM)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get(s.URL + "/config")
	if err != nil {
		t.Fatal(err)
	}
	var cfg pageConfig
	err = json.NewDecoder(resp.Body).Decode(&cfg)
	resp.Body.Close()
	if err != nil || cfg.Reps != 1 || cfg.Relay == nil || cfg.RelayTLS == nil {
		t.Fatalf("config %+v, %v", cfg, err)
	}
	if !strings.HasPrefix(cfg.Relay.URL, "ws://127.0.0.1:") || cfg.RelayTLS.URL != s.WSS+"/relay" ||
		len(cfg.Relay.Secret) != 32 || cfg.RelayTLS.Secret != cfg.Relay.Secret || cfg.Relay.Fallback != "" || cfg.RelayTLS.Fallback != "" {
		t.Errorf("relay settings %+v, %+v", *cfg.Relay, *cfg.RelayTLS)
	}
	for _, set := range []*relay.Setting{cfg.Relay, cfg.RelayTLS} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, _, err := websocket.Dial(ctx, set.URL, &websocket.DialOptions{HTTPClient: client, HTTPHeader: http.Header{"Origin": {s.URL}}})
		if err != nil {
			t.Fatalf("%s: %v", set.URL, err)
		}
		defer c.CloseNow()
		first, _ := json.Marshal(map[string]any{"v": 1, "secret": set.Secret, "url": s.WSS + "/echo"})
		c.Write(ctx, websocket.MessageText, first)
		if _, b, err := c.Read(ctx); err != nil || !strings.Contains(string(b), `"type":"open"`) {
			t.Fatalf("%s: reply %s, %v", set.URL, b, err)
		}
		c.Write(ctx, websocket.MessageText, []byte("bench"))
		if _, b, err := c.Read(ctx); err != nil || string(b) != "bench" {
			t.Errorf("%s: echo %q, %v", set.URL, b, err)
		}
	}
}
