//go:build !js

// Package proctest runs a command that starts browsers as a person's shell
// runs it, with a mark in its environment and a TMPDIR of its own, and
// finds what it left behind: every process that carries the mark (a
// browser inherits its starter's environment, and so does each process
// the browser starts), every file in the TMPDIR. Tests of the commands'
// exits use it (cmd/wxrun's tests do the same with their own copy).
package proctest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Cmd is a running command with its mark.
type Cmd struct {
	*exec.Cmd
	Mark string
	Tmp  string
	out  syncBuffer // stdout and stderr
	done chan struct{}
}

// Output is what the command has written so far, stdout and stderr.
func (c *Cmd) Output() string { return c.out.String() }

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Start runs bin with args, marked, with a TMPDIR of its own. The test's
// end kills whatever it left (after the test has looked: see NoLeftovers).
func Start(t *testing.T, bin string, args ...string) *Cmd {
	t.Helper()
	return StartEnv(t, nil, bin, args...)
}

// StartEnv is Start with env added to the command's environment.
func StartEnv(t *testing.T, env []string, bin string, args ...string) *Cmd {
	t.Helper()
	// Short: Chromium's singleton socket goes under TMPDIR, and a unix
	// socket's path has room for 107 bytes.
	tmp, err := os.MkdirTemp("", "pt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	c := &Cmd{Cmd: exec.Command(bin, args...), Tmp: tmp, done: make(chan struct{}),
		Mark: "proctest-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)}
	c.Env = append(append(os.Environ(), env...), "TMPDIR="+tmp, "WXRUN_TEST_MARK="+c.Mark)
	c.Stdout, c.Stderr = &c.out, &c.out
	if err := c.Cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.Cmd.Wait(); close(c.done) }()
	t.Cleanup(func() {
		c.Process.Kill()
		<-c.done
		for _, p := range Marked(c.Mark) {
			if pid, err := strconv.Atoi(strings.Fields(p)[0]); err == nil {
				syscall.Kill(pid, syscall.SIGKILL) // started by this test
			}
		}
	})
	return c
}

// WaitFor waits up to limit for a marked process other than the command
// whose command line contains name (a browser it started), and fails the
// test if none comes.
func (c *Cmd) WaitFor(t *testing.T, name string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		for _, p := range Marked(c.Mark) {
			if !strings.HasPrefix(p, strconv.Itoa(c.Process.Pid)+" ") && strings.Contains(p, name) {
				return
			}
		}
		select {
		case <-c.done:
			t.Fatalf("the command ended before any %s ran:\n%s", name, c.Output())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s ran within %v:\n%s", name, limit, c.Output())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Exit waits up to limit for the command to end and returns how it ended.
func (c *Cmd) Exit(t *testing.T, limit time.Duration) *os.ProcessState {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	select {
	case <-c.done:
		return c.ProcessState
	case <-ctx.Done():
		t.Fatalf("the command did not end within %v:\n%s", limit, c.Output())
		return nil
	}
}

// NoLeftovers waits a little for the command's processes to go (children
// end just after their parent), then fails the test for any process that
// carries the mark and for anything left in the TMPDIR but names that
// start with one of except.
func (c *Cmd) NoLeftovers(t *testing.T, except ...string) {
	t.Helper()
	var procs, files []string
	for deadline := time.Now().Add(10 * time.Second); ; {
		procs = Marked(c.Mark)
		entries, _ := os.ReadDir(c.Tmp)
		files = files[:0]
	entry:
		for _, e := range entries {
			for _, x := range except {
				if strings.HasPrefix(e.Name(), x) {
					continue entry
				}
			}
			files = append(files, e.Name())
		}
		if len(procs) == 0 && len(files) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(procs) > 0 {
		t.Errorf("processes left behind:\n%s", strings.Join(procs, "\n"))
	}
	if len(files) > 0 {
		t.Errorf("left in TMPDIR: %v", files)
	}
}

// Marked lists "pid cmdline" of every process whose environment has mark.
func Marked(mark string) []string {
	var out []string
	want := []byte("WXRUN_TEST_MARK=" + mark + "\x00")
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		env, err := os.ReadFile(filepath.Join(d, "environ"))
		if err != nil || !bytes.Contains(env, want) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join(d, "cmdline"))
		out = append(out, filepath.Base(d)+" "+strings.ReplaceAll(string(cmdline), "\x00", " "))
	}
	return out
}
