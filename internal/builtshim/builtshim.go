// Package builtshim carries the shim as make build built it (wx.js and
// wx.wasm), for a wxrun binary that must run where there is no Go to build
// it from source: the binaries of wxrun's npm packages. make pack
// (cmd/wxpack) copies build/wx.js and build/wx.wasm into files/ and builds
// wxrun with the wxrunshim tag; any other build (go install, go run) has
// no files here and builds the shim from the source it carries
// (wxrun/shim.go).
package builtshim

// Tag is the build tag that embeds files/.
const Tag = "wxrunshim"

// Dir is where make pack puts the files, relative to this package.
const Dir = "files"
