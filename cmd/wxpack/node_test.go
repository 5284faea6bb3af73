package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain puts the Node.js that scripts/deps.sh installed into
// build/tools first on PATH, where there is one, as the Makefile does: on
// a machine whose node is older than Vite 8 needs (Debian 12's 18), that
// is the node, npm and npx these tests run, also under a plain go test.
func TestMain(m *testing.M) {
	if bin, err := filepath.Abs(filepath.Join(root, "build", "tools", "node_modules", ".bin")); err == nil {
		if _, err := os.Stat(filepath.Join(bin, "node")); err == nil && !onPath(bin) {
			os.Setenv("PATH", bin+string(filepath.ListSeparator)+os.Getenv("PATH"))
		}
	}
	os.Exit(m.Run())
}

// onPath says whether dir is the first folder of PATH.
func onPath(dir string) bool {
	first, _, _ := strings.Cut(os.Getenv("PATH"), string(filepath.ListSeparator))
	return first == dir
}
