package rules

import "wxsocket/internal/text"

// Hosts as the WHATWG URL parser writes them: IPv4 always as four decimal
// parts without leading zeros, IPv6 in brackets, lower case, with "::" for
// the longest run of zeros. Anything else is a domain name. The relay and
// wxserve pass a Host header's host instead, which browsers write the same
// way; a form no browser writes (0127.0.0.1, ::ffff:127.0.0.1) is not an
// address here, so it never passes as loopback.

// ipv4 parses "a.b.c.d", each part a decimal number up to 255 without
// leading zeros. ipv4 and ipv6 are one pass each, with no calls: in the
// wasm, code size is the cost (splitting and Atoi made them 7.6 KB).
func ipv4(h string) (ip [4]byte, ok bool) {
	part, n, digits := 0, 0, 0
	for i := 0; i <= len(h); i++ {
		if i == len(h) || h[i] == '.' {
			if digits == 0 || part == 4 || n > 255 || digits > 1 && h[i-digits] == '0' {
				return ip, false
			}
			ip[part] = byte(n)
			part, n, digits = part+1, 0, 0
			continue
		}
		c := int(h[i]) - '0'
		if c < 0 || c > 9 || digits == 3 {
			return ip, false
		}
		n, digits = n*10+c, digits+1
	}
	return ip, part == 4
}

// ipv6 parses "[x:x::x]", or the same without brackets, into eight 16-bit
// groups of one to four hex digits, "::" standing for one run of zeros.
func ipv6(h string) (g [8]int, ok bool) {
	if len(h) >= 2 && h[0] == '[' && h[len(h)-1] == ']' {
		h = h[1 : len(h)-1]
	}
	n, gap, i := 0, -1, 0 // groups read; where "::" stands; position
	if len(h) >= 2 && h[0] == ':' && h[1] == ':' {
		gap, i = 0, 2
	}
	for i < len(h) {
		v, digits := 0, 0
		for ; i < len(h) && digits <= 4; i, digits = i+1, digits+1 {
			x := text.Digit(h[i])
			if x < 0 {
				break
			}
			v = v<<4 | x
		}
		if digits == 0 || digits > 4 || n == 8 {
			return g, false
		}
		g[n], n = v, n+1
		if i == len(h) {
			break
		}
		if h[i] != ':' || i+1 == len(h) {
			return g, false
		}
		i++
		if h[i] == ':' {
			if gap >= 0 {
				return g, false
			}
			gap, i = n, i+1
		}
	}
	if gap < 0 || n == 8 {
		return g, n == 8 && gap < 0 // "::" stands for one group at least
	}
	// Move the groups after "::" to the end.
	for k := n - 1; k >= gap; k-- {
		g[8-n+k], g[k] = g[k], 0
	}
	return g, true
}

// v4InV6 gives the IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or
// IPv4-compatible (::a.b.c.d) IPv6 address.
func v4InV6(g [8]int) (ip [4]byte, ok bool) {
	for i := 0; i < 5; i++ {
		if g[i] != 0 {
			return ip, false
		}
	}
	if g[5] != 0xffff && g[5] != 0 {
		return ip, false
	}
	if g[5] == 0 && g[6] == 0 {
		return ip, false // ::1 and :: are IPv6's own
	}
	return [4]byte{byte(g[6] >> 8), byte(g[6]), byte(g[7] >> 8), byte(g[7])}, true
}

func loopback4(ip [4]byte) bool { return ip[0] == 127 || ip == [4]byte{} }

func private4(ip [4]byte) bool {
	return ip[0] == 10 || ip[0] == 172 && ip[1]&0xf0 == 16 || ip[0] == 192 && ip[1] == 168
}

// IsLoopback is the one loopback rule: every name and address a browser
// sends to this machine: localhost and *.localhost, 127/8, 0.0.0.0, ::1,
// ::, and IPv4 loopback inside IPv6. host is in lower case, as the URL
// parser writes it (a Host header's host must be lowered first; in upper
// case it is not loopback). A phone's legal-domain check never passes
// these; the relay and wxserve answer only requests whose Host is one (a
// DNS-rebinding page's Host is its own name); a relay setting that names
// another host is warned about.
func IsLoopback(host string) bool {
	h := host
	if text.HasSuffix(h, ".") {
		h = h[:len(h)-1]
	}
	if h == "localhost" || text.HasSuffix(h, ".localhost") {
		return true
	}
	if ip, ok := ipv4(h); ok {
		return loopback4(ip)
	}
	if g, ok := ipv6(h); ok {
		if g == [8]int{0, 0, 0, 0, 0, 0, 0, 1} || g == [8]int{} {
			return true
		}
		if ip, ok := v4InV6(g); ok {
			return loopback4(ip)
		}
	}
	return false
}

// OnThisMachine is where a relay may be, the stricter rule beside
// IsLoopback: localhost and *.localhost (which browsers resolve to loopback
// themselves), 127.0.0.0/8 and ::1, hosts as the URL parser writes them
// (in lower case; IPv6 with or without brackets). A relay gets the page's
// secret and every request header, and it listens on loopback only, so the
// hosts IsLoopback takes only because a browser sends them to this machine
// are refused: 0.0.0.0 and [::] (no listener has them), IPv4 inside IPv6,
// and a trailing dot. The shim refuses a wxshim.relay setting whose host
// fails it; the relay listens only on a host that passes (LoopbackAddr).
func OnThisMachine(host string) bool {
	if host == "localhost" || len(host) > len(".localhost") && text.HasSuffix(host, ".localhost") {
		return true
	}
	if ip, ok := ipv4(host); ok {
		return ip[0] == 127
	}
	g, ok := ipv6(host)
	return ok && g == [8]int{0, 0, 0, 0, 0, 0, 0, 1}
}

// IsLAN is the private IPv4 ranges (10/8, 172.16/12, 192.168/16) a phone
// lets past the legal-domain list.
func IsLAN(host string) bool {
	ip, ok := ipv4(host)
	return ok && private4(ip)
}

// IsHostName reports whether h can name a server in a route (wxrun's -map
// and Script.Host) and so in a legal-domain list: an IP address, or a DNS
// name of labels of letters, digits, '-' and '_' (1 to 63 bytes each, 253
// in all), in any case. No scheme, port, path, user or space: a route is
// looked up by the name a URL's host holds.
func IsHostName(h string) bool {
	if _, ok := ipv6(h); ok {
		return true
	}
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range text.Split(h, '.') {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !(isAlnum(c) || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
