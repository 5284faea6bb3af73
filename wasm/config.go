//go:build js && wasm

package main

import (
	"syscall/js"

	"wxsocket/wasm/internal/jsx"
)

// config is the parsed form of the wxshim settings global. It is rebuilt
// whenever a setting changes (the glue's setters call configure), so the
// API functions read typed fields, never the JavaScript object.
type config struct {
	version        version
	urlCheck       bool
	domains        map[string]bool // hostnames, as the URL parser writes them
	connectTimeout float64         // networkTimeout.connectSocket in ms; 0 = default
	maxConnections int
	browserClose   bool              // closeBeforeOpen: "browser" aborts the handshake
	rewrites       map[string]string // URL prefix -> replacement
	rewriteOrder   []string          // longest prefix first
}

const defaultConnectTimeout = 60000

func defaultConfig() config {
	return config{
		version:        version{1, 6, 0},
		urlCheck:       true,
		domains:        map[string]bool{},
		maxConnections: 5,
	}
}

// version is a base-library version; behaviour gates compare against it.
type version [3]int

func (v version) atLeast(a, b, c int) bool {
	w := version{a, b, c}
	for i := range v {
		if v[i] != w[i] {
			return v[i] > w[i]
		}
	}
	return true
}

func (v version) String() string {
	return itoa(v[0]) + "." + itoa(v[1]) + "." + itoa(v[2])
}

func parseVersion(s string) (version, bool) {
	parts := split(trimSpace(s), '.')
	if len(parts) < 1 || len(parts) > 3 {
		return version{}, false
	}
	var v version
	for i, p := range parts {
		n, ok := atoi(p, 10)
		if !ok || n > 99999 {
			return version{}, false
		}
		v[i] = n
	}
	return v, true
}

// Behaviour gates (spec section 1).
func (c *config) multiSocket() bool     { return c.version.atLeast(1, 7, 0) }
func (c *config) openHeader() bool      { return c.version.atLeast(2, 0, 0) }
func (c *config) timeoutOption() bool   { return c.version.atLeast(2, 10, 0) }
func (c *config) promises() bool        { return c.version.atLeast(2, 10, 2) }
func (c *config) openProfile() bool     { return c.version.atLeast(2, 10, 4) }
func (c *config) protocolsOption() bool { return c.version.atLeast(1, 4, 0) }

// configure merges o (when given) into the settings store, then parses the
// whole store. A value it cannot use is reported once on the console and the
// default stands in for it: settings never throw.
func (sh *shim) configure(o js.Value) {
	store := sh.glue.Get("store")
	if jsx.TypeOf(o) == js.TypeObject {
		mergeSettings(store, o)
	}
	c := defaultConfig()
	// Every change re-reads every setting: warn once per bad value, not per read.
	warn := func(key string, v js.Value, want string) {
		shown := typeName(v)
		if jsx.TypeOf(v) == js.TypeString || jsx.TypeOf(v) == js.TypeNumber || jsx.TypeOf(v) == js.TypeBoolean {
			shown += " " + jsx.Message(v)
		}
		sh.warnOnce("setting:"+key+":"+shown, "setting "+key+" ignored ("+shown+"); it wants "+want)
	}
	get := func(key string) js.Value {
		v, _ := jsx.Get(store, key)
		return v
	}
	if v := get("libVersion"); !v.IsUndefined() {
		ver, ok := version{}, false
		if jsx.TypeOf(v) == js.TypeString {
			ver, ok = parseVersion(v.String())
		}
		if ok {
			c.version = ver
		} else {
			warn("libVersion", v, `a version string such as "2.10.4"`)
		}
	}
	if v := get("urlCheck"); !v.IsUndefined() {
		if jsx.TypeOf(v) == js.TypeBoolean {
			c.urlCheck = v.Bool()
		} else {
			warn("urlCheck", v, "true or false")
		}
	}
	if v := get("socketDomains"); !v.IsUndefined() {
		if !sh.parseDomains(v, c.domains) {
			warn("socketDomains", v, `an array of host names such as ["wss://api.example.com"]`)
		}
	}
	if v := get("networkTimeout"); !v.IsUndefined() {
		t, _ := jsx.Get(v, "connectSocket")
		if jsx.TypeOf(t) == js.TypeNumber && t.Float() > 0 && t.Float() < 1e12 {
			c.connectTimeout = t.Float()
		} else if !t.IsUndefined() {
			warn("networkTimeout.connectSocket", t, "a number of milliseconds above 0")
		}
	}
	if v := get("maxConnections"); !v.IsUndefined() {
		if jsx.TypeOf(v) == js.TypeNumber && v.Float() >= 1 && v.Float() <= 1000 {
			c.maxConnections = int(v.Float())
		} else {
			warn("maxConnections", v, "a whole number from 1 to 1000")
		}
	}
	if v := get("closeBeforeOpen"); !v.IsUndefined() {
		if jsx.TypeOf(v) == js.TypeString && (v.String() == "browser" || v.String() == "phone") {
			c.browserClose = v.String() == "browser"
		} else {
			warn("closeBeforeOpen", v, `"phone" or "browser"`)
		}
	}
	if v := get("rewrites"); !v.IsUndefined() {
		if !parseRewrites(v, &c) {
			warn("rewrites", v, `an object such as {"wss://api.example.com": "wss://127.0.0.1:8443"}`)
		}
	}
	sh.cfg = c
	sh.glue.Set("promises", c.promises())
}

