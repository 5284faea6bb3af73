package wxrun

import (
	"bytes"
	"encoding/json"
	"html"
	"net/url"
	"strings"
)

// page is the HTML of a run, loaded in a frame of a host page (slot.go). In
// order: the settings (wxshim, before the loader, so even the file's first
// call sees them), runner.js's configuration, and the host's compiled wasm
// for the loader (wxshim.wasmModule, which the loader takes and removes);
// runner.js; the shim's loader; the file; then the mark that
// its top-level code has finished. A classic script's mark is the next
// script tag, which runs even when the file threw; a module's is the line
// after its import, which runs only when the module (and its top-level
// await) finished.
func (r *run) page(settings map[string]any) []byte {
	script := r.fileURL + escapePath(r.srcName)
	// main: require() resolves relative to the file (a module may call
	// the global require() too, to load mini-program CommonJS code).
	cfg := map[string]any{"prefix": r.fileURL, "main": script, "wrap": requireWrap}
	if r.file.Serve {
		cfg["serve"] = "wss://" + ServeHost
	}
	if len(r.file.Vars) > 0 {
		cfg["vars"] = r.file.Vars
	}
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(r.name))
	b.WriteString("</title>\n<script>window.wxshim = ")
	b.Write(jsonJS(settings))
	b.WriteString(";\nwindow.wxrun = ")
	b.Write(jsonJS(cfg))
	b.WriteString(";\ntry { if (parent !== window && parent.__wxrunHost) wxshim.wasmModule = parent.__wxrunHost.module; } catch (e) { /* not in a host: the loader compiles */ }")
	b.WriteString("</script>\n<script src=\"/wxrun/runner.js\"></script>\n<script src=\"/wxrun/wx.js\"></script>\n</head><body>\n")
	if r.module {
		// A module that fails to load (a missing import) fires error on this
		// element, not on window.
		b.WriteString(`<script type="module" onerror="wxrun.fail('a module could not be loaded (see the lines above)')">import * as m from `)
		b.Write(jsonJS(script))
		b.WriteString("; await wxrun._module(m);</script>\n")
	} else {
		b.WriteString(`<script src="` + html.EscapeString(script) + "\"></script>\n<script>wxrun._top();</script>\n")
	}
	b.WriteString("</body></html>\n")
	return b.Bytes()
}

// jsonJS is v as a JavaScript literal that is safe inside a script element
// (encoding/json escapes <, > and &, and U+2028/2029).
func jsonJS(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return []byte("null")
	}
	return b
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
