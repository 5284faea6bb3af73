//go:build !js && !windows

package browsers

import (
	"os/exec"
	"syscall"
	"time"
)

// ownGroup puts cmd in a process group of its own, whose id is its pid, so
// that every process a browser forks (content processes, the network
// process) can be ended by that id.
func ownGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// endGroup asks cmd to stop, then the rest of its process group, then
// kills what is left, and waits for cmd itself to be reaped. cmd goes
// first: a browser that ends its own children removes what it keeps in
// TMPDIR (Chromium's singleton directory, Firefox's), one whose children
// went at the same time does not always.
func endGroup(cmd *exec.Cmd, exited <-chan struct{}) {
	pgid := cmd.Process.Pid
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(3 * time.Second):
	}
	syscall.Kill(-pgid, syscall.SIGTERM)
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		if syscall.Kill(-pgid, 0) != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
	<-exited
}

// raise ends this process by sig, as if the handler had not been there.
func raise(sig syscall.Signal) { syscall.Kill(syscall.Getpid(), sig) }