// parseDomains fills set with the host of each entry, parsed by the same URL
// parser the browser's WebSocket uses. Entries may carry a scheme or not.
func (sh *shim) parseDomains(v js.Value, set map[string]bool) bool {
	n := -1
	if jsx.IsArray(v) {
		n = jsx.Length(v)
	}
	if n < 0 || n > 10000 {
		return false
	}
	for i := 0; i < n; i++ {
		e, err := jsx.Get(v, itoa(i))
		if err != nil || jsx.TypeOf(e) != js.TypeString {
			return false
		}
		s := trimSpace(e.String())
		if !contains(s, "://") {
			s = "wss://" + s
		}
		_, host, ok := sh.parseURL(s)
		if !ok || host == "" {
			return false
		}
		set[host] = true
	}
	return true
}

// parseRewrites reads {from: to} pairs of URL prefixes.
func parseRewrites(v js.Value, c *config) bool {
	if jsx.TypeOf(v) != js.TypeObject {
		return false
	}
	var keys js.Value
	if jsx.Try(func() { keys = objectCtor.Call("keys", v) }) != nil {
		return false
	}
	c.rewrites = map[string]string{}
	for i := 0; i < keys.Length(); i++ {
		k := keys.Index(i).String()
		to, err := jsx.Get(v, k)
		if err != nil || jsx.TypeOf(to) != js.TypeString || k == "" {
			return false
		}
		c.rewrites[k] = to.String()
		c.rewriteOrder = append(c.rewriteOrder, k)
	}
	// Longest prefix first, so a specific rule wins over a general one.
	for i := 1; i < len(c.rewriteOrder); i++ {
		for j := i; j > 0 && len(c.rewriteOrder[j]) > len(c.rewriteOrder[j-1]); j-- {
			c.rewriteOrder[j], c.rewriteOrder[j-1] = c.rewriteOrder[j-1], c.rewriteOrder[j]
		}
	}
	return true
}

// rewrite maps url through the first matching prefix rule.
func (c *config) rewrite(url string) string {
	for _, from := range c.rewriteOrder {
		if hasPrefix(url, from) {
			return c.rewrites[from] + url[len(from):]
		}
	}
	return url
}

// mergeSettings copies known keys from o into the store, accepting the shapes
// of project.config.json ({libVersion, setting: {urlCheck}}) and app.json
// ({networkTimeout}) as well as the flat one.
func mergeSettings(store, o js.Value) {
	copyKey := func(from js.Value, key string) {
		if v, err := jsx.Get(from, key); err == nil && !v.IsUndefined() {
			store.Set(key, v)
		}
	}
	keys := []string{"libVersion", "urlCheck", "socketDomains", "networkTimeout", "maxConnections", "closeBeforeOpen", "rewrites"}
	for _, k := range keys {
		copyKey(o, k)
	}
	if s, err := jsx.Get(o, "setting"); err == nil && jsx.TypeOf(s) == js.TypeObject {
		copyKey(s, "urlCheck")
	}
}
