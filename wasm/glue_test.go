//go:build !js

package main

import (
	"os"
	"testing"

	"wxsocket/wasm/internal/genglue/render"
)

// TestGlueSourceCurrent fails when glue.js changed and `go generate ./wasm`
// was not run.
func TestGlueSourceCurrent(t *testing.T) {
	js, err := os.ReadFile("glue.js")
	if err != nil {
		t.Fatal(err)
	}
	want, err := render.Render(string(js))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("glue_source.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatal("glue_source.go is stale: run `go generate ./wasm` (make build does)")
	}
}
