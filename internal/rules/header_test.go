package rules

import (
	"regexp"
	"strings"
	"testing"
	"testing/quick"
)

func TestReservedHeader(t *testing.T) {
	for name, want := range map[string]bool{
		"host": true, "connection": true, "upgrade": true, "content-length": true, "transfer-encoding": true,
		"sec-websocket-key": true, "sec-websocket-protocol": true, "sec-websocket-x": true,
		"referer": false, "authorization": false, "x-host": false, "hosts": false, "sec-websocketx": false, "": false,
	} {
		if got := ReservedHeader(name); got != want {
			t.Errorf("ReservedHeader(%q) = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"Referer": true, "REFERER": true, "referer": true, "Referrer": false, "X-Referer": false} {
		if got := IsReferer(name); got != want {
			t.Errorf("IsReferer(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestReferer(t *testing.T) {
	for _, c := range [][3]string{
		{"", "", "https://servicewechat.com/touristappid/0/page-frame.html"},
		{"wx1234567890abcdef", "12", "https://servicewechat.com/wx1234567890abcdef/12/page-frame.html"},
		{"wx_a-b.c", "1.0.3", "https://servicewechat.com/wx_a-b.c/1.0.3/page-frame.html"},
	} {
		if got := Referer(c[0], c[1]); got != c[2] {
			t.Errorf("Referer(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
	if !ValidAppName(DefaultAppID) || !ValidAppName(DefaultAppVersion) {
		t.Error("the defaults must be valid names")
	}
}

var appNameRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func TestValidAppName(t *testing.T) {
	for s, want := range map[string]bool{
		"wx1234567890abcdef": true, "1.0.3": true, "a_b-c.D": true, strings.Repeat("a", 64): true,
		"": false, strings.Repeat("a", 65): false, "wx/../../evil": false, "wx 1": false, "1?x=": false,
		"a\r\nX: y": false, "é": false, "a%2f": false,
	} {
		if got := ValidAppName(s); got != want {
			t.Errorf("ValidAppName(%q) = %v, want %v", s, got, want)
		}
	}
	f := func(b []byte) bool { return ValidAppName(string(b)) == appNameRE.Match(b) }
	if err := quick.Check(f, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

// tokenRE is RFC 9110's token: 1*tchar.
var tokenRE = regexp.MustCompile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$")

func TestIsToken(t *testing.T) {
	for s, want := range map[string]bool{
		"chat": true, "v2.chat-json": true, "!#$%&'*+-.^_`|~": true, "": false, "a b": false, "a,b": false,
		"x\r\nX-Injected: 1": false, "é": false, "\x7f": false, "a/b": false, `"q"`: false,
	} {
		if got := IsToken(s); got != want {
			t.Errorf("IsToken(%q) = %v, want %v", s, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		s := string([]byte{byte(c)})
		if IsToken(s) != tokenRE.MatchString(s) {
			t.Errorf("IsToken(%q) = %v, RFC 9110 says %v", s, IsToken(s), tokenRE.MatchString(s))
		}
	}
	f := func(b []byte) bool { return IsToken(string(b)) == tokenRE.Match(b) }
	if err := quick.Check(f, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}
