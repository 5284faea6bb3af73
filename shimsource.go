// Package wxsocket carries the shim's own source, so that a tool installed
// with go install (wxrun) can build the wasm it serves without a checkout
// beside it: wxrun/shim.go compiles this copy once per Go version and keeps
// the result in the user's cache directory.
package wxsocket

import "embed"

// ShimSource is go.mod, the loader (js/wx.js), the wasm package with
// everything under it (the glue's parts, wasm/glue/, included) and the packages of this
// module it imports (internal/rules, internal/text:
// wxrun.TestShimSourceHasEveryPackage keeps the list whole). Test files
// come along (embed cannot leave them out by pattern without listing every
// file); the builder skips them.
//
//go:embed go.mod js/wx.js wasm internal/rules internal/text
var ShimSource embed.FS
