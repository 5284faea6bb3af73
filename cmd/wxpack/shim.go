package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// shimFiles are the shim package's files, from make build's output: the
// production build (build/test/ has the test hooks and is never packed).
var shimFiles = []string{"wx.js", "wx.mjs", "wx.wasm", "wx.d.ts", "wxshim.d.ts"}

// testHookMarker is a string only the test build's wasm holds (wasm/debug.go).
const testHookMarker = "panicNext"

// shimPackage writes the wxsocket package's folder: the shim's files, its
// package.json, and the repository's README.
func shimPackage(p pack, build, out string) (string, error) {
	dir := filepath.Join(out, "wxsocket")
	for _, f := range shimFiles {
		if err := copyFile(filepath.Join(dir, f), filepath.Join(build, f), 0o644); err != nil {
			return "", fmt.Errorf("%v (make build writes it)", err)
		}
	}
	wasm, err := os.ReadFile(filepath.Join(dir, "wx.wasm"))
	if err != nil {
		return "", err
	}
	if bytes.Contains(wasm, []byte(testHookMarker)) {
		return "", fmt.Errorf("%s/wx.wasm is a test build (it holds %q): make build writes the production build there", build, testHookMarker)
	}
	if err := copyFile(filepath.Join(dir, "README.md"), "README.md", 0o644); err != nil {
		return "", err
	}
	return dir, write(filepath.Join(dir, "package.json"), "wxsocket.package.json", p)
}
