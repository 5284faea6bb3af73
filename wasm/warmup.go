//go:build js && wasm

package main

// The warm-up (glue/warmup.js, warmLater): one connect, open and close on a socket
// that never starts, when the page is first idle after ready, so that V8
// has compiled their code before the page's own first connectSocket (it
// compiles a wasm function on its first call). Measured on fresh pages: the
// call to the WebSocket constructor went from 2.55 to 1.34 ms, ready
// unchanged.

// warm(true) begins the warm-up: false when the page has connected already
// (its code is compiled by then). The settings are set aside and the URL
// check passed on the path a page takes; warm(false) puts them back and
// forgets the warm socket's id.
func (sh *shim) warm(begin bool) bool {
	if begin {
		if sh.nextID != 0 || sh.warmSaved != nil {
			return false
		}
		saved := sh.cfg
		sh.warmSaved = &saved
		sh.cfg.urlCheck = false
		sh.cfg.relay = nil
		return true
	}
	if sh.warmSaved != nil {
		sh.cfg, sh.warmSaved = *sh.warmSaved, nil
		sh.nextID, sh.finished = 0, 0
	}
	return false
}
