//go:build wxrunshim

package builtshim

import _ "embed"

//go:embed files/wx.js
var js []byte

//go:embed files/wx.wasm
var wasm []byte

// Files are the embedded wx.js and wx.wasm; ok is true in this build.
func Files() (wxJS, wxWasm []byte, ok bool) { return js, wasm, true }
