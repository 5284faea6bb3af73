package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"

	"wxsocket/internal/rules"
	"wxsocket/wxrun"
)

// list is a flag that may be given more than once.
type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

// optBool is a boolean flag that knows whether it was given: -urlcheck=false
// must win over project.config.json, and its absence must not.
type optBool struct{ v *bool }

func (b *optBool) String() string {
	if b.v == nil {
		return ""
	}
	return strconv.FormatBool(*b.v)
}

func (b *optBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	b.v = &v
	return nil
}

func (b *optBool) IsBoolFlag() bool { return true }

// parseMap reads one -map: HOST=IP:PORT, or HOST:PORT=IP:PORT to map only
// that port of the name.
func parseMap(s string) (name, addr string, err error) {
	bad := func(why string) error {
		return fmt.Errorf("-map %q: %s; want HOST=IP:PORT, e.g. -map api.example.com=127.0.0.1:9000", s, why)
	}
	name, addr, ok := strings.Cut(s, "=")
	if !ok {
		return "", "", bad("no '='")
	}
	name = strings.ToLower(strings.TrimSpace(name))
	if strings.Contains(name, "/") {
		return "", "", bad(strconv.Quote(name) + " is not a host name (no scheme or path)")
	}
	host := name
	if h, p, err := net.SplitHostPort(name); err == nil {
		if _, err := strconv.ParseUint(p, 10, 16); err != nil {
			return "", "", bad("the port " + strconv.Quote(p) + " is not a port number")
		}
		host = h
	}
	if !rules.IsHostName(host) {
		return "", "", bad(strconv.Quote(host) + " is not a host name")
	}
	h, p, err := net.SplitHostPort(strings.TrimSpace(addr))
	if err != nil {
		return "", "", bad(strconv.Quote(addr) + " is not IP:PORT")
	}
	if n, err := strconv.ParseUint(p, 10, 16); err != nil || n == 0 {
		return "", "", bad("the port " + strconv.Quote(p) + " is not a port number")
	}
	if !rules.IsHostName(h) {
		return "", "", bad(strconv.Quote(h) + " is not an IP address or host name")
	}
	return name, net.JoinHostPort(h, p), nil
}

// loadCA reads -ca: PEM certificates the mapped servers' certificates may
// chain to, on top of the system's.
func loadCA(file string) (*x509.CertPool, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("-ca: %v", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	n := 0
	for rest := b; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("-ca %s: certificate %d: %v", file, n+1, err)
		}
		pool.AddCert(c)
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("-ca %s: no PEM certificate in it", file)
	}
	return pool, nil
}

// routes are the -map entries with the trust -ca and -insecure give.
func routes(maps []string, pool *x509.CertPool, insecure bool) (map[string]wxrun.Route, error) {
	out := map[string]wxrun.Route{}
	for _, m := range maps {
		name, addr, err := parseMap(m)
		if err != nil {
			return nil, err
		}
		if name == wxrun.ServeHost {
			return nil, fmt.Errorf("-map %q: %s is -serve's name", m, wxrun.ServeHost)
		}
		out[name] = wxrun.Route{Addr: addr, RootCAs: pool, Insecure: insecure}
	}
	return out, nil
}
