// Command genglue writes wasm/glue_source.go from wasm/glue.js (go generate
// runs it). The shim takes the glue as a Go string constant, not through
// //go:embed: the embed package brings io/fs and time with it, 215 KB of
// wasm for one file. TestGlueSourceCurrent checks the two agree.
package main

import (
	"fmt"
	"os"

	"wxsocket/wasm/internal/genglue/render"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "genglue:", err)
		os.Exit(1)
	}
}

func run() error {
	src, err := os.ReadFile("glue.js")
	if err != nil {
		return err
	}
	out, err := render.Render(string(src))
	if err != nil {
		return err
	}
	return os.WriteFile("glue_source.go", []byte(out), 0o644)
}
