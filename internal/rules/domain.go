package rules

import (
	"unicode/utf8"

	"wxsocket/internal/text"
)

// The legal-domain rules. Hosts, schemes and ports come from the browser's
// own URL parser (the one its WebSocket and fetch use), so the host that
// is checked is the host the browser would connect to: a second parser
// that disagreed with it is how allow-lists get bypassed. These functions
// judge what that parser gave; they never parse a host themselves.
//
// The socket rule and the HTTP rule differ in two ways: a socket entry
// allows its host on any port, an HTTP entry only on the port it writes
// (none, or one); and LAN addresses pass for sockets at every version,
// for the HTTP APIs from 2.4.0.

// Verdict is a legal-domain rule's answer for one URL.
type Verdict struct {
	OK  bool
	Why string // a sentence for people: what decided
}

// LooksLikeSocketURL is WeChat's first check of a socket URL,
// /^(ws|wss):\/\/.+/i, written out: the scheme, then at least one
// character that is not a line terminator.
func LooksLikeSocketURL(u string) bool {
	var rest string
	switch {
	case text.HasPrefixFold(u, "wss://"):
		rest = u[6:]
	case text.HasPrefixFold(u, "ws://"):
		rest = u[5:]
	default:
		return false
	}
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest) // the first character only, of a URL of any length
	return r != '\n' && r != '\r' && r != '\u2028' && r != '\u2029'
}

// HostList is a socket legal-domain list (socketDomains): the host of
// each entry, as the URL parser writes it. An entry allows its host on
// any port.
type HostList map[string]bool

// SocketURL is wx.connectSocket's legal-domain rule (SOCKET.md section 2,
// step 3) for a URL the parser read as scheme and host. With urlCheck on,
// the scheme must be wss:, loopback never passes, LAN addresses always
// do, and any other host must be in list.
func SocketURL(scheme, host string, urlCheck bool, list HostList) Verdict {
	switch {
	case !urlCheck:
		return Verdict{true, "urlCheck is off: every ws:// and wss:// URL is allowed"}
	case scheme != "wss:":
		return Verdict{false, "a phone only opens wss:// URLs"}
	case IsLoopback(host):
		return Verdict{false, "localhost and loopback addresses never pass the domain check on a phone"}
	case IsLAN(host):
		return Verdict{true, "LAN addresses (10/8, 172.16/12, 192.168/16) pass on a phone"}
	case list[host]:
		return Verdict{true, "the host is in the legal domain list"}
	}
	return Verdict{false, "the host is not in the legal domain list"}
}

// HostPort is an entry of an HTTP legal-domain list: a host as the URL
// parser writes it, and the port the entry writes ("" for none).
type HostPort struct{ Host, Port string }

// PortList is an HTTP legal-domain list (requestDomains,
// uploadFileDomains, downloadFileDomains): an entry allows its host only
// with the port it writes, and an entry that writes none only URLs that
// write none.
type PortList map[HostPort]bool

// RequestURL is the HTTP APIs' legal-domain rule (NETWORK.md section 1)
// for a URL the parser read as scheme and host, whose port as written is
// port (PortAsWritten), at base-library version v. With urlCheck on, the
// scheme must be https:, loopback never passes, LAN addresses pass from
// 2.4.0, and any other URL's host and port as written must be an entry of
// list: https://host:443 passes an entry host:443 only, https://host an
// entry host only. An entry goes in list the same way: its host from the
// parser (given "https://"+entry when it has no scheme), its port from
// PortAsWritten.
func RequestURL(scheme, host, port string, v Version, urlCheck bool, list PortList) Verdict {
	switch {
	case !urlCheck:
		return Verdict{true, "urlCheck is off: every http:// and https:// URL is allowed"}
	case scheme != "https:":
		return Verdict{false, "a phone only requests https:// URLs"}
	case IsLoopback(host):
		return Verdict{false, "localhost and loopback addresses never pass the domain check on a phone"}
	case IsLAN(host) && v.AtLeast(SinceRequestLAN):
		return Verdict{true, "LAN addresses (10/8, 172.16/12, 192.168/16) pass on a phone from 2.4.0"}
	case list[HostPort{host, port}]:
		return Verdict{true, "the host and port, as written, are in the legal domain list"}
	}
	return Verdict{false, "the host and port, as written, are not in the legal domain list (an entry with a port allows only URLs that write it, one without only URLs that write none)"}
}

// PortAsWritten is the port the URL raw writes, which the parser read as
// scheme and port: the parser's port, or the scheme's default when raw
// writes it out (the parser drops it), else "". The parser's answer always
// wins: raw is read only to tell "https://host:443" from "https://host",
// which reach the same place.
func PortAsWritten(raw, scheme, port string) string {
	if port != "" {
		return port
	}
	d := defaultPort(scheme)
	if d != "" && writtenPort(raw) == d {
		return d
	}
	return ""
}

func defaultPort(scheme string) string {
	switch scheme {
	case "http:", "ws:":
		return "80"
	case "https:", "wss:":
		return "443"
	}
	return ""
}

// writtenPort is the port digits raw's authority holds, leading zeros
// dropped ("" for none), read as the WHATWG parser reads a special URL:
// leading and trailing C0 controls and spaces dropped, tabs and newlines
// removed, any run of '/' and '\' after the scheme, userinfo up to the
// last '@', an IPv6 host in brackets.
func writtenPort(raw string) string {
	s := cleanURL(raw)
	i := text.Index(s, ":")
	if i < 0 {
		return ""
	}
	s = s[i+1:]
	for s != "" && (s[0] == '/' || s[0] == '\\') {
		s = s[1:]
	}
	end := len(s)
	for j := 0; j < len(s); j++ {
		if c := s[j]; c == '/' || c == '\\' || c == '?' || c == '#' {
			end = j
			break
		}
	}
	s = s[:end]
	for j := len(s) - 1; j >= 0; j-- {
		if s[j] == '@' {
			s = s[j+1:]
			break
		}
	}
	if s != "" && s[0] == '[' {
		j := text.Index(s, "]")
		if j < 0 {
			return ""
		}
		s = s[j+1:]
	}
	j := text.Index(s, ":")
	if j < 0 {
		return ""
	}
	p := s[j+1:]
	for len(p) > 1 && p[0] == '0' {
		p = p[1:]
	}
	return p
}

// cleanURL is the WHATWG parser's first steps: C0 controls and spaces off
// both ends, then every tab, LF and CR removed.
func cleanURL(s string) string {
	for s != "" && s[0] <= ' ' {
		s = s[1:]
	}
	for s != "" && s[len(s)-1] <= ' ' {
		s = s[:len(s)-1]
	}
	if text.Index(s, "\t") < 0 && text.Index(s, "\n") < 0 && text.Index(s, "\r") < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\t' && c != '\n' && c != '\r' {
			b = append(b, c)
		}
	}
	return string(b)
}
