//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/internal/rules"
	"wxsocket/internal/text"
	"wxsocket/wasm/internal/jsx"
)

// config is the parsed form of the wxshim settings. It is rebuilt whenever
// a setting changes (the glue's setters call configure), so the API
// functions read typed fields, never the JavaScript object.
type config struct {
	version        rules.Version
	urlCheck       bool
	domains        rules.HostList // hostnames, as the URL parser writes them
	connectTimeout float64        // networkTimeout.connectSocket in ms; 0 = default
	maxConnections int
	browserClose   bool              // closeBeforeOpen: "browser" aborts the handshake
	rewrites       map[string]string // parsed origin -> replacement origin and path prefix
	relay          *relayConfig      // nil: sockets go straight to their servers
	appid          string            // for the relay's Referer
	appVersion     string

	requestDomains   rules.PortList // wx.request's legal domains: host and port as written
	requestTimeout   float64        // networkTimeout.request in ms; 0 = default
	maxResponseBytes float64        // a response body over it fails (the spec's choice)
}

// relayConfig is the relay setting: where it listens (url, and fallback
// when the browser will not open url) and its secret.
type relayConfig struct{ url, fallback, secret string }

const defaultConnectTimeout = 60000

// defaultRequestTimeout is wx.request's timeout when neither the option nor
// networkTimeout.request gives one; defaultMaxResponse, maxResponseBytes'
// default (200 MiB, the size a phone's downloads stop at).
const (
	defaultRequestTimeout = 60000
	defaultMaxResponse    = 200 << 20
)

// maxTimeout is the longest connect timeout taken (ms): the largest
// JavaScript Date (8.64e15 ms), beyond which "wait as long as asked" means
// nothing; the glue chains timers for anything above 2^31-1.
const maxTimeout = 8.64e15

// maxBytes is the largest byte count taken (2^53, JavaScript's largest
// exact integer).
const maxBytes = 1 << 53

func defaultConfig() config {
	return config{
		version:          rules.DefaultVersion,
		urlCheck:         true,
		domains:          rules.HostList{},
		maxConnections:   5,
		requestDomains:   rules.PortList{},
		maxResponseBytes: defaultMaxResponse,
		appid:            rules.DefaultAppID,
		appVersion:       rules.DefaultAppVersion,
	}
}

// Behaviour gates (spec section 1), at the versions internal/rules gives.
func (c *config) multiSocket() bool     { return c.version.AtLeast(rules.SinceMultiSocket) }
func (c *config) openHeader() bool      { return c.version.AtLeast(rules.SinceOpenHeader) }
func (c *config) timeoutOption() bool   { return c.version.AtLeast(rules.SinceTimeout) }
func (c *config) promises() bool        { return c.version.AtLeast(rules.SincePromises) }
func (c *config) openProfile() bool     { return c.version.AtLeast(rules.SinceOpenProfile) }
func (c *config) protocolsOption() bool { return c.version.AtLeast(rules.SinceProtocols) }
func (c *config) errno() bool           { return c.version.AtLeast(rules.SinceErrno) }

