package wxrun

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
)

// page is the HTML of a run, loaded in a new frame of a slot's host page
// (slot.go). In order: the settings (wxshim, before the loader, so even the
// file's first call sees them), runner.js's configuration and the start of
// the wasm's compile (for the loader: wxshim.wasmModule); runner.js; the
// shim (wx.js); the file; then the mark that its top-level code has
// finished. A classic script's mark is the next script tag, which runs even
// when the file threw; a module's is the line after its import, which runs
// only when the module (and its top-level await) finished.
func (r *run) page(settings map[string]any) ([]byte, error) {
	script := r.fileURL + escapePath(r.srcName)
	// main: require() resolves relative to the file (a module may call
	// the global require() too, to load mini-program CommonJS code).
	cfg := map[string]any{"prefix": r.fileURL, "main": script, "wrap": requireWrap, "quiet": r.pageURL + "quiet"}
	if r.file.Serve {
		cfg["serve"] = "wss://" + ServeHost
	}
	if len(r.file.Vars) > 0 {
		cfg["vars"] = r.file.Vars
	}
	settingsJS, err := jsonJS(settings)
	if err != nil {
		return nil, fmt.Errorf("wxrun: %s: the settings: %w", r.name, err)
	}
	cfgJS, err := jsonJS(cfg)
	if err != nil {
		return nil, fmt.Errorf("wxrun: %s: File.Vars: %w", r.name, err)
	}
	scriptJS, err := jsonJS(script)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(r.name))
	b.WriteString("</title>\n<script>window.wxshim = ")
	b.Write(settingsJS)
	b.WriteString(";\nwindow.wxrun = ")
	b.Write(cfgJS)
	// The wasm's compile starts now, while the scripts load (the loader
	// takes the promise: wxshim.wasmModule, js/wx.js).
	b.WriteString(";\nwxshim.wasmModule = WebAssembly.compileStreaming(fetch(\"/wxrun/wx.wasm\"));</script>\n<script src=\"/wxrun/runner.js\"></script>\n<script src=\"/wxrun/wx.js\"></script>\n</head><body>\n")
	if r.module {
		// A module that fails to load (a missing import) fires error on this
		// element, not on window.
		b.WriteString(`<script type="module" onerror="wxrun.fail('a module could not be loaded (see the lines above)')">import * as m from `)
		b.Write(scriptJS)
		b.WriteString("; await wxrun._module(m);</script>\n")
	} else {
		b.WriteString(`<script src="` + html.EscapeString(script) + "\"></script>\n<script>wxrun._top();</script>\n")
	}
	b.WriteString("</body></html>\n")
	return b.Bytes(), nil
}

// jsonJS is v as a JavaScript literal that is safe inside a script element
// (encoding/json escapes <, > and &, and U+2028/2029). A value JSON cannot
// carry (a NaN, a channel) is an error, not a null the page would read as
// "no value".
func jsonJS(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		var ue *json.UnsupportedValueError
		if errors.As(err, &ue) {
			return nil, fmt.Errorf("%s cannot be given to a page (JSON has no such value)", ue.Str)
		}
		return nil, err
	}
	return b, nil
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
