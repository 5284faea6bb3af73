//go:build !js

package main

import (
	"os"
	"syscall"
	"testing"
	"time"

	"wxsocket/internal/proctest"
)

// TestRigEndsItsBrowsersOnSignal: the rig (TestBrowser, run by this test
// binary as a command of its own), sent SIGTERM or SIGINT to its own
// process only while an engine runs the suite, ends that engine's browser
// and what started it (for Chromium, go test -exec wasmbrowsertest, whose
// Chromium is two processes down), and leaves nothing in TMPDIR.
func TestRigEndsItsBrowsersOnSignal(t *testing.T) {
	for _, tc := range []struct {
		engine, process string
		sig             syscall.Signal
	}{
		{"chromium", "lib/chromium/chromium", syscall.SIGTERM},
		{"chromium", "lib/chromium/chromium", syscall.SIGINT},
		{"firefox", "firefox", syscall.SIGTERM},
	} {
		t.Run(tc.engine+"/"+tc.sig.String(), func(t *testing.T) {
			c := proctest.StartEnv(t, []string{"WX_ENGINES=" + tc.engine, "WX_OUTPUT="}, os.Args[0], "-test.run=^TestBrowser$", "-test.v")
			c.WaitFor(t, tc.process, 3*time.Minute)
			time.Sleep(time.Second)
			c.Process.Signal(tc.sig)
			if st := c.Exit(t, time.Minute); st.Success() {
				t.Errorf("the rig ended with %v after %v", st, tc.sig)
			}
			// A test binary ended by a signal leaves its t.TempDir
			// (the wrapper script, the built suite): not a browser's.
			c.NoLeftovers(t, "TestBrowser")
		})
	}
}
