package rules

import (
	"math/rand"
	"net"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/quick"
)

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
		// A Host header's host (the relay, wxserve), lowered: a trailing dot,
		// IPv6 without brackets (net.SplitHostPort takes them off).
		{"app.localhost", true, false}, {"127.0.0.1.", true, false}, {"::1", true, false},
		{"::ffff:7f00:1", true, false}, {"[::FFFF:7F00:1]", true, false}, {"LOCALHOST", false, false},
		{"1:2:3:4::5:6:7:8", false, false}, {"::1:2:3:4:5:6:7", false, false}, {"[::ffff:7f00:1:]", false, false},
		// Forms a browser never writes are not addresses: never loopback, never LAN.
		{"0127.0.0.1", false, false}, {"127.1", false, false}, {"127.0.0.01", false, false},
		{"[::ffff:127.0.0.1]", false, false}, {"010.0.0.1", false, false}, {"0x7f.0.0.1", false, false},
		{"", false, false}, {"[]", false, false}, {"[::1", false, false}, {"::1]", false, false},
	} {
		if IsLoopback(c.host) != c.loopback || IsLAN(c.host) != c.lan {
			t.Errorf("%s: loopback %v lan %v, want %v %v", c.host, IsLoopback(c.host), IsLAN(c.host), c.loopback, c.lan)
		}
	}
}

// TestOnThisMachineTable: where a relay may be. Every host OnThisMachine
// takes, IsLoopback takes too; the rows below it refuses are loopback to
// IsLoopback (or look like it) but not a place a relay listens.
func TestOnThisMachineTable(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "a.localhost": true, "x.y.localhost": true, "127.0.0.1": true, "127.1.2.3": true,
		"127.255.255.255": true, "[::1]": true, "::1": true, "[0:0:0:0:0:0:0:1]": true,
		// Loopback to IsLoopback, but no relay is there.
		"0.0.0.0": false, "[::]": false, "::": false, "[::ffff:7f00:1]": false, "[::7f00:1]": false,
		"localhost.": false, "127.0.0.1.": false, ".localhost": false,
		// Look-alikes, forms no browser writes, and other machines.
		"LOCALHOST": false, "localhost.example.com": false, "localhostx": false, "xlocalhost": false,
		"0127.0.0.1": false, "127.1": false, "127.0.0.01": false, "[::ffff:127.0.0.1]": false, "0x7f.0.0.1": false,
		"128.0.0.1": false, "126.255.255.255": false, "10.0.0.1": false, "192.168.1.1": false,
		"[::2]": false, "[2001:db8::1]": false, "example.com": false, "": false, "[]": false, "[::1": false,
	} {
		if got := OnThisMachine(host); got != want {
			t.Errorf("OnThisMachine(%q) = %v, want %v", host, got, want)
		}
		if OnThisMachine(host) && !IsLoopback(host) {
			t.Errorf("%q is on this machine but not loopback", host)
		}
	}
}

