package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"wxsocket/internal/proctest"
)

// TestBrowserEndsOnSignal: wxbench stopped by SIGINT or SIGTERM, sent to
// its own process only (a time limit's SIGTERM left a headless Firefox
// running, parent 1, half an hour after `make bench`), ends the browser it
// started, in each engine, and leaves nothing in TMPDIR.
func TestBrowserEndsOnSignal(t *testing.T) {
	build, _ := filepath.Abs("../../build")
	if _, err := os.Stat(filepath.Join(build, "wx.wasm")); err != nil {
		t.Fatalf("%v: run make build first (make test does)", err)
	}
	bin := filepath.Join(t.TempDir(), "wxbench")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		engine, process string
		flags           []string // the mode's own, past -build
	}{
		{"chromium", "lib/chromium/chromium", []string{"-first", "0", "-only", "text_rtt"}},
		{"firefox", "firefox", nil},
		{"webkit", "MiniBrowser", nil},
	} {
		for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
			t.Run(tc.engine+"/"+sig.String(), func(t *testing.T) {
				c := proctest.Start(t, bin, append([]string{tc.engine, "-build", build}, tc.flags...)...)
				c.WaitFor(t, tc.process, time.Minute)
				time.Sleep(500 * time.Millisecond)
				c.Process.Signal(sig)
				if st := c.Exit(t, 30*time.Second); st.Success() {
					t.Errorf("wxbench ended with %v after %v", st, sig)
				}
				c.NoLeftovers(t)
			})
		}
	}
}
