package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/wstest"
)

// The checks of the address itself are relay.LoopbackAddr's (relay/listen_test.go).
func TestListenIsLoopbackOnly(t *testing.T) {
	// The command stops at the check: it binds nothing. The same for the
	// plain listener.
	err := run(context.Background(), []string{"-listen", "0.0.0.0:9443"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "not a loopback address") {
		t.Errorf("run -listen 0.0.0.0:9443: %v", err)
	}
	for _, addr := range []string{"0.0.0.0:9444", ":9444", "[::]:9444", "192.0.2.1:9444"} {
		err = run(context.Background(), []string{"-listen", "127.0.0.1:0", "-plain", addr, "-certs", t.TempDir()}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "not a loopback address") {
			t.Errorf("run -plain %s: %v", addr, err)
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-map", "api.example.com"},
		{"-map", "=127.0.0.1:1"},
		{"-map", "a=127.0.0.1"},
		{"-ca", "/nonexistent/ca.pem"},
		{"-cert", "x.pem"},
		{"-origins", "[bad"},
		{"extra"},
	} {
		args = append(args, "-listen", "127.0.0.1:0", "-certs", t.TempDir())
		if err := run(context.Background(), args, io.Discard); err == nil {
			t.Errorf("wxrelay %q ran", args)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty.pem")
	os.WriteFile(empty, []byte("not a certificate"), 0o600)
	if err := run(context.Background(), []string{"-ca", empty, "-listen", "127.0.0.1:0"}, io.Discard); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("-ca with no certificate: %v", err)
	}
}

// TestCommandRelays runs the command as a person would (a -map, a -ca for
// the upstream's CA, its own throwaway certificate) and sends a page
// through it to a real upstream.
func TestCommandRelays(t *testing.T) {
	upCert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	up, err := wstest.Start("127.0.0.1:0", upCert, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	dir := t.TempDir()
	caFile := filepath.Join(dir, "upstream-ca.pem")
	os.WriteFile(caFile, upCert.CAPEM, 0o600)

	for _, how := range []string{"flag", "env", "random", "plain"} {
		t.Run(how, func(t *testing.T) {
			args := []string{"-listen", "127.0.0.1:0", "-certs", filepath.Join(dir, "certs"), "-quiet",
				"-map", "api.example.com=" + strings.TrimPrefix(up.WSS, "wss://"), "-ca", caFile}
			switch how {
			case "plain":
				args = append(args, "-plain", "127.0.0.1:0")
				t.Setenv("WXRELAY_SECRET", "")
			case "flag":
				args = append(args, "-secret", "from-the-flag")
			case "env":
				t.Setenv("WXRELAY_SECRET", "from-the-env")
			case "random":
				t.Setenv("WXRELAY_SECRET", "")
			}
			url, plainURL, secret, stop := start(t, args)
			defer stop()
			if how == "plain" {
				if !strings.HasPrefix(plainURL, "ws://127.0.0.1:") {
					t.Fatalf("plain URL %q", plainURL)
				}
				url = plainURL
			}
			switch {
			case how == "flag" && secret != "from-the-flag", how == "env" && secret != "from-the-env", how == "random" && len(secret) < 32:
				t.Errorf("secret %q", secret)
			}
			ca, err := os.ReadFile(filepath.Join(dir, "certs", "ca.pem"))
			if err != nil {
				t.Fatal(err)
			}
			pool := x509.NewCertPool()
			pool.AppendCertsFromPEM(ca)
			client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: client})
			if err != nil {
				t.Fatal(err)
			}
			defer c.CloseNow()
			first, _ := json.Marshal(map[string]any{"v": 1, "secret": secret, "url": "wss://api.example.com/echo"})
			c.Write(ctx, websocket.MessageText, first)
			_, b, err := c.Read(ctx)
			if err != nil || !strings.Contains(string(b), `"type":"open"`) {
				t.Fatalf("reply %s, %v", b, err)
			}
			c.Write(ctx, websocket.MessageText, []byte("through wxrelay"))
			if _, b, err := c.Read(ctx); err != nil || string(b) != "through wxrelay" {
				t.Errorf("echo %q, %v", b, err)
			}
			c.Close(websocket.StatusNormalClosure, "")

			// A request, at the same URL as http(s)://.
			head, _ := json.Marshal(map[string]any{"v": 1, "secret": secret, "url": "https://api.example.com/http/echo", "header": map[string]string{"X-Via": "wxrelay"}})
			resp, err := client.Post("http"+strings.TrimPrefix(url, "ws"), "text/plain", strings.NewReader(string(head)+"\nbody"))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e wstest.Echo
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || resp.Header.Get("Wx-Relay") == "" ||
				e.Host != "api.example.com" || e.Body != "body" || e.Header.Get("X-Via") != "wxrelay" {
				t.Errorf("request: %s %+v, %v", resp.Status, e, err)
			}
		})
	}
}

// start runs the command and returns its relay URLs and secret as printed.
func start(t *testing.T, args []string) (url, plainURL, secret string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, pw)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var out []string
	for sc.Scan() && (url == "" || secret == "") {
		line := sc.Text()
		out = append(out, line)
		if v, ok := strings.CutPrefix(line, "wxrelay: relay at "); ok {
			url = v
		}
		if v, ok := strings.CutPrefix(line, "wxrelay: secret "); ok {
			secret = v
		}
		if v, ok := strings.CutPrefix(line, "wxrelay: plain relay at "); ok {
			plainURL, _, _ = strings.Cut(v, " ")
		}
	}
	if url == "" || secret == "" {
		cancel()
		t.Fatalf("the command printed no URL and secret: %q, %v", out, <-done)
	}
	go io.Copy(io.Discard, pr)
	return url, plainURL, secret, func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}
}
