package wxrun

import (
	"io/fs"
	"os/exec"
	"strings"
	"testing"

	"wxsocket"
)

// TestShimSourceHasEveryPackage: the source wxrun builds the shim from
// (wxsocket.ShimSource, for go install users) holds every package of this
// module that the wasm imports. When it did not (internal/rules and
// internal/text came after the embed list), a wxrun with no -shim could
// not build the shim: "package wxsocket/internal/rules is not in std".
func TestShimSourceHasEveryPackage(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./wasm")
	cmd.Dir = ".."
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		dir, ok := strings.CutPrefix(pkg, "wxsocket/")
		if !ok {
			t.Errorf("the wasm imports %s, from outside this module: the offline build of the embedded source cannot have it", pkg)
			continue
		}
		entries, err := fs.ReadDir(wxsocket.ShimSource, dir)
		if err != nil || len(entries) == 0 {
			t.Errorf("the wasm imports %s, which wxsocket.ShimSource (shimsource.go) does not carry", pkg)
		}
	}
}
