//go:build !js

package browsers

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"wxsocket/internal/proctest"
)

// browserProcess is a word of each engine's browser's command line.
var browserProcess = map[Engine]string{Chromium: "lib/chromium/chromium", Firefox: "firefox", WebKit: "MiniBrowser"}

// TestEndedOnSignal: a command that started a browser through this package
// (wxprobe here; wxbench, the test rig and the tools do the same) and is
// then sent SIGINT or SIGTERM, to its own process only, as a time limit or
// kill sends it, ends the browser and all it started, removes its profile,
// and then ends as that signal ends it. A headless Firefox was left running
// (parent 1) for half an hour after `make bench` was stopped so.
func TestEndedOnSignal(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "wxprobe")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/wxprobe").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	never := filepath.Join(dir, "never.js")
	if err := os.WriteFile(never, []byte("await new Promise(() => {});\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, e := range Engines {
		for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
			t.Run(string(e)+"/"+sig.String(), func(t *testing.T) {
				c := proctest.Start(t, bin, "-engines", string(e), "-timeout", "5m", never)
				c.WaitFor(t, browserProcess[e], time.Minute)
				time.Sleep(500 * time.Millisecond) // the page loading, its processes starting
				c.Process.Signal(sig)
				st := c.Exit(t, 30*time.Second)
				// By the signal, or by the error of a browser gone, if
				// the command saw that first: not as a success.
				if st.Success() {
					t.Errorf("the command ended with %v after %v", st, sig)
				}
				c.NoLeftovers(t)
			})
		}
	}
}
