//go:build js && wasm && !wxdebug

package jsx

// A production build counts no crossing: only the test build's
// wxshim.debug.crossings reads the count (debug.go).
func countCrossing() {}
