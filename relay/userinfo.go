//go:build !js

package relay

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
)

// Credentials in the target URL (wss://user:pass@host/) are used as a
// browser's WebSocket uses them, which is the Fetch standard's rule for a
// request whose URL carries credentials (HTTP-network-or-cache fetch): the
// handshake first goes without them; only when the server answers 401 is
// it made once more, with Authorization: Basic from the URL's user and
// password, percent-decoded. Chromium 156, Firefox 153 and WebKitGTK 2.50
// were measured doing exactly that (relay/userinfo_test.go asks them).
// Go's HTTP client would instead send them with the first request.
//
// Only a Basic challenge is answered (a browser would answer Digest and
// others from the same credentials; the relay has no such scheme), and an
// Authorization the page put in header wins: the URL's are then never sent.

// dialWithCredentials dials req and, when the upstream asks for Basic
// credentials that the target URL carries, dials once more with them.
func (rl *Relay) dialWithCredentials(ctx context.Context, req *request) (*dialed, error) {
	up, err := rl.dial(ctx, req)
	var bc *basicChallenge
	if err == nil || req.user == nil || !errors.As(err, &bc) || req.header.Get("Authorization") != "" {
		return up, err
	}
	again := *req
	again.header = req.header.Clone()
	pass, _ := req.user.Password()
	again.header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(req.user.Username()+":"+pass)))
	return rl.dial(ctx, &again)
}

// httpRefusal is a handshake the upstream answered with another status
// than 101; a 401 that asks for Basic credentials says so.
func httpRefusal(resp *http.Response) error {
	de := &dialError{"HTTP " + resp.Status}
	if asksBasic(resp) {
		return &basicChallenge{de}
	}
	return de
}

// basicChallenge is a dialError that a retry with credentials may answer.
type basicChallenge struct{ *dialError }

func (c *basicChallenge) Unwrap() error { return c.dialError }

// asksBasic reports a 401 whose WWW-Authenticate offers the Basic scheme
// (among others, comma-separated, perhaps).
func asksBasic(resp *http.Response) bool {
	if resp.StatusCode != http.StatusUnauthorized {
		return false
	}
	for _, v := range resp.Header.Values("WWW-Authenticate") {
		for _, challenge := range strings.Split(v, ",") {
			scheme, _, _ := strings.Cut(strings.TrimSpace(challenge), " ")
			if strings.EqualFold(scheme, "Basic") {
				return true
			}
		}
	}
	return false
}
