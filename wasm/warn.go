//go:build js && wasm

package main

import (
	"wxsocket/wasm/internal/jsx"
	"wxsocket/wasm/internal/text"
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

// warn shows msg, up to maxWarnings, and then once that no more are shown.
func (w *warnings) warn(msg string) {
	switch {
	case w.shown < maxWarnings:
		jsx.ConsoleWarn("wxshim: " + msg)
	case w.shown == maxWarnings:
		jsx.ConsoleWarn("wxshim: 1000 warnings given; no more are shown (but those about the relay's secret)")
	default:
		return
	}
	w.shown++
}

func (w *warnings) remember(key string) {
	if len(w.warned) < maxRemembered {
		w.warned[key] = true
	}
}

// warnOnce warns msg the first time key is seen.
func (w *warnings) warnOnce(key, msg string) {
	if w.warned[key] || w.shown > maxWarnings {
		return
	}
	w.remember(key)
	w.warn(msg)
}

// warnNames warns once, in one warning, about the names not yet warned
// about under prefix (compared in lower case): a header of 10,000 keys is
// one warning, where one per name used up every warning the page had in
// one call. The warning is head, the names (the first five, and how many
// more), then one or, for more than one name, many.
func (w *warnings) warnNames(prefix string, names []string, head, one, many string) {
	if w.shown > maxWarnings {
		return
	}
	list, n := "", 0
	for _, name := range names {
		k := prefix + text.Lower(name)
		if w.warned[k] {
			continue
		}
		w.remember(k)
		if n < 5 {
			if n > 0 {
				list += ", "
			}
			list += clip(name)
		}
		n++
	}
	switch {
	case n == 0:
		return
	case n == 1:
		w.warn(head + list + one)
		return
	case n > 5:
		list += " and " + text.Itoa(n-5) + " more"
	}
	w.warn(head + list + many)
}

// warnSecurity warns about what would hand the relay's secret or the
// page's headers to another machine: once per key, and never capped (a
// page whose other warnings ran out must still hear it).
func (w *warnings) warnSecurity(key, msg string) {
	if !w.warned[key] {
		w.remember(key)
		jsx.ConsoleWarn("wxshim: " + msg)
	}
}
