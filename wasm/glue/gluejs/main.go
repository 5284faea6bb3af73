// Command gluejs writes the glue (glue.Source: the parts of wasm/glue
// joined in order) to standard output, for make build, which puts it
// between wasm_exec.js and the loader in build/wx.js.
package main

import (
	"os"

	"wxsocket/wasm/glue"
)

func main() {
	if _, err := os.Stdout.WriteString(glue.Source()); err != nil {
		os.Stderr.WriteString("gluejs: " + err.Error() + "\n")
		os.Exit(1)
	}
}
