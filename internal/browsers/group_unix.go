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

// killGroup ends cmd's process group at once.
func killGroup(cmd *exec.Cmd) error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }

// endGroup asks cmd's process group to stop, then kills what is left, and
// waits for cmd itself to be reaped.
func endGroup(cmd *exec.Cmd, exited <-chan struct{}) {
	pgid := cmd.Process.Pid
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
