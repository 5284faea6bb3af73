package rules

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/quick"
)

// wsRE is WeChat's /^(ws|wss):\/\/.+/i: JavaScript's '.' is any character
// but the four line terminators.
var wsRE = regexp.MustCompile("(?i)^wss?://[^\n\r\u2028\u2029]")

func TestLooksLikeSocketURL(t *testing.T) {
	for u, want := range map[string]bool{
		"wss://a": true, "WS://a": true, "wSs://x y": true, "wss:// ": true, "ws://\u2027": true,
		"wss://": false, "wss:/a": false, "https://a": false, " wss://a": false, "wss://\n": false,
		"wss://\r": false, "wss://\u2028x": false, "wss://\u2029": false, "wsss://a": false, "": false,
	} {
		if got := LooksLikeSocketURL(u); got != want || wsRE.MatchString(u) != want {
			t.Errorf("LooksLikeSocketURL(%q) = %v, regexp %v, want %v", u, got, wsRE.MatchString(u), want)
		}
	}
	pieces := []string{"w", "W", "s", "S", ":", "/", "a", "\n", "\r", "\u2028", "\u2029", " ", "é"}
	f := func(picks []uint8) bool {
		u := join(pieces, picks, 9)
		return LooksLikeSocketURL(u) == wsRE.MatchString(u)
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
}

// TestSocketURL is SOCKET.md section 2, step 3, on hosts as the browser's
// URL parser writes them.
func TestSocketURL(t *testing.T) {
	list := HostList{"api.example.com": true, "xn--fsqu00a.example": true}
	for _, c := range []struct {
		scheme, host string
		urlCheck     bool
		want         bool
	}{
		{"wss:", "api.example.com", true, true},
		{"wss:", "xn--fsqu00a.example", true, true},
		{"ws:", "api.example.com", true, false},
		{"wss:", "evil.example.com", true, false},
		{"wss:", "api.example.com.evil.example", true, false},
		{"wss:", "127.0.0.1", true, false},
		{"wss:", "localhost", true, false},
		{"wss:", "[::1]", true, false},
		{"wss:", "0.0.0.0", true, false},
		{"wss:", "192.168.1.20", true, true},
		{"wss:", "10.0.0.1", true, true},
		{"wss:", "172.32.0.1", true, false},
		{"ws:", "192.168.1.20", true, false},
		{"ws:", "127.0.0.1", false, true},
		{"wss:", "anything.example", false, true},
	} {
		v := SocketURL(c.scheme, c.host, c.urlCheck, list)
		if v.OK != c.want || v.Why == "" {
			t.Errorf("SocketURL(%s//%s, urlCheck %v) = %+v, want ok %v", c.scheme, c.host, c.urlCheck, v, c.want)
		}
	}
}

// TestRequestURL is NETWORK.md section 1's legal-domain rule. Each row
// gives the URL as written and what the browser's URL parser reads in it
// (scheme, host, port: the parser drops a default port).
func TestRequestURL(t *testing.T) {
	list := PortList{}
	for _, e := range []struct{ raw, scheme, host, port string }{
		{"https://api.example.com", "https:", "api.example.com", ""},
		{"pay.example.com:8443", "https:", "pay.example.com", "8443"}, // given to the parser as https://pay.example.com:8443
		{"https://secure.example.com:443", "https:", "secure.example.com", ""},
		{"both.example.com", "https:", "both.example.com", ""},
		{"both.example.com:8443", "https:", "both.example.com", "8443"},
	} {
		raw := e.raw
		if !strings.Contains(raw, "://") {
			raw = "https://" + raw
		}
		list[HostPort{e.host, PortAsWritten(raw, e.scheme, e.port)}] = true
	}
	if !list[HostPort{"secure.example.com", "443"}] || !list[HostPort{"api.example.com", ""}] || len(list) != 5 {
		t.Fatalf("entries read as %v", list)
	}
	v24, v23 := Version{2, 4, 0}, Version{2, 3, 9}
	for _, c := range []struct {
		raw, scheme, host, port string
		v                       Version
		urlCheck, want          bool
	}{
		{"https://api.example.com/x", "https:", "api.example.com", "", v24, true, true},
		{"https://API.Example.com/x", "https:", "api.example.com", "", v24, true, true},
		{"https://api.example.com:443/x", "https:", "api.example.com", "", v24, true, false}, // :443 written out fails
		{"https://api.example.com:0443/x", "https:", "api.example.com", "", v24, true, false},
		{"https://api.example.com:8443/", "https:", "api.example.com", "8443", v24, true, false},
		{"http://api.example.com/", "http:", "api.example.com", "", v24, true, false},
		{"https://pay.example.com:8443/", "https:", "pay.example.com", "8443", v24, true, true},
		{"https://pay.example.com:08443/", "https:", "pay.example.com", "8443", v24, true, true},
		{"https://pay.example.com/", "https:", "pay.example.com", "", v24, true, false},
		{"https://pay.example.com:443/", "https:", "pay.example.com", "", v24, true, false},
		{"https://secure.example.com:443/", "https:", "secure.example.com", "", v24, true, true},
		{"https://secure.example.com/", "https:", "secure.example.com", "", v24, true, false},
		{"https://both.example.com/", "https:", "both.example.com", "", v24, true, true},
		{"https://both.example.com:8443/", "https:", "both.example.com", "8443", v24, true, true},
		{"https://both.example.com:9443/", "https:", "both.example.com", "9443", v24, true, false},
		{"https://secure.example.com:443@evil.example/", "https:", "evil.example", "", v24, true, false},
		{"https://evil.example/?u=https://api.example.com", "https:", "evil.example", "", v24, true, false},
		{`https:\\api.example.com:443\x`, "https:", "api.example.com", "", v24, true, false},
		{" https://api.example.com:4\t43/ ", "https:", "api.example.com", "", v24, true, false},
		{"https://127.0.0.1/", "https:", "127.0.0.1", "", v24, true, false},
		{"https://localhost:8443/", "https:", "localhost", "8443", v24, true, false},
		{"https://192.168.1.20/", "https:", "192.168.1.20", "", v24, true, true},
		{"https://192.168.1.20/", "https:", "192.168.1.20", "", v23, true, false}, // LAN passes from 2.4.0
		{"http://127.0.0.1:8080/", "http:", "127.0.0.1", "8080", v23, false, true},
		{"https://anything.example:443/", "https:", "anything.example", "", v23, false, true},
	} {
		port := PortAsWritten(c.raw, c.scheme, c.port)
		v := RequestURL(c.scheme, c.host, port, c.v, c.urlCheck, list)
		if v.OK != c.want || v.Why == "" {
			t.Errorf("RequestURL(%q, port as written %q, %v, urlCheck %v) = %+v, want ok %v", c.raw, port, c.v, c.urlCheck, v, c.want)
		}
	}
}

func TestWrittenPort(t *testing.T) {
	for raw, want := range map[string]string{
		"https://a.com": "", "https://a.com/": "", "https://a.com:443": "443", "https://a.com:443/x": "443",
		"https://a.com:/": "", "https://u:p@a.com:8443/x": "8443", "https://u:p:4@a.com/": "", "https://a@b@a.com:443": "443",
		"https://[::1]:443/": "443", "https://[::1]/": "", "https://[::1": "", "https://a.com/x:443": "", "https://a.com?x=:443": "",
		"https://a.com#:443": "", "https:a.com:443": "443", `https:\\a.com:443\x`: "443", "  https://a.com:443  ": "443",
		"https://a.com:4\n4\r3": "443", "https://a.com:00443": "443", "https://a.com:0": "0", "a.com": "", "": "",
		"\x00https://a.com:80\x1f": "80",
	} {
		if got := writtenPort(raw); got != want {
			t.Errorf("writtenPort(%q) = %q, want %q", raw, got, want)
		}
	}
	// The parser's port always wins; a default port counts only when written.
	if PortAsWritten("https://a.com:8443", "https:", "8443") != "8443" || PortAsWritten("https://a.com:80", "https:", "80") != "80" ||
		PortAsWritten("https://a.com:443", "https:", "") != "443" || PortAsWritten("https://a.com:80", "https:", "") != "" ||
		PortAsWritten("http://a.com:80", "http:", "") != "80" || PortAsWritten("wss://a.com:443", "wss:", "") != "443" {
		t.Error("PortAsWritten")
	}
}

// TestPortAsWrittenProperty builds URLs from parts (userinfo, host, port in
// one of its spellings, path) and checks that the port read back is the one
// written, as a number, and none when none is.
func TestPortAsWrittenProperty(t *testing.T) {
	hosts := []string{"a.example", "[2001:db8::1]", "10.0.0.1", "xn--fsqu00a.example"}
	users := []string{"", "u@", "u:p@", "u:9@", "a@b@"}
	paths := []string{"", "/", "/x:1", "?q=:2", "#:3", `\y`}
	f := func(pick [6]uint8, n uint16) bool {
		scheme := []string{"https", "http", "wss", "ws"}[pick[0]%4]
		def := map[string]int{"https": 443, "wss": 443, "http": 80, "ws": 80}[scheme]
		port := -1 // none written
		written := ""
		switch pick[1] % 4 {
		case 1:
			port = def
		case 2:
			port = int(n)
		case 3:
			port = int(n)
			written = ":" + strings.Repeat("0", 1+int(pick[2]%3)) + strconv.Itoa(port)
		}
		if port >= 0 && written == "" {
			written = ":" + strconv.Itoa(port)
		}
		raw := scheme + "://" + users[int(pick[3])%len(users)] + hosts[int(pick[4])%len(hosts)] + written + paths[int(pick[5])%len(paths)]
		parserPort := ""
		if port >= 0 && port != def {
			parserPort = strconv.Itoa(port)
		}
		want := ""
		if port >= 0 {
			want = strconv.Itoa(port)
		}
		if got := PortAsWritten(raw, scheme+":", parserPort); got != want {
			t.Logf("PortAsWritten(%q, %q) = %q, want %q", raw, parserPort, got, want)
			return false
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
}

// join concatenates the pieces picks names (at most max of them): random
// input made of the characters that matter.
func join(pieces []string, picks []uint8, max int) string {
	var b strings.Builder
	for i, p := range picks {
		if i == max {
			break
		}
		b.WriteString(pieces[int(p)%len(pieces)])
	}
	return b.String()
}
