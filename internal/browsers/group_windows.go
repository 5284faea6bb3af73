//go:build windows

package browsers

import (
	"os"
	"os/exec"
	"syscall"
)

// Windows has no process groups to signal: the browser's own process is
// ended, and its children with it (Chromium ends its helpers when the
// browser process goes). This package's suite runs on Linux; these let
// wxrun, which uses Find and the flags, build for Windows.

func ownGroup(cmd *exec.Cmd) {}

// endGroup ends cmd and waits for it to be reaped.
func endGroup(cmd *exec.Cmd, exited <-chan struct{}) {
	cmd.Process.Kill()
	<-exited
}

// raise ends this process: Windows cannot send itself a signal.
func raise(sig syscall.Signal) { os.Exit(1) }
