//go:build js && wasm && wxdebug

package jsx

// The test build counts the calls JavaScript makes into Go (the figure that
// decides the shim's speed: each costs 10-20 us), for the rows and make
// bench that read it through wxshim.debug.crossings. A production build
// does not count (nodebug.go).

var crossings int

func countCrossing() { crossings++ }

// Crossings reports how many JS->Go calls the shim has taken.
func Crossings() int { return crossings }
