package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/quick"
	"unicode"
)

func TestParseVersionTable(t *testing.T) {
	for s, want := range map[string]string{
		"2.10.4": "2.10.4", "1": "1.0.0", "2.10": "2.10.0", " 1.7.0 ": "1.7.0", "\u00a02.0.0\u3000": "2.0.0",
		"\ufeff1.4.0\u2028": "1.4.0", "00001.2.3": "1.2.3", "99999.99999.99999": "99999.99999.99999",
		"": "", "1.2.3.4": "", "100000": "", "1..2": "", "1.": "", ".1": "", "+1": "", "-1": "", "1e3": "",
		"0x10": "", "1 .7": "", "１.７": "", "\u200b1.7": "", "\u0085 1.7": "", "1.7\x00": "",
	} {
		v, ok := ParseVersion(s)
		got := ""
		if ok {
			got = fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2])
		}
		if got != want {
			t.Errorf("ParseVersion(%q) = %q, want %q", s, got, want)
		}
	}
}

// refParseVersion is the glue's parseVersion in Go's standard library:
// s.trim().split("."), at most three parts, each /^[0-9]{1,5}$/.
func refParseVersion(s string) (Version, bool) {
	var v Version
	parts := strings.Split(strings.TrimFunc(s, jsSpace), ".")
	if len(parts) > 3 {
		return v, false
	}
	for i, p := range parts {
		if !digits.MatchString(p) {
			return v, false
		}
		v[i], _ = strconv.Atoi(p)
	}
	return v, true
}

var digits = regexp.MustCompile(`^[0-9]{1,5}$`)

// jsSpace is ECMAScript's WhiteSpace and LineTerminator, from Unicode's Zs.
func jsSpace(r rune) bool {
	return unicode.Is(unicode.Zs, r) || strings.ContainsRune("\t\v\f\ufeff\n\r\u2028\u2029", r)
}

func TestParseVersionAgainstReference(t *testing.T) {
	pieces := []string{"0", "1", "7", "10", "99999", "100000", ".", ".", " ", "\t", "\u00a0", "\u3000", "\u2028",
		"\u0085", "\u200b", "\u180e", "+", "-", "e", "x", "１", "\x00"}
	f := func(picks []uint8) bool {
		s := join(pieces, picks, 8)
		v, ok := ParseVersion(s)
		w, wok := refParseVersion(s)
		if v != w || ok != wok {
			t.Logf("ParseVersion(%q) = %v, %v; reference %v, %v", s, v, ok, w, wok)
			return false
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isJSSpace(r) != jsSpace(r) {
			t.Fatalf("isJSSpace(%U) = %v", r, isJSSpace(r))
		}
	}
}

// Every version written as a phone writes it reads back as itself.
func TestParseVersionRoundTrip(t *testing.T) {
	f := func(a, b, c uint16) bool {
		v := Version{int(a) % 100000, int(b) % 100000, int(c) % 100000}
		got, ok := ParseVersion(fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]))
		return ok && got == v
	}
	if err := quick.Check(f, nil); err != nil {
		t.Error(err)
	}
}

// AtLeast is the order of (major, minor, patch), which is the order of the
// numbers major*1e10 + minor*1e5 + patch.
func TestAtLeast(t *testing.T) {
	key := func(v Version) int64 { return int64(v[0])*1e10 + int64(v[1])*1e5 + int64(v[2]) }
	f := func(a, b [3]uint16) bool {
		v := Version{int(a[0] % 4), int(a[1] % 12), int(a[2] % 6)}
		w := Version{int(b[0] % 4), int(b[1] % 12), int(b[2] % 6)}
		return v.AtLeast(w) == (key(v) >= key(w))
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

// The gates are the spec's table (SOCKET.md section 1; NETWORK.md section
// 1 for LAN addresses).
func TestGates(t *testing.T) {
	for name, c := range map[string]struct{ got, want Version }{
		"default":     {DefaultVersion, Version{1, 6, 0}},
		"protocols":   {SinceProtocols, Version{1, 4, 0}},
		"multiSocket": {SinceMultiSocket, Version{1, 7, 0}},
		"openHeader":  {SinceOpenHeader, Version{2, 0, 0}},
		"timeout":     {SinceTimeout, Version{2, 10, 0}},
		"promises":    {SincePromises, Version{2, 10, 2}},
		"openProfile": {SinceOpenProfile, Version{2, 10, 4}},
		"requestLAN":  {SinceRequestLAN, Version{2, 4, 0}},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", name, c.got, c.want)
		}
	}
	if DefaultVersion.AtLeast(SinceMultiSocket) || !DefaultVersion.AtLeast(SinceProtocols) {
		t.Error("1.6.0 is the one-socket API with protocols")
	}
}

// TestProbes keeps the answers the shim expects of the glue's copies in
// step with the rules, and makes the probes exercise both answers.
func TestProbes(t *testing.T) {
	var versions, tokens []string
	count := map[string]int{}
	for _, p := range strings.Split(VersionProbes, ProbeSep) {
		a := ""
		if v, ok := ParseVersion(p); ok {
			a = fmt.Sprintf("%d,%d,%d", v[0], v[1], v[2])
			count["version"]++
		}
		versions = append(versions, a)
	}
	for _, p := range strings.Split(TokenProbes, ProbeSep) {
		tokens = append(tokens, strconv.FormatBool(IsToken(p)))
		if IsToken(p) {
			count["token"]++
		}
	}
	if got := strings.Join(versions, "|"); got != VersionAnswers {
		t.Errorf("VersionAnswers must be\n%q", got)
	}
	if got := strings.Join(tokens, "|"); got != TokenAnswers {
		t.Errorf("TokenAnswers must be\n%q", got)
	}
	if n := len(versions); count["version"] < 8 || n-count["version"] < 8 {
		t.Errorf("%d of %d version probes parse: they must exercise both answers", count["version"], n)
	}
	if n := len(tokens); count["token"] < 5 || n-count["token"] < 8 {
		t.Errorf("%d of %d token probes are tokens: they must exercise both answers", count["token"], n)
	}
}
