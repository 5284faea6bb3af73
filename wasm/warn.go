//go:build js && wasm

package main

import (
	"wxsocket/internal/text"
	"wxsocket/wasm/internal/jsx"
)

// The shim's console warnings: each said once, at most one per call and
// kind, bounded in number, except the few that guard a secret.

// maxWarnings bounds the warnings a page is shown: keys carry hosts and
// header names, and a page looping over made-up hosts would otherwise grow
// the console without end. A console with a thousand warnings has made
// its point. Security warnings (warnSecurity) are not counted.
const maxWarnings = 1000

// maxRemembered bounds the keys kept to say each thing once: one warning
// can name many (a header's names), so they are counted apart from it.
const maxRemembered = 10 * maxWarnings

// warnings is what the page has been told.
type warnings struct {
	warned map[string]bool // keys already warned about
	shown  int             // warnings shown, the security ones aside
}

func newWarnings() warnings { return warnings{warned: map[string]bool{}} }

// say shows msg the first time key is seen: a security warning always,
// any other up to maxWarnings, and then once that no more are shown. It
// is the one call of the console here (each call of jsx.ConsoleWarn costs
// the wasm a closure); the empty key is never remembered.
func (w *warnings) say(key, msg string, security bool) {
	if w.warned[key] || !security && w.shown > maxWarnings {
		return
	}
	if key != "" {
		w.remember(key)
	}
	if !security {
		if w.shown == maxWarnings {
			msg = "1000 warnings given; no more are shown (but those about the relay's secret)"
		}
		w.shown++
	}
	jsx.ConsoleWarn("wxshim: " + msg)
}

func (w *warnings) remember(key string) {
	if len(w.warned) < maxRemembered {
		w.warned[key] = true
	}
}

// warnOnce warns msg the first time key is seen.
func (w *warnings) warnOnce(key, msg string) { w.say(key, msg, false) }

// warnSecurity warns about what would hand the relay's secret or the
// page's headers to another machine: once per key, and never capped (a
// page whose other warnings ran out must still hear it).
func (w *warnings) warnSecurity(key, msg string) { w.say(key, msg, true) }

// fresh reports whether key was not warned about yet, and remembers it.
// Not inlined: each copy of its map code costs the wasm about 2 KB.
//
//go:noinline
func (w *warnings) fresh(key string) bool {
	if w.warned[key] {
		return false
	}
	w.remember(key)
	return true
}

// warnNames warns about names in one warning (the caller keeps those
// already warned about out: fresh): a header of 10,000 keys is one
// warning, where one per name used up every warning the page had in one
// call. The warning is head, the names (the first five, and how many
// more), then one or, for more than one name, many.
func (w *warnings) warnNames(names []string, head, one, many string) {
	n := len(names)
	if n == 0 {
		return
	}
	list := ""
	for i := 0; i < n && i < 5; i++ {
		list += ", " + clip(names[i])
	}
	if n > 5 {
		list += " and " + text.Itoa(n-5) + " more"
	}
	if n > 1 {
		one = many
	}
	w.say("", head+list[2:]+one, false)
}
