package text

import (
	"math/rand"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

// The helpers stand in for strings, strconv and net/netip in the wasm: each
// is checked here against the standard one, on a table and on random input.

func TestStringsTable(t *testing.T) {
	for _, s := range []string{"", "a", "ABC", "MiXeD-09", "wss://API.Example.COM", "é", "\x00\xff", " \t x \n"} {
		if got, want := Lower(s), asciiLower(s); got != want {
			t.Errorf("Lower(%q) = %q, want %q", s, got, want)
		}
		if got, want := TrimSpace(s), strings.Trim(s, " \t\n\r\f\v"); got != want {
			t.Errorf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
		for _, p := range []string{"", "a", "wss://", "x", "AB"} {
			if HasPrefix(s, p) != strings.HasPrefix(s, p) || HasSuffix(s, p) != strings.HasSuffix(s, p) ||
				Contains(s, p) != strings.Contains(s, p) || Index(s, p) != strings.Index(s, p) {
				t.Errorf("prefix/suffix/contains/index disagree for %q, %q", s, p)
			}
			if HasPrefixFold(s, p) != strings.HasPrefix(asciiLower(s), p) {
				t.Errorf("HasPrefixFold(%q, %q)", s, p)
			}
		}
	}
}

// asciiLower lowers ASCII letters only, which is what the shim needs.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestSplitAgainstStrings(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		s := randString(r, ".:ab1", 12)
		got, want := Split(s, '.'), strings.Split(s, ".")
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("Split(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestItoaAtoiAgainstStrconv(t *testing.T) {
	for _, n := range []int{0, 1, -1, 9, 10, 99999, -123456789, 1 << 40, -(1 << 62)} {
		if got, want := Itoa(n), strconv.Itoa(n); got != want {
			t.Errorf("Itoa(%d) = %q, want %q", n, got, want)
		}
	}
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		n := r.Intn(2_000_000_000) - 1_000_000_000
		if got, want := Itoa(n), strconv.Itoa(n); got != want {
			t.Fatalf("Itoa(%d) = %q, want %q", n, got, want)
		}
	}
	for i := 0; i < 20000; i++ {
		s := randString(r, "0123456789abcdefABCDEFxg-+ ", 11)
		for _, base := range []int{10, 16} {
			n, ok := Atoi(s, base)
			w, err := strconv.ParseUint(s, base, 64)
			// Atoi takes digits only (no sign, no prefix, no underscore) and at most 9 of them.
			wantOK := err == nil && len(s) <= 9 && !strings.ContainsAny(s, "+-_xX ")
			if ok != wantOK || ok && uint64(n) != w {
				t.Fatalf("Atoi(%q, %d) = %d, %v; strconv: %d, %v", s, base, n, ok, w, err)
			}
		}
	}
}

func TestHostsTable(t *testing.T) {
	for _, c := range []struct {
		host          string
		loopback, lan bool
	}{
		{"localhost", true, false}, {"localhost.", true, false}, {"a.localhost", true, false},
		{"127.0.0.1", true, false}, {"127.255.0.9", true, false}, {"0.0.0.0", true, false},
		{"[::1]", true, false}, {"[::]", true, false}, {"[::ffff:7f00:1]", true, false}, {"[::7f00:1]", true, false},
		{"[::ffff:a00:1]", false, false}, {"[2001:db8::1]", false, false},
		{"10.0.0.1", false, true}, {"172.16.0.1", false, true}, {"172.31.255.255", false, true},
		{"172.32.0.1", false, false}, {"172.15.0.1", false, false}, {"192.168.1.1", false, true},
		{"192.169.1.1", false, false}, {"8.8.8.8", false, false}, {"example.com", false, false},
		{"localhostx", false, false}, {"xlocalhost", false, false},
	} {
		if IsLoopback(c.host) != c.loopback || IsLAN(c.host) != c.lan {
			t.Errorf("%s: loopback %v lan %v, want %v %v", c.host, IsLoopback(c.host), IsLAN(c.host), c.loopback, c.lan)
		}
	}
}

// TestHostsAgainstNetip checks IPv4, IPv6, IsLoopback and IsLAN on random
// addresses, written as the URL parser writes them, against net/netip.
func TestHostsAgainstNetip(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 50000; i++ {
		var a netip.Addr
		switch i % 4 {
		case 0:
			var b [4]byte
			r.Read(b[:])
			a = netip.AddrFrom4(b)
		case 1:
			var b [16]byte
			r.Read(b[:])
			a = netip.AddrFrom16(b)
		case 2: // IPv4 inside IPv6, mapped or compatible
			var b [16]byte
			r.Read(b[12:])
			if r.Intn(2) == 0 {
				b[10], b[11] = 0xff, 0xff
			}
			if r.Intn(4) == 0 {
				b[12] = 127
			}
			a = netip.AddrFrom16(b)
		default: // mostly zeros, to exercise "::"
			var b [16]byte
			b[r.Intn(16)] = byte(r.Intn(256))
			if r.Intn(2) == 0 {
				b[15] = 1
			}
			a = netip.AddrFrom16(b)
		}
		host := urlHost(a)
		wantLoop, wantLAN := netipLoopback(a), a.Is4() && a.IsPrivate()
		if IsLoopback(host) != wantLoop || IsLAN(host) != wantLAN {
			t.Fatalf("%s: loopback %v lan %v, want %v %v", host, IsLoopback(host), IsLAN(host), wantLoop, wantLAN)
		}
		if a.Is4() {
			ip, ok := IPv4(host)
			if !ok || netip.AddrFrom4(ip) != a {
				t.Fatalf("IPv4(%s) = %v, %v", host, ip, ok)
			}
		} else {
			g, ok := IPv6(host)
			var b [16]byte
			for j, v := range g {
				b[2*j], b[2*j+1] = byte(v>>8), byte(v)
			}
			if !ok || netip.AddrFrom16(b) != a {
				t.Fatalf("IPv6(%s) = %v, %v", host, g, ok)
			}
		}
	}
}

// urlHost writes a as the WHATWG URL parser does: IPv6 in brackets with its
// embedded IPv4 in hex groups (the parser never writes dotted IPv4 in IPv6).
func urlHost(a netip.Addr) string {
	if a.Is4() {
		return a.String()
	}
	b := a.As16()
	var groups [8]string
	for i := range groups {
		groups[i] = strconv.FormatUint(uint64(b[2*i])<<8|uint64(b[2*i+1]), 16)
	}
	// The longest run of two or more zero groups becomes "::" (the first one on a tie).
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		j := i
		for j < 8 && groups[j] == "0" {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		if j == i {
			j++
		}
		i = j
	}
	if best < 0 {
		return "[" + strings.Join(groups[:], ":") + "]"
	}
	return "[" + strings.Join(groups[:best], ":") + "::" + strings.Join(groups[best+bestLen:], ":") + "]"
}

// netipLoopback is the shim's loopback rule in netip's terms: 127/8,
// 0.0.0.0, ::1, ::, and IPv4 loopback (or 0.0.0.0) inside IPv6, mapped or compatible.
func netipLoopback(a netip.Addr) bool {
	if a.Is4() {
		return a.IsLoopback() || a.IsUnspecified()
	}
	if a.IsLoopback() || a.IsUnspecified() {
		return true
	}
	b := a.As16()
	for _, x := range b[:10] {
		if x != 0 {
			return false
		}
	}
	mapped := b[10] == 0xff && b[11] == 0xff
	compat := b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0)
	if !mapped && !compat {
		return false
	}
	v4 := netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	return v4.IsLoopback() || v4.IsUnspecified()
}

func randString(r *rand.Rand, alphabet string, max int) string {
	n := r.Intn(max + 1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}
