//go:build !js

package browsers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// webDriver is the little of W3C WebDriver (classic, over HTTP) that
// starting a WebKit page needs: a new session with capabilities, a
// navigation, and the end of the session.
type webDriver struct {
	base    string // http://127.0.0.1:port
	session string
	client  http.Client
}

// call sends one command and decodes its "value" into out (may be nil).
func (d *webDriver) call(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := d.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("webdriver %s %s: %d: %s", method, path, resp.StatusCode, raw)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		json.Unmarshal(env.Value, &e)
		return fmt.Errorf("webdriver %s %s: %s: %s", method, path, e.Error, e.Message)
	}
	if out != nil {
		return json.Unmarshal(env.Value, out)
	}
	return nil
}

// newSession opens a session with these capabilities (alwaysMatch) and
// returns what the driver says it got.
func (d *webDriver) newSession(ctx context.Context, caps map[string]any) (map[string]any, error) {
	var v struct {
		SessionID    string         `json:"sessionId"`
		Capabilities map[string]any `json:"capabilities"`
	}
	body := map[string]any{"capabilities": map[string]any{"alwaysMatch": caps}}
	if err := d.call(ctx, "POST", "/session", body, &v); err != nil {
		return nil, err
	}
	d.session = v.SessionID
	return v.Capabilities, nil
}

func (d *webDriver) navigate(ctx context.Context, url string) error {
	return d.call(ctx, "POST", "/session/"+d.session+"/url", map[string]string{"url": url}, nil)
}

// deleteSession ends the session, which closes the browser.
func (d *webDriver) deleteSession() {
	if d.session == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	d.call(ctx, "DELETE", "/session/"+d.session, nil, nil)
	d.session = ""
}

// waitReady polls /status until the driver answers or ctx ends.
func (d *webDriver) waitReady(ctx context.Context) error {
	for {
		var st struct {
			Ready bool `json:"ready"`
		}
		if err := d.call(ctx, "GET", "/status", nil, &st); err == nil && st.Ready {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("webdriver at %s did not become ready: %w", d.base, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
