package main

import (
	"os"
	"syscall"
	"testing"
	"time"

	"wxsocket/internal/proctest"
)

// TestSignalEndsTheRigsChromium: these tests' own rig (newRig) starts
// Chromium through chromedp. This test binary, run again on those tests
// and sent SIGTERM to its own process only while they run, ends that
// Chromium as the tests' cleanups do: nothing of it is left, in processes
// or in TMPDIR.
func TestSignalEndsTheRigsChromium(t *testing.T) {
	c := proctest.Start(t, os.Args[0], "-test.run=^(TestHarness|TestLoader|TestReadme)")
	c.WaitFor(t, "lib/chromium/chromium", 2*time.Minute)
	time.Sleep(time.Second)
	c.Process.Signal(syscall.SIGTERM)
	if st := c.Exit(t, time.Minute); st.Success() {
		t.Errorf("the tests ended with %v after SIGTERM", st)
	}
	// A test binary ended by a signal leaves its t.TempDir: not a browser's.
	c.NoLeftovers(t, "Test")
	if t.Failed() {
		t.Log(c.Output())
	}
}
