//go:build js && wasm && !wxdebug

package main

// The production build: no test hooks (see debug.go, built with -tags
// wxdebug). The methods are empty, so guard pays nothing for them.

const debugBuild = false

type debugState struct{}

func (sh *shim) addDebugHooks(map[string]goFunc) {}

func (sh *shim) forcedPanic(string) {}
