package rules

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// heavy are the packages the wasm must not link: each costs tens of KB
// (strings and unicode their tables, strconv and fmt their generic code,
// net/url both), which is why internal/text exists.
var heavy = []string{"fmt", "strconv", "net/url", "strings", "unicode", "net/netip"}

// TestWasmDeps holds the shim, and this package within it, to that: the
// package graph as `go list -deps` gives it for GOOS=js GOARCH=wasm.
func TestWasmDeps(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("the go command is needed to list the wasm's packages: ", err)
	}
	for _, pkg := range []string{"wxsocket/wasm", "wxsocket/internal/rules"} {
		cmd := exec.Command(gobin, "list", "-deps", pkg)
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			deps[d] = true
		}
		if !deps["wxsocket/internal/rules"] {
			t.Errorf("%s does not import wxsocket/internal/rules", pkg)
		}
		for _, h := range heavy {
			if deps[h] {
				t.Errorf("%s links %s for GOOS=js (go list -deps); use internal/text instead", pkg, h)
			}
		}
	}
}
