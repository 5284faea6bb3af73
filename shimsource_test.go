package wxsocket

import (
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestShimSourceHasItsImports: wxrun builds the wasm from ShimSource alone,
// so every package of this module that the wasm imports must be embedded.
// A package missing from the embed list breaks wxrun for go install users
// (and wxrun's own tests) with "package ... is not in std".
func TestShimSourceHasItsImports(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	n := 0
	for _, p := range strings.Fields(string(out)) {
		dir, ok := strings.CutPrefix(p, "wxsocket/")
		if !ok {
			continue
		}
		n++
		if _, err := fs.Stat(ShimSource, dir); err != nil {
			t.Errorf("the wasm imports %s, which ShimSource does not carry (add %s to shimsource.go's go:embed line)", p, dir)
		}
	}
	if n < 2 {
		t.Fatalf("go list found %d packages of this module under ./wasm; want the wasm and what it imports", n)
	}
}