// parseSetting parses one setting's value into c; it returns "" or, for a
// value it cannot use, what the setting wants. Its cases are the contract's
// setting names (checkSettingKeys holds them together at start).
func (sh *shim) parseSetting(key string, c *config, v js.Value) (want string) {
	switch key {
	case "libVersion":
		ver, ok := sh.glue.parseVersion(v)
		if !ok {
			return `a version string such as "2.10.4"`
		}
		c.version = ver
	case "urlCheck":
		if jsx.TypeOf(v) != js.TypeBoolean {
			return "true or false"
		}
		c.urlCheck = v.Bool()
	case "socketDomains":
		if !sh.parseDomains(v, "wss://", func(p parsedURL, _ string) bool { c.domains[p.host] = true; return true }) {
			c.domains = rules.HostList{} // in force only if every entry is good
			return `an array of host names such as ["wss://api.example.com"]`
		}
	case "networkTimeout":
		// One number per API, each optional; other keys are left alone
		// (app.json has more: uploadFile, downloadFile).
		const want = "{connectSocket, request: a number of milliseconds above 0}"
		if jsx.TypeOf(v) != js.TypeObject {
			return want
		}
		for _, t := range []struct {
			key string
			dst *float64
		}{{"connectSocket", &c.connectTimeout}, {"request", &c.requestTimeout}} {
			x, _ := jsx.Get(v, t.key)
			switch {
			case x.IsUndefined():
			case jsx.TypeOf(x) == js.TypeNumber && x.Float() > 0 && x.Float() <= maxTimeout:
				*t.dst = x.Float()
			default:
				c.connectTimeout, c.requestTimeout = 0, 0
				return want
			}
		}
	case "requestDomains":
		// An entry with a port allows only that port, one without only
		// URLs that write none (NETWORK.md section 1): its port as written.
		if !sh.parseDomains(v, "https://", func(p parsedURL, s string) bool {
			c.requestDomains[rules.HostPort{Host: p.host, Port: rules.PortAsWritten(s, p.scheme, p.port)}] = true
			return p.scheme == "https:"
		}) {
			c.requestDomains = rules.PortList{}
			return `an array of entries such as ["api.example.com", "https://api.example.com:8443"]`
		}
	case "maxResponseBytes":
		if jsx.TypeOf(v) != js.TypeNumber || !(v.Float() >= 1) || v.Float() > maxBytes {
			return "a number of bytes from 1 to 2^53"
		}
		c.maxResponseBytes = v.Float()
	case "maxConnections":
		if jsx.TypeOf(v) != js.TypeNumber || v.Float() < 1 || v.Float() > 1000 || v.Float() != float64(int(v.Float())) {
			return "a whole number from 1 to 1000"
		}
		c.maxConnections = v.Int()
	case "closeBeforeOpen":
		if jsx.TypeOf(v) != js.TypeString || v.String() != "browser" && v.String() != "phone" {
			return `"phone" or "browser"`
		}
		c.browserClose = v.String() == "browser"
	case "rewrites":
		if !sh.parseRewrites(v, c) {
			return `an object of origins such as {"wss://api.example.com": "wss://127.0.0.1:8443"}`
		}
	case "relay":
		// fallback: the relay's other URL, tried when the browser will not
		// open url (WebKit refuses ws://127.0.0.1 from an https page).
		const want = `{url: "ws://127.0.0.1:8444/relay", secret: "...", fallback: "wss://127.0.0.1:8443/relay" (optional)}`
		u, _ := jsx.Get(v, "url")
		s, _ := jsx.Get(v, "secret")
		f, _ := jsx.Get(v, "fallback")
		if jsx.TypeOf(u) != js.TypeString || u.String() == "" || jsx.TypeOf(s) != js.TypeString || s.String() == "" {
			return want
		}
		if t := jsx.TypeOf(f); t != js.TypeUndefined && t != js.TypeNull && t != js.TypeString {
			return want
		}
		r := &relayConfig{url: u.String(), secret: s.String()}
		if jsx.TypeOf(f) == js.TypeString && f.String() != "" {
			r.fallback = f.String()
		}
		for _, x := range []string{r.url, r.fallback} {
			if x == "" {
				continue
			}
			p, ok := sh.glue.parseURL(x)
			if !ok || !isWS(p.scheme) {
				return want
			}
			if !rules.OnThisMachine(p.host) {
				sh.warnSecurity("relay:"+x, "setting relay ignored: "+clip(x)+" is not on this machine (127.0.0.0/8, [::1], localhost or *.localhost), "+
					"and a relay gets the secret and every request header. wxrelay listens on loopback only.")
				return warned
			}
		}
		c.relay = r
	case "appid":
		return appName(v, &c.appid)
	case "appVersion":
		return appName(v, &c.appVersion)
	default:
		return unknownSetting
	}
	return ""
}

// unknownSetting is what parseSetting says of a name it has no case for;
// warned, of a value it refused with a warning of its own.
const (
	unknownSetting = "\x00unknown"
	warned         = "\x00warned"
)

// appName reads an appid or appVersion: a string rules.ValidAppName takes
// (it goes into the Referer's path), or a whole number.
func appName(v js.Value, dst *string) string {
	var s string
	switch jsx.TypeOf(v) {
	case js.TypeString:
		s = v.String()
	case js.TypeNumber:
		if f := v.Float(); f >= 0 && f < 1e9 && f == float64(int(f)) {
			s = text.Itoa(int(f))
		}
	}
	if !rules.ValidAppName(s) {
		return rules.AppNameWant
	}
	*dst = s
	return ""
}

