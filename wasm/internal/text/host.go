package text

// Host names and IP addresses as the WHATWG URL parser writes hosts: IPv4
// always as four decimal parts, IPv6 in brackets, lower case, with "::" for the longest
// run of zeros. Anything else is a domain name.

// IPv4 parses "a.b.c.d".
func IPv4(h string) (ip [4]byte, ok bool) {
	parts := Split(h, '.')
	if len(parts) != 4 {
		return ip, false
	}
	for i, p := range parts {
		n, ok := Atoi(p, 10)
		if !ok || n > 255 {
			return ip, false
		}
		ip[i] = byte(n)
	}
	return ip, true
}

// IPv6 parses "[x:x::x]" into eight 16-bit groups.
func IPv6(h string) (g [8]int, ok bool) {
	if len(h) < 4 || h[0] != '[' || h[len(h)-1] != ']' {
		return g, false
	}
	h = h[1 : len(h)-1]
	var head, tail []string
	if i := Index(h, "::"); i >= 0 {
		head, tail = groups(h[:i]), groups(h[i+2:])
	} else {
		head = groups(h)
		if len(head) != 8 {
			return g, false
		}
	}
	if len(head)+len(tail) > 8 {
		return g, false
	}
	for i, s := range head {
		if g[i], ok = Atoi(s, 16); !ok || g[i] > 0xffff {
			return g, false
		}
	}
	for i, s := range tail {
		if g[8-len(tail)+i], ok = Atoi(s, 16); !ok || g[8-len(tail)+i] > 0xffff {
			return g, false
		}
	}
	return g, true
}

func groups(s string) []string {
	if s == "" {
		return nil
	}
	return Split(s, ':')
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

// IsLoopback covers every name and address a browser sends to this machine:
// localhost and *.localhost, 127/8, 0.0.0.0, ::1, ::, and IPv4 loopback
// inside IPv6.
func IsLoopback(host string) bool {
	h := host
	if HasSuffix(h, ".") {
		h = h[:len(h)-1]
	}
	if h == "localhost" || HasSuffix(h, ".localhost") {
		return true
	}
	if ip, ok := IPv4(host); ok {
		return loopback4(ip)
	}
	if g, ok := IPv6(host); ok {
		if g == [8]int{0, 0, 0, 0, 0, 0, 0, 1} || g == [8]int{} {
			return true
		}
		if ip, ok := v4InV6(g); ok {
			return loopback4(ip)
		}
	}
	return false
}

// IsLAN is the private IPv4 ranges a phone lets past the domain list.
func IsLAN(host string) bool {
	ip, ok := IPv4(host)
	return ok && private4(ip)
}