// TestOnThisMachineAgainstNetip checks OnThisMachine on random addresses,
// written as the URL parser writes them, against net/netip's IsLoopback,
// which agrees but on IPv4-mapped loopback (::ffff:127.x.y.z): netip
// unmaps it, OnThisMachine refuses it.
func TestOnThisMachineAgainstNetip(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 20000; i++ {
		var b [16]byte
		n := 4
		if i%2 == 1 {
			n = 16
		}
		r.Read(b[:n])
		switch r.Intn(4) {
		case 0:
			b[0] = 127
		case 1:
			b = [16]byte{}
			b[n-1] = byte(r.Intn(3))
		case 2:
			if n == 16 { // IPv4 inside IPv6, mapped or compatible, often loopback
				b = [16]byte{}
				r.Read(b[12:])
				if r.Intn(2) == 0 {
					b[10], b[11] = 0xff, 0xff
				}
				if r.Intn(2) == 0 {
					b[12] = 127
				}
			}
		}
		var a netip.Addr
		if n == 4 {
			a = netip.AddrFrom4([4]byte(b[:4]))
		} else {
			a = netip.AddrFrom16(b)
		}
		host := urlHost(a)
		want := a.IsLoopback() && !a.Is4In6()
		if got := OnThisMachine(host); got != want {
			t.Fatalf("OnThisMachine(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestHostsAgainstNetip checks ipv4, ipv6, IsLoopback and IsLAN on random
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
			ip, ok := ipv4(host)
			if !ok || netip.AddrFrom4(ip) != a {
				t.Fatalf("ipv4(%s) = %v, %v", host, ip, ok)
			}
		} else {
			g, ok := ipv6(host)
			var b [16]byte
			for j, v := range g {
				b[2*j], b[2*j+1] = byte(v>>8), byte(v)
			}
			if !ok || netip.AddrFrom16(b) != a {
				t.Fatalf("ipv6(%s) = %v, %v", host, g, ok)
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

// TestLoopbackAgainstNet checks IsLoopback against the test the relay and
// wxserve made with the net package (net.ParseIP's IsLoopback, localhost,
// *.localhost), on every host written as net writes it: they agree but on
// the unspecified addresses, which this rule counts (a browser sends
// 0.0.0.0 and [::] to this machine) and net does not.
func TestLoopbackAgainstNet(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	for i := 0; i < 20000; i++ {
		var b [16]byte
		n := 4
		if i%2 == 1 {
			n = 16
		}
		if r.Intn(3) == 0 {
			b[0] = 127
		}
		r.Read(b[1:n])
		if i%5 == 0 {
			b = [16]byte{}
			if r.Intn(2) == 0 {
				b[n-1] = 1
			}
		}
		ip := net.IP(b[:n])
		host := ip.String()
		want := ip.IsLoopback() || ip.IsUnspecified()
		if strings.Contains(host, ".") && strings.Contains(host, ":") {
			want = false // ::ffff:a.b.c.d: a form no browser writes
		}
		if got := IsLoopback(host); got != want {
			t.Fatalf("IsLoopback(%q) = %v, net says %v", host, got, want)
		}
	}
}

func TestIsHostName(t *testing.T) {
	for h, want := range map[string]bool{
		"api.example.com": true, "API.Example.COM": true, "a": true, "localhost": true, "x_y-z.example": true,
		"10.0.0.5": true, "::1": true, "[::1]": true, "2001:db8::1": true, "xn--fsqu00a.example": true,
		"": false, ".": false, "a..b": false, ".a": false, "a.": false, "a b.com": false, "wss://a.com": false,
		"a.com:443": false, "a.com/x": false, "user@a.com": false, "a,b.com": false, "a.com\n": false,
		"é.com": false, strings.Repeat("a", 63) + ".com": true, strings.Repeat("a", 64) + ".com": false,
		strings.Repeat("a.", 126) + "a": true, strings.Repeat("a.", 126) + "ab": false, "[::1]:80": false,
	} {
		if got := IsHostName(h); got != want {
			t.Errorf("IsHostName(%q) = %v, want %v", h, got, want)
		}
	}
}

// hostNameRE is IsHostName for names, written as a regular expression.
var hostNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,63}(\.[A-Za-z0-9_-]{1,63})*$`)

func TestIsHostNameProperty(t *testing.T) {
	pieces := []string{"a", "Z", "0", "9", "-", "_", ".", ":", "[", "]", "/", "@", " ", "é", "f", "::"}
	f := func(picks []uint8) bool {
		h := join(pieces, picks, 12)
		a := h
		if len(a) >= 2 && a[0] == '[' && a[len(a)-1] == ']' {
			a = a[1 : len(a)-1]
		}
		_, err := netip.ParseAddr(a)
		// An IPv6 address with a dotted IPv4 tail is a form no browser writes.
		want := hostNameRE.MatchString(h) || err == nil && !strings.Contains(a, ".")
		if got := IsHostName(h); got != want {
			t.Logf("IsHostName(%q) = %v, want %v", h, got, want)
			return false
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
}