// checkSettingKeys stops the start when the glue lists a setting that
// parseSetting does not read: a newcomer who adds one on one side only
// learns it at once.
func (sh *shim) checkSettingKeys() {
	c := defaultConfig()
	for _, k := range settingKeys {
		if sh.parseSetting(k, &c, js.Undefined()) == unknownSetting {
			panic("the glue lists the setting " + k + ", which config.go does not read")
		}
	}
}

// configure parses the whole settings store. A value it cannot use is
// reported once on the console and taken out of the store, so the default
// stands in for it and wxshim shows what is in force: settings never throw.
func (sh *shim) configure() {
	if notes := sh.glue.takeNotes(); notes != "" {
		sh.warnOnce("unread:"+notes, "setting "+notes)
	}
	store := sh.glue.store()
	c := defaultConfig()
	for _, key := range settingKeys {
		v, _ := jsx.Get(store, key)
		if v.IsUndefined() {
			continue
		}
		want := sh.parseSetting(key, &c, v)
		if want == "" {
			continue
		}
		if want != warned {
			shown := sh.glue.typeName(v)
			if t := jsx.TypeOf(v); t == js.TypeString || t == js.TypeNumber || t == js.TypeBoolean {
				shown += " " + clip(jsx.Message(v))
			}
			// Every change re-reads every setting: warn once per bad value, not per read.
			sh.warnOnce("setting:"+key+":"+shown, "setting "+key+" ignored ("+shown+"); it wants "+want)
		}
		sh.glue.drop(key)
	}
	sh.cfg = c
}

// parseDomains reads a legal-domain list, each entry parsed by the
// browser's URL parser (the one its WebSocket and fetch use), with scheme
// (wss:// or https://) when the entry writes none: add is given each
// entry's parse and its text. Entries may carry a scheme or not.
func (sh *shim) parseDomains(v js.Value, scheme string, add func(p parsedURL, s string) bool) bool {
	n := -1
	if jsx.IsArray(v) {
		n = jsx.Length(v)
	}
	if n < 0 || n > 10000 {
		return false
	}
	for i := 0; i < n; i++ {
		e, err := jsx.Get(v, text.Itoa(i))
		if err != nil || jsx.TypeOf(e) != js.TypeString {
			return false
		}
		s := text.TrimSpace(e.String())
		if !text.Contains(s, "://") {
			s = scheme + s
		}
		p, ok := sh.glue.parseURL(s)
		if !ok || p.host == "" || !add(p, s) {
			return false
		}
	}
	return true
}

// parseRewrites reads {from: to} pairs. Both sides are ws:// or wss://
// origins as the browser's URL parser reads them; to may carry a path
// prefix. Matching on the parsed origin means case, percent-encoding, stray
// whitespace or a default port written out cannot slip past a rule.
func (sh *shim) parseRewrites(v js.Value, c *config) bool {
	if jsx.TypeOf(v) != js.TypeObject {
		return false
	}
	keys, err := jsx.Keys(v, -1)
	if err != nil {
		return false
	}
	rules := map[string]string{} // in force only if every rule is good
	for _, k := range keys {
		to, err := jsx.Get(v, k)
		if err != nil || jsx.TypeOf(to) != js.TypeString {
			return false
		}
		from, ok1 := sh.glue.parseURL(k)
		dst, ok2 := sh.glue.parseURL(to.String())
		if !ok1 || !ok2 || !sameFamily(from.scheme, dst.scheme) || from.rest != "/" || dst.host == "" {
			return false
		}
		prefix := dst.rest
		if text.HasSuffix(prefix, "/") {
			prefix = prefix[:len(prefix)-1]
		}
		rules[from.origin()] = dst.origin() + prefix
	}
	c.rewrites = rules
	return true
}

func isWS(scheme string) bool   { return scheme == "ws:" || scheme == "wss:" }
func isHTTP(scheme string) bool { return scheme == "http:" || scheme == "https:" }

// sameFamily: a rewrite maps a socket origin to a socket origin, and an
// HTTP one (wx.request's) to an HTTP one.
func sameFamily(a, b string) bool { return isWS(a) && isWS(b) || isHTTP(a) && isHTTP(b) }

// rewrite maps url, parsed as p, through the rule for its origin, keeping
// its path and query. Not inlined: connect and requestSend share one copy.
//
//go:noinline
func (sh *shim) rewrite(url string, p parsedURL) string {
	if len(sh.cfg.rewrites) == 0 {
		return url
	}
	if to, ok := sh.cfg.rewrites[p.origin()]; ok {
		return to + p.rest
	}
	return url
}
