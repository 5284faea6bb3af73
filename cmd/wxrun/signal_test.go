package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"wxsocket/internal/proctest"
)

// TestSignalEndsTheBrowser: wxrun stopped by SIGINT or SIGTERM, sent to its
// own process only, while a file runs, ends its Chromium, leaves nothing in
// TMPDIR, and exits 2 ("interrupted").
func TestSignalEndsTheBrowser(t *testing.T) {
	never, _ := filepath.Abs("testdata/never.mjs")
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			c := proctest.Start(t, bin, "-shim", shimDir, "-timeout", "5m", never)
			c.WaitFor(t, "lib/chromium/chromium", time.Minute)
			time.Sleep(time.Second) // the file running
			c.Process.Signal(sig)
			st := c.Exit(t, 30*time.Second)
			if st.ExitCode() != 2 || !strings.Contains(c.Output(), "interrupted") {
				t.Errorf("wxrun ended with %v after %v:\n%s", st, sig, c.Output())
			}
			c.NoLeftovers(t)
		})
	}
}
