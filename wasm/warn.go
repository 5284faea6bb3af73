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
	warned   map[string]bool // keys already warned about
	shown    int             // warnings shown, the security ones aside
	security map[string]bool // security warnings already given
}

func newWarnings() warnings {
	return warnings{warned: map[string]bool{}, security: map[string]bool{}}
}

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
// one call. say gets the names as a list for people, and whether there is
// more than one.
func (w *warnings) warnNames(prefix string, names []string, say func(list string, many bool) string) {
	if w.shown > maxWarnings {
		return
	}
	var fresh []string
	for _, n := range names {
		k := prefix + text.Lower(n)
		if !w.warned[k] {
			w.remember(k)
			fresh = append(fresh, n)
		}
	}
	if len(fresh) == 0 {
		return
	}
	const shown = 5
	list := ""
	for i, n := range fresh {
		if i == shown {
			list += " and " + text.Itoa(len(fresh)-shown) + " more"
			break
		}
		if i > 0 {
			list += ", "
		}
		list += clip(n)
	}
	w.warn(say(list, len(fresh) > 1))
}

// warnSecurity warns about what would hand the relay's secret or the
// page's headers to another machine: once per key, never capped (a page
// whose other warnings ran out must still hear it). The keys are
// forgotten after maxWarnings of them, so a page that makes up key after
// key is warned again rather than growing the set.
func (w *warnings) warnSecurity(key, msg string) {
	if w.security[key] {
		return
	}
	if len(w.security) >= maxWarnings {
		w.security = map[string]bool{}
	}
	w.security[key] = true
	jsx.ConsoleWarn("wxshim: " + msg)
}
